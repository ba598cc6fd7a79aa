import { Anchor, Group, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader, Section } from '../../components/Page';
import { DataTable } from '../../components/TableStates';
import { formatDate } from '../../lib/format';
import { Pager } from './Pager';
import { SearchInput } from './SearchInput';
import { resultKeys, resultsApi } from './api';
import { formatPercent } from './format';
import { RiskBadge } from './proctoring/RiskBadge';
import { useTableParams } from './useTableParams';

const PAGE_SIZE = 25;

function NoWrap({ children }: { children: ReactNode }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;
}

/** /history: every student with their exams taken, average score and latest exam. */
export function StudentHistoryPage() {
  const navigate = useNavigate();
  const table = useTableParams({ q: '' });
  const paging = { q: table.get('q'), page: table.page, pageSize: PAGE_SIZE };
  const history = useQuery({
    queryKey: resultKeys.history(paging),
    queryFn: () => resultsApi.history(paging),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title="Student history" description="Each student's exams across all courses. Open a student to see every attempt." />
      <Section title="Students" flush>
        <Group px={{ base: 'md', sm: 'lg' }} pb="md">
          <SearchInput
            label="Search students"
            placeholder="Name or roll number"
            value={paging.q}
            onSearch={(q) => table.set({ q })}
          />
        </Group>
        <DataTable
          label="Student history"
          headers={[
            { label: 'Roll #', visibleFrom: 'sm' },
            'Name',
            { label: 'Exams', visibleFrom: 'sm' },
            <NoWrap key="avg">Avg Score</NoWrap>,
            <NoWrap key="risk">Last Risk</NoWrap>,
            { label: 'Last Exam', visibleFrom: 'sm' },
          ]}
          rows={history.data?.items}
          isLoading={history.isPending}
          error={history.error}
          empty={paging.q ? 'No students match this search.' : 'No students yet.'}
          minWidth={760}
          renderRow={(s) => {
            const to = `/history/${s.student_id}`;
            return (
              <Table.Tr key={s.student_id} onClick={() => navigate(to)} style={{ cursor: 'pointer' }}>
                <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                  {s.roll_number}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={to} size="sm" fw={500} onClick={(ev) => ev.stopPropagation()}>
                    {s.name}
                  </Anchor>
                  {/* Phones: the hidden columns, folded in. */}
                  <Text size="xs" c="dimmed" hiddenFrom="sm">
                    {s.roll_number} · {s.exams === 1 ? '1 exam' : `${s.exams} exams`}
                    {s.last_exam_title && ` · last: ${s.last_exam_title}`}
                  </Text>
                </Table.Td>
                <Table.Td visibleFrom="sm">{s.exams}</Table.Td>
                <Table.Td>{formatPercent(s.avg_score_percent)}</Table.Td>
                <Table.Td>
                  <RiskBadge risk={s.last_risk} tier={s.last_risk_tier} />
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  {s.last_exam_title ? (
                    <>
                      <Text size="sm">{s.last_exam_title}</Text>
                      <Text size="xs" c="dimmed">
                        {formatDate(s.last_exam_at)}
                      </Text>
                    </>
                  ) : (
                    <Text size="sm" c="dimmed">
                      No exams yet
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
          total={history.data?.total}
          onChange={(page) => table.set({ page })}
          noun="students"
        />
      </Section>
    </>
  );
}
