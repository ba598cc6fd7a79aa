import { describe, expect, it } from 'vitest';
import { isAnswered, mergeAnswers, navigatorItems } from './answers';
import type { OutboxEntry } from './db';
import { makeSession } from './testData';

const entry = (question_id: string, response: unknown, client_seq: number, flagged = false): OutboxEntry => ({
  attempt_id: 'att1',
  question_id,
  response,
  flagged,
  client_seq,
  updated_at: client_seq,
});

describe('answers', () => {
  it('counts an answer as the server does', () => {
    expect(isAnswered(null)).toBe(false);
    expect(isAnswered('')).toBe(false);
    expect(isAnswered('  ')).toBe(false);
    expect(isAnswered([])).toBe(false);
    expect(isAnswered(false)).toBe(true);
    expect(isAnswered(0)).toBe(true);
    expect(isAnswered(['a'])).toBe(true);
  });

  it('puts newer local edits over the server, and drops the ones the server has', () => {
    const server = {
      q1: { response: 'a', flagged: false, client_seq: 3, saved_at: 'x' },
      q2: { response: true, flagged: false, client_seq: 9, saved_at: 'x' },
    };
    const { answers, stale, pending } = mergeAnswers(server, [entry('q1', 'b', 4, true), entry('q2', false, 9), entry('q3', 'hi', 10)]);
    expect(answers).toEqual({
      q1: { response: 'b', flagged: true },
      q2: { response: true, flagged: false },
      q3: { response: 'hi', flagged: false },
    });
    expect(stale.map((e) => e.question_id)).toEqual(['q2']);
    expect(pending.map((e) => e.question_id)).toEqual(['q1', 'q3']);
  });
});

describe('navigator states', () => {
  const { questions } = makeSession();

  it('shows answered, flagged and current', () => {
    const items = navigatorItems(
      questions,
      { q1: { response: 'a', flagged: true }, q2: { response: null, flagged: true }, q3: { response: '', flagged: false } },
      1,
    );
    expect(items.map((i) => i.label)).toEqual([
      'Question 1, answered, flagged',
      'Question 2, not answered, flagged',
      'Question 3, not answered',
    ]);
    expect(items.map((i) => i.current)).toEqual([false, true, false]);
    expect(items.map((i) => [i.answered, i.flagged])).toEqual([
      [true, true],
      [false, true],
      [false, false],
    ]);
  });

  it('a false true/false answer is still an answer', () => {
    const items = navigatorItems(questions, { q2: { response: false, flagged: false } }, 0);
    expect(items[1].label).toBe('Question 2, answered');
  });
});
