/** Rows and a fake API for this area's tests. */
import { vi } from 'vitest';
import { jsonResponse } from '../../test/utils';
import type { Proctoring, ProctorFlag } from '../../api/types';
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
    violations: 0,
    risk_score: null,
    risk_tier: null,
    calibration: null,
    verdict: 'none',
    time_seconds: 754,
    started_at: '2026-03-01T09:00:00',
    deadline_at: '2026-03-01T09:45:00',
    submitted_at: '2026-03-01T09:12:34',
    last_heartbeat_at: '2026-03-01T09:12:30',
    review_status: '',
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

type Handler = (url: URL, init: RequestInit) => Response | Promise<Response> | undefined;

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

export function proctorFlag(overrides: Partial<ProctorFlag> = {}): ProctorFlag {
  return {
    id: 'f1',
    type: 'tab_switch',
    label: 'Tab switch',
    source: 'browser',
    severity: 'medium',
    weight: 10,
    started_at: '2026-03-01T09:05:00Z',
    ended_at: '2026-03-01T09:05:42Z',
    duration_seconds: 42,
    open: false,
    event_count: 2,
    confidence: 1,
    suggestion: 'confirm',
    decision: 'undecided',
    decided_by: null,
    decided_at: null,
    snapshots: [],
    details: {},
    comment: '',
    ...overrides,
  };
}

export function proctoringRecord(overrides: Partial<Proctoring> = {}): Proctoring {
  return {
    attempt_id: 'a1',
    scores: {
      integrity: 72,
      risk: 28,
      risk_tier: 'moderate',
      live_risk: 12.5,
      live_tier: 'low',
      violations: 2,
      score_version: 1,
      verdict: 'none',
      verdict_by: null,
      verdict_at: null,
    },
    flags: [
      proctorFlag({ snapshots: ['m-cam'] }),
      proctorFlag({
        id: 'f2',
        type: 'gaze_deviation',
        label: 'Gaze deviation',
        source: 'ai',
        severity: 'medium',
        started_at: '2026-03-01T09:07:00Z',
        ended_at: '2026-03-01T09:07:00Z',
        duration_seconds: 0,
        event_count: 1,
        confidence: 0.2,
        suggestion: 'dismiss',
      }),
    ],
    consent: {
      accepted_at: '2026-03-01T09:00:10Z',
      retention_days: 30,
      recorded: ['Webcam snapshots every 10 seconds'],
      version: 1,
    },
    cal_status: 'poor',
    cal_reason: 'Your face is too dark: add light in front of you.',
    calibration: { at: '2026-03-01T09:00:30Z', status: 'poor' },
    selfie_id: 'm-selfie',
    id_document_id: 'm-id',
    media: [
      { id: 'm-id', kind: 'id_document', taken_at: '2026-03-01T09:00:20Z', width: 640, height: 400, size: 1000 },
      { id: 'm-selfie', kind: 'selfie', taken_at: '2026-03-01T09:00:25Z', width: 640, height: 480, size: 1000 },
      { id: 'm-cam', kind: 'webcam', taken_at: '2026-03-01T09:05:01Z', width: 640, height: 480, size: 1000 },
      { id: 'm-screen', kind: 'screen', taken_at: '2026-03-01T09:06:00Z', width: 1280, height: 720, size: 1000 },
    ],
    ...overrides,
  };
}
