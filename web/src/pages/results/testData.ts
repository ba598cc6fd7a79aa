/** Rows and a fake API for this area's tests. */
import { vi } from 'vitest';
import { jsonResponse } from '../../test/utils';
import type { AttemptDetail, AttemptQuestion, ResultRow } from './types';

export function resultRow(overrides: Partial<ResultRow> = {}): ResultRow {
  return {
    attempt_id: 'a1',
    student_id: 's1',
    roll_number: 'S1001',
    name: 'Ada Lovelace',
    status: 'submitted',
    score: 8,
    max_score: 10,
    score_percent: 80,
    needs_grading: false,
    violations: null,
    risk_score: null,
    calibration: null,
    time_seconds: 754,
    started_at: '2026-03-01T09:00:00',
    deadline_at: '2026-03-01T09:45:00',
    submitted_at: '2026-03-01T09:12:34',
    last_heartbeat_at: '2026-03-01T09:12:30',
    ...overrides,
  };
}

export function essayQuestion(overrides: Partial<AttemptQuestion> = {}): AttemptQuestion {
  return {
    question_id: 'q-essay',
    position: 2,
    type: 'essay',
    stem: 'Explain resonance.',
    options: [],
    points: 5,
    correct_answer: null,
    response: 'When the driving frequency matches the natural one.',
    flagged: false,
    awarded: null,
    graded_by_teacher: false,
    feedback: '',
    ...overrides,
  };
}

export function attemptDetail(overrides: Partial<AttemptDetail> = {}): AttemptDetail {
  return {
    ...resultRow({ score: 1, max_score: 6, score_percent: 16.7, needs_grading: true }),
    exam_id: 'e1',
    exam_title: 'Waves Quiz',
    failure_reason: '',
    questions: [
      {
        question_id: 'q-choice',
        position: 1,
        type: 'single_choice',
        stem: 'Sound cannot travel through:',
        options: [
          { id: 'b', text: 'air' },
          { id: 'a', text: 'a vacuum' },
        ],
        points: 1,
        correct_answer: 'a',
        response: 'a',
        flagged: false,
        awarded: 1,
        graded_by_teacher: false,
        feedback: '',
      },
      essayQuestion(),
    ],
    ...overrides,
  };
}

type Handler = (url: URL, init: RequestInit) => Response | undefined;

/** Stub `fetch`: each call goes to the first handler that answers; anything else is a 404. */
export function stubFetch(...handlers: Handler[]) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init = {}) => {
    const url = new URL(String(input), 'http://localhost');
    for (const handle of handlers) {
      const res = handle(url, init);
      if (res) return res;
    }
    return jsonResponse({ error: { code: 'not_found', message: `No stub for ${url.pathname}` } }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The URLs fetched so far for paths starting with `prefix`. */
export function requested(fetchMock: ReturnType<typeof stubFetch>, prefix: string): URL[] {
  return fetchMock.mock.calls
    .map(([input]) => new URL(String(input), 'http://localhost'))
    .filter((u) => u.pathname.startsWith(prefix));
}
