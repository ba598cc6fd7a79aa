import { Badge, Group, Image, Stack, Text, Timeline, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconNote, IconPlayerPause, IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import type { ProctorAction, ProctorFlag, ProctorMedia } from '../../../api/types';
import { formatDateTime } from '../../../lib/format';
import { formatClock, formatDuration, severityLook, sourceLabel } from '../format';
import { mediaUrl } from '../proctoring/api';
import { utcTime } from './liveData';

interface FlagProps {
  attemptId: string;
  flags: ProctorFlag[] | undefined;
  media: Map<string, ProctorMedia>;
  onOpenMedia: (m: ProctorMedia) => void;
}

/** The attempt's flags, newest first: label, severity, time, duration, evidence. */
export function FlagTimeline({ attemptId, flags, media, onOpenMedia }: FlagProps) {
  if (!flags) return <Text size="sm" c="dimmed">Loading flags…</Text>;
  if (flags.length === 0) return <Text size="sm" c="dimmed">No flags so far.</Text>;
  const sorted = [...flags].sort((a, b) => utcTime(b.started_at) - utcTime(a.started_at));
  return (
    <Timeline bulletSize={14} lineWidth={2} aria-label="Flags">
      {sorted.map((f) => {
        const sev = severityLook(f.severity);
        const instant = f.duration_seconds < 1 && !f.open;
        return (
          <Timeline.Item key={f.id} color={sev.color} title={
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>{f.label}</Text>
              <Badge size="xs" variant="light" color={sev.color}>{sev.label}</Badge>
              {f.decision !== 'undecided' && <Badge size="xs" variant="outline" color="gray">{f.decision}</Badge>}
            </Group>
          }>
            <Text size="xs" c="dimmed" title={formatDateTime(f.started_at)}>
              {formatClock(f.started_at)} · {instant ? 'instant' : f.open ? `ongoing, ${formatDuration(f.duration_seconds)} so far` : formatDuration(f.duration_seconds)} · {sourceLabel(f.source)}
            </Text>
            {f.snapshots.length > 0 && (
              <Group gap={4} mt={4}>
                {f.snapshots.slice(0, 6).map((id) => {
                  const m = media.get(id);
                  const img = <Image src={mediaUrl(attemptId, id)} alt="" w={64} h={40} radius="xs" fit="cover" />;
                  return m ? (
                    <UnstyledButton key={id} onClick={() => onOpenMedia(m)} aria-label={`Enlarge the evidence of ${formatClock(m.taken_at)}`}>
                      {img}
                    </UnstyledButton>
                  ) : (
                    <span key={id}>{img}</span>
                  );
                })}
              </Group>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

const ACTION_LOOK: Record<ProctorAction['action'], { verb: string; color: string; Icon: typeof IconNote }> = {
  warn: { verb: 'warned', color: 'orange', Icon: IconAlertTriangle },
  pause: { verb: 'paused the exam', color: 'yellow', Icon: IconPlayerPause },
  resume: { verb: 'resumed the exam', color: 'blue', Icon: IconPlayerPlay },
  end: { verb: 'ended the attempt', color: 'red', Icon: IconPlayerStop },
  note: { verb: 'added a note', color: 'gray', Icon: IconNote },
};

/** What proctors did to this attempt, newest first: who, what, when, acknowledged. */
export function ActionTimeline({ actions }: { actions: ProctorAction[] }) {
  if (actions.length === 0) return <Text size="sm" c="dimmed">No proctor actions yet.</Text>;
  const sorted = [...actions].sort((a, b) => utcTime(b.at) - utcTime(a.at));
  return (
    <Timeline bulletSize={22} lineWidth={2} aria-label="Proctor actions">
      {sorted.map((a) => {
        const look = ACTION_LOOK[a.action] ?? ACTION_LOOK.note;
        return (
          <Timeline.Item key={a.id} color={look.color} bullet={<look.Icon size={12} />} title={
            <Text size="sm"><Text span fw={600}>{a.actor_name}</Text> {look.verb}</Text>
          }>
            {a.message && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>“{a.message}”</Text>}
            <Stack gap={0}>
              <Text size="xs" c="dimmed" title={formatDateTime(a.at)}>{formatClock(a.at)}</Text>
              {a.action === 'warn' && (
                <Text size="xs" c={a.acknowledged_at ? 'green.7' : 'orange.7'}>
                  {a.acknowledged_at ? `Acknowledged ${formatClock(a.acknowledged_at)}` : 'Not acknowledged yet'}
                </Text>
              )}
            </Stack>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
