import {
  Badge,
  Button,
  Checkbox,
  Group,
  Image,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconX } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import type { FlagDecision, ProctorFlag, ProctorMedia } from '../../../api/types';
import { EmptyRow, PHONE_QUERY } from '../../../components/TableStates';
import { formatDateTime } from '../../../lib/format';
import { formatClock, formatDuration, severityLook, sourceLabel } from '../format';
import { mediaUrl } from './api';

const SUGGESTION: Record<ProctorFlag['suggestion'], { label: string; hint: string }> = {
  confirm: { label: 'Likely real', hint: 'High confidence: the engine suggests confirming it.' },
  dismiss: { label: 'Likely noise', hint: 'Low confidence: the engine suggests dismissing it.' },
  review: { label: 'Review', hint: 'Middling confidence: the engine leaves it to you.' },
};

const FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'undecided', label: 'Undecided' },
  { value: 'confirmed', label: 'Confirmed' },
  { value: 'dismissed', label: 'Dismissed' },
];

interface Props {
  attemptId: string;
  flags: ProctorFlag[];
  media: Map<string, ProctorMedia>;
  onDecide: (flag: ProctorFlag, decision: FlagDecision) => void;
  onDecideMany: (flagIds: string[], decision: FlagDecision) => void;
  /** The flag whose decision is being saved, while it is. */
  pendingFlagId: string | null;
  bulkPending: boolean;
  onOpenMedia: (media: ProctorMedia) => void;
}

/** A decided flag: Confirmed or Dismissed, and by whom. */
export function DecisionBadge({ flag }: { flag: ProctorFlag }) {
  const confirmed = flag.decision === 'confirmed';
  return (
    <Stack gap={0}>
      <Badge color={confirmed ? 'red' : 'gray'} variant="light">
        {confirmed ? 'Confirmed' : 'Dismissed'}
      </Badge>
      {flag.decided_by && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          by {flag.decided_by}
        </Text>
      )}
    </Stack>
  );
}

function When({ flag }: { flag: ProctorFlag }) {
  const instant = flag.duration_seconds < 1 && !flag.open;
  return (
    <Tooltip label={`${formatDateTime(flag.started_at)} – ${formatDateTime(flag.ended_at)}`} withArrow>
      <Stack gap={0}>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {instant ? formatClock(flag.started_at) : `${formatClock(flag.started_at)} – ${flag.open ? 'now' : formatClock(flag.ended_at)}`}
        </Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {instant ? 'Instant' : flag.open ? `Ongoing · ${formatDuration(flag.duration_seconds)} so far` : formatDuration(flag.duration_seconds)}
        </Text>
      </Stack>
    </Tooltip>
  );
}

function Decision({
  flag,
  onDecide,
  pending,
  disabled,
  phone,
}: {
  phone: boolean;
  flag: ProctorFlag;
  onDecide: (d: FlagDecision) => void;
  pending: boolean;
  disabled: boolean;
}) {
  if (flag.decision === 'undecided') {
    return (
      <Group gap={4} wrap={phone ? 'wrap' : 'nowrap'}>
        <Button
          size="compact-sm"
          color="red"
          variant="light"
          leftSection={<IconCheck size={14} aria-hidden />}
          onClick={() => onDecide('confirmed')}
          disabled={disabled}
          loading={pending}
          aria-label={`Confirm ${flag.label} at ${formatClock(flag.started_at)}`}
        >
          Confirm
        </Button>
        <Button
          size="compact-sm"
          variant="default"
          leftSection={<IconX size={14} aria-hidden />}
          onClick={() => onDecide('dismissed')}
          disabled={disabled || pending}
          aria-label={`Dismiss ${flag.label} at ${formatClock(flag.started_at)}`}
        >
          Dismiss
        </Button>
      </Group>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <DecisionBadge flag={flag} />
      <Button
        size="compact-xs"
        variant="subtle"
        color="gray"
        leftSection={<IconArrowBackUp size={14} aria-hidden />}
        onClick={() => onDecide('undecided')}
        disabled={disabled}
        loading={pending}
        aria-label={`Undo the decision on ${flag.label} at ${formatClock(flag.started_at)}`}
      >
        Undo
      </Button>
    </Group>
  );
}

function Thumbs({ attemptId, ids, media, onOpen }: { attemptId: string; ids: string[]; media: Map<string, ProctorMedia>; onOpen: (m: ProctorMedia) => void }) {
  const shown = ids.map((id) => media.get(id)).filter((m): m is ProctorMedia => !!m && m.kind !== 'audio');
  if (shown.length === 0) return null;
  return (
    <Group gap={6} mt={6} wrap="wrap">
      {shown.slice(0, 4).map((m) => (
        <UnstyledButton key={m.id} onClick={() => onOpen(m)} aria-label={`Enlarge the ${m.kind} snapshot of ${formatClock(m.taken_at)}`}>
          <Image src={mediaUrl(attemptId, m.id)} alt="" w={64} h={40} radius="sm" fit="cover" />
        </UnstyledButton>
      ))}
      {shown.length > 4 && (
        <Text size="xs" c="dimmed">
          +{shown.length - 4} more
        </Text>
      )}
    </Group>
  );
}

/** The attempt's flags, each an episode, with decisions one by one or in bulk. */
export function FlagsTable({ attemptId, flags, media, onDecide, onDecideMany, pendingFlagId, bulkPending, onOpenMedia }: Props) {
  const [filter, setFilter] = useState('all');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const rows = filter === 'all' ? flags : flags.filter((f) => f.decision === filter);
  const ids = rows.map((f) => f.id);
  // Only flags still in view count as selected.
  const selected = ids.filter((id) => picked.has(id));
  const busy = bulkPending || pendingFlagId !== null;
  const phone = useMediaQuery(PHONE_QUERY, false);

  const toggle = (changed: string[], checked: boolean) =>
    setPicked((prev) => {
      const next = new Set(prev);
      for (const id of changed) {
        if (checked) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const bulk = (decision: FlagDecision) => {
    onDecideMany(selected, decision);
    setPicked(new Set());
  };

  return (
    <Stack gap={0}>
      <Group justify="space-between" px={{ base: 'md', sm: 'lg' }} pb="sm" gap="sm">
        <SegmentedControl size="xs" data={FILTERS} value={filter} onChange={setFilter} aria-label="Show flags" />
        <Group gap="xs" role="group" aria-label="Decide the selected flags">
          <Text size="sm" c="dimmed" aria-live="polite">
            {selected.length === 0 ? 'Tick flags to decide several at once' : `${selected.length} selected`}
          </Text>
          <Button size="xs" color="red" variant="light" disabled={selected.length === 0 || busy} loading={bulkPending} onClick={() => bulk('confirmed')}>
            Confirm selected
          </Button>
          <Button size="xs" variant="default" disabled={selected.length === 0 || busy} onClick={() => bulk('dismissed')}>
            Dismiss selected
          </Button>
        </Group>
      </Group>
      <Table.ScrollContainer minWidth={phone ? 0 : 1060}>
        <Table aria-label="Flags" verticalSpacing="sm" horizontalSpacing={phone ? 'xs' : 'md'}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>
                <Checkbox
                  aria-label="Select all flags shown"
                  checked={ids.length > 0 && selected.length === ids.length}
                  indeterminate={selected.length > 0 && selected.length < ids.length}
                  disabled={ids.length === 0}
                  onChange={(e) => toggle(ids, e.currentTarget.checked)}
                />
              </Table.Th>
              <Table.Th>Flag</Table.Th>
              <Table.Th visibleFrom="sm">Severity</Table.Th>
              <Table.Th visibleFrom="sm">When</Table.Th>
              <Table.Th visibleFrom="sm">Events</Table.Th>
              <Table.Th visibleFrom="sm">Confidence</Table.Th>
              <Table.Th visibleFrom="sm">
                <Tooltip label="A suggestion is never a decision." withArrow>
                  <span>Suggestion</span>
                </Tooltip>
              </Table.Th>
              <Table.Th>Decision</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <EmptyRow columns={8}>
                {flags.length === 0 ? 'No flags: nothing suspicious was recorded during this attempt.' : 'No flags with this decision.'}
              </EmptyRow>
            ) : (
              rows.map((f) => {
                const sev = severityLook(f.severity);
                const sug = SUGGESTION[f.suggestion];
                return (
                  <Table.Tr key={f.id} bg={picked.has(f.id) ? 'var(--mantine-color-indigo-light)' : undefined} opacity={f.decision === 'dismissed' ? 0.7 : 1}>
                    <Table.Td>
                      <Checkbox
                        aria-label={`Select ${f.label} at ${formatClock(f.started_at)}`}
                        checked={picked.has(f.id)}
                        onChange={(e) => toggle([f.id], e.currentTarget.checked)}
                      />
                    </Table.Td>
                    <Table.Td miw={phone ? undefined : 170}>
                      <Text size="sm" fw={500}>
                        {f.label}
                      </Text>
                      <Group gap={6}>
                        <Badge size="xs" variant="outline" color="gray">
                          {sourceLabel(f.source)}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          weight {f.weight}
                        </Text>
                      </Group>
                      {/* Phones: the hidden columns, folded in. */}
                      <Text size="xs" c="dimmed" hiddenFrom="sm" mt={2}>
                        {sev.label} · {formatClock(f.started_at)} · {f.duration_seconds >= 1 ? formatDuration(f.duration_seconds) : 'instant'} ·{' '}
                        {Math.round(f.confidence * 100)}% · {sug.label}
                      </Text>
                      <Thumbs attemptId={attemptId} ids={f.snapshots} media={media} onOpen={onOpenMedia} />
                    </Table.Td>
                    <Table.Td visibleFrom="sm">
                      <Badge variant="dot" color={sev.color}>
                        {sev.label}
                      </Badge>
                    </Table.Td>
                    <Table.Td visibleFrom="sm">
                      <When flag={f} />
                    </Table.Td>
                    <Table.Td visibleFrom="sm">{f.event_count}</Table.Td>
                    <Table.Td visibleFrom="sm">{Math.round(f.confidence * 100)}%</Table.Td>
                    <Table.Td visibleFrom="sm">
                      <Tooltip label={`${sug.hint} A suggestion is never a decision.`} withArrow multiline w={240}>
                        <Text size="xs" c="dimmed" fs="italic" style={{ whiteSpace: 'nowrap' }}>
                          {sug.label}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td miw={phone ? 96 : undefined}>
                      <Decision
                        phone={phone}
                        flag={f}
                        onDecide={(d) => onDecide(f, d)}
                        pending={pendingFlagId === f.id}
                        disabled={busy && pendingFlagId !== f.id}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
