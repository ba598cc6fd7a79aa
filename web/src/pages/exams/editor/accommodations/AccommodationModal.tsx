import { Button, Group, Modal, MultiSelect, NumberInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { examsApi } from '../../api';
import { StudentSelect, type StudentOption } from '../../common/StudentPicker';
import { examKeys } from '../../queries';
import type { Accommodation, Exam } from '../../types';

interface Props {
  exam: Exam;
  /** Open with the accommodation to change, or with null to add one; closed when null itself. */
  editing: { accommodation: Accommodation | null } | null;
  onClose: () => void;
}

export function AccommodationModal({ exam, editing, onClose }: Props) {
  const existing = editing?.accommodation ?? null;
  return (
    <Modal opened={!!editing} onClose={onClose} title={existing ? `Accommodation for ${existing.student.name}` : 'Add accommodation'} centered>
      {editing && <AccommodationForm key={existing?.student.id ?? 'new'} exam={exam} existing={existing} onDone={onClose} />}
    </Modal>
  );
}

interface Values {
  student: StudentOption | null;
  extra_minutes: number | string;
  disabled_flags: string[];
}

function AccommodationForm({ exam, existing, onDone }: { exam: Exam; existing: Accommodation | null; onDone: () => void }) {
  const qc = useQueryClient();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      student: existing?.student ?? null,
      extra_minutes: existing?.extra_minutes ?? 0,
      disabled_flags: existing?.disabled_flags ?? [],
    },
    validate: {
      student: (v) => (v ? null : 'Choose a student'),
      extra_minutes: (v) =>
        Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 600 ? null : 'Enter 0 to 600 minutes',
      disabled_flags: (v, values) =>
        v.length || Number(values.extra_minutes) > 0 ? null : 'Give extra time or switch off at least one flag type',
    },
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      examsApi.setAccommodation(exam.id, v.student!.id, {
        extra_minutes: Number(v.extra_minutes),
        disabled_flags: v.disabled_flags,
      }),
    onSuccess: (saved) => {
      notifications.show({ color: 'green', message: `Accommodation saved for ${saved.student.name}.` });
      void qc.invalidateQueries({ queryKey: examKeys.accommodations(exam.id) });
      onDone();
    },
  });

  return (
    <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack>
        <ErrorAlert error={save.error} title="Could not save the accommodation" />
        <StudentSelect
          label="Student"
          value={form.values.student}
          onChange={(s) => form.setFieldValue('student', s)}
          error={form.errors.student as string | undefined}
          disabled={!!existing}
        />
        <NumberInput
          label="Extra time (minutes)"
          description={`Added to the exam's ${exam.duration_minutes} minutes.`}
          min={0}
          max={600}
          step={5}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('extra_minutes')}
        />
        <MultiSelect
          label="Flag types switched off"
          description="For example, gaze deviation for a student who uses a screen reader."
          placeholder="None"
          data={exam.flags.map((f) => ({ value: f.type, label: f.label }))}
          searchable
          clearable
          {...form.getInputProps('disabled_flags')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save accommodation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
