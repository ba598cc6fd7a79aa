import type { QuestionType } from '../types';

export const TYPE_LABELS: Record<QuestionType, string> = {
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  true_false: 'True / false',
  short_answer: 'Short answer',
  numeric: 'Numeric',
  essay: 'Essay',
};

export const TYPE_OPTIONS = (Object.keys(TYPE_LABELS) as QuestionType[]).map((value) => ({
  value,
  label: TYPE_LABELS[value],
}));

export const isChoice = (type: QuestionType) => type === 'single_choice' || type === 'multiple_choice';
