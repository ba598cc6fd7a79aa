import { Anchor, Badge, Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { EmptyRow, TableSkeletonRows } from '../../components/TableStates';
import { formatDateTime } from '../../lib/format';
import { SortableTh } from './SortableTh';
import { StatusBadge } from './StatusBadge';
import { calibrationLook, canForceSubmit, DASH, formatDuration, formatPercent, formatPoints, verdictLook } from './format';
import { RiskBadge } from './proctoring/RiskBadge';
import { ReviewBadge } from './ReviewBadge';
import type { ResultRow, ResultSort, SortOrder } from './types';

const HEADERS = ['Roll #', 'Name', 'Score %', 'Violations', 'Risk Score', 'Cal', 'Time', 'Submitted', 'Review', 'Actions'];
/** Headers the server can sort by, and the key it sorts them with. */
const SORT_KEYS: Partial<Record<string, ResultSort>> = {
  'Roll #': 'roll_number',
  Name: 'name',
  'Score %': 'score',
  Violations: 'violations',
  'Risk Score': 'risk',
  Submitted: 'submitted_at',
};

interface Props {
  rows: ResultRow[] | undefined;
  isLoading: boolean;
  sort: ResultSort;
  order: SortOrder;
  onSort: (column: ResultSort) => void;
  onForceSubmit: (row: ResultRow) => void;
  empty: string;
  /** Attempt ids ticked for a bulk verdict. */
  selected: ReadonlySet<string>;
  onSelect: (attemptIds: string[], checked: boolean) => void;
}

function Dimmed({ children }: { children: string }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

function ScoreCell({ row }: { row: ResultRow }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {formatPercent(row.score_percent)}
      </Text>
      {row.score !== null && row.max_score !== null && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {formatPoints(row.score)} / {formatPoints(row.max_score)} pts
        </Text>
      )}
      {row.needs_grading && (
        <Badge size="xs" variant="light" color="orange">
          Needs grading
        </Badge>
      )}
    </Stack>
  );
}

/** The Results table of one exam; sorting, filtering and paging happen on the server. */
export function ResultsTable({ rows, isLoading, sort, order, onSort, onForceSubmit, empty, selected, onSelect }: Props) {
  const ids = rows?.map((r) => r.attempt_id) ?? [];
  const ticked = ids.filter((id) => selected.has(id)).length;
  return (
    <Table.ScrollContainer minWidth={1120}>
      <Table aria-label="Results" horizontalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label="Select all attempts on this page"
                checked={ids.length > 0 && ticked === ids.length}
                indeterminate={ticked > 0 && ticked < ids.length}
                disabled={ids.length === 0}
                onChange={(e) => onSelect(ids, e.currentTarget.checked)}
              />
            </Table.Th>
            {HEADERS.map((label) => {
              const key = SORT_KEYS[label];
              return key ? (
                <SortableTh key={label} column={key} sort={sort} order={order} onSort={(c) => onSort(c as ResultSort)}>
                  {label}
                </SortableTh>
              ) : (
                <Table.Th key={label} style={{ whiteSpace: 'nowrap' }}>
                  {label}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {isLoading || !rows ? (
            <TableSkeletonRows columns={['', ...HEADERS].map((label) => ({ label }))} />
          ) : rows.length === 0 ? (
            <EmptyRow columns={HEADERS.length + 1}>{empty}</EmptyRow>
          ) : (
            rows.map((row) => (
              <Table.Tr key={row.attempt_id} bg={selected.has(row.attempt_id) ? 'var(--mantine-color-indigo-light)' : undefined}>
                <Table.Td>
                  <Checkbox
                    aria-label={`Select ${row.name}'s attempt`}
                    checked={selected.has(row.attempt_id)}
                    onChange={(e) => onSelect([row.attempt_id], e.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.roll_number}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/attempts/${row.attempt_id}`} size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {row.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <ScoreCell row={row} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={row.violations === 0 ? 'dimmed' : undefined}>
                    {row.violations}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <RiskBadge risk={row.risk_score} tier={row.risk_tier} />
                    {row.verdict !== 'none' && (
                      <Badge size="xs" variant="outline" color={verdictLook(row.verdict).color}>
                        {verdictLook(row.verdict).label}
                      </Badge>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  {row.calibration ? (
                    <Badge variant="dot" color={calibrationLook(row.calibration).color}>
                      {calibrationLook(row.calibration).label}
                    </Badge>
                  ) : (
                    <Dimmed>{DASH}</Dimmed>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDuration(row.time_seconds)}</Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <StatusBadge status={row.status} size="sm" />
                    {row.submitted_at && (
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(row.submitted_at)}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <ReviewBadge review={row.review_status} status={row.status} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      component={Link}
                      to={`/attempts/${row.attempt_id}`}
                      size="xs"
                      variant="light"
                      aria-label={`Open ${row.name}'s attempt`}
                    >
                      Open
                    </Button>
                    {canForceSubmit(row) && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => onForceSubmit(row)}>
                        Force submit
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
