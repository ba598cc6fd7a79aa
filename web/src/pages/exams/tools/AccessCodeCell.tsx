import { Box, Button, Group, Skeleton, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { examsApi } from '../api';
import { CopyText } from '../common/CopyText';
import { examKeys, useExam, useExamChanged } from '../queries';
import type { Exam, ExamSummary } from '../types';

type Confirming = 'regenerate' | 'remove' | null;

/** The code cell and the action cell of one exam's row. */
export function AccessCodeCell({ exam }: { exam: ExamSummary }) {
  const qc = useQueryClient();
  const changed = useExamChanged();
  // The list says whether there is a code; the code itself comes with the exam.
  const detail = useExam(exam.id, exam.has_access_code);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const code = exam.has_access_code ? detail.data?.access_code : '';

  const regenerate = useMutation({
    mutationFn: () => examsApi.regenerateCode(exam.id),
    onSuccess: ({ access_code }) => {
      qc.setQueryData<Exam>(examKeys.detail(exam.id), (old) => (old ? { ...old, access_code, has_access_code: true } : old));
      changed();
      setConfirming(null);
      notifications.show({ color: 'green', message: `New code for “${exam.title}”: ${access_code}` });
    },
    onError: (err) => {
      if (!confirming) notifications.show({ color: 'red', title: 'Could not make a code', message: errorMessage(err) });
    },
  });
  const remove = useMutation({
    mutationFn: () => examsApi.update(exam.id, { access_code: '' }),
    onSuccess: (result) => {
      changed(result);
      setConfirming(null);
      notifications.show({ color: 'green', message: `“${exam.title}” no longer asks for a code.` });
    },
  });
  const open = (what: Confirming) => {
    regenerate.reset();
    remove.reset();
    setConfirming(what);
  };

  const actions = (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      <Button
        size="xs"
        variant="light"
        loading={regenerate.isPending && !confirming}
        onClick={() => (exam.has_access_code ? open('regenerate') : regenerate.mutate())}
        aria-label={`${exam.has_access_code ? 'Regenerate' : 'Generate'} the access code of ${exam.title}`}
      >
        {exam.has_access_code ? 'Regenerate' : 'Generate'}
      </Button>
      {exam.has_access_code && (
        <Button size="xs" variant="subtle" color="red" onClick={() => open('remove')} aria-label={`Remove the access code of ${exam.title}`}>
          Remove
        </Button>
      )}
    </Group>
  );

  return (
    <>
      <Table.Td>
        {exam.has_access_code && detail.isPending ? (
          <Skeleton height={18} width={90} />
        ) : detail.isError ? (
          <Text size="sm" c="red">
            Could not load
          </Text>
        ) : code ? (
          <Group gap={4} wrap="nowrap">
            <Text ff="monospace" fw={600} size="sm" style={{ letterSpacing: 1 }}>
              {code}
            </Text>
            <CopyText value={code} label={`Copy the access code of ${exam.title}`} />
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            No code
          </Text>
        )}
        {/* On phones the actions sit under the code instead of in a column of their own. */}
        <Box hiddenFrom="sm" mt={6}>
          {actions}
        </Box>
        <ConfirmModal
          opened={confirming === 'regenerate'}
          title="Regenerate access code"
          confirmLabel="Regenerate"
          onConfirm={() => regenerate.mutate()}
          onClose={() => setConfirming(null)}
          loading={regenerate.isPending}
          error={regenerate.error}
        >
          {`“${exam.title}” gets a new code at once; the old code${code ? ` ${code}` : ''} stops working.`}
        </ConfirmModal>
        <ConfirmModal
          opened={confirming === 'remove'}
          title="Remove access code"
          confirmLabel="Remove code"
          onConfirm={() => remove.mutate()}
          onClose={() => setConfirming(null)}
          loading={remove.isPending}
          error={remove.error}
        >
          {`Anyone with the link to “${exam.title}” will be able to start it, within its window and groups.`}
        </ConfirmModal>
      </Table.Td>
      <Table.Td visibleFrom="sm">{actions}</Table.Td>
    </>
  );
}
