/**
 * The question editor's values, and how they turn into the API's body (and back).
 * One set of values serves every type, so switching type keeps what was typed.
 */
import type { Question, QuestionBody, QuestionType } from '../types';
import { isChoice } from './questionTypes';

export interface OptionValue {
  /** React key; stable while the option is edited. */
  key: string;
  /** The stored option id (kept on edit so answer keys and analytics stay attached). */
  id: string | null;
  text: string;
  correct: boolean;
}

export type MatchMode = 'case_insensitive' | 'exact';

export interface QuestionValues {
  type: QuestionType;
  stem: string;
  options: OptionValue[];
  trueFalse: '' | 'true' | 'false';
  /** Short answer: one accepted answer per line. */
  accepted: string;
  match: MatchMode;
  numericValue: number | string;
  tolerance: number | string;
  points: number | string;
  partialCredit: boolean;
  explanation: string;
  tags: string[];
}

let nextKey = 0;
export const newOption = (text = '', correct = false, id: string | null = null): OptionValue => ({
  key: `option-${++nextKey}`,
  id,
  text,
  correct,
});

export function emptyQuestion(type: QuestionType = 'single_choice'): QuestionValues {
  return {
    type,
    stem: '',
    options: [newOption(), newOption(), newOption(), newOption()],
    trueFalse: '',
    accepted: '',
    match: 'case_insensitive',
    numericValue: '',
    tolerance: 0,
    points: 1,
    partialCredit: false,
    explanation: '',
    tags: [],
  };
}

function isShortAnswerKey(a: unknown): a is { accepted: string[]; match: MatchMode } {
  return typeof a === 'object' && a !== null && 'accepted' in a;
}

function isNumericKey(a: unknown): a is { value: number; tolerance: number } {
  return typeof a === 'object' && a !== null && 'value' in a;
}

export function valuesFromQuestion(q: Question): QuestionValues {
  const values = emptyQuestion(q.type);
  const correct = new Set(Array.isArray(q.answer) ? q.answer : typeof q.answer === 'string' ? [q.answer] : []);
  if (isChoice(q.type)) values.options = q.options.map((o) => newOption(o.text, correct.has(o.id), o.id));
  if (q.type === 'true_false' && typeof q.answer === 'boolean') values.trueFalse = q.answer ? 'true' : 'false';
  if (isShortAnswerKey(q.answer)) {
    values.accepted = q.answer.accepted.join('\n');
    values.match = q.answer.match;
  }
  if (isNumericKey(q.answer)) {
    values.numericValue = q.answer.value;
    values.tolerance = q.answer.tolerance;
  }
  return {
    ...values,
    stem: q.stem,
    points: q.points,
    partialCredit: q.partial_credit,
    explanation: q.explanation,
    tags: q.tags,
  };
}

export function acceptedAnswers(text: string): string[] {
  return [...new Set(text.split('\n').map((a) => a.trim()).filter(Boolean))];
}

const num = (v: number | string) => (typeof v === 'number' ? v : Number(String(v).trim().replace(',', '.')));
const isNumber = (v: number | string) => String(v).trim() !== '' && Number.isFinite(num(v));

/** Options with ids: stored ids are kept, new options get the next free letter (as the API would). */
function withIds(options: OptionValue[]): { id: string; text: string; correct: boolean }[] {
  const used = new Set(options.map((o) => o.id).filter((id): id is string => !!id));
  const free = 'abcdefghijklmnopqrstuvwxyz'.split('').filter((c) => !used.has(c));
  return options.map((o) => ({ id: o.id ?? free.shift()!, text: o.text.trim(), correct: o.correct }));
}

/** The body for POST /questions (and PATCH, which takes the same fields). */
export function questionBody(v: QuestionValues): QuestionBody {
  const common = {
    type: v.type,
    stem: v.stem.trim(),
    points: num(v.points),
    partial_credit: v.type === 'multiple_choice' && v.partialCredit,
    explanation: v.explanation.trim(),
    tags: v.tags,
  };
  switch (v.type) {
    case 'single_choice':
    case 'multiple_choice': {
      const options = withIds(v.options);
      const correct = options.filter((o) => o.correct).map((o) => o.id);
      return {
        ...common,
        options: options.map(({ id, text }) => ({ id, text })),
        answer: v.type === 'single_choice' ? (correct[0] ?? null) : correct,
      };
    }
    case 'true_false':
      return { ...common, options: [], answer: v.trueFalse === 'true' };
    case 'short_answer':
      return { ...common, options: [], answer: { accepted: acceptedAnswers(v.accepted), match: v.match } };
    case 'numeric':
      return {
        ...common,
        options: [],
        answer: { value: num(v.numericValue), tolerance: isNumber(v.tolerance) ? num(v.tolerance) : 0 },
      };
    case 'essay':
      return { ...common, options: [], answer: null };
  }
}

/** Problems in words, keyed by the field they belong to (Mantine form paths). */
export function validateQuestion(v: QuestionValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.stem.trim()) errors.stem = 'Write the question';
  if (!isNumber(v.points) || num(v.points) <= 0) errors.points = 'Points must be a number above 0';
  else if (num(v.points) > 1000) errors.points = 'At most 1000 points';

  if (isChoice(v.type)) {
    v.options.forEach((o, i) => {
      if (!o.text.trim()) errors[`options.${i}.text`] = `Option ${i + 1} is empty: write it or remove it`;
    });
    const texts = v.options.map((o) => o.text.trim()).filter(Boolean);
    const correct = v.options.filter((o) => o.correct).length;
    if (v.options.length < 2) errors.options = 'Give at least 2 options';
    else if (new Set(texts).size !== texts.length) errors.options = 'Two options have the same text';
    else if (correct === 0)
      errors.options = v.type === 'single_choice' ? 'Mark the correct option' : 'Mark at least one correct option';
    else if (v.type === 'single_choice' && correct > 1) errors.options = 'Mark only one correct option';
  }
  if (v.type === 'true_false' && !v.trueFalse) errors.trueFalse = 'Choose whether the statement is true or false';
  if (v.type === 'short_answer' && acceptedAnswers(v.accepted).length === 0)
    errors.accepted = 'Give at least one accepted answer';
  if (v.type === 'numeric') {
    if (!isNumber(v.numericValue)) errors.numericValue = 'Enter the correct answer as a number';
    if (String(v.tolerance).trim() !== '' && (!isNumber(v.tolerance) || num(v.tolerance) < 0))
      errors.tolerance = 'Tolerance must be 0 or more';
  }
  return errors;
}

/** Switching type: a single-choice question keeps only its first correct option. */
export function changeType(v: QuestionValues, type: QuestionType): QuestionValues {
  if (type !== 'single_choice') return { ...v, type };
  let seen = false;
  const options = v.options.map((o) => {
    const keep = o.correct && !seen;
    if (o.correct) seen = true;
    return { ...o, correct: keep };
  });
  return { ...v, type, options };
}
