/** Pure helpers for the exam screen: answers, merging with the outbox, the navigator. */
import type { AnswerView, QuestionView } from '../api/types';
import type { OutboxEntry } from './db';

export type QuestionType =
  | 'single_choice'
  | 'multiple_choice'
  | 'true_false'
  | 'short_answer'
  | 'numeric'
  | 'essay';

export interface Option {
  id: string;
  text: string;
}

/** What the screen shows for one question. */
export interface LocalAnswer {
  response: unknown;
  flagged: boolean;
}

export type Answers = Record<string, LocalAnswer>;

export function optionsOf(question: QuestionView): Option[] {
  return (question.options ?? []).map((o) => ({ id: String(o.id), text: String(o.text ?? '') }));
}

/** Answered, as the server counts it: not null, not "", not []. */
export function isAnswered(response: unknown): boolean {
  if (response === null || response === undefined) return false;
  if (typeof response === 'string') return response.trim() !== '';
  if (Array.isArray(response)) return response.length > 0;
  return true;
}

/**
 * The server's answers with the device's unsent edits on top. An outbox entry wins when it
 * is newer (higher client_seq) than what the server holds; otherwise the server already has
 * it (or something newer) and the entry is returned in `stale`, to be dropped.
 */
export function mergeAnswers(
  server: Record<string, AnswerView>,
  outbox: OutboxEntry[],
): { answers: Answers; stale: OutboxEntry[]; pending: OutboxEntry[] } {
  const answers: Answers = {};
  for (const [qid, a] of Object.entries(server ?? {})) {
    answers[qid] = { response: a.response, flagged: a.flagged };
  }
  const stale: OutboxEntry[] = [];
  const pending: OutboxEntry[] = [];
  for (const entry of outbox) {
    const known = server?.[entry.question_id];
    if (known && known.client_seq >= entry.client_seq) {
      stale.push(entry);
      continue;
    }
    answers[entry.question_id] = { response: entry.response, flagged: entry.flagged };
    pending.push(entry);
  }
  return { answers, stale, pending };
}

export interface NavItem {
  number: number;
  questionId: string;
  answered: boolean;
  flagged: boolean;
  current: boolean;
  /** e.g. "Question 3, answered, flagged" */
  label: string;
}

export function navLabel(number: number, answered: boolean, flagged: boolean): string {
  return `Question ${number}, ${answered ? 'answered' : 'not answered'}${flagged ? ', flagged' : ''}`;
}

export function navigatorItems(questions: QuestionView[], answers: Answers, currentIndex: number): NavItem[] {
  return questions.map((q, i) => {
    const a = answers[q.id];
    const answered = isAnswered(a?.response);
    const flagged = Boolean(a?.flagged);
    return {
      number: i + 1,
      questionId: q.id,
      answered,
      flagged,
      current: i === currentIndex,
      label: navLabel(i + 1, answered, flagged),
    };
  });
}

export function countAnswered(questions: QuestionView[], answers: Answers): number {
  return questions.filter((q) => isAnswered(answers[q.id]?.response)).length;
}

export function countFlagged(questions: QuestionView[], answers: Answers): number {
  return questions.filter((q) => answers[q.id]?.flagged).length;
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}
