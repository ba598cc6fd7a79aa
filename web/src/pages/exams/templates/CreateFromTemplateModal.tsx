import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { templatesApi } from '../api';
import { useCourses, useExamChanged } from '../queries';
import type { ExamTemplate } from '../types';

interface Props {
  template: ExamTemplate | null;
  onClose: () => void;
}

/** Names the new exam and picks its course, then opens it as a draft. */
export function CreateFromTemplateModal({ template, onClose }: Props) {
  return (
    <Modal opened={!!template} onClose={onClose} title="Create exam from template" centered>
      {template && <CreateForm key={template.id} template={template} onCancel={onClose} />}
    </Modal>
  );
}

function CreateForm({ template, onCancel }: { template: ExamTemplate; onCancel: () => void }) {
  const navigate = useNavigate();
  const changed = useExamChanged();
  const courses = useCourses();
  const templateCourse = typeof template.config.course_id === 'string' ? template.config.course_id : null;
  const form = useForm({
    mode: 'controlled',
    initialValues: { title: template.name, course_id: templateCourse as string | null },
    validate: { title: (v: string) => (v.trim() ? null : 'Give the exam a title') },
  });
  const create = useMutation({
    mutationFn: (v: { title: string; course_id: string | null }) =>
      templatesApi.createExam(template.id, { title: v.title.trim(), course_id: v.course_id }),
    onSuccess: (exam) => {
      changed(exam);
      notifications.show({ color: 'green', title: 'Exam created', message: `“${exam.title}” is a new draft.` });
      navigate(`/exams/${exam.id}`);
    },
  });
  const options = (courses.data ?? [])
    .filter((c) => !c.archived)
    .map((c) => ({ value: c.id, label: c.code ? `${c.code} · ${c.name}` : c.name }));
  const courseValue = options.some((o) => o.value === form.values.course_id) ? form.values.course_id : null;

  return (
    <form noValidate onSubmit={form.onSubmit((v) => create.mutate({ ...v, course_id: courseValue }))}>
      <Stack>
        <ErrorAlert error={create.error} title="Could not create the exam" />
        <TextInput label="Exam title" data-autofocus maxLength={200} {...form.getInputProps('title')} />
        <Select
          label="Course"
          placeholder="No course"
          data={options}
          clearable
          searchable
          value={courseValue}
          onChange={(v) => form.setFieldValue('course_id', v)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create exam
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
