import { DecisionBadge } from '../results/proctoring/FlagsTable';
import { Badge, Button, Group, Image, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconTrash, IconX } from '@tabler/icons-react';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { FlagDecision, ProctorFlag, ProctorMedia } from '../../api/types';
import { EmptyRow } from '../../components/TableStates';
import { DASH, formatDuration, severityLook, sourceLabel } from '../results/format';
import { mediaUrl } from '../results/proctoring/api';
import classes from './Review.module.css';
import { formatTimecode, secondsSince } from './sync';

const SUGGESTION: Record<ProctorFlag['suggestion'], { label: string; hint: string }> = {
  confirm: { label: 'Confirm', hint: 'High confidence: the engine suggests confirming it.' },
  dismiss: { label: 'Dismiss', hint: 'Low confidence: the engine suggests dismissing it.' },
  review: { label: 'Your call', hint: 'Middling confidence: the engine leaves it to you.' },
};

const SOURCE_COLOR: Record<string, string> = { ai: 'violet', browser: 'blue', proctor: 'orange' };

/** A reviewer's warning added by hand (it has an author). */
export function isManualWarning(f: ProctorFlag): boolean {
  return f.type === 'proctor_warning' && !!f.created_by_id;
}

interface Props {
  flags: ProctorFlag[];
  timelineStart: string;
  media: Map<string, ProctorMedia>;
  attemptId: string;
  /** The signed-in user, whose own warnings may be removed. */
  meId: string | null;
  /** Seek the videos; absent when there are none. */
  onSeek?: (t: number) => void;
  selectedId: string | null;
  onSelect: (flag: ProctorFlag) => void;
  onDecide: (flag: ProctorFlag, decision: FlagDecision) => void;
  pendingFlagId: string | null;
  onRemove: (flag: ProctorFlag) => void;
  onOpenMedia: (media: ProctorMedia) => void;
}

const stop = (handler: () => void) => (e: MouseEvent) => {
  e.stopPropagation();
  handler();
};

/** Every flag of the sitting (AI, browser, proctor) in time order; a row seeks the videos. */
export function SessionLog({
  flags,
  timelineStart,
  media,
  attemptId,
  meId,
  onSeek,
  selectedId,
  onSelect,
  onDecide,
  pendingFlagId,
  onRemove,
  onOpenMedia,
}: Props) {
  const busy = pendingFlagId !== null;
  const open = (f: ProctorFlag) => {
    onSelect(f);
    onSeek?.(secondsSince(timelineStart, f.started_at));
  };
  const onKey = (f: ProctorFlag) => (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(f);
    }
  };

  return (
    <Table.ScrollContainer minWidth={680}>
      <Table aria-label="Session log" verticalSpacing="xs" horizontalSpacing="sm" highlightOnHover={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>Time</Table.Th>
            <Table.Th>Event</Table.Th>
            <Table.Th w={90}>Severity</Table.Th>
            <Table.Th w={70}>
              <Tooltip label="How sure the detector was" withArrow>
                <span>Conf.</span>
              </Tooltip>
            </Table.Th>
            <Table.Th w={90}>
              <Tooltip label="The engine's suggestion. A suggestion is never a decision." withArrow multiline w={220}>
                <span>Suggests</span>
              </Tooltip>
            </Table.Th>
            <Table.Th w={190}>Decision</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {flags.length === 0 ? (
            <EmptyRow columns={6}>Nothing was flagged during this sitting.</EmptyRow>
          ) : (
            flags.map((f) => {
              const at = secondsSince(timelineStart, f.started_at);
              const sev = severityLook(f.severity);
              const sug = SUGGESTION[f.suggestion] ?? SUGGESTION.review;
              const manual = isManualWarning(f);
              const snap = f.snapshots.map((id) => media.get(id)).find((m) => m && m.kind !== 'audio');
              const selected = selectedId === f.id;
              return (
                <Table.Tr
                  key={f.id}
                  className={`${classes.row} ${selected ? classes.current : ''}`}
                  onClick={() => open(f)}
                  onKeyDown={onKey(f)}
                  tabIndex={0}
                  aria-selected={selected}
                  data-flag-id={f.id}
                  style={{ opacity: f.decision === 'dismissed' ? 0.65 : 1 }}
                >
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {formatTimecode(at)}
                    </Text>
                    {f.duration_seconds >= 1 && (
                      <Text size="xs" c="dimmed">
                        {formatDuration(f.duration_seconds)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap" align="flex-start">
                      {snap && (
                        <UnstyledButton
                          onClick={stop(() => onOpenMedia(snap))}
                          aria-label={`Enlarge the snapshot of ${f.label} at ${formatTimecode(at)}`}
                        >
                          <Image src={mediaUrl(attemptId, snap.id)} alt="" w={56} h={36} radius="sm" fit="cover" />
                        </UnstyledButton>
                      )}
                      <Stack gap={2}>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" fw={500}>
                            {f.label}
                          </Text>
                          <Badge size="xs" variant="light" color={SOURCE_COLOR[f.source] ?? 'gray'}>
                            {sourceLabel(f.source)}
                          </Badge>
                        </Group>
                        {f.comment && (
                          <Text size="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                            “{f.comment}”
                          </Text>
                        )}
                        {manual && (
                          <Text size="xs" c="dimmed">
                            Added by {f.created_by_id === meId ? 'you' : (f.created_by ?? 'a former member')}
                          </Text>
                        )}
                      </Stack>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="dot" color={sev.color}>
                      {sev.label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{Math.round(f.confidence * 100)}%</Text>
                  </Table.Td>
                  <Table.Td>
                    {manual ? (
                      <Text size="xs" c="dimmed">
                        {DASH}
                      </Text>
                    ) : (
                      <Tooltip label={sug.hint} withArrow multiline w={220}>
                        <Text size="xs" c="dimmed" fs="italic">
                          {sug.label}
                        </Text>
                      </Tooltip>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Decision
                      flag={f}
                      manual={manual}
                      own={manual && !!meId && f.created_by_id === meId}
                      pending={pendingFlagId === f.id}
                      disabled={busy && pendingFlagId !== f.id}
                      onDecide={(d) => onDecide(f, d)}
                      onRemove={() => onRemove(f)}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface DecisionProps {
  flag: ProctorFlag;
  manual: boolean;
  own: boolean;
  pending: boolean;
  disabled: boolean;
  onDecide: (d: FlagDecision) => void;
  onRemove: () => void;
}

function Decision({ flag, manual, own, pending, disabled, onDecide, onRemove }: DecisionProps) {
  if (manual) {
    return (
      <Group gap={6} wrap="nowrap">
        <Badge color="orange" variant="light">
          Warning
        </Badge>
        {own && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={14} aria-hidden />}
            onClick={stop(onRemove)}
            disabled={disabled}
            aria-label={`Remove warning: ${flag.comment || flag.label}`}
          >
            Remove
          </Button>
        )}
      </Group>
    );
  }
  if (flag.decision === 'undecided') {
    return (
      <Group gap={4} wrap="nowrap">
        <Button
          size="compact-xs"
          color="red"
          variant="light"
          leftSection={<IconCheck size={14} aria-hidden />}
          onClick={stop(() => onDecide('confirmed'))}
          loading={pending}
          disabled={disabled}
          aria-label={`Confirm ${flag.label}`}
        >
          Confirm
        </Button>
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<IconX size={14} aria-hidden />}
          onClick={stop(() => onDecide('dismissed'))}
          disabled={disabled || pending}
          aria-label={`Dismiss ${flag.label}`}
        >
          Dismiss
        </Button>
      </Group>
    );
  }
  return (
    <Group gap={4} wrap="nowrap">
      <DecisionBadge flag={flag} />
      <Button
        size="compact-xs"
        variant="subtle"
        color="gray"
        leftSection={<IconArrowBackUp size={14} aria-hidden />}
        onClick={stop(() => onDecide('undecided'))}
        loading={pending}
        disabled={disabled}
        aria-label={`Undo the decision on ${flag.label}`}
      >
        Undo
      </Button>
    </Group>
  );
}
