import { ActionIcon, Badge, Group, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMe, useMembers } from '../../../api/queries';
import { BreakableEmail } from '../../../components/BreakableEmail';
import { DataTable } from '../../../components/TableStates';
import type { Student } from '../types';

interface Props {
  rows: Student[] | undefined;
  isLoading: boolean;
  error: unknown;
  filtered: boolean;
  onEdit: (s: Student) => void;
  onDelete: (s: Student) => void;
}

/** How the student got on the roster: a teacher's registration link, or added by hand/import. */
function useRegisteredVia() {
  const { data: me } = useMe();
  const members = useMembers();
  const names = new Map(members.data?.map((m) => [m.user_id, m.name]));
  return (s: Student) => {
    if (!s.teacher_id) return 'Added by a teacher';
    if (s.teacher_id === me?.user.id) return 'Your link';
    const name = names.get(s.teacher_id);
    return name ? `${name}’s link` : 'A teacher’s link';
  };
}

export function StudentsTable({ rows, isLoading, error, filtered, onEdit, onDelete }: Props) {
  const registeredVia = useRegisteredVia();
  return (
    <DataTable
      label="Students"
      headers={[
        <span key="roll" style={{ whiteSpace: 'nowrap' }}>Roll #</span>,
        'Name',
        { label: 'Email', visibleFrom: 'sm' },
        { label: 'Groups', visibleFrom: 'md' },
        { label: 'Registered', visibleFrom: 'sm' },
        <VisuallyHidden key="actions">Actions</VisuallyHidden>,
      ]}
      rows={rows}
      isLoading={isLoading}
      error={error}
      empty={filtered ? 'No student matches these filters.' : 'No students yet. Add them, import a roster, or share your registration link.'}
      minWidth={860}
      renderRow={(s) => (
        <Table.Tr key={s.id}>
          <Table.Td>
            <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
              {s.roll_number}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" fw={500}>
              {s.name}
            </Text>
            {s.email && (
              <Text size="xs" c="dimmed" hiddenFrom="sm" style={{ overflowWrap: 'break-word' }}>
                <BreakableEmail email={s.email} />
              </Text>
            )}
          </Table.Td>
          <Table.Td visibleFrom="sm">
            <Text size="sm" style={{ overflowWrap: 'break-word' }}>
              {s.email ? <BreakableEmail email={s.email} /> : '—'}
            </Text>
          </Table.Td>
          <Table.Td visibleFrom="md">
            <Group gap={4}>
              {s.groups.length === 0 ? (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              ) : (
                s.groups.map((g) => (
                  <Badge key={g.id} size="sm" variant="light" tt="none">
                    {g.name}
                  </Badge>
                ))
              )}
            </Group>
          </Table.Td>
          <Table.Td visibleFrom="sm">
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {registeredVia(s)}
            </Text>
          </Table.Td>
          <Table.Td>
            <Group gap={2} justify="flex-end" wrap="nowrap">
              <Tooltip label="Edit" withArrow>
                <ActionIcon variant="subtle" color="gray" onClick={() => onEdit(s)} aria-label={`Edit ${s.name}`}>
                  <IconPencil size={18} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label="Delete" withArrow>
                <ActionIcon variant="subtle" color="red" onClick={() => onDelete(s)} aria-label={`Delete ${s.name}`}>
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
