/** Reports, exports and releasing results (issue 7): download links and the calls behind them. */
import { API_BASE, api } from '../../api/client';
import type { AiSummary, ResultsRelease } from '../../api/types';

const enc = encodeURIComponent;

/** Files the browser downloads itself (the session cookie goes along). */
export const reportUrls = {
  resultsCsv: (examId: string) => `${API_BASE}/exams/${enc(examId)}/results.csv`,
  flagsCsv: (examId: string) => `${API_BASE}/exams/${enc(examId)}/flags.csv`,
  examPdf: (examId: string) => `${API_BASE}/exams/${enc(examId)}/report.pdf`,
  attemptPdf: (attemptId: string) => `${API_BASE}/attempts/${enc(attemptId)}/report.pdf`,
  attemptHtml: (attemptId: string) => `${API_BASE}/attempts/${enc(attemptId)}/report.html`,
};

export const reportsApi = {
  release: (examId: string, released: boolean) =>
    api.post<ResultsRelease>(`/exams/${enc(examId)}/release`, { released }),
  aiSummary: (examId: string) => api.get<AiSummary>(`/exams/${enc(examId)}/summary`),
};

export const reportKeys = {
  aiSummary: (examId: string) => ['results', 'ai-summary', examId] as const,
};
