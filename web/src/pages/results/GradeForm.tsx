import { Button, Group, NumberInput, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { resultKeys, resultsApi } from './api';
import { formatPoints } from './format';
import type { AttemptQuestion } from './types';

interface Props {
  attemptId: string;
  question: AttemptQuestion;
  /** Shown on the button; "Save grade" by default. */
  submitLabel?: string;
  onDone?: () => void;
}

function validatePoints(value: number | string, max: number): string | null {
  if (value === '' || value === null || value === undefined) return 'Enter the points to award';
  const n = Number(value);
  if (!Number.isFinite(n)) return 'Enter a number';
  if (n < 0) return 'Points cannot be negative';
  if (n > max) return `At most ${formatPoints(max)} ${max === 1 ? 'point' : 'points'} for this question`;
  return null;
}

/** A teacher's mark for one answer (points 0..max and an optional comment); the score follows. */
export function GradeForm({ attemptId, question, submitLabel = 'Save grade', onDone }: Props) {
  const qc = useQueryClient();
  const max = question.points;
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      points: (question.graded_by_teacher && question.awarded !== null ? question.awarded : '') as number | string,
      feedback: question.feedback,
    },
    validate: { points: (v) => validatePoints(v, max) },
  });

  const grade = useMutation({
    mutationFn: (v: { points: number; feedback: string }) => resultsApi.grade(attemptId, question.question_id, v),
    onSuccess: (detail) => {
      qc.setQueryData(resultKeys.attempt(attemptId), detail);
      void qc.invalidateQueries({ queryKey: resultKeys.all, predicate: (q) => q.queryKey[1] !== 'attempt' });
      notifications.show({
        color: 'green',
        message: `Grade saved. The attempt now scores ${formatPoints(detail.score)} / ${formatPoints(detail.max_score)}.`,
      });
      onDone?.();
    },
  });

  const field = `q-${question.question_id}`;
  return (
    <form
      noValidate
      aria-label={`Grade question ${question.position}`}
      onSubmit={form.onSubmit((v) => grade.mutate({ points: Number(v.points), feedback: v.feedback.trim() }))}
    >
      <Stack gap="sm">
        <ErrorAlert error={grade.error} title="Could not save the grade" />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <NumberInput
            id={`${field}-points`}
            label={`Points (0–${formatPoints(max)})`}
            min={0}
            max={max}
            step={0.5}
            decimalScale={2}
            clampBehavior="none"
            allowNegative={false}
            w={{ base: '100%', xs: 160 }}
            {...form.getInputProps('points')}
          />
          <Textarea
            id={`${field}-feedback`}
            label="Comment (optional)"
            placeholder="What was good, what was missing"
            rows={2}
            maxLength={5000}
            style={{ flex: '1 1 260px' }}
            {...form.getInputProps('feedback')}
          />
        </Group>
        <Group gap="sm">
          <Button type="submit" loading={grade.isPending} size="sm">
            {submitLabel}
          </Button>
          {onDone && (
            <Button variant="default" size="sm" onClick={onDone} disabled={grade.isPending}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
