import { Anchor, Badge, Group, Stack, Table, Text, Tooltip, VisuallyHidden, type MantineBreakpoint } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconMessage } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { LiveSession } from '../../../api/types';
import { EmptyRow, PHONE_QUERY, TableSkeletonRows } from '../../../components/TableStates';
import { formatDateTime } from '../../../lib/format';
import { SortableTh } from '../SortableTh';
import { StatusBadge } from '../StatusBadge';
import { calibrationLook, DASH, formatRelative, severityLook } from '../format';
import { RiskBadge } from '../proctoring/RiskBadge';
import type { SortOrder } from '../types';
import type { WrittenAction } from './ActionModal';
import { ActionsMenu } from './ActionsMenu';
import type { LiveSort } from './liveData';
import type { ActionTarget } from './useLiveActions';

const COLUMNS: { label: string; visibleFrom?: MantineBreakpoint }[] = [
  { label: 'Session' },
  { label: 'Last Event' },
  { label: 'Severity', visibleFrom: 'sm' },
  { label: 'Risk' },
  { label: 'Cal', visibleFrom: 'sm' },
  { label: 'Last Seen', visibleFrom: 'sm' },
  { label: 'Status', visibleFrom: 'sm' },
  { label: 'Actions' },
];

interface Props {
  rows: LiveSession[] | undefined;
  sort: { by: LiveSort; order: SortOrder };
  onSort: (by: LiveSort) => void;
  /** The row whose triage panel is open. */
  selected: string | null;
  onOpen: (row: LiveSession, tab?: 'chat') => void;
  unread: Record<string, number>;
  onAsk: (action: WrittenAction, target: ActionTarget) => void;
  onRun: (action: 'pause' | 'resume', target: ActionTarget) => void;
  pendingFor: string | null;
  empty: ReactNode;
  now: Date;
  /** Who watches the row ("Proctor: …" under the name); absent when nobody is on duty. */
  proctorOf?: (row: LiveSession) => string | null;
}

/** Sessions with their last event, severity, live risk, calibration, last seen, status and actions. */
export function LiveTable({ rows, sort, onSort, selected, onOpen, unread, onAsk, onRun, pendingFor, empty, now, proctorOf }: Props) {
  const phone = useMediaQuery(PHONE_QUERY, false);
  const th = (column: LiveSort, label: string, visibleFrom?: MantineBreakpoint) => (
    <SortableTh column={column} sort={sort.by} order={sort.order} onSort={(c) => onSort(c as LiveSort)} visibleFrom={visibleFrom}>
      {label}
    </SortableTh>
  );
  return (
    <Table.ScrollContainer minWidth={phone ? 0 : 760}>
      <Table aria-label="Live sessions" horizontalSpacing={phone ? 8 : 'md'} highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {th('name', 'Session')}
            {th('last_event', 'Last Event')}
            <Table.Th visibleFrom="sm">Severity</Table.Th>
            {th('risk', 'Risk')}
            <Table.Th visibleFrom="sm">Cal</Table.Th>
            {th('last_seen', 'Last Seen', 'sm')}
            <Table.Th visibleFrom="sm">Status</Table.Th>
            {/* On phones the column is just the menu button: its header is for screen readers. */}
            <Table.Th ta="right">{phone ? <VisuallyHidden>Actions</VisuallyHidden> : 'Actions'}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {!rows ? (
            <TableSkeletonRows columns={COLUMNS} />
          ) : rows.length === 0 ? (
            <EmptyRow columns={COLUMNS.length}>{empty}</EmptyRow>
          ) : (
            rows.map((r) => {
              const sev = severityLook(r.severity);
              const cal = calibrationLook(r.cal_status);
              const count = unread[r.attempt_id] ?? 0;
              const proctor = proctorOf?.(r);
              return (
                <Table.Tr
                  key={r.attempt_id}
                  onClick={() => onOpen(r)}
                  style={{ cursor: 'pointer' }}
                  bg={selected === r.attempt_id ? 'var(--mantine-color-blue-light)' : undefined}
                  aria-selected={selected === r.attempt_id}
                >
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Anchor component="button" type="button" size="sm" fw={500} ta="left" onClick={(ev) => { ev.stopPropagation(); onOpen(r); }}>
                        {r.name}
                      </Anchor>
                      {count > 0 && (
                        <Badge
                          size="sm"
                          color="red"
                          variant="filled"
                          leftSection={<IconMessage size={11} />}
                          aria-label={`${count} unread ${count === 1 ? 'message' : 'messages'} from ${r.name}`}
                          style={{ cursor: 'pointer' }}
                          onClick={(ev) => {
                            ev.stopPropagation();
                            onOpen(r, 'chat');
                          }}
                        >
                          {count}
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {r.roll_number}
                      {r.violations > 0 && ` · ${r.violations === 1 ? '1 violation' : `${r.violations} violations`}`}
                    </Text>
                    {proctor && (
                      <Text size="xs" c="dimmed">
                        Proctor: {proctor}
                      </Text>
                    )}
                    {phone && <StatusBadge status={r.status} size="xs" mt={4} />}
                  </Table.Td>
                  <Table.Td>
                    {r.last_event_at ? (
                      <Stack gap={0}>
                        <Text size="sm">{r.last_event_label || r.last_event_type}</Text>
                        <Tooltip label={formatDateTime(r.last_event_at)} withArrow>
                          <Text size="xs" c="dimmed" w="fit-content">
                            {formatRelative(r.last_event_at, now)}
                          </Text>
                        </Tooltip>
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">
                        No events
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    {r.severity ? (
                      <Badge variant="dot" color={sev.color}>
                        {sev.label}
                      </Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {DASH}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <RiskBadge risk={r.live_risk} tier={r.tier} />
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Badge variant="dot" color={cal.color}>
                      {cal.label}
                    </Badge>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Tooltip label={formatDateTime(r.last_seen_at)} withArrow disabled={!r.last_seen_at}>
                      <Text size="sm" w="fit-content" style={{ whiteSpace: 'nowrap' }}>
                        {formatRelative(r.last_seen_at, now)}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <StatusBadge status={r.status} size="sm" />
                  </Table.Td>
                  <Table.Td ta="right" onClick={(ev) => ev.stopPropagation()}>
                    <ActionsMenu
                      target={r}
                      unread={count}
                      onAsk={onAsk}
                      onRun={onRun}
                      pending={pendingFor === r.attempt_id}
                      onChat={() => onOpen(r, 'chat')}
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
