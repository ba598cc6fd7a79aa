/** Query keys and hooks of the exam pages. */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { examsApi, pickApi, templatesApi, type ExamListParams, type QuestionSearch } from './api';
import type { Exam } from './types';

export const examKeys = {
  list: (params: ExamListParams) => ['exams', 'list', params] as const,
  detail: (id: string) => ['exams', 'detail', id] as const,
  items: (id: string) => ['exams', 'items', id] as const,
  accommodations: (id: string) => ['exams', 'accommodations', id] as const,
  templates: ['exams', 'templates'] as const,
  // Lists owned by other areas, cached under this area's prefix so shapes never collide.
  courses: ['exams', 'ref', 'courses'] as const,
  groups: ['exams', 'ref', 'groups'] as const,
  students: (q: string) => ['exams', 'ref', 'students', q] as const,
  studentCount: ['exams', 'ref', 'student-count'] as const,
  questions: (search: QuestionSearch) => ['exams', 'ref', 'questions', search] as const,
  questionTags: ['exams', 'ref', 'question-tags'] as const,
};

export const useExamList = (params: ExamListParams) =>
  useQuery({ queryKey: examKeys.list(params), queryFn: () => examsApi.list(params), placeholderData: keepPreviousData });
export const useExam = (id: string | undefined, enabled = true) =>
  useQuery({ queryKey: examKeys.detail(id ?? ''), queryFn: () => examsApi.get(id!), enabled: enabled && !!id });
export const useAccommodations = (id: string) =>
  useQuery({ queryKey: examKeys.accommodations(id), queryFn: () => examsApi.accommodations(id) });
export const useTemplates = () => useQuery({ queryKey: examKeys.templates, queryFn: templatesApi.list });
export const useCourses = () => useQuery({ queryKey: examKeys.courses, queryFn: pickApi.courses, staleTime: 60_000 });
export const useGroups = () => useQuery({ queryKey: examKeys.groups, queryFn: pickApi.groups, staleTime: 60_000 });
export const useStudentSearch = (q: string) =>
  useQuery({ queryKey: examKeys.students(q), queryFn: () => pickApi.students(q), placeholderData: keepPreviousData });
export const useStudentCount = () => useQuery({ queryKey: examKeys.studentCount, queryFn: pickApi.studentCount });
export const useQuestionSearch = (search: QuestionSearch, enabled = true) =>
  useQuery({
    queryKey: examKeys.questions(search),
    queryFn: () => pickApi.questions(search),
    placeholderData: keepPreviousData,
    enabled,
  });
export const useQuestionTags = () =>
  useQuery({ queryKey: examKeys.questionTags, queryFn: pickApi.questionTags, staleTime: 60_000 });

/** After an exam changed: store the fresh copy and refresh the lists that show it. */
export function useExamChanged() {
  const qc = useQueryClient();
  return (exam?: Exam) => {
    if (exam) qc.setQueryData(examKeys.detail(exam.id), exam);
    void qc.invalidateQueries({ queryKey: ['exams', 'list'] });
  };
}
