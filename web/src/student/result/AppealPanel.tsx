import { Alert, Badge, Box, Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconMessageCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorMessage, isApiError } from '../../api/client';
import type { StudentAppeal, StudentResult } from '../../api/types';
import { formatWhen } from '../time';
import { appealLook } from './labels';
import { APPEAL_EXISTS, APPEAL_MAX_LENGTH, resultApi, resultKeys } from './resultApi';

const QUOTE = {
  borderLeft: '4px solid var(--mantine-color-gray-4)',
  borderRadius: 'var(--mantine-radius-sm)',
  whiteSpace: 'pre-line',
} as const;

/** The appeal the student filed: what they wrote, where it stands and, once decided, the answer. */
export function AppealStatus({ appeal }: { appeal: StudentAppeal }) {
  const look = appealLook(appeal.status);
  const resolved = appeal.status !== 'open';
  return (
    <Stack gap="xs" component="section" aria-labelledby="appeal-heading">
      <Group gap="sm">
        <Title order={3} fz="md" id="appeal-heading">
          Your appeal
        </Title>
        <Badge variant="light" color={look.color}>
          {look.label}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        Sent {formatWhen(appeal.created_at)}
        {resolved && appeal.resolved_at ? ` · answered ${formatWhen(appeal.resolved_at)}` : ''}
      </Text>
      <Box px="md" py="sm" bg="gray.0" style={QUOTE}>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
          What you wrote
        </Text>
        <Text size="sm">{appeal.comment}</Text>
      </Box>
      {resolved ? (
        <Alert color={look.color} variant="light" title={`Outcome: ${look.label}`}>
          <Text size="sm">
            {appeal.status === 'upheld'
              ? 'Your teacher agreed with your appeal: your result is approved and counts as trustworthy.'
              : 'Your teacher looked at your appeal again and kept the result.'}
          </Text>
          {appeal.resolution && (
            <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-line' }}>
              <Text span fw={600}>
                Your teacher wrote:{' '}
              </Text>
              {appeal.resolution}
            </Text>
          )}
        </Alert>
      ) : (
        <Text size="sm">Your teacher will read your appeal and answer here. You do not need to do anything else.</Text>
      )}
    </Stack>
  );
}

interface FormProps {
  attemptId: string;
  token: string;
}

/** One appeal against the released result, with the student's reasons. */
export function AppealForm({ attemptId, token }: FormProps) {
  const qc = useQueryClient();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (text: string) => resultApi.appeal(attemptId, token, text),
    onSuccess: (appeal) => {
      qc.setQueryData<StudentResult>(resultKeys.result(attemptId), (old) => (old ? { ...old, appeal, can_appeal: false } : old));
    },
    onError: (err) => {
      // Appealed already (on another tab, say): show the appeal there is.
      if (isApiError(err, APPEAL_EXISTS)) void qc.invalidateQueries({ queryKey: resultKeys.result(attemptId) });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = comment.trim();
    if (!text) return setError('Tell your teacher why you are appealing');
    if (text.length > APPEAL_MAX_LENGTH) return setError(`Keep it under ${APPEAL_MAX_LENGTH} characters`);
    setError(null);
    send.mutate(text);
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby="appeal-form-heading">
      <Title order={3} fz="md" id="appeal-form-heading">
        Appeal this result
      </Title>
      <Text size="sm" c="dimmed">
        If you think a flag or the review is wrong, explain why. You can appeal once; your teacher will look at it
        again and answer here.
      </Text>
      <form onSubmit={submit} noValidate aria-label="Appeal this result">
        <Stack gap="sm">
          {send.error && (
            <Alert color="red" variant="light" role="alert">
              {isApiError(send.error, APPEAL_EXISTS) ? 'You have already appealed this result.' : errorMessage(send.error)}
            </Alert>
          )}
          <Textarea
            label="Why are you appealing?"
            required
            autosize
            minRows={4}
            maxLength={APPEAL_MAX_LENGTH}
            value={comment}
            onChange={(e) => {
              setComment(e.currentTarget.value);
              if (error) setError(null);
            }}
            error={error}
            description={`${comment.length} / ${APPEAL_MAX_LENGTH} characters`}
          />
          <Group>
            <Button type="submit" loading={send.isPending} leftSection={<IconMessageCircle size={16} aria-hidden />}>
              Send appeal
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
