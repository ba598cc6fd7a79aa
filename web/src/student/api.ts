/**
 * The student's exam API (/api/v1/exam-sessions). Students have no account: after joining
 * they hold an attempt token, sent as `Authorization: Bearer …`. No cookies, no CSRF header:
 * this is a separate, small wrapper on purpose (the teacher's `request` adds both).
 */
import { API_BASE, ApiError } from '../api/client';
import type {
  AnswerRequest,
  AnswerSaved,
  CalibrationRequest,
  CalibrationResult,
  ConsentResult,
  EventBatchResult,
  ExamInfo,
  ExamSession,
  JoinRequest,
  JoinResponse,
  ProctorEventIn,
  ProctoringSetup,
  ResultAccess,
  SnapshotUploaded,
  Submitted,
  Timing,
} from '../api/types';

const enc = encodeURIComponent;

/** Error codes that mean "the server could not be reached" (the request may be retried). */
export const NETWORK_ERROR = 'network_error';

export function isNetworkError(err: unknown): boolean {
  return err instanceof ApiError && err.status === 0;
}

/** 5xx: the server is up but failing (or a proxy in front of a restarting server). */
export function isServerError(err: unknown): boolean {
  return err instanceof ApiError && err.status >= 500;
}

/** An ApiError with the `error.details` the server sent (e.g. the chunk it expects). */
export class StudentApiError extends ApiError {
  readonly details: Record<string, unknown> | null;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> | null = null) {
    super(status, code, message);
    this.details = details;
  }
}

/** The server's `error.details` of a failed request, if it sent any. */
export function errorDetails(err: unknown): Record<string, unknown> | null {
  return err instanceof StudentApiError ? err.details : null;
}

async function parseError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's error page)
  }
  if (body && typeof body === 'object') {
    const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } }).error;
    if (e && typeof e.message === 'string') {
      const details =
        e.details && typeof e.details === 'object' && !Array.isArray(e.details)
          ? (e.details as Record<string, unknown>)
          : null;
      return new StudentApiError(res.status, typeof e.code === 'string' ? e.code : 'error', e.message, details);
    }
    const detail = (body as { detail?: unknown }).detail;
    if (typeof detail === 'string') return new ApiError(res.status, 'error', detail);
  }
  const message =
    res.status >= 500
      ? 'The server is not responding right now. Please wait a moment.'
      : res.statusText || `Request failed (${res.status})`;
  return new ApiError(res.status, 'http_' + res.status, message);
}

export async function studentRequest<T>(
  method: string,
  path: string,
  {
    token,
    body,
    raw,
    signal,
  }: {
    token?: string;
    body?: unknown;
    /** A binary body (a JPEG, an audio clip) sent as is, with its content type. */
    raw?: { data: BodyInit; type: string };
    signal?: AbortSignal;
  } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (raw) headers['Content-Type'] = raw.type;
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(API_BASE + path, {
      method,
      headers,
      credentials: 'omit',
      cache: 'no-store',
      body: raw ? raw.data : body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, NETWORK_ERROR, 'Could not reach the server. Check your connection.');
  }
  if (!res.ok) throw await parseError(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The server's answer to a recording chunk (until the generated schema has it). */
export interface RecordingChunkSaved {
  kind: string;
  part: string;
  next_seq: number;
  size: number;
}

export const studentApi = {
  examInfo: (examId: string, signal?: AbortSignal, invite?: string | null) =>
    studentRequest<ExamInfo>(
      'GET',
      `/exam-sessions/exams/${enc(examId)}${invite ? `?invite=${enc(invite)}` : ''}`,
      { signal },
    ),
  join: (body: JoinRequest) => studentRequest<JoinResponse>('POST', '/exam-sessions', { body }),
  /** Back to a finished attempt's result: the join's body gives a new token. 409
   * `results_not_released` before the teacher releases them, `no_result` without a finished attempt. */
  resultAccess: (body: JoinRequest) =>
    studentRequest<ResultAccess>('POST', '/exam-sessions/result-access', { body }),
  session: (attemptId: string, token: string, signal?: AbortSignal) =>
    studentRequest<ExamSession>('GET', `/exam-sessions/${enc(attemptId)}`, { token, signal }),
  saveAnswer: (attemptId: string, token: string, questionId: string, body: AnswerRequest) =>
    studentRequest<AnswerSaved>(
      'PUT',
      `/exam-sessions/${enc(attemptId)}/answers/${enc(questionId)}`,
      { token, body },
    ),
  begin: (attemptId: string, token: string) =>
    studentRequest<Timing>('POST', `/exam-sessions/${enc(attemptId)}/begin`, { token }),
  heartbeat: (attemptId: string, token: string) =>
    studentRequest<Timing>('POST', `/exam-sessions/${enc(attemptId)}/heartbeat`, { token }),
  submit: (attemptId: string, token: string) =>
    studentRequest<Submitted>('POST', `/exam-sessions/${enc(attemptId)}/submit`, { token }),

  // --- proctoring ---------------------------------------------------------------------
  proctoring: (attemptId: string, token: string, signal?: AbortSignal) =>
    studentRequest<ProctoringSetup>('GET', `/exam-sessions/${enc(attemptId)}/proctoring`, { token, signal }),
  consent: (attemptId: string, token: string) =>
    studentRequest<ConsentResult>('POST', `/exam-sessions/${enc(attemptId)}/consent`, {
      token,
      body: { accept: true },
    }),
  calibration: (attemptId: string, token: string, body: CalibrationRequest) =>
    studentRequest<CalibrationResult>('POST', `/exam-sessions/${enc(attemptId)}/calibration`, { token, body }),
  identity: (attemptId: string, token: string, kind: 'selfie' | 'id_document', clientId: string, jpeg: Blob) =>
    studentRequest<SnapshotUploaded>(
      'POST',
      `/exam-sessions/${enc(attemptId)}/identity/${kind}?client_id=${enc(clientId)}`,
      { token, raw: { data: jpeg, type: 'image/jpeg' } },
    ),
  /** A webcam/screen/room JPEG or an audio clip; idempotent on clientId. */
  snapshot: (
    attemptId: string,
    token: string,
    media: { client_id: string; kind: string; taken_at: string; content_type: string; data: BodyInit },
  ) =>
    studentRequest<SnapshotUploaded>(
      'POST',
      `/exam-sessions/${enc(attemptId)}/snapshots?kind=${enc(media.kind)}&client_id=${enc(media.client_id)}` +
        `&taken_at=${enc(media.taken_at)}`,
      { token, raw: { data: media.data, type: media.content_type } },
    ),
  /** A piece of the webcam or screen recording: chunks of a part go one at a time, in seq
   * order; the same chunk again is a no-op. */
  recordingChunk: (
    attemptId: string,
    token: string,
    chunk: { kind: string; part: string; seq: number; started_at: string; content_type: string; data: BodyInit },
  ) =>
    studentRequest<RecordingChunkSaved>(
      'POST',
      `/exam-sessions/${enc(attemptId)}/recordings/${enc(chunk.kind)}/chunks?seq=${chunk.seq}` +
        `&part=${enc(chunk.part)}&started_at=${enc(chunk.started_at)}`,
      { token, raw: { data: chunk.data, type: chunk.content_type } },
    ),
  /** The system check's upload probe: the server reads the bytes and keeps nothing. */
  uploadCheck: (attemptId: string, token: string, data: BodyInit) =>
    studentRequest<{ received: number }>('POST', `/exam-sessions/${enc(attemptId)}/upload-check`, {
      token,
      raw: { data, type: 'application/octet-stream' },
    }),
  events: (attemptId: string, token: string, events: ProctorEventIn[]) =>
    studentRequest<EventBatchResult>('POST', `/exam-sessions/${enc(attemptId)}/events`, {
      token,
      body: { events },
    }),
};

export type StudentApi = typeof studentApi;
