import { Anchor, Button, Group, Select, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader, Section } from '../../components/Page';
import { Pager } from './Pager';
import { ResultsTable } from './ResultsTable';
import { SearchInput } from './SearchInput';
import { SummaryStats } from './SummaryStats';
import { resultKeys, resultsApi, type ResultsQuery } from './api';
import { STATUS_OPTIONS } from './format';
import type { ResultSort, SortOrder } from './types';
import { useForceSubmit } from './useForceSubmit';
import { useTableParams } from './useTableParams';

const RESULTS_PAGE_SIZE = 25;
const SORTS: ResultSort[] = ['roll_number', 'name', 'score', 'submitted_at', 'started_at', 'status'];
/** Scores and dates read best newest/highest first; names and roll numbers A–Z. */
const FIRST_ORDER: Record<ResultSort, SortOrder> = {
  roll_number: 'asc',
  name: 'asc',
  status: 'asc',
  score: 'desc',
  submitted_at: 'desc',
  started_at: 'desc',
};

export function ExamResultsPage() {
  const { examId = '' } = useParams();
  const table = useTableParams({ q: '', status: '', sort: 'roll_number', order: 'asc' });
  const sortParam = table.get('sort') as ResultSort;
  const r: ResultsQuery = {
    q: table.get('q'),
    status: table.get('status') || null,
    sort: SORTS.includes(sortParam) ? sortParam : 'roll_number',
    order: table.get('order') === 'desc' ? 'desc' : 'asc',
    page: table.page,
    pageSize: RESULTS_PAGE_SIZE,
  };

  const exam = useQuery({ queryKey: resultKeys.exam(examId), queryFn: () => resultsApi.exam(examId) });
  const summary = useQuery({ queryKey: resultKeys.summary(examId), queryFn: () => resultsApi.summary(examId) });
  const results = useQuery({
    queryKey: resultKeys.results(examId, r),
    queryFn: () => resultsApi.results(examId, r),
    placeholderData: keepPreviousData,
  });
  const force = useForceSubmit();

  const onSort = (column: ResultSort) => {
    const order = column === r.sort ? (r.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[column];
    table.set({ sort: column, order });
  };
  const filtered = !!(r.q || r.status);
  const title = exam.data?.title ?? 'Results';

  return (
    <>
      <Anchor component={Link} to="/results" size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} aria-hidden /> All exams
      </Anchor>
      <PageHeader
        title={exam.data ? `${title} — results` : 'Results'}
        description={exam.data?.course ? `${exam.data.course.name} · ${exam.data.duration_minutes} minutes` : undefined}
        actions={
          <Button component={Link} to="/failed-sessions" variant="default" size="sm">
            Failed sessions
          </Button>
        }
      />
      <Stack gap="lg">
        {exam.error ? (
          <ErrorAlert error={exam.error} title="Could not load this exam" />
        ) : (
          <>
            <SummaryStats summary={summary.data} isLoading={summary.isPending} error={summary.error} />
            <Section title="Attempts" description="Click a column heading to sort. Open an attempt to see its answers and grade essays." flush>
              <Group px={{ base: 'md', sm: 'lg' }} pb="md" gap="sm" align="flex-end">
                <SearchInput
                  label="Search"
                  placeholder="Name or roll number"
                  value={r.q}
                  onSearch={(q) => table.set({ q })}
                />
                <Select
                  label="Status"
                  placeholder="All statuses"
                  data={STATUS_OPTIONS}
                  value={r.status}
                  onChange={(status) => table.set({ status })}
                  clearable
                  w={{ base: '100%', xs: 200 }}
                />
              </Group>
              {results.error ? (
                <ErrorAlert error={results.error} title="Could not load the results" mx={{ base: 'md', sm: 'lg' }} mb="lg" />
              ) : (
                <>
                  <ResultsTable
                    rows={results.data?.items}
                    isLoading={results.isPending}
                    sort={r.sort}
                    order={r.order}
                    onSort={onSort}
                    onForceSubmit={force.ask}
                    empty={filtered ? 'No attempts match these filters.' : 'Nobody has started this exam yet.'}
                  />
                  <Pager
                    page={r.page}
                    pageSize={RESULTS_PAGE_SIZE}
                    total={results.data?.total}
                    onChange={(page) => table.set({ page })}
                    noun="attempts"
                  />
                </>
              )}
            </Section>
          </>
        )}
      </Stack>
      {force.modal}
    </>
  );
}
