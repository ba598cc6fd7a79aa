import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader, Section } from '../../components/Page';
import { DataTable } from '../../components/TableStates';
import { formatDate } from '../../lib/format';
import { Pager } from './Pager';
import { SearchInput } from './SearchInput';
import { resultKeys, resultsApi } from './api';
import { DASH, formatPercent } from './format';
import type { ResultsSummary } from './types';
import { useTableParams } from './useTableParams';

const PAGE_SIZE = 20;
const EXAM_STATUS_COLORS: Record<string, string> = { draft: 'gray', published: 'green', archived: 'dark' };

/** /results: choose an exam to see its Results table. */
export function ResultsIndexPage() {
  const navigate = useNavigate();
  const table = useTableParams({ q: '' });
  const paging = { q: table.get('q'), page: table.page, pageSize: PAGE_SIZE };
  const exams = useQuery({
    queryKey: resultKeys.exams(paging),
    queryFn: () => resultsApi.exams(paging),
    placeholderData: keepPreviousData,
  });
  const summaries = useQuery({ queryKey: resultKeys.summaries, queryFn: resultsApi.summaries });
  const byExam = new Map<string, ResultsSummary>((summaries.data ?? []).map((s) => [s.exam_id, s]));
  const failed = (summaries.data ?? []).reduce((n, s) => n + s.failed, 0);
  /** Counts are shown once the summaries have loaded; a dash until then (or if they fail). */
  const known = summaries.isSuccess;

  return (
    <>
      <PageHeader
        title="Results"
        description="Pick an exam to see every attempt, grade essays and follow up on failed submissions."
        actions={
          <Group gap="sm">
            <Button component={Link} to="/history" variant="default" size="sm">
              Student history
            </Button>
            <Button
              component={Link}
              to="/failed-sessions"
              variant="default"
              size="sm"
              rightSection={failed > 0 ? <Badge color="red" size="sm" circle>{failed}</Badge> : undefined}
            >
              Failed sessions
            </Button>
          </Group>
        }
      />
      <Section title="Exams" flush>
        <Group px={{ base: 'md', sm: 'lg' }} pb="md">
          <SearchInput
            label="Search exams"
            placeholder="Exam title"
            value={paging.q}
            onSearch={(q) => table.set({ q })}
          />
        </Group>
        <DataTable
          label="Exams"
          headers={[
            'Exam',
            { label: 'Status', visibleFrom: 'sm' },
            'Submitted',
            'Average',
            { label: 'Needs grading', visibleFrom: 'sm' },
          ]}
          rows={exams.data?.items}
          isLoading={exams.isPending}
          error={exams.error}
          empty={paging.q ? 'No exams match this search.' : 'No exams yet. Create one under Exams.'}
          minWidth={640}
          renderRow={(e) => {
            const s = byExam.get(e.id);
            const to = `/exams/${e.id}/results`;
            return (
              <Table.Tr key={e.id} onClick={() => navigate(to)} style={{ cursor: 'pointer' }}>
                <Table.Td>
                  <Stack gap={0}>
                    <Anchor component={Link} to={to} size="sm" fw={500} onClick={(ev) => ev.stopPropagation()}>
                      {e.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {[e.course?.name, e.window_start ? `opens ${formatDate(e.window_start)}` : null]
                        .filter(Boolean)
                        .join(' · ') || 'No course'}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Badge variant="light" color={EXAM_STATUS_COLORS[e.status] ?? 'gray'}>
                    {e.status.charAt(0).toUpperCase() + e.status.slice(1)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{known ? (s?.submitted ?? 0) : DASH}</Text>
                  {s && s.in_progress > 0 && (
                    <Text size="xs" c="dimmed">
                      {s.in_progress} in progress
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatPercent(s?.average_score_percent)}</Table.Td>
                <Table.Td visibleFrom="sm">
                  {s && s.needs_grading > 0 ? (
                    <Badge variant="light" color="orange">
                      {s.needs_grading}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {known ? 0 : DASH}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          }}
        />
        <Pager
          page={table.page}
          pageSize={PAGE_SIZE}
          total={exams.data?.total}
          onChange={(page) => table.set({ page })}
          noun="exams"
        />
      </Section>
    </>
  );
}
