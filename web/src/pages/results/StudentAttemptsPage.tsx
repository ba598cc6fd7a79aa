import { Anchor, Badge, Button, Stack, Table, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader, Section } from '../../components/Page';
import { DataTable } from '../../components/TableStates';
import { formatDateTime } from '../../lib/format';
import { StatusBadge } from './StatusBadge';
import { resultKeys, resultsApi } from './api';
import { formatPercent } from './format';
import { RiskBadge } from './proctoring/RiskBadge';

/** /history/:studentId: one student's attempts across every course. */
export function StudentAttemptsPage() {
  const { studentId = '' } = useParams();
  const student = useQuery({ queryKey: resultKeys.student(studentId), queryFn: () => resultsApi.student(studentId) });
  const attempts = useQuery({
    queryKey: resultKeys.studentAttempts(studentId),
    queryFn: () => resultsApi.studentAttempts(studentId),
  });
  const s = student.data;
  const count = attempts.data?.length;

  return (
    <>
      <Anchor component={Link} to="/history" size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} aria-hidden /> Student history
      </Anchor>
      <PageHeader
        title={s ? s.name : 'Student'}
        description={s ? [`Roll # ${s.roll_number}`, s.email].filter(Boolean).join(' · ') : undefined}
      />
      {student.error ? (
        <ErrorAlert error={student.error} title="Could not load this student" />
      ) : (
        <Section
          title="Attempts"
          description={count === undefined ? undefined : count === 1 ? '1 attempt' : `${count} attempts`}
          flush
        >
          <DataTable
            label="Attempts"
            headers={[
              'Exam',
              { label: 'Course', visibleFrom: 'sm' },
              'Score',
              { label: 'Violations', visibleFrom: 'sm' },
              'Risk',
              { label: 'Status', visibleFrom: 'sm' },
              { label: 'Submitted', visibleFrom: 'sm' },
              'Attempt',
            ]}
            rows={attempts.data}
            isLoading={attempts.isPending}
            error={attempts.error}
            empty="This student has not taken any exams yet."
            minWidth={900}
            renderRow={(a) => (
              <Table.Tr key={a.attempt_id}>
                <Table.Td>
                  <Anchor component={Link} to={`/exams/${a.exam_id}/results`} size="sm" fw={500}>
                    {a.exam_title}
                  </Anchor>
                  {/* Phones: the hidden columns, folded in. */}
                  <Text size="xs" c="dimmed" hiddenFrom="sm">
                    {[a.course_name, a.submitted_at && formatDateTime(a.submitted_at)].filter(Boolean).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm" c={a.course_name ? undefined : 'dimmed'}>
                    {a.course_name ?? 'No course'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2} align="flex-start">
                    <Text size="sm">{formatPercent(a.score_percent)}</Text>
                    <StatusBadge status={a.status} size="xs" hiddenFrom="sm" />
                    {a.needs_grading && (
                      <Badge size="xs" variant="light" color="orange">
                        Needs grading
                      </Badge>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm" c={a.violations === 0 ? 'dimmed' : undefined}>
                    {a.violations}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RiskBadge risk={a.risk_score} tier={a.risk_tier} />
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <StatusBadge status={a.status} size="sm" />
                </Table.Td>
                <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(a.submitted_at)}
                </Table.Td>
                <Table.Td>
                  <Button
                    component={Link}
                    to={`/attempts/${a.attempt_id}`}
                    size="xs"
                    variant="light"
                    aria-label={`Open the ${a.exam_title} attempt`}
                  >
                    Open
                  </Button>
                </Table.Td>
              </Table.Tr>
            )}
          />
        </Section>
      )}
    </>
  );
}
