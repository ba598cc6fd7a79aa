import { Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ProctorMedia, Verdict } from '../../../api/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { CARD_PX } from '../../../components/Page';
import { proctoringApi, proctoringKeys } from './api';
import { ConsentCard, IdentityCard, MediaStrip } from './Evidence';
import { FlagsTable } from './FlagsTable';
import { ScoresCard } from './ScoresCard';
import { SnapshotModal } from './SnapshotModal';
import { useProctoringActions } from './useProctoringActions';

export function useProctoring(attemptId: string) {
  return useQuery({ queryKey: proctoringKeys.record(attemptId), queryFn: () => proctoringApi.record(attemptId) });
}

/** The teacher's proctoring review of one attempt: scores and verdict, flags, evidence. */
export function ProctoringPanel({ attemptId }: { attemptId: string }) {
  const record = useProctoring(attemptId);
  const actions = useProctoringActions(attemptId);
  const [open, setOpen] = useState<ProctorMedia | null>(null);

  if (record.error) return <ErrorAlert error={record.error} title="Could not load the proctoring record" />;
  if (!record.data) {
    return (
      <Stack aria-busy aria-label="Loading the proctoring record">
        <Skeleton height={150} radius="md" />
        <Skeleton height={260} radius="md" />
      </Stack>
    );
  }
  const p = record.data;
  const media = new Map(p.media.map((m) => [m.id, m]));
  const undecided = p.flags.filter((f) => f.decision === 'undecided').length;
  const pendingVerdict = actions.verdict.isPending ? (actions.verdict.variables as Verdict) : null;
  const pendingFlagId = actions.decide.isPending ? actions.decide.variables.flagId : null;

  return (
    <Stack gap="lg">
      <ScoresCard scores={p.scores} onVerdict={(v) => actions.verdict.mutate(v)} pending={pendingVerdict} />
      <Paper component="section" shadow="xs" p={0} aria-labelledby="flags-heading">
        <Stack gap={2} px={CARD_PX} pt="md" pb="sm">
          <Title order={3} fz="md" id="flags-heading">
            Flags ({p.flags.length})
          </Title>
          <Text size="sm" c="dimmed">
            {p.flags.length === 0
              ? 'Nothing was flagged.'
              : `${undecided === 0 ? 'All decided' : `${undecided} undecided`}. Undecided flags count half; confirmed count in full, dismissed not at all. The suggestion is a hint from the confidence: a suggestion is never a decision.`}
          </Text>
        </Stack>
        <FlagsTable
          attemptId={attemptId}
          flags={p.flags}
          media={media}
          onDecide={(flag, decision) => actions.decide.mutate({ flagId: flag.id, decision })}
          onDecideMany={(flagIds, decision) => actions.decideMany.mutate({ flagIds, decision })}
          pendingFlagId={pendingFlagId}
          bulkPending={actions.decideMany.isPending}
          onOpenMedia={setOpen}
        />
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <IdentityCard record={p} media={media} onOpen={setOpen} />
        <ConsentCard record={p} />
      </SimpleGrid>
      <MediaStrip record={p} onOpen={setOpen} />
      <SnapshotModal attemptId={attemptId} media={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
