import { Anchor, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconBroadcast, IconChecklist } from '@tabler/icons-react';
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader, Section } from '../../components/Page';
import { AiSummaryCard } from './AiSummaryCard';
import { ExportMenu, ReleaseSwitch } from './ExamReportActions';
import { Pager } from './Pager';
import { ResultsTable } from './ResultsTable';
import { SearchInput } from './SearchInput';
import { SummaryStats } from './SummaryStats';
import { resultKeys, resultsApi, type ResultsQuery } from './api';
import { STATUS_OPTIONS } from './format';
import type { ResultSort, SortOrder } from './types';
import { useBulkVerdict } from './proctoring/useBulkVerdict';
import { useForceSubmit } from './useForceSubmit';
import { useTableParams } from './useTableParams';

const RESULTS_PAGE_SIZE = 25;
const SORTS: ResultSort[] = ['roll_number', 'name', 'score', 'violations', 'risk', 'submitted_at', 'started_at', 'status'];
/** Scores and dates read best newest/highest first; names and roll numbers A–Z. */
const FIRST_ORDER: Record<ResultSort, SortOrder> = {
  roll_number: 'asc',
  name: 'asc',
  status: 'asc',
  score: 'desc',
  violations: 'desc',
  risk: 'desc',
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

  // Ticked attempts belong to the view they were ticked in: a new filter, sort or page starts empty.
  const viewKey = JSON.stringify(r);
  const [picked, setPicked] = useState<{ view: string; ids: Set<string> }>({ view: viewKey, ids: new Set() });
  const selected = picked.view === viewKey ? picked.ids : new Set<string>();
  const onSelect = (ids: string[], checked: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (checked) next.add(id);
      else next.delete(id);
    }
    setPicked({ view: viewKey, ids: next });
  };
  const clearSelection = () => setPicked({ view: viewKey, ids: new Set() });
  const verdict = useBulkVerdict(clearSelection);

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
          <Group gap="sm">
            <Button
              component={Link}
              to={`/exams/${examId}/live`}
              variant="default"
              size="sm"
              leftSection={<IconBroadcast size={16} aria-hidden />}
            >
              Live sessions
            </Button>
            <Button component={Link} to="/failed-sessions" variant="default" size="sm">
              Failed sessions
            </Button>
            <Button
              component={Link}
              to={`/review?exam_id=${encodeURIComponent(examId)}`}
              variant="default"
              size="sm"
              leftSection={<IconChecklist size={16} aria-hidden />}
            >
              Review queue
            </Button>
            <ExportMenu examId={examId} />
          </Group>
        }
      />
      <Stack gap="lg">
        {exam.error ? (
          <ErrorAlert error={exam.error} title="Could not load this exam" />
        ) : (
          <>
            {exam.data && <ReleaseSwitch exam={exam.data} />}
            <SummaryStats summary={summary.data} isLoading={summary.isPending} error={summary.error} />
            <AiSummaryCard examId={examId} />
            <Section title="Attempts" description="Click a column heading to sort. Open an attempt to review its answers and proctoring flags; tick attempts to clear or escalate them together." flush>
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
              {selected.size > 0 && (
                <Paper
                  role="region"
                  aria-label="Bulk verdict"
                  mx={{ base: 'md', sm: 'lg' }}
                  mb="sm"
                  px="md"
                  py="xs"
                  bg="var(--mantine-color-indigo-light)"
                >
                  <Group gap="sm" justify="space-between">
                    <Text size="sm" fw={500} aria-live="polite">
                      {selected.size === 1 ? '1 attempt selected' : `${selected.size} attempts selected`}
                    </Text>
                    <Group gap="xs">
                      <Button size="xs" color="green" variant="light" onClick={() => verdict.ask([...selected], 'clear')}>
                        Clear
                      </Button>
                      <Button size="xs" color="red" variant="light" onClick={() => verdict.ask([...selected], 'escalate')}>
                        Escalate
                      </Button>
                      <Button size="xs" variant="default" onClick={() => verdict.ask([...selected], 'none')}>
                        Reset verdict
                      </Button>
                      <Button size="xs" variant="subtle" color="gray" onClick={clearSelection}>
                        Deselect
                      </Button>
                    </Group>
                  </Group>
                </Paper>
              )}
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
                    selected={selected}
                    onSelect={onSelect}
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
      {verdict.modal}
    </>
  );
}
