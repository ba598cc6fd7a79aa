import { describe, expect, it } from 'vitest';
import type { Question } from '../types';
import { changeType, emptyQuestion, newOption, questionBody, validateQuestion, valuesFromQuestion, type QuestionValues } from './questionForm';

const base = (over: Partial<QuestionValues>): QuestionValues => ({ ...emptyQuestion(), stem: '  Pick one  ', tags: ['physics'], ...over });

describe('questionBody', () => {
  it('single choice: options get letters and the answer is the correct one', () => {
    const body = questionBody(
      base({ type: 'single_choice', options: [newOption('Newton'), newOption('Joule', true), newOption(' Watt ')], points: 2 }),
    );
    expect(body).toEqual({
      type: 'single_choice',
      stem: 'Pick one',
      options: [
        { id: 'a', text: 'Newton' },
        { id: 'b', text: 'Joule' },
        { id: 'c', text: 'Watt' },
      ],
      answer: 'b',
      points: 2,
      partial_credit: false,
      explanation: '',
      tags: ['physics'],
    });
  });

  it('multiple choice keeps stored ids, fills new ones with free letters, and sends partial credit', () => {
    const body = questionBody(
      base({
        type: 'multiple_choice',
        partialCredit: true,
        options: [newOption('Velocity', true, 'b'), newOption('Mass', false, 'a'), newOption('Force', true)],
      }),
    );
    expect(body.options).toEqual([
      { id: 'b', text: 'Velocity' },
      { id: 'a', text: 'Mass' },
      { id: 'c', text: 'Force' },
    ]);
    expect(body.answer).toEqual(['b', 'c']);
    expect(body.partial_credit).toBe(true);
  });

  it('partial credit is only sent for multiple choice', () => {
    expect(questionBody(base({ type: 'single_choice', partialCredit: true, options: [newOption('x', true), newOption('y')] })).partial_credit).toBe(false);
  });

  it('true/false sends a boolean and no options', () => {
    const body = questionBody(base({ type: 'true_false', trueFalse: 'false' }));
    expect(body).toMatchObject({ type: 'true_false', options: [], answer: false });
  });

  it('short answer sends the accepted list (one per line, blanks and repeats dropped) and the match mode', () => {
    const body = questionBody(base({ type: 'short_answer', accepted: 'Paris\n\n  paris, France \nParis', match: 'exact' }));
    expect(body).toMatchObject({ options: [], answer: { accepted: ['Paris', 'paris, France'], match: 'exact' } });
  });

  it('numeric sends the value and tolerance (empty tolerance is 0)', () => {
    expect(questionBody(base({ type: 'numeric', numericValue: 9.81, tolerance: 0.05 })).answer).toEqual({ value: 9.81, tolerance: 0.05 });
    expect(questionBody(base({ type: 'numeric', numericValue: '-3', tolerance: '' })).answer).toEqual({ value: -3, tolerance: 0 });
  });

  it('essay has no answer key', () => {
    expect(questionBody(base({ type: 'essay', points: 5 }))).toMatchObject({ type: 'essay', options: [], answer: null, points: 5 });
  });
});

describe('validateQuestion', () => {
  it('explains every problem in words', () => {
    expect(validateQuestion(base({ stem: ' ', points: 0, options: [newOption('A'), newOption('')] }))).toEqual({
      stem: 'Write the question',
      points: 'Points must be a number above 0',
      'options.1.text': 'Option 2 is empty: write it or remove it',
      options: 'Mark the correct option',
    });
    expect(validateQuestion(base({ type: 'multiple_choice', options: [newOption('A'), newOption('A', true)] })).options).toBe(
      'Two options have the same text',
    );
    expect(validateQuestion(base({ type: 'true_false' })).trueFalse).toBe('Choose whether the statement is true or false');
    expect(validateQuestion(base({ type: 'short_answer', accepted: '\n ' })).accepted).toBe('Give at least one accepted answer');
    expect(validateQuestion(base({ type: 'numeric', numericValue: '', tolerance: -1 }))).toMatchObject({
      numericValue: 'Enter the correct answer as a number',
      tolerance: 'Tolerance must be 0 or more',
    });
    expect(validateQuestion(base({ type: 'essay' }))).toEqual({});
  });
});

describe('editing', () => {
  it('reads a stored question back into the form and out again unchanged', () => {
    const stored: Question = {
      id: 'q1',
      type: 'short_answer',
      stem: 'Capital of Italy?',
      options: [],
      answer: { accepted: ['Rome', 'Roma'], match: 'case_insensitive' },
      points: 1,
      partial_credit: false,
      explanation: 'Since 1871.',
      tags: ['geo'],
      version: 3,
      created_by_id: null,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: null,
    };
    const body = questionBody(valuesFromQuestion(stored));
    expect(body).toEqual({
      type: 'short_answer',
      stem: 'Capital of Italy?',
      options: [],
      answer: { accepted: ['Rome', 'Roma'], match: 'case_insensitive' },
      points: 1,
      partial_credit: false,
      explanation: 'Since 1871.',
      tags: ['geo'],
    });
  });

  it('switching to single choice keeps only the first correct option', () => {
    const v = changeType(base({ type: 'multiple_choice', options: [newOption('a'), newOption('b', true), newOption('c', true)] }), 'single_choice');
    expect(v.options.map((o) => o.correct)).toEqual([false, true, false]);
  });
});
