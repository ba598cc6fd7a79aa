import { Anchor, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { StatusBadge } from '../common/StatusBadge';
import type { ExamSummary } from '../types';
import { DurationInput, SaveScheduleButton, WindowInput } from './ScheduleInputs';
import { useScheduleEditor, type ScheduleEditor } from './useScheduleEditor';

function Title({ exam, editor }: { exam: ExamSummary; editor: ScheduleEditor }) {
  return (
    <Stack gap={2}>
      <Anchor component={Link} to={`/exams/${exam.id}`} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
        {exam.title}
      </Anchor>
      <span>
        <StatusBadge status={exam.status} />
      </span>
      {editor.problem && (
        <Text size="xs" c="red" role="alert">
          {editor.problem}
        </Text>
      )}
    </Stack>
  );
}

/** One exam's schedule as a table row (wide screens). */
export function ScheduleRow({ exam }: { exam: ExamSummary }) {
  const editor = useScheduleEditor(exam);
  return (
    <Table.Tr>
      <Table.Td maw={280}>
        <Title exam={exam} editor={editor} />
      </Table.Td>
      <Table.Td>
        <WindowInput exam={exam} editor={editor} field="window_start" />
      </Table.Td>
      <Table.Td>
        <WindowInput exam={exam} editor={editor} field="window_end" />
      </Table.Td>
      <Table.Td>
        <DurationInput exam={exam} editor={editor} />
      </Table.Td>
      <Table.Td>
        <SaveScheduleButton exam={exam} editor={editor} />
      </Table.Td>
    </Table.Tr>
  );
}

/** One exam's schedule as a card with labelled inputs (phones). */
export function ScheduleCard({ exam }: { exam: ExamSummary }) {
  const editor = useScheduleEditor(exam);
  return (
    <Paper p="md" withBorder shadow="none" component="li">
      <Stack gap="sm">
        <Title exam={exam} editor={editor} />
        <SimpleGrid cols={1} spacing="xs">
          <WindowInput exam={exam} editor={editor} field="window_start" labelled />
          <WindowInput exam={exam} editor={editor} field="window_end" labelled />
        </SimpleGrid>
        <Group align="flex-end" justify="space-between">
          <DurationInput exam={exam} editor={editor} labelled />
          <SaveScheduleButton exam={exam} editor={editor} />
        </Group>
      </Stack>
    </Paper>
  );
}
