import { ActionIcon, Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../../../components/ConfirmModal';
import { Section } from '../../../../components/Page';
import { DataTable } from '../../../../components/TableStates';
import { examsApi } from '../../api';
import { minutesLabel } from '../../lib/labels';
import { examKeys, useAccommodations } from '../../queries';
import type { Accommodation, Exam } from '../../types';
import { AccommodationModal } from './AccommodationModal';

type Editing = { accommodation: Accommodation | null } | null;

export function AccommodationsTab({ exam }: { exam: Exam }) {
  const qc = useQueryClient();
  const list = useAccommodations(exam.id);
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<Accommodation | null>(null);
  const labels = new Map(exam.flags.map((f) => [f.type, f.label]));

  const remove = useMutation({
    mutationFn: (a: Accommodation) => examsApi.removeAccommodation(exam.id, a.student.id),
    onSuccess: (_res, a) => {
      notifications.show({ color: 'green', message: `${a.student.name} no longer has an accommodation.` });
      setRemoving(null);
      void qc.invalidateQueries({ queryKey: examKeys.accommodations(exam.id) });
    },
  });

  const startRemove = (a: Accommodation) => {
    remove.reset();
    setRemoving(a);
  };

  return (
    <Section
      title="Accommodations"
      description={`Extra time and flag types switched off for one student. Everyone else gets ${minutesLabel(exam.duration_minutes)}.`}
      actions={
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing({ accommodation: null })}>
          Add accommodation
        </Button>
      }
      flush
    >
      <DataTable
        label="Accommodations"
        headers={['Student', 'Extra time', { label: 'Flags switched off', visibleFrom: 'sm' }, <VisuallyHidden key="a">Actions</VisuallyHidden>]}
        rows={list.data}
        isLoading={list.isPending}
        error={list.error}
        empty="No accommodations. Add one for a student who needs extra time or fewer checks."
        minWidth={640}
        renderRow={(a) => (
          <Table.Tr key={a.student.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {a.student.name}
              </Text>
              <Text size="xs" c="dimmed">
                {a.student.roll_number}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {a.extra_minutes ? `+${minutesLabel(a.extra_minutes)}` : 'None'}
              </Text>
            </Table.Td>
            <Table.Td visibleFrom="sm">
              {a.disabled_flags.length ? (
                <Group gap={4}>
                  {a.disabled_flags.map((f) => (
                    <Badge key={f} variant="light" color="gray" size="sm" tt="none">
                      {labels.get(f) ?? f}
                    </Badge>
                  ))}
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  None
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right">
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Button size="xs" variant="subtle" onClick={() => setEditing({ accommodation: a })} aria-label={`Edit the accommodation of ${a.student.name}`} visibleFrom="sm">
                  Edit
                </Button>
                <Button size="xs" variant="subtle" color="red" onClick={() => startRemove(a)} aria-label={`Remove the accommodation of ${a.student.name}`} visibleFrom="sm">
                  Remove
                </Button>
                <ActionIcon variant="subtle" onClick={() => setEditing({ accommodation: a })} aria-label={`Edit the accommodation of ${a.student.name}`} hiddenFrom="sm">
                  <IconPencil size={18} />
                </ActionIcon>
                <ActionIcon variant="subtle" color="red" onClick={() => startRemove(a)} aria-label={`Remove the accommodation of ${a.student.name}`} hiddenFrom="sm">
                  <IconTrash size={18} />
                </ActionIcon>
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
      <AccommodationModal exam={exam} editing={editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={!!removing}
        title="Remove accommodation"
        confirmLabel="Remove"
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
        loading={remove.isPending}
        error={remove.error}
      >
        {removing && `${removing.student.name} will get the standard time and every flag check of this exam.`}
      </ConfirmModal>
    </Section>
  );
}
