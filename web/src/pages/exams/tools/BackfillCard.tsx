import { Alert, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalculator, IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BackfillResult } from '../../../api/types';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { proctoringApi } from '../../results/proctoring/api';
import classes from './ToolsPage.module.css';

const attempts = (n: number) => `${n.toLocaleString()} completed ${n === 1 ? 'attempt' : 'attempts'}`;

/** "Checked 65 completed attempts, 3 changed." */
export function backfillSummary(r: BackfillResult): string {
  return `Checked ${attempts(r.checked)}, ${r.changed.toLocaleString()} changed.`;
}

/** Recompute every stored integrity and risk score with the current formula. */
export function BackfillCard() {
  const qc = useQueryClient();
  const [asking, setAsking] = useState(false);
  const run = useMutation({
    mutationFn: proctoringApi.backfill,
    onSuccess: (result) => {
      setAsking(false);
      // Every results view shows these scores.
      void qc.invalidateQueries({ queryKey: ['results'] });
      notifications.show({ color: 'green', title: 'Risk scores recomputed', message: backfillSummary(result) });
    },
  });

  return (
    <Paper p="lg" shadow="xs" className={classes.paper} component="section" aria-labelledby="backfill-heading">
      <Stack gap="sm" h="100%">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" color="orange" size={40} radius="md">
            <IconCalculator size={22} aria-hidden />
          </ThemeIcon>
          <Title order={2} fz="md" id="backfill-heading">
            Backfill Risk Scores
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          Recompute the integrity and risk of every completed attempt with the current scoring formula. Safe to run
          again: scores that are already current stay as they are.
        </Text>
        {run.data && (
          <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} p="xs" role="status">
            <Text size="sm">{backfillSummary(run.data)}</Text>
          </Alert>
        )}
        <Group mt="auto">
          <Button
            variant="light"
            color="orange"
            size="xs"
            onClick={() => {
              run.reset();
              setAsking(true);
            }}
            loading={run.isPending}
          >
            Recompute scores…
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={asking}
        title="Backfill risk scores"
        confirmLabel="Recompute"
        confirmColor="orange"
        onConfirm={() => run.mutate()}
        onClose={() => setAsking(false)}
        loading={run.isPending}
        error={run.error}
      >
        Recompute the stored integrity and risk scores of every completed attempt in this organization with the current
        formula? Verdicts and your decisions on flags are kept; only the figures they produce may change.
      </ConfirmModal>
    </Paper>
  );
}
