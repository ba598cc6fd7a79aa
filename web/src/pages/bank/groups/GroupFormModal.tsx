import { Button, Group as Row, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { groupsApi } from '../api';
import { bankKeys } from '../queries';
import type { Group } from '../types';

function validateName(value: string): string | null {
  const v = value.trim();
  if (!v) return 'Name the group';
  if (v.includes(';')) return 'A group name cannot contain “;” (it separates groups in roster files)';
  return null;
}

/** Create a group, or rename one and change its description; rendered only while open. */
export function GroupFormModal({ group, onClose }: { group: Group | null; onClose: () => void }) {
  const qc = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: group?.name ?? '', description: group?.description ?? '' },
    validate: { name: validateName },
  });

  const save = useMutation({
    mutationFn: (v: { name: string; description: string }) => {
      const body = { name: v.name.trim(), description: v.description.trim() };
      return group ? groupsApi.update(group.id, body) : groupsApi.create(body);
    },
    onSuccess: (g) => {
      notifications.show({ color: 'green', message: group ? `Group ${g.name} saved.` : `Group ${g.name} created.` });
      void qc.invalidateQueries({ queryKey: bankKeys.groups });
      void qc.invalidateQueries({ queryKey: bankKeys.students });
      onClose();
    },
  });

  return (
    <Modal opened onClose={onClose} title={group ? 'Edit group' : 'New group'}>
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          <TextInput label="Name" placeholder="Year 10 · Section B" required maxLength={120} data-autofocus {...form.getInputProps('name')} />
          <Textarea label="Description" description="Optional." autosize minRows={2} maxLength={500} {...form.getInputProps('description')} />
          <ErrorAlert error={save.error} title="Could not save the group" />
          <Row justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {group ? 'Save group' : 'Create group'}
            </Button>
          </Row>
        </Stack>
      </form>
    </Modal>
  );
}
