import { Badge, Center, Group, Image, Paper, Progress, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconPhotoOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { LiveTriage, ProctorMedia } from '../../../api/types';
import { calibrationLook, formatDuration } from '../format';
import { mediaUrl } from '../proctoring/api';
import { Sparkline } from './Sparkline';
import { useNow } from './useNow';

function Tile({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700} mb={4}>
        {label}
      </Text>
      {children}
    </Paper>
  );
}

interface PhotoProps {
  attemptId: string;
  mediaId: string | null | undefined;
  label: string;
  /** What the empty box says. */
  none: string;
  height: number;
  media: Map<string, ProctorMedia>;
  onOpen: (m: ProctorMedia) => void;
}

/** A snapshot (click to enlarge when its details are known), or a grey "none" box. */
export function Photo({ attemptId, mediaId, label, none, height, media, onOpen }: PhotoProps) {
  if (!mediaId) {
    return (
      <Center h={height} bg="var(--mantine-color-gray-1)" style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
        <Stack gap={2} align="center">
          <IconPhotoOff size={20} color="var(--mantine-color-gray-5)" aria-hidden />
          <Text size="xs" c="dimmed" ta="center" px={4}>
            {none}
          </Text>
        </Stack>
      </Center>
    );
  }
  const img = <Image src={mediaUrl(attemptId, mediaId)} alt={label} h={height} radius="sm" fit="cover" />;
  const known = media.get(mediaId);
  return known ? (
    <UnstyledButton onClick={() => onOpen(known)} aria-label={`Enlarge the ${label.toLowerCase()}`} display="block">
      {img}
    </UnstyledButton>
  ) : (
    img
  );
}

/** Seconds left, counting down between refreshes while the clock runs. */
function TimeLeft({ triage, fetchedAt }: { triage: LiveTriage; fetchedAt: number }) {
  const now = useNow(1000);
  const status = triage.row.status;
  if (status === 'paused') return <Badge color="yellow" variant="light" size="lg">Paused</Badge>;
  if (status !== 'in_progress') return <Text fw={600}>Finished</Text>;
  const left = Math.max(0, triage.remaining_seconds - Math.floor((now.getTime() - fetchedAt) / 1000));
  return (
    <Text fw={600} c={left < 300 ? 'red.7' : undefined}>
      {formatDuration(left)} left
    </Text>
  );
}

const MATCH: Record<string, { label: string; color: string }> = {
  true: { label: 'Match: yes', color: 'green' },
  false: { label: 'Match: no', color: 'red' },
  null: { label: 'Match: unknown', color: 'gray' },
};

interface Props {
  triage: LiveTriage;
  fetchedAt: number;
  media: Map<string, ProctorMedia>;
  onOpenMedia: (m: ProctorMedia) => void;
}

/** The latest snapshots, the risk line, progress, time left, calibration and identity. */
export function TriageOverview({ triage, fetchedAt, media, onOpenMedia }: Props) {
  const id = triage.row.attempt_id;
  const cal = calibrationLook(triage.row.cal_status);
  const match = MATCH[String(triage.identity.match)]!;
  const pct = triage.total ? (triage.answered / triage.total) * 100 : 0;
  return (
    <Stack gap="md">
      <section aria-label="Latest snapshots">
        <SimpleGrid cols={3} spacing="xs">
          {(['webcam', 'screen', 'room'] as const).map((kind) => (
            <Stack key={kind} gap={2}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                {kind === 'webcam' ? 'Webcam' : kind === 'screen' ? 'Screen' : 'Room'}
              </Text>
              <Photo attemptId={id} mediaId={triage.latest[kind]} label={`${kind} snapshot`} none={`No ${kind} snapshot`} height={96} media={media} onOpen={onOpenMedia} />
            </Stack>
          ))}
        </SimpleGrid>
      </section>
      <Tile label="Live risk">
        <Sparkline series={triage.risk_series} />
      </Tile>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <Tile label="Answers">
          <Text fw={600} mb={6}>
            {triage.answered} of {triage.total} answered
          </Text>
          <Progress value={pct} size="sm" aria-label={`${triage.answered} of ${triage.total} questions answered`} />
        </Tile>
        <Tile label="Time left">
          <TimeLeft triage={triage} fetchedAt={fetchedAt} />
        </Tile>
        <Tile label="Calibration">
          <Badge variant="dot" color={cal.color}>
            {cal.label}
          </Badge>
          {triage.cal_reason && (
            <Text size="xs" mt={4}>
              {triage.cal_reason}
            </Text>
          )}
        </Tile>
        <Tile label="Identity">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Stack gap={4} style={{ flex: 1 }}>
              <SimpleGrid cols={2} spacing={4}>
                <Photo attemptId={id} mediaId={triage.identity.id_document_id} label="ID photo" none="No ID photo" height={52} media={media} onOpen={onOpenMedia} />
                <Photo attemptId={id} mediaId={triage.identity.selfie_id} label="Selfie" none="No selfie" height={52} media={media} onOpen={onOpenMedia} />
              </SimpleGrid>
              <Badge variant="light" color={match.color} size="sm">
                {match.label}
              </Badge>
            </Stack>
          </Group>
        </Tile>
      </SimpleGrid>
    </Stack>
  );
}
