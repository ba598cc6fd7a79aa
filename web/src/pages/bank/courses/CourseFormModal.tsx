import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMe, useMembers } from '../../../api/queries';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { required } from '../../../lib/validation';
import { coursesApi } from '../api';
import { bankKeys } from '../queries';
import type { Course } from '../types';

interface Values {
  name: string;
  code: string;
  teacher_id: string | null;
}

/** Create a course or edit its name, code and teacher; rendered only while open. */
export function CourseFormModal({ course, onClose }: { course: Course | null; onClose: () => void }) {
  const qc = useQueryClient();
  const { data: me } = useMe();
  const members = useMembers();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: course?.name ?? '',
      code: course?.code ?? '',
      teacher_id: course ? course.teacher_id : (me?.user.id ?? null),
    },
    validate: { name: required('Course name') },
  });

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { name: v.name.trim(), code: v.code.trim(), teacher_id: v.teacher_id };
      return course ? coursesApi.update(course.id, body) : coursesApi.create(body);
    },
    onSuccess: (c) => {
      notifications.show({ color: 'green', message: course ? `${c.name} saved.` : `${c.name} created.` });
      void qc.invalidateQueries({ queryKey: bankKeys.courses });
      onClose();
    },
  });

  const teachers = members.data?.map((m) => ({ value: m.user_id, label: m.user_id === me?.user.id ? `${m.name} (you)` : m.name })) ?? [];

  return (
    <Modal opened onClose={onClose} title={course ? 'Edit course' : 'New course'}>
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          <TextInput label="Course name" placeholder="Physics 101" required maxLength={160} data-autofocus {...form.getInputProps('name')} />
          <TextInput label="Code" description="Optional, as in your timetable." placeholder="PHY101" maxLength={40} {...form.getInputProps('code')} />
          <Select
            label="Teacher"
            placeholder={members.isPending ? 'Loading…' : 'No teacher'}
            data={teachers}
            searchable
            clearable
            nothingFoundMessage="No member by that name"
            {...form.getInputProps('teacher_id')}
          />
          <ErrorAlert error={save.error} title="Could not save the course" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {course ? 'Save course' : 'Create course'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
