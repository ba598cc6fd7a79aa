/**
 * The student's released result, its evidence and the appeal (/api/v1/exam-sessions/{id}/result,
 * /result/media/{media_id}, /appeal), sent with the attempt token like the rest of the exam.
 */
import { API_BASE, ApiError } from '../../api/client';
import type { StudentAppeal, StudentResult } from '../../api/types';
import { NETWORK_ERROR, studentRequest } from '../api';

const enc = encodeURIComponent;

/** The code of the 409 the result answers with until the teacher releases it. */
export const NOT_RELEASED = 'results_not_released';
/** The code of the 409 when the student has appealed already. */
export const APPEAL_EXISTS = 'appeal_exists';
export const APPEAL_MAX_LENGTH = 2000;

export const resultApi = {
  result: (attemptId: string, token: string, signal?: AbortSignal) =>
    studentRequest<StudentResult>('GET', `/exam-sessions/${enc(attemptId)}/result`, { token, signal }),
  appeal: (attemptId: string, token: string, comment: string) =>
    studentRequest<StudentAppeal>('POST', `/exam-sessions/${enc(attemptId)}/appeal`, { token, body: { comment } }),
  /** A snapshot behind a flag: an image that needs the token, so it is fetched as a blob. */
  evidence: async (attemptId: string, token: string, mediaId: string, signal?: AbortSignal): Promise<Blob> => {
    let res: Response;
    try {
      res = await fetch(`${API_BASE}/exam-sessions/${enc(attemptId)}/result/media/${enc(mediaId)}`, {
        headers: { Authorization: `Bearer ${token}` },
        credentials: 'omit',
        signal,
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(0, NETWORK_ERROR, 'Could not reach the server. Check your connection.');
    }
    if (!res.ok) throw new ApiError(res.status, 'http_' + res.status, 'Could not load this picture.');
    return res.blob();
  },
};

export const resultKeys = {
  result: (attemptId: string) => ['student-result', attemptId] as const,
};
