import { Anchor, Badge, Group, Stack, Table, Text, Tooltip, type MantineBreakpoint } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { LiveSession } from '../../../api/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader, Section } from '../../../components/Page';
import { EmptyRow, PHONE_QUERY, TableSkeletonRows } from '../../../components/TableStates';
import { formatDateTime } from '../../../lib/format';
import { SortableTh } from '../SortableTh';
import { StatusBadge } from '../StatusBadge';
import { resultKeys, resultsApi } from '../api';
import { calibrationLook, DASH, formatClock, formatRelative, severityLook } from '../format';
import { proctoringApi, proctoringKeys } from '../proctoring/api';
import { RiskBadge } from '../proctoring/RiskBadge';
import type { SortOrder } from '../types';

/** How often the table asks again (streaming comes later). */
export const LIVE_REFRESH_MS = 10_000;

type LiveSort = 'risk' | 'name' | 'last_event' | 'last_seen';

const SEVERITY_RANK: Record<string, number> = { high: 3, medium: 2, low: 1 };
const ACTIVE = new Set(['in_progress', 'paused']);

function time(iso: string | null): number {
  return iso ? new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso.slice(10)) ? iso : iso + 'Z').getTime() : 0;
}

function compare(a: LiveSession, b: LiveSession, sort: LiveSort): number {
  switch (sort) {
    case 'risk':
      return a.live_risk - b.live_risk || (SEVERITY_RANK[a.severity] ?? 0) - (SEVERITY_RANK[b.severity] ?? 0);
    case 'name':
      return a.name.localeCompare(b.name);
    case 'last_event':
      return time(a.last_event_at) - time(b.last_event_at);
    case 'last_seen':
      return time(a.last_seen_at) - time(b.last_seen_at);
  }
}

/** Risk first, most recent first; names A–Z. */
const FIRST_ORDER: Record<LiveSort, SortOrder> = { risk: 'desc', name: 'asc', last_event: 'desc', last_seen: 'desc' };

/** /exams/:examId/live: everyone sitting (or who sat) the exam, riskiest first. */
export function LiveSessionsPage() {
  const { examId = '' } = useParams();
  const navigate = useNavigate();
  const [sort, setSort] = useState<{ by: LiveSort; order: SortOrder }>({ by: 'risk', order: 'desc' });
  const exam = useQuery({ queryKey: resultKeys.exam(examId), queryFn: () => resultsApi.exam(examId) });
  const live = useQuery({
    queryKey: proctoringKeys.live(examId),
    queryFn: () => proctoringApi.live(examId),
    refetchInterval: LIVE_REFRESH_MS,
    refetchIntervalInBackground: false,
  });

  const rows = live.data
    ? [...live.data].sort((a, b) => {
        const c = compare(a, b, sort.by);
        return (sort.order === 'asc' ? c : -c) || a.roll_number.localeCompare(b.roll_number);
      })
    : undefined;
  const active = live.data?.filter((r) => ACTIVE.has(r.status)).length ?? 0;
  const onSort = (column: string) => {
    const by = column as LiveSort;
    setSort((s) => ({ by, order: s.by === by ? (s.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[by] }));
  };
  const phone = useMediaQuery(PHONE_QUERY, false);
  const th = (column: LiveSort, label: string, visibleFrom?: MantineBreakpoint) => (
    <SortableTh key={column} column={column} sort={sort.by} order={sort.order} onSort={onSort} visibleFrom={visibleFrom}>
      {label}
    </SortableTh>
  );
  const columns: { label: string; visibleFrom?: MantineBreakpoint }[] = [
    { label: 'Session' },
    { label: 'Last Event' },
    { label: 'Severity', visibleFrom: 'sm' },
    { label: 'Risk' },
    { label: 'Cal', visibleFrom: 'sm' },
    { label: 'Last Seen', visibleFrom: 'sm' },
    { label: 'Status' },
  ];

  return (
    <>
      <Anchor
        component={Link}
        to={`/exams/${examId}/results`}
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} aria-hidden /> {exam.data ? `${exam.data.title} results` : 'Results'}
      </Anchor>
      <PageHeader
        title={exam.data ? `${exam.data.title} — live sessions` : 'Live sessions'}
        description="Who is writing now and how risky each session looks. Open a session to review its flags."
      />
      {exam.error ? (
        <ErrorAlert error={exam.error} title="Could not load this exam" />
      ) : (
        <Section
          title="Sessions"
          description={
            live.data ? (
              <Group gap={6} component="span">
                <span>
                  {active === 1 ? '1 active' : `${active} active`} · {live.data.length} in all
                </span>
                <Text span size="sm" c="dimmed" aria-live="off">
                  · updated {formatClock(new Date(live.dataUpdatedAt).toISOString())}, every {LIVE_REFRESH_MS / 1000} s
                </Text>
              </Group>
            ) : undefined
          }
          flush
        >
          {live.error && live.data && (
            <ErrorAlert error={live.error} title="Could not refresh; showing the last figures" mx={{ base: 'md', sm: 'lg' }} mb="sm" />
          )}
          {live.error && !live.data ? (
            <ErrorAlert error={live.error} title="Could not load the sessions" mx={{ base: 'md', sm: 'lg' }} mb="lg" />
          ) : (
            <Table.ScrollContainer minWidth={phone ? 0 : 900}>
              <Table aria-label="Live sessions" horizontalSpacing={phone ? 'md' : 'lg'} highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    {th('name', 'Session')}
                    {th('last_event', 'Last Event')}
                    <Table.Th visibleFrom="sm">Severity</Table.Th>
                    {th('risk', 'Risk')}
                    <Table.Th visibleFrom="sm">Cal</Table.Th>
                    {th('last_seen', 'Last Seen', 'sm')}
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {!rows ? (
                    <TableSkeletonRows columns={columns} />
                  ) : rows.length === 0 ? (
                    <EmptyRow columns={columns.length}>
                      Nobody has started this exam yet. Sessions appear here as students join.
                    </EmptyRow>
                  ) : (
                    rows.map((r) => {
                      const to = `/attempts/${r.attempt_id}?tab=proctoring`;
                      const sev = severityLook(r.severity);
                      const cal = calibrationLook(r.cal_status);
                      return (
                        <Table.Tr key={r.attempt_id} onClick={() => navigate(to)} style={{ cursor: 'pointer' }}>
                          <Table.Td>
                            <Anchor component={Link} to={to} size="sm" fw={500} onClick={(ev) => ev.stopPropagation()}>
                              {r.name}
                            </Anchor>
                            <Text size="xs" c="dimmed">
                              {r.roll_number}
                              {r.violations > 0 && ` · ${r.violations === 1 ? '1 violation' : `${r.violations} violations`}`}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            {r.last_event_at ? (
                              <Stack gap={0}>
                                <Text size="sm">{r.last_event_label || r.last_event_type}</Text>
                                <Tooltip label={formatDateTime(r.last_event_at)} withArrow>
                                  <Text size="xs" c="dimmed" w="fit-content">
                                    {formatRelative(r.last_event_at)}
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
                                {formatRelative(r.last_seen_at)}
                              </Text>
                            </Tooltip>
                          </Table.Td>
                          <Table.Td>
                            <StatusBadge status={r.status} size="sm" />
                          </Table.Td>
                        </Table.Tr>
                      );
                    })
                  )}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Section>
      )}
    </>
  );
}
