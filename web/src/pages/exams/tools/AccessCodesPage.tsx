import { Anchor, Table, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router-dom';
import { PageHeader, Section } from '../../../components/Page';
import { DataTable } from '../../../components/TableStates';
import { StatusBadge } from '../common/StatusBadge';
import { BackLink } from '../common/BackLink';
import { AccessCodeCell } from './AccessCodeCell';
import { ToolExamList } from './ToolExamList';

export function AccessCodesPage() {
  return (
    <>
      <BackLink to="/tools" label="Tools" />
      <PageHeader
        title="Exam access codes"
        description="Students type an exam's code before they start. Regenerate one that has leaked; remove it to let anyone with the link in."
      />
      <Section title="Codes by exam" flush>
        <ToolExamList>
          {({ exams, isLoading, error, filtered }) => (
            <DataTable
              label="Exam access codes"
              headers={['Exam', { label: 'Status', visibleFrom: 'sm' }, 'Access code', { label: <VisuallyHidden>Actions</VisuallyHidden>, visibleFrom: 'sm' }]}
              rows={exams}
              isLoading={isLoading}
              error={error}
              empty={filtered ? 'No exams with this status.' : 'No exams yet.'}
              minWidth={720}
              renderRow={(exam) => (
                <Table.Tr key={exam.id}>
                  <Table.Td miw={140} maw={340}>
                    <Anchor component={Link} to={`/exams/${exam.id}`} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {exam.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {exam.course?.name ?? 'No course'}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <StatusBadge status={exam.status} />
                  </Table.Td>
                  <AccessCodeCell exam={exam} />
                </Table.Tr>
              )}
            />
          )}
        </ToolExamList>
      </Section>
    </>
  );
}
