import { Paper, SimpleGrid, Skeleton, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatPercent } from './format';
import type { ResultsSummary } from './types';

function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <Paper p="md" shadow="xs">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={26} fw={650} lh={1.3}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

interface Props {
  summary: ResultsSummary | undefined;
  isLoading: boolean;
  error: unknown;
}

/** The numbers above an exam's Results table. */
export function SummaryStats({ summary, isLoading, error }: Props) {
  if (error) return <ErrorAlert error={error} title="Could not load the summary" />;
  if (isLoading || !summary) {
    return (
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} aria-hidden>
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} height={92} radius="md" />
        ))}
      </SimpleGrid>
    );
  }
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }}>
      <Stat label="Submitted" value={summary.submitted} hint={`of ${summary.attempts} started`} />
      <Stat label="Average score" value={formatPercent(summary.average_score_percent)} hint="of submitted attempts" />
      <Stat label="In progress" value={summary.in_progress} hint="writing or paused" />
      <Stat label="Needs grading" value={summary.needs_grading} hint="essays to mark" />
      <Stat label="Failed" value={summary.failed} hint="submission failed" />
    </SimpleGrid>
  );
}
