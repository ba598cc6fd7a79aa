/** Wording for a question's options, the student's answer and the answer key. */
import type { AttemptQuestion } from './types';

export interface ShownOption {
  id: string;
  /** "A", "B", … in the order the student saw them. */
  letter: string;
  text: string;
  chosen: boolean;
  correct: boolean;
}

export const TYPE_LABELS: Record<string, string> = {
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  true_false: 'True / false',
  short_answer: 'Short answer',
  numeric: 'Numeric',
  essay: 'Essay',
};

const TRUE_FALSE = [
  { id: 'true', text: 'True' },
  { id: 'false', text: 'False' },
];

function ids(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  return [String(value)];
}

/** The options in the student's order, marked chosen and correct; empty for typed answers. */
export function shownOptions(q: AttemptQuestion): ShownOption[] {
  const choice = q.type === 'single_choice' || q.type === 'multiple_choice' || q.type === 'true_false';
  if (!choice) return [];
  const options = q.options.length ? q.options : q.type === 'true_false' ? TRUE_FALSE : [];
  const chosen = new Set(ids(q.response));
  const correct = new Set(ids(q.correct_answer));
  return options.map((o, i) => {
    const id = String(o.id);
    return {
      id,
      letter: String.fromCharCode(65 + i),
      text: String(o.text ?? id),
      chosen: chosen.has(id),
      correct: correct.has(id),
    };
  });
}

function optionsText(options: ShownOption[], pick: (o: ShownOption) => boolean): string | null {
  const picked = options.filter(pick);
  return picked.length ? picked.map((o) => `${o.letter}. ${o.text}`).join('; ') : null;
}

/** The student's answer in words, or null when they left it blank. */
export function responseText(q: AttemptQuestion): string | null {
  if (q.response === null || q.response === undefined || q.response === '') return null;
  const options = shownOptions(q);
  if (options.length) return optionsText(options, (o) => o.chosen);
  return String(q.response);
}

/** The answer key in words, or null when a person grades it (essays). */
export function correctText(q: AttemptQuestion): string | null {
  const key = q.correct_answer as unknown;
  if (key === null || key === undefined) return null;
  const options = shownOptions(q);
  if (options.length) return optionsText(options, (o) => o.correct);
  if (q.type === 'short_answer' && typeof key === 'object' && key !== null && 'accepted' in key) {
    const { accepted, match } = key as { accepted: unknown[]; match?: string };
    const list = accepted.map((a) => `“${String(a)}”`).join(' or ');
    return match === 'case_insensitive' ? `${list} (any capitalisation)` : list;
  }
  if (q.type === 'numeric' && typeof key === 'object' && key !== null && 'value' in key) {
    const { value, tolerance } = key as { value: number; tolerance?: number };
    return tolerance ? `${value} ± ${tolerance}` : String(value);
  }
  return typeof key === 'string' ? key : JSON.stringify(key);
}

/** Essays always take a teacher's mark; any other answer does once it has none. */
export function needsTeacherMark(q: AttemptQuestion): boolean {
  return q.type === 'essay' || q.awarded === null;
}
