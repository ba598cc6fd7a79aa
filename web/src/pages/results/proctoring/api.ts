/** The teacher-side proctoring API (procta/proctoring/router.py) and its query keys. */
import { api } from '../../../api/client';
import type {
  BackfillResult,
  BulkUpdated,
  FlagDecision,
  LiveSession,
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
};
