import { Anchor, Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router-dom';
import { EmptyRow, TableSkeletonRows } from '../../components/TableStates';
import { formatDateTime } from '../../lib/format';
import { SortableTh } from './SortableTh';
import { StatusBadge } from './StatusBadge';
import { calibrationLook, canForceSubmit, DASH, formatDuration, formatPercent, formatPoints, riskTier } from './format';
import type { ResultRow, ResultSort, SortOrder } from './types';

const HEADERS = ['Roll #', 'Name', 'Score %', 'Violations', 'Risk Score', 'Cal', 'Time', 'Submitted', 'Actions'];
/** Headers the server can sort by, and the key it sorts them with. */
const SORT_KEYS: Partial<Record<string, ResultSort>> = {
  'Roll #': 'roll_number',
  Name: 'name',
  'Score %': 'score',
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
export function ResultsTable({ rows, isLoading, sort, order, onSort, onForceSubmit, empty }: Props) {
  return (
    <Table.ScrollContainer minWidth={1060}>
      <Table aria-label="Results">
        <Table.Thead>
          <Table.Tr>
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
            <TableSkeletonRows columns={HEADERS.map((label) => ({ label }))} />
          ) : rows.length === 0 ? (
            <EmptyRow columns={HEADERS.length}>{empty}</EmptyRow>
          ) : (
            rows.map((row) => (
              <Table.Tr key={row.attempt_id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.roll_number}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/attempts/${row.attempt_id}`} size="sm" fw={500}>
                    {row.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <ScoreCell row={row} />
                </Table.Td>
                <Table.Td>{row.violations === null || row.violations === undefined ? <Dimmed>{DASH}</Dimmed> : row.violations}</Table.Td>
                <Table.Td>
                  {row.risk_score === null || row.risk_score === undefined ? (
                    <Dimmed>{DASH}</Dimmed>
                  ) : (
                    <Tooltip label={`${riskTier(row.risk_score).label} risk`} withArrow>
                      <Badge variant="light" color={riskTier(row.risk_score).color}>
                        {Math.round(row.risk_score)}
                      </Badge>
                    </Tooltip>
                  )}
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
