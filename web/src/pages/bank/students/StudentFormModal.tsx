import { Button, Group, Modal, MultiSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { studentsApi } from '../api';
import { bankKeys, useGroups } from '../queries';
import type { Student } from '../types';
import { validateStudent, type StudentValues } from './studentForm';

/** Add a student by hand, or edit one; rendered only while open. */
export function StudentFormModal({ student, onClose }: { student: Student | null; onClose: () => void }) {
  const qc = useQueryClient();
  const groups = useGroups();
  const form = useForm<StudentValues>({
    mode: 'controlled',
    initialValues: {
      roll_number: student?.roll_number ?? '',
      name: student?.name ?? '',
      email: student?.email ?? '',
      group_ids: student?.groups.map((g) => g.id) ?? [],
    },
    validate: validateStudent,
  });

  const save = useMutation({
    mutationFn: (v: StudentValues) => {
      const body = { roll_number: v.roll_number.trim(), name: v.name.trim(), group_ids: v.group_ids };
      const email = v.email.trim().toLowerCase();
      return student
        ? studentsApi.update(student.id, { ...body, email: email || null })
        : studentsApi.create({ ...body, ...(email ? { email } : {}) });
    },
    onSuccess: (s) => {
      notifications.show({ color: 'green', message: student ? `${s.name} saved.` : `${s.name} added.` });
      void qc.invalidateQueries({ queryKey: bankKeys.students });
      void qc.invalidateQueries({ queryKey: bankKeys.groups });
      onClose();
    },
  });

  return (
    <Modal opened onClose={onClose} title={student ? 'Edit student' : 'Add student'}>
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          <TextInput label="Roll number" required maxLength={60} data-autofocus autoComplete="off" {...form.getInputProps('roll_number')} />
          <TextInput label="Name" required maxLength={120} autoComplete="off" {...form.getInputProps('name')} />
          <TextInput
            label="Email"
            description="Optional. Used for exam invites."
            type="email"
            autoComplete="off"
            {...form.getInputProps('email')}
          />
          <MultiSelect
            label="Groups"
            placeholder={groups.data?.length ? 'Choose groups' : 'No groups yet'}
            data={groups.data?.map((g) => ({ value: g.id, label: g.name })) ?? []}
            searchable
            clearable
            nothingFoundMessage="No group by that name"
            {...form.getInputProps('group_ids')}
          />
          <ErrorAlert error={save.error} title="Could not save the student" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {student ? 'Save student' : 'Add student'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
