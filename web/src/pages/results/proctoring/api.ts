/** The teacher-side proctoring API (procta/proctoring/router.py) and its query keys. */
import { api } from '../../../api/client';
import type {
  BackfillResult,
  BulkUpdated,
  FlagDecision,
  LiveAlert,
  LiveChatMessage,
  LiveSession,
  LiveTriage,
  ProctorDuty,
  ProctorDutyRequest,
  ProctorActed,
  ProctorActionRequest,
  Proctoring,
  Verdict,
} from '../../../api/types';

const enc = encodeURIComponent;

export const proctoringApi = {
  record: (attemptId: string) => api.get<Proctoring>(`/attempts/${enc(attemptId)}/proctoring`),
  decide: (flagId: string, decision: FlagDecision) =>
    api.post<BulkUpdated>(`/flags/${enc(flagId)}/decision`, { decision }),
  decideMany: (flagIds: string[], decision: FlagDecision) =>
    api.post<BulkUpdated>('/flags/decisions', { flag_ids: flagIds, decision }),
  verdict: (attemptId: string, verdict: Verdict) =>
    api.post<BulkUpdated>(`/attempts/${enc(attemptId)}/verdict`, { verdict }),
  verdicts: (attemptIds: string[], verdict: Verdict) =>
    api.post<BulkUpdated>('/attempts/verdicts', { attempt_ids: attemptIds, verdict }),
  live: (examId: string) => api.get<LiveSession[]>(`/exams/${enc(examId)}/live`),
  backfill: () => api.post<BackfillResult>('/tools/backfill-scores'),
  /** The live alert feed (flags of attempts still being written), newest first. */
  alerts: (examId?: string, limit = 50) =>
    api.get<LiveAlert[]>(`/live/alerts?${new URLSearchParams({ ...(examId ? { exam_id: examId } : {}), limit: String(limit) })}`),
  /** The triage panel of one attempt (flags and media: `record`). */
  triage: (attemptId: string) => api.get<LiveTriage>(`/attempts/${enc(attemptId)}/live`),
  /** Warn, pause, resume, end, or add a note. */
  act: (attemptId: string, body: ProctorActionRequest) =>
    api.post<ProctorActed>(`/attempts/${enc(attemptId)}/actions`, body),
  chat: (attemptId: string) => api.get<LiveChatMessage[]>(`/attempts/${enc(attemptId)}/chat`),
  sendChat: (attemptId: string, text: string) =>
    api.post<LiveChatMessage>(`/attempts/${enc(attemptId)}/chat`, { text }),
  /** One message to everyone writing the exam. */
  broadcast: (examId: string, text: string) => api.post<LiveChatMessage>(`/exams/${enc(examId)}/chat`, { text }),
  /** Who is on duty for the exam (live mode) and how many students each watches now. */
  proctors: (examId: string) => api.get<ProctorDuty>(`/exams/${enc(examId)}/proctors`),
  /** Put these members on duty with this ratio; the students are rebalanced at once. */
  setProctors: (examId: string, body: ProctorDutyRequest) => api.put<ProctorDuty>(`/exams/${enc(examId)}/proctors`, body),
};

/** A photo or clip of an attempt, for `<img src>` (the session cookie authorises it). */
export function mediaUrl(attemptId: string, mediaId: string): string {
  return `/api/v1/attempts/${enc(attemptId)}/media/${enc(mediaId)}`;
}

/**
 * Kept under the results prefix, so a decision or verdict (which changes the stored scores)
 * refreshes the results table, the attempt, the history and the live table together.
 */
export const proctoringKeys = {
  record: (attemptId: string) => ['results', 'proctoring', attemptId] as const,
  live: (examId: string) => ['results', 'live', examId] as const,
  alerts: (examId: string) => ['results', 'alerts', examId] as const,
  triage: (attemptId: string) => ['results', 'triage', attemptId] as const,
  /** Chat is not a result: kept apart so score changes do not reload it. */
  chat: (attemptId: string) => ['live-chat', attemptId] as const,
  /** Who is on duty for an exam. */
  proctors: (examId: string) => ['results', 'proctors', examId] as const,
};
