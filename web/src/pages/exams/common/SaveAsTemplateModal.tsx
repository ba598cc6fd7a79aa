import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { examsApi } from '../api';
import { examKeys } from '../queries';

interface ExamRef {
  id: string;
  title: string;
}

interface Props {
  /** The exam to save, or null while closed. */
  exam: ExamRef | null;
  onClose: () => void;
}

/** Asks for a template name and saves the exam's settings and questions under it. */
export function SaveAsTemplateModal({ exam, onClose }: Props) {
  return (
    <Modal opened={!!exam} onClose={onClose} title="Save as template" centered>
      {exam && <TemplateNameForm key={exam.id} exam={exam} onDone={onClose} />}
    </Modal>
  );
}

function TemplateNameForm({ exam, onDone }: { exam: ExamRef; onDone: () => void }) {
  const qc = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: exam.title },
    validate: { name: (v: string) => (v.trim() ? null : 'Give the template a name') },
  });
  const save = useMutation({
    mutationFn: (name: string) => examsApi.saveAsTemplate(exam.id, name),
    onSuccess: (template) => {
      notifications.show({ color: 'green', title: 'Template saved', message: `“${template.name}” is in Exam templates.` });
      void qc.invalidateQueries({ queryKey: examKeys.templates });
      onDone();
    },
  });

  return (
    <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v.name.trim()))}>
      <Stack>
        <Text size="sm" c="dimmed">
          A template keeps the settings, groups and questions; the title, schedule and status stay with the exam.
        </Text>
        <ErrorAlert error={save.error} title="Could not save the template" />
        <TextInput label="Template name" data-autofocus maxLength={200} {...form.getInputProps('name')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save template
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
