/** The back-end routes of the question bank, students, groups, courses and registration. */
import { API_BASE, ApiError, CSRF_COOKIE, CSRF_HEADER, api, readCookie } from '../../api/client';
import type { operations } from '../../api/schema';
import type {
  Course,
  CourseBody,
  CourseUpdate,
  Group,
  GroupBody,
  GroupUpdate,
  ImportRowProblem,
  Question,
  QuestionBody,
  QuestionImport,
  QuestionPage,
  QuestionType,
  RegisterBody,
  RegisteredStudent,
  RegistrationInfo,
  RegistrationLink,
  RosterImport,
  Student,
  StudentBody,
  StudentCount,
  StudentPage,
  StudentUpdate,
  TagCount,
} from './types';

const enc = encodeURIComponent;

/** `?a=1&tag=x&tag=y`, leaving out empty values. */
export function queryString(params: Record<string, string | number | boolean | string[] | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A refused import: the API's message plus its per-row report (`error.details`). */
export class ImportRefused extends ApiError {
  readonly rows: ImportRowProblem[];
  /** How many rows would go in with "import valid rows", when the API says. */
  readonly valid: number | null;

  constructor(status: number, code: string, message: string, rows: ImportRowProblem[], valid: number | null) {
    super(status, code, message);
    this.name = 'ImportRefused';
    this.rows = rows;
    this.valid = valid;
  }
}

async function uploadError(res: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; details?: { errors?: ImportRowProblem[]; valid?: number } } } = {};
  try {
    body = await res.json();
  } catch {
    // not JSON
  }
  const e = body.error;
  const message = e?.message ?? (res.status === 413 ? 'The file is too large.' : `Upload failed (${res.status}).`);
  const code = e?.code ?? `http_${res.status}`;
  if (Array.isArray(e?.details?.errors)) {
    const valid = typeof e.details.valid === 'number' ? e.details.valid : null;
    return new ImportRefused(res.status, code, message, e.details.errors, valid);
  }
  return new ApiError(res.status, code, message);
}

/** POST a file as multipart form data (the `api` wrapper only speaks JSON). */
export async function uploadFile<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = readCookie(CSRF_COOKIE);
  if (token) headers[CSRF_HEADER] = token;
  let res: Response;
  try {
    res = await fetch(API_BASE + path, { method: 'POST', headers, credentials: 'include', body: form });
  } catch {
    throw new ApiError(0, 'network_error', 'Could not reach the server. Check your connection and try again.');
  }
  if (!res.ok) throw await uploadError(res);
  return (await res.json()) as T;
}

export interface QuestionFilter {
  q: string;
  tags: string[];
  type: QuestionType | null;
  page: number;
  pageSize: number;
}

export type ImportFormat = 'csv' | 'qti';

export const questionsApi = {
  list: (f: QuestionFilter, signal?: AbortSignal) =>
    api.get<QuestionPage>(
      '/questions' + queryString({ q: f.q.trim(), tag: f.tags, type: f.type, page: f.page, page_size: f.pageSize }),
      { signal },
    ),
  tags: () => api.get<TagCount[]>('/questions/tags'),
  create: (body: QuestionBody) => api.post<Question>('/questions', body),
  update: (id: string, body: QuestionBody) => api.patch<Question>(`/questions/${enc(id)}`, body),
  remove: (id: string) => api.delete(`/questions/${enc(id)}`),
  import: (format: ImportFormat, file: File, validOnly: boolean) =>
    uploadFile<QuestionImport>(`/questions/import.${format}` + queryString({ valid_only: validOnly }), file),
  exportUrl: (format: ImportFormat, tags: string[]) => `${API_BASE}/questions/export.${format}` + queryString({ tag: tags }),
};

type StudentQuery = NonNullable<operations['list_students_api_v1_students_get']['parameters']['query']>;

export interface StudentFilter {
  q: string;
  groupId: string | null;
  mine: boolean;
  page: number;
  pageSize: number;
  sort?: StudentQuery['sort'];
}

export interface RosterOptions {
  updateExisting: boolean;
  validOnly: boolean;
  dryRun: boolean;
}

export const studentsApi = {
  list: (f: StudentFilter, signal?: AbortSignal) =>
    api.get<StudentPage>(
      '/students' +
        queryString({ q: f.q.trim(), group_id: f.groupId, mine: f.mine, sort: f.sort, page: f.page, page_size: f.pageSize }),
      { signal },
    ),
  count: () => api.get<StudentCount>('/students/count'),
  create: (body: StudentBody) => api.post<Student>('/students', body),
  update: (id: string, body: StudentUpdate) => api.patch<Student>(`/students/${enc(id)}`, body),
  remove: (id: string) => api.delete(`/students/${enc(id)}`),
  import: (file: File, o: RosterOptions) =>
    uploadFile<RosterImport>(
      '/students/import' + queryString({ update_existing: o.updateExisting, valid_only: o.validOnly, dry_run: o.dryRun }),
      file,
    ),
  exportUrl: () => `${API_BASE}/students/export.csv`,
};

export const groupsApi = {
  list: () => api.get<Group[]>('/groups'),
  get: (id: string) => api.get<Group>(`/groups/${enc(id)}`),
  create: (body: GroupBody) => api.post<Group>('/groups', body),
  update: (id: string, body: GroupUpdate) => api.patch<Group>(`/groups/${enc(id)}`, body),
  remove: (id: string) => api.delete(`/groups/${enc(id)}`),
  addMembers: (id: string, studentIds: string[]) =>
    api.post<Group>(`/groups/${enc(id)}/members`, { student_ids: studentIds }),
  removeMember: (id: string, studentId: string) => api.delete(`/groups/${enc(id)}/members/${enc(studentId)}`),
};

export const coursesApi = {
  list: (every: boolean, includeArchived: boolean) =>
    api.get<Course[]>('/courses' + queryString({ all: every, include_archived: includeArchived })),
  create: (body: CourseBody) => api.post<Course>('/courses', body),
  update: (id: string, body: CourseUpdate) => api.patch<Course>(`/courses/${enc(id)}`, body),
  remove: (id: string) => api.delete(`/courses/${enc(id)}`),
};

export const registrationApi = {
  link: () => api.get<RegistrationLink>('/registration-link'),
  rotate: () => api.post<RegistrationLink>('/registration-link/rotate'),
  info: (token: string) => api.get<RegistrationInfo>(`/register/${enc(token)}`),
  register: (token: string, body: RegisterBody) => api.post<RegisteredStudent>(`/register/${enc(token)}`, body),
};
