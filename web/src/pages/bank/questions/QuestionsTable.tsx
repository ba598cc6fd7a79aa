import { ActionIcon, Badge, Group, Table, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { DataTable } from '../../../components/TableStates';
import { formatDate } from '../../../lib/format';
import type { Question } from '../types';
import { TYPE_LABELS } from './questionTypes';

interface Props {
  rows: Question[] | undefined;
  isLoading: boolean;
  error: unknown;
  filtered: boolean;
  onEdit: (q: Question) => void;
  onDelete: (q: Question) => void;
}

export function excerpt(text: string, max = 140): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? line.slice(0, max - 1).trimEnd() + '…' : line;
}

export const pointsLabel = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(2).replace(/0+$/, '')} pt${n === 1 ? '' : 's'}`;

export function QuestionsTable({ rows, isLoading, error, filtered, onEdit, onDelete }: Props) {
  return (
    <DataTable
      label="Questions"
      headers={[
        'Question',
        { label: 'Type', visibleFrom: 'sm' },
        { label: 'Points', visibleFrom: 'sm' },
        { label: 'Tags', visibleFrom: 'md' },
        { label: 'Updated', visibleFrom: 'sm' },
        <VisuallyHidden key="actions">Actions</VisuallyHidden>,
      ]}
      rows={rows}
      isLoading={isLoading}
      error={error}
      empty={filtered ? 'No question matches these filters.' : 'The bank is empty. Add a question or import a file.'}
      minWidth={820}
      renderRow={(q) => (
        <Table.Tr key={q.id}>
          <Table.Td maw={460}>
            <UnstyledButton onClick={() => onEdit(q)} aria-label={`Edit: ${excerpt(q.stem, 80)}`}>
              <Text size="sm" fw={500} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                {excerpt(q.stem)}
              </Text>
            </UnstyledButton>
            <Text size="xs" c="dimmed" hiddenFrom="sm">
              {TYPE_LABELS[q.type]} · {pointsLabel(q.points)}
              {q.tags.length > 0 && ` · ${q.tags.join(', ')}`}
            </Text>
          </Table.Td>
          <Table.Td visibleFrom="sm">
            <Badge variant="light" color="gray" style={{ whiteSpace: 'nowrap' }}>
              {TYPE_LABELS[q.type]}
            </Badge>
          </Table.Td>
          <Table.Td visibleFrom="sm">
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {pointsLabel(q.points)}
            </Text>
          </Table.Td>
          <Table.Td visibleFrom="md">
            <Group gap={4}>
              {q.tags.length === 0 ? (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              ) : (
                q.tags.map((t) => (
                  <Badge key={t} size="sm" variant="outline" color="gray" tt="none">
                    {t}
                  </Badge>
                ))
              )}
            </Group>
          </Table.Td>
          <Table.Td visibleFrom="sm">
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {formatDate(q.updated_at ?? q.created_at)}
            </Text>
          </Table.Td>
          <Table.Td>
            <Group gap={2} justify="flex-end" wrap="nowrap">
              <Tooltip label="Edit" withArrow>
                <ActionIcon variant="subtle" color="gray" onClick={() => onEdit(q)} aria-label={`Edit question: ${excerpt(q.stem, 60)}`}>
                  <IconPencil size={18} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label="Delete" withArrow>
                <ActionIcon variant="subtle" color="red" onClick={() => onDelete(q)} aria-label={`Delete question: ${excerpt(q.stem, 60)}`}>
                  <IconTrash size={18} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Table.Td>
        </Table.Tr>
      )}
    />
  );
}
