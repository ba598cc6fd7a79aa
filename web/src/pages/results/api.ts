/** The teacher-side results API (procta/attempts/router.py) and the query keys for it. */
import { api } from '../../api/client';
import type {
  AttemptDetail,
  Exam,
  ExamsPage,
  FailedPage,
  GradeRequest,
  HistoryAttempt,
  HistoryPage,
  ResultSort,
  ResultsPage,
  ResultsSummary,
  SortOrder,
  Student,
} from './types';

const enc = encodeURIComponent;

/** `?a=1&b=x`, leaving out empty values. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface ResultsQuery {
  q: string;
  status: string | null;
  sort: ResultSort;
  order: SortOrder;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  q?: string;
  page: number;
  pageSize: number;
}

export const resultsApi = {
  exams: ({ q, page, pageSize }: PageQuery) =>
    api.get<ExamsPage>(`/exams${query({ q, page, page_size: pageSize })}`),
  exam: (examId: string) => api.get<Exam>(`/exams/${enc(examId)}`),
  summaries: () => api.get<ResultsSummary[]>('/results/summary'),
  summary: (examId: string) => api.get<ResultsSummary>(`/exams/${enc(examId)}/results/summary`),
  results: (examId: string, r: ResultsQuery) =>
    api.get<ResultsPage>(
      `/exams/${enc(examId)}/attempts${query({
        q: r.q.trim(),
        status: r.status,
        sort: r.sort,
        order: r.order,
        page: r.page,
        page_size: r.pageSize,
      })}`,
    ),
  attempt: (attemptId: string) => api.get<AttemptDetail>(`/attempts/${enc(attemptId)}`),
  grade: (attemptId: string, questionId: string, body: GradeRequest) =>
    api.put<AttemptDetail>(`/attempts/${enc(attemptId)}/answers/${enc(questionId)}/grade`, body),
  forceSubmit: (attemptId: string) => api.post<AttemptDetail>(`/attempts/${enc(attemptId)}/force-submit`),
  failed: ({ page, pageSize }: PageQuery) =>
    api.get<FailedPage>(`/attempts/failed${query({ page, page_size: pageSize })}`),
  history: ({ q, page, pageSize }: PageQuery) =>
    api.get<HistoryPage>(`/student-history${query({ q: q?.trim(), page, page_size: pageSize })}`),
  student: (studentId: string) => api.get<Student>(`/students/${enc(studentId)}`),
  studentAttempts: (studentId: string) => api.get<HistoryAttempt[]>(`/student-history/${enc(studentId)}`),
};

/** Query keys: everything under `results` goes stale together after a grade or force-submit. */
export const resultKeys = {
  all: ['results'] as const,
  exams: (p: PageQuery) => ['results', 'exams', p] as const,
  exam: (examId: string) => ['results', 'exam', examId] as const,
  summaries: ['results', 'summaries'] as const,
  summary: (examId: string) => ['results', 'summary', examId] as const,
  results: (examId: string, r: ResultsQuery) => ['results', 'table', examId, r] as const,
  attempt: (attemptId: string) => ['results', 'attempt', attemptId] as const,
  failed: (p: PageQuery) => ['results', 'failed', p] as const,
  history: (p: PageQuery) => ['results', 'history', p] as const,
  student: (studentId: string) => ['results', 'student', studentId] as const,
  studentAttempts: (studentId: string) => ['results', 'student-attempts', studentId] as const,
};
