import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { examsApi } from '../api';
import { toLocalInput, toUtcIso, windowError } from '../lib/datetime';
import { useExamChanged } from '../queries';
import type { ExamSummary } from '../types';

interface ScheduleValues {
  /** Local "YYYY-MM-DDTHH:mm", or "" for no limit. */
  window_start: string;
  window_end: string;
  duration_minutes: number | string;
}

function valuesOf(exam: ExamSummary): ScheduleValues {
  return {
    window_start: toLocalInput(exam.window_start),
    window_end: toLocalInput(exam.window_end),
    duration_minutes: exam.duration_minutes,
  };
}

function check(v: ScheduleValues): string | null {
  const n = Number(v.duration_minutes);
  if (v.duration_minutes === '' || !Number.isInteger(n) || n < 1 || n > 1440) return 'Duration must be 1 to 1440 minutes.';
  return windowError(v.window_start, v.window_end);
}

/** One exam's window and duration while edited, checked, and saved on their own. */
export function useScheduleEditor(exam: ExamSummary) {
  const changed = useExamChanged();
  const [saved, setSaved] = useState(() => valuesOf(exam));
  const [values, setValues] = useState(saved);
  const [problem, setProblem] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (v: ScheduleValues) =>
      examsApi.update(exam.id, {
        window_start: toUtcIso(v.window_start),
        window_end: toUtcIso(v.window_end),
        duration_minutes: Number(v.duration_minutes),
      }),
    onSuccess: (result) => {
      const next = valuesOf(result);
      setSaved(next);
      setValues(next);
      changed(result);
      notifications.show({ color: 'green', message: `Schedule of “${exam.title}” saved.` });
    },
    onError: (err) => setProblem(errorMessage(err)),
  });

  return {
    values,
    problem,
    dirty: JSON.stringify(values) !== JSON.stringify(saved),
    saving: save.isPending,
    set: (patch: Partial<ScheduleValues>) => {
      setValues((v) => ({ ...v, ...patch }));
      setProblem(null);
    },
    submit: () => {
      const error = check(values);
      if (error) setProblem(error);
      else save.mutate(values);
    },
  };
}

export type ScheduleEditor = ReturnType<typeof useScheduleEditor>;
