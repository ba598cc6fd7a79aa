import { Anchor, Badge, Box, Group, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader, Section } from '../../../components/Page';
import { DataTable } from '../../../components/TableStates';
import { formatDateTime } from '../../../lib/format';
import { Pager } from '../Pager';
import { SearchInput } from '../SearchInput';
import { resultKeys, resultsApi } from '../api';
import { DASH } from '../format';
import type { ResultsSummary } from '../types';
import { useTableParams } from '../useTableParams';
import { AllAlerts } from './AllAlerts';

const PAGE_SIZE = 20;

/** /live: pick an exam to watch its sessions (exams with students writing now show a count),
 * above the alerts of every exam being written. */
export function LiveIndexPage() {
  const navigate = useNavigate();
  const table = useTableParams({ q: '' });
  const paging = { q: table.get('q'), page: table.page, pageSize: PAGE_SIZE };
  const exams = useQuery({
    queryKey: resultKeys.exams(paging),
    queryFn: () => resultsApi.exams(paging),
    placeholderData: keepPreviousData,
  });
  const summaries = useQuery({ queryKey: resultKeys.summaries, queryFn: resultsApi.summaries, refetchInterval: 30_000 });
  const byExam = new Map<string, ResultsSummary>((summaries.data ?? []).map((s) => [s.exam_id, s]));

  return (
    <>
      <PageHeader title="Live sessions" description="Pick an exam to watch who is writing and how risky each session looks." />
      <Section title="Exams" flush>
        <Group px={{ base: 'md', sm: 'lg' }} pb="md">
          <SearchInput label="Search exams" placeholder="Exam title" value={paging.q} onSearch={(q) => table.set({ q })} />
        </Group>
        <DataTable
          label="Exams to watch"
          headers={['Exam', 'Writing now', { label: 'Attempts', visibleFrom: 'sm' }, { label: 'Window', visibleFrom: 'sm' }]}
          rows={exams.data?.items}
          isLoading={exams.isPending}
          error={exams.error}
          empty={paging.q ? 'No exams match this search.' : 'No exams yet. Create one under Exams.'}
          minWidth={620}
          renderRow={(e) => {
            const s = byExam.get(e.id);
            const to = `/exams/${e.id}/live`;
            return (
              <Table.Tr key={e.id} onClick={() => navigate(to)} style={{ cursor: 'pointer' }}>
                <Table.Td>
                  <Stack gap={0}>
                    <Anchor component={Link} to={to} size="sm" fw={500} onClick={(ev) => ev.stopPropagation()}>
                      {e.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {e.course?.name ?? 'No course'}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  {s && s.in_progress > 0 ? (
                    <Badge color="blue" variant="light">
                      {s.in_progress} in progress
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {summaries.isSuccess ? 'Nobody' : DASH}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td visibleFrom="sm">{s ? s.attempts : summaries.isSuccess ? 0 : DASH}</Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {e.window_start || e.window_end
                      ? `${formatDateTime(e.window_start, '…')} – ${formatDateTime(e.window_end, '…')}`
                      : 'Always open'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          }}
        />
        <Pager page={table.page} pageSize={PAGE_SIZE} total={exams.data?.total} onChange={(page) => table.set({ page })} noun="exams" />
      </Section>
      <Box mt="lg">
        <AllAlerts />
      </Box>
    </>
  );
}
