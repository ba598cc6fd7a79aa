import { Button, CloseButton, NumberInput, TextInput } from '@mantine/core';
import type { ExamSummary } from '../types';
import type { ScheduleEditor } from './useScheduleEditor';

interface Props {
  exam: ExamSummary;
  editor: ScheduleEditor;
  /** Show visible labels (phone cards) instead of relying on the table's headers. */
  labelled?: boolean;
}

const WORDS = { window_start: ['Opens at', 'opening'], window_end: ['Closes at', 'closing'] } as const;

export function WindowInput({ exam, editor, field, labelled }: Props & { field: 'window_start' | 'window_end' }) {
  const [label, word] = WORDS[field];
  const value = editor.values[field];
  return (
    <TextInput
      type="datetime-local"
      size="xs"
      label={labelled ? label : undefined}
      aria-label={labelled ? undefined : `${label} of ${exam.title}`}
      value={value}
      onChange={(e) => editor.set({ [field]: e.currentTarget.value })}
      onKeyDown={(e) => e.key === 'Enter' && editor.submit()}
      rightSection={
        value ? <CloseButton size="xs" aria-label={`Remove the ${word} time of ${exam.title}`} onClick={() => editor.set({ [field]: '' })} /> : null
      }
      error={!!editor.problem && field === 'window_end'}
      miw={210}
    />
  );
}

export function DurationInput({ exam, editor, labelled }: Props) {
  return (
    <NumberInput
      size="xs"
      label={labelled ? 'Duration (min)' : undefined}
      aria-label={labelled ? undefined : `Duration in minutes of ${exam.title}`}
      value={editor.values.duration_minutes}
      onChange={(v) => editor.set({ duration_minutes: v })}
      onKeyDown={(e) => e.key === 'Enter' && editor.submit()}
      min={1}
      max={1440}
      allowDecimal={false}
      allowNegative={false}
      w={labelled ? undefined : 90}
    />
  );
}

export function SaveScheduleButton({ exam, editor }: Props) {
  return (
    <Button size="xs" onClick={editor.submit} disabled={!editor.dirty} loading={editor.saving} aria-label={`Save the schedule of ${exam.title}`}>
      Save
    </Button>
  );
}
