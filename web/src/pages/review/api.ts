/** The record & review API (procta/review/router.py) and its query keys. */
import { api } from '../../api/client';
import type {
  AiSummary,
  Appeal,
  AppealResolveRequest,
  BulkReviewRequest,
  BulkUpdated,
  ProctorFlag,
  Review,
  ReviewNext,
  ReviewPacket,
  ReviewQueuePage,
  ReviewRequest,
} from '../../api/types';

const enc = encodeURIComponent;

export type QueueTier = 'low' | 'moderate' | 'high' | 'critical';
export type QueueStatus = 'pending' | 'approved' | 'declined' | 'all';

export interface QueueQuery {
  examId: string | null;
  tier: QueueTier | null;
  status: QueueStatus;
  page: number;
  pageSize: number;
}


function search(params: Record<string, string | number | null | undefined>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
}

export const reviewApi = {
  queue: (q: QueueQuery) =>
    api.get<ReviewQueuePage>(
      `/reviews${search({ exam_id: q.examId, tier: q.tier, status: q.status, page: q.page, page_size: q.pageSize })}`,
    ),
  next: (after: string, examId?: string | null) =>
    api.get<ReviewNext>(`/reviews/next${search({ after, exam_id: examId })}`),
  packet: (attemptId: string) => api.get<ReviewPacket>(`/attempts/${enc(attemptId)}/review`),
  summary: (attemptId: string) => api.get<AiSummary>(`/attempts/${enc(attemptId)}/summary`),
  review: (attemptId: string, body: ReviewRequest) => api.post<Review>(`/attempts/${enc(attemptId)}/review`, body),
  bulk: (body: BulkReviewRequest) => api.post<BulkUpdated>('/attempts/reviews', body),
  addWarning: (attemptId: string, at: string, comment: string) =>
    api.post<ProctorFlag>(`/attempts/${enc(attemptId)}/warnings`, { at, comment }),
  removeWarning: (attemptId: string, flagId: string) =>
    api.delete(`/attempts/${enc(attemptId)}/warnings/${enc(flagId)}`),
  resolveAppeal: (attemptId: string, body: AppealResolveRequest) =>
    api.post<Appeal>(`/attempts/${enc(attemptId)}/appeal`, body),
};

/** Report links (opened in a new tab; the session cookie authorises them). */
export function reportUrl(attemptId: string, format: 'pdf' | 'html'): string {
  return `/api/v1/attempts/${enc(attemptId)}/report.${format}`;
}

export const reviewKeys = {
  all: ['review'] as const,
  queue: (q: QueueQuery) => ['review', 'queue', q] as const,
  packet: (attemptId: string) => ['review', 'packet', attemptId] as const,
  summary: (attemptId: string) => ['review', 'summary', attemptId] as const,
  exams: ['review-exams'] as const,
};
