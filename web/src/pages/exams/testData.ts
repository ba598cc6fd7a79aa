/** Fixtures and a fake API for this area's tests: fetch answers by method and path. */
import { vi } from 'vitest';
import { jsonResponse } from '../../test/utils';
import type { EffectiveFlag, Exam, ExamItem } from './types';

type Handler = (body: unknown, url: URL) => unknown;
/** A JSON body (or a Response) to answer with, or a function of the request. */
type Answer = Handler | object;

interface FakeCall {
  method: string;
  path: string;
  search: URLSearchParams;
  body: unknown;
}

/**
 * Stubs `fetch`. Routes are "METHOD /path" (after /api/v1) → a JSON body, a function of the
 * request body, or a Response. Unknown routes answer 404, so a test sees what it missed.
 */
export function fakeApi(routes: Record<string, Answer>) {
  const calls: FakeCall[] = [];
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path, search: url.searchParams, body });
    const answer = routes[`${method} ${path}`];
    if (answer === undefined) return jsonResponse({ error: { code: 'not_found', message: `no route ${method} ${path}` } }, 404);
    const value = typeof answer === 'function' ? (answer as Handler)(body, url) : answer;
    return value instanceof Response ? value : jsonResponse(value, method === 'POST' ? 201 : 200);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock, sent: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path) };
}

/** jsdom has no `document.fonts`, which Mantine's autosizing Textarea listens to. */
export function stubDocumentFonts() {
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', {
      configurable: true,
      value: { addEventListener: () => {}, removeEventListener: () => {} },
    });
  }
}

const FLAGS: EffectiveFlag[] = [
  { type: 'multiple_faces', label: 'Multiple faces', severity: 'high', default_weight: 30, enabled: true, weight: 30 },
  { type: 'tab_switch', label: 'Tab switch', severity: 'medium', default_weight: 10, enabled: true, weight: 10 },
];

export function makeItem(id: string, stem: string, points = 1, position = 1): ExamItem {
  return {
    position,
    kind: 'question',
    question: { id, type: 'single_choice', stem, points, tags: ['algebra'], deleted: false },
    pool_tags: [],
    pool_count: 0,
    matching_count: null,
  };
}

export function makeExam(overrides: Partial<Exam> = {}): Exam {
  return {
    id: 'ex1',
    title: 'Algebra midterm',
    course: null,
    status: 'draft',
    mode: 'auto',
    duration_minutes: 60,
    window_start: null,
    window_end: null,
    question_count: 0,
    has_access_code: true,
    created_at: '2026-01-01T00:00:00Z',
    instructions: '',
    access_code: 'ABC123',
    rules_allowed: [],
    rules_prohibited: [],
    flag_settings: {},
    flags: FLAGS,
    room_camera_required: false,
    screen_recording_required: false,
    record_video: false,
    results_released: false,
    snapshot_interval_s: 10,
    screen_interval_s: 30,
    shuffle_questions: true,
    shuffle_options: true,
    groups: [],
    items: [],
    attempt_count: 0,
    analysis_warnings: [],
    ...overrides,
  };
}
