import { Alert, Badge, Box, Button, Divider, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../api/client';
import type { StudentResult, StudentResultFlag } from '../../api/types';
import { formatTime, formatWhen } from '../time';
import { AppealForm, AppealStatus } from './AppealPanel';
import { EvidenceImage } from './EvidenceImage';
import { decisionLook, formatPoints, formatSeconds, reviewLook } from './labels';
import { NOT_RELEASED, resultApi, resultKeys } from './resultApi';

interface Props {
  attemptId: string;
  token: string;
}

const QUOTE = {
  borderLeft: '4px solid var(--mantine-color-gray-4)',
  borderRadius: 'var(--mantine-radius-sm)',
  whiteSpace: 'pre-line',
} as const;

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Box>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        {label}
      </Text>
      <Text fz={24} fw={700} lh={1.3}>
        {value}
      </Text>
      {detail && (
        <Text size="sm" c="dimmed">
          {detail}
        </Text>
      )}
    </Box>
  );
}

function Figures({ result }: { result: StudentResult }) {
  const scored = result.score !== null && result.max_score !== null;
  const percent = scored && result.max_score! > 0 ? Math.round((result.score! / result.max_score!) * 1000) / 10 : null;
  return (
    <Group gap="xl" align="flex-start">
      <Figure
        label="Score"
        value={scored ? `${formatPoints(result.score!)} / ${formatPoints(result.max_score!)}` : 'Not graded yet'}
        detail={percent !== null ? `${percent}%` : undefined}
      />
      {result.integrity !== null && <Figure label="Integrity" value={`${Math.round(result.integrity)} / 100`} />}
    </Group>
  );
}

function ReviewOutcome({ result }: { result: StudentResult }) {
  const { review } = result;
  const look = reviewLook(review.status);
  return (
    <Stack gap="xs" component="section" aria-labelledby="review-heading">
      <Group gap="sm">
        <Title order={3} fz="md" id="review-heading">
          Review
        </Title>
        <Badge variant="light" color={look.color}>
          {look.label}
        </Badge>
      </Group>
      <Text size="sm">{look.text}</Text>
      {review.comment && (
        <Box px="md" py="sm" bg="gray.0" style={QUOTE}>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
            Your teacher wrote
          </Text>
          <Text size="sm">{review.comment}</Text>
        </Box>
      )}
      {review.status !== 'pending' && (review.by || review.at) && (
        <Text size="xs" c="dimmed">
          Reviewed{review.by ? ` by ${review.by}` : ''}
          {review.at ? ` on ${formatWhen(review.at)}` : ''}
        </Text>
      )}
    </Stack>
  );
}

function FlagItem({ flag, index, attemptId, token }: { flag: StudentResultFlag; index: number; attemptId: string; token: string }) {
  const look = decisionLook(flag.decision);
  const at = formatTime(flag.started_at);
  return (
    <Paper withBorder p="sm" component="li" aria-label={`${flag.label} at ${at}`}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" align="flex-start">
          <Box>
            <Text fw={600}>{flag.label}</Text>
            <Text size="sm" c="dimmed">
              {at}
              {flag.duration_seconds > 0 ? ` · for ${formatSeconds(flag.duration_seconds)}` : ''}
            </Text>
          </Box>
          <Badge variant="light" color={look.color}>
            {look.label}
          </Badge>
        </Group>
        {flag.comment && (
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            <Text span fw={600}>
              Your teacher's note:{' '}
            </Text>
            {flag.comment}
          </Text>
        )}
        {flag.snapshots.length > 0 && (
          <Group gap="xs">
            {flag.snapshots.map((id, i) => (
              <EvidenceImage
                key={id}
                attemptId={attemptId}
                token={token}
                mediaId={id}
                alt={`Evidence ${i + 1} for ${flag.label} (flag ${index + 1})`}
              />
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function Flags({ result, attemptId, token }: { result: StudentResult } & Props) {
  return (
    <Stack gap="xs" component="section" aria-labelledby="flags-heading">
      <Title order={3} fz="md" id="flags-heading">
        Flags
      </Title>
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} p="xs">
        <Text size="sm">
          A flag is not an accusation; your teacher {result.review.status === 'pending' ? 'reviews' : 'reviewed'} each one. Flags
          mark moments the proctoring software noticed, such as leaving the exam tab or looking away.
        </Text>
      </Alert>
      {result.flags.length === 0 ? (
        <Text size="sm">No flags count against this attempt.</Text>
      ) : (
        <Stack gap="xs" component="ul" aria-label="Flags" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {result.flags.map((flag, i) => (
            <FlagItem key={`${flag.type}-${flag.started_at}-${i}`} flag={flag} index={i} attemptId={attemptId} token={token} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** "Your result" on the submitted page: once the teacher releases it, the score, review, flags and appeal. */
export function StudentResultSection({ attemptId, token }: Props) {
  const result = useQuery({
    queryKey: resultKeys.result(attemptId),
    queryFn: ({ signal }) => resultApi.result(attemptId, token, signal),
  });
  const checkAgain = (
    <Button
      variant="light"
      size="sm"
      leftSection={<IconRefresh size={16} aria-hidden />}
      loading={result.isFetching}
      onClick={() => void result.refetch()}
    >
      Check again
    </Button>
  );

  let body;
  if (result.isPending) {
    body = (
      <Stack gap="sm" role="status" aria-label="Loading your result">
        <Skeleton height={48} />
        <Skeleton height={96} />
      </Stack>
    );
  } else if (result.isError) {
    body = (
      <Stack gap="sm" align="flex-start">
        <Text>
          {isApiError(result.error, NOT_RELEASED)
            ? 'Your teacher has not released the results yet. Check back later.'
            : 'Your result could not be loaded right now. Please try again in a moment.'}
        </Text>
        {checkAgain}
      </Stack>
    );
  } else {
    const r = result.data;
    body = (
      <Stack gap="lg">
        <Figures result={r} />
        <Divider />
        <ReviewOutcome result={r} />
        <Divider />
        <Flags result={r} attemptId={attemptId} token={token} />
        {(r.appeal || r.can_appeal) && <Divider />}
        {r.appeal ? <AppealStatus appeal={r.appeal} /> : r.can_appeal ? <AppealForm attemptId={attemptId} token={token} /> : null}
      </Stack>
    );
  }

  return (
    <Paper p={{ base: 'lg', sm: 'xl' }} shadow="sm" component="section" aria-labelledby="result-heading">
      <Stack gap="md">
        <Title order={2} fz={22} id="result-heading">
          Your result
        </Title>
        {body}
      </Stack>
    </Paper>
  );
}
