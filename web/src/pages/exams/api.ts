/** The routes the exam pages call: exams and their parts, plus the lists they pick from. */
import { api } from '../../api/client';
import type {
  AccessCode,
  Accommodation,
  AccommodationIn,
  Course,
  Exam,
  ExamCreate,
  ExamItems,
  ExamPage,
  ExamPatch,
  ExamStatus,
  ExamTemplate,
  Group,
  InvitesIn,
  InvitesOut,
  ItemIn,
  QuestionPage,
  QuestionType,
  StudentCount,
  StudentPage,
  TagCount,
} from './types';

const enc = encodeURIComponent;

/** `?a=1&tag=x&tag=y`, leaving out empty values. */
export function query(params: Record<string, string | number | string[] | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(name, String(v));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface ExamListParams {
  q?: string;
  status?: ExamStatus | null;
  course_id?: string | null;
  page?: number;
  page_size?: number;
}

export const examsApi = {
  list: (params: ExamListParams) => api.get<ExamPage>(`/exams${query({ ...params })}`),
  get: (id: string) => api.get<Exam>(`/exams/${enc(id)}`),
  create: (body: ExamCreate) => api.post<Exam>('/exams', body),
  update: (id: string, body: ExamPatch) => api.patch<Exam>(`/exams/${enc(id)}`, body),
  remove: (id: string) => api.delete(`/exams/${enc(id)}`),
  regenerateCode: (id: string) => api.post<AccessCode>(`/exams/${enc(id)}/access-code/regenerate`),
  clone: (id: string, title?: string) => api.post<Exam>(`/exams/${enc(id)}/clone`, title ? { title } : {}),
  items: (id: string) => api.get<ExamItems>(`/exams/${enc(id)}/questions`),
  replaceItems: (id: string, items: ItemIn[]) => api.put<ExamItems>(`/exams/${enc(id)}/questions`, { items }),
  accommodations: (id: string) => api.get<Accommodation[]>(`/exams/${enc(id)}/accommodations`),
  setAccommodation: (id: string, studentId: string, body: AccommodationIn) =>
    api.put<Accommodation>(`/exams/${enc(id)}/accommodations/${enc(studentId)}`, body),
  removeAccommodation: (id: string, studentId: string) =>
    api.delete(`/exams/${enc(id)}/accommodations/${enc(studentId)}`),
  invite: (id: string, body: InvitesIn) => api.post<InvitesOut>(`/exams/${enc(id)}/invites`, body),
  saveAsTemplate: (id: string, name: string) => api.post<ExamTemplate>(`/exams/${enc(id)}/save-as-template`, { name }),
};

export const templatesApi = {
  list: () => api.get<ExamTemplate[]>('/exam-templates'),
  remove: (id: string) => api.delete(`/exam-templates/${enc(id)}`),
  createExam: (id: string, body: { title: string; course_id: string | null }) =>
    api.post<Exam>(`/exam-templates/${enc(id)}/create-exam`, body),
};

export interface QuestionSearch {
  q?: string;
  tag?: string | null;
  type?: QuestionType | null;
  page?: number;
  page_size?: number;
}

/** The lists an exam picks from; owned by other areas, read here. */
export const pickApi = {
  courses: () => api.get<Course[]>('/courses?all=true'),
  groups: () => api.get<Group[]>('/groups'),
  students: (q: string) => api.get<StudentPage>(`/students${query({ q, page_size: 20 })}`),
  studentCount: () => api.get<StudentCount>('/students/count'),
  questions: (search: QuestionSearch) => api.get<QuestionPage>(`/questions${query({ ...search })}`),
  questionTags: () => api.get<TagCount[]>('/questions/tags'),
};
