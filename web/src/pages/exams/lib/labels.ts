/** Words for exam statuses, proctoring modes, schedules and question types. */
import type { ExamStatus, ProctoringMode, QuestionType } from '../types';

export const STATUS_LABELS: Record<ExamStatus, string> = {
  draft: 'Draft',
  published: 'Published',
  archived: 'Archived',
};

export const STATUS_COLORS: Record<ExamStatus, string> = {
  draft: 'gray',
  published: 'green',
  archived: 'yellow',
};

export const STATUS_OPTIONS = (Object.keys(STATUS_LABELS) as ExamStatus[]).map((value) => ({
  value,
  label: STATUS_LABELS[value],
}));

export const MODES: { value: ProctoringMode; label: string; description: string }[] = [
  {
    value: 'auto',
    label: 'Automatic',
    description: 'AI flags only: each attempt gets a live risk score and a suggested decision per flag.',
  },
  {
    value: 'live',
    label: 'Live proctoring',
    description: 'As automatic, plus proctors watch the live sessions and can warn, chat, pause or end.',
  },
  {
    value: 'record_review',
    label: 'Record and review',
    description: 'As automatic, plus webcam and screen are recorded and every attempt is reviewed for a verdict.',
  },
];

export function modeLabel(mode: ProctoringMode): string {
  return MODES.find((m) => m.value === mode)?.label ?? mode;
}

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  true_false: 'True / false',
  short_answer: 'Short answer',
  numeric: 'Numeric',
  essay: 'Essay',
};

export const QUESTION_TYPE_OPTIONS = (Object.keys(QUESTION_TYPE_LABELS) as QuestionType[]).map((value) => ({
  value,
  label: QUESTION_TYPE_LABELS[value],
}));

export function minutesLabel(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The link students open to take an exam. */
export function shareLink(examId: string): string {
  return `${window.location.origin}/take/${examId}`;
}

/** An invite link as the API gives it, made absolute if it is a path. */
export function absoluteUrl(url: string): string {
  return url.startsWith('/') ? `${window.location.origin}${url}` : url;
}
