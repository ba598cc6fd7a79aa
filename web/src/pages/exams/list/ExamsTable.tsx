import { Anchor, Badge, Box, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { DataTable } from '../../../components/TableStates';
import { CopyText } from '../common/CopyText';
import { DeleteExamModal } from '../common/DeleteExamModal';
import { SaveAsTemplateModal } from '../common/SaveAsTemplateModal';
import { StatusBadge } from '../common/StatusBadge';
import { minutesLabel, plural, shareLink } from '../lib/labels';
import { formatDateTime } from '../../../lib/format';
import type { ExamSummary } from '../types';
import { ExamRowMenu } from './ExamRowMenu';

interface Props {
  exams: ExamSummary[] | undefined;
  isLoading: boolean;
  error: unknown;
  empty: ReactNode;
}

/** The window on two short lines, each kept whole. */
function WindowLines({ start, end }: { start: string | null; end: string | null }) {
  if (!start && !end) return <Text size="sm">Always open</Text>;
  return (
    <Stack gap={0}>
      {start && (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          <Text span inherit c="dimmed">From </Text>
          {formatDateTime(start)}
        </Text>
      )}
      {end && (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          <Text span inherit c="dimmed">Until </Text>
          {formatDateTime(end)}
        </Text>
      )}
    </Stack>
  );
}

export function ExamsTable({ exams, isLoading, error, empty }: Props) {
  const [deleting, setDeleting] = useState<ExamSummary | null>(null);
  const [templating, setTemplating] = useState<ExamSummary | null>(null);

  return (
    <>
      <DataTable
        label="Exams"
        headers={[
          'Exam',
          { label: 'Status', visibleFrom: 'sm' },
          { label: 'Window', visibleFrom: 'md' },
          { label: 'Length', visibleFrom: 'sm' },
          { label: 'Access code', visibleFrom: 'md' },
          'Student link',
          <VisuallyHidden key="actions">Actions</VisuallyHidden>,
        ]}
        rows={exams}
        isLoading={isLoading}
        error={error}
        empty={empty}
        minWidth={880}
        renderRow={(exam) => (
          <Table.Tr key={exam.id}>
            <Table.Td miw={160} maw={320}>
              <Anchor component={Link} to={`/exams/${exam.id}`} fw={500} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {exam.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {exam.course?.name ?? 'No course'}
              </Text>
              <Group gap={6} mt={4} hiddenFrom="sm">
                <StatusBadge status={exam.status} />
                <Text size="xs" c="dimmed">
                  {minutesLabel(exam.duration_minutes)} · {plural(exam.question_count, 'question')}
                </Text>
              </Group>
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <StatusBadge status={exam.status} />
            </Table.Td>
            <Table.Td visibleFrom="md">
              <WindowLines start={exam.window_start} end={exam.window_end} />
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {minutesLabel(exam.duration_minutes)}
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {plural(exam.question_count, 'question')}
              </Text>
            </Table.Td>
            <Table.Td visibleFrom="md">
              {exam.has_access_code ? (
                <Badge variant="light" color="indigo" leftSection={<IconLock size={12} />}>
                  Required
                </Badge>
              ) : (
                <Text size="sm" c="dimmed">
                  None
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Box visibleFrom="md">
                <CopyText value={shareLink(exam.id)} label={`Copy link of ${exam.title} to share with students`} text="Copy link" />
              </Box>
              <Box hiddenFrom="md">
                <CopyText value={shareLink(exam.id)} label={`Copy link of ${exam.title} to share with students`} />
              </Box>
            </Table.Td>
            <Table.Td ta="right">
              <ExamRowMenu exam={exam} onDelete={() => setDeleting(exam)} onSaveAsTemplate={() => setTemplating(exam)} />
            </Table.Td>
          </Table.Tr>
        )}
      />
      <DeleteExamModal exam={deleting} onClose={() => setDeleting(null)} />
      <SaveAsTemplateModal exam={templating} onClose={() => setTemplating(null)} />
    </>
  );
}
