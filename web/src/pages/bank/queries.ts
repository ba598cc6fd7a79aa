/** Query keys and hooks of this area. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { coursesApi, groupsApi, questionsApi, registrationApi, studentsApi, type QuestionFilter, type StudentFilter } from './api';

export const bankKeys = {
  questions: ['bank', 'questions'] as const,
  questionList: (f: QuestionFilter) => ['bank', 'questions', 'list', f] as const,
  tags: ['bank', 'questions', 'tags'] as const,
  students: ['bank', 'students'] as const,
  studentList: (f: StudentFilter) => ['bank', 'students', 'list', f] as const,
  studentCount: ['bank', 'students', 'count'] as const,
  groups: ['bank', 'groups'] as const,
  group: (id: string) => ['bank', 'groups', id] as const,
  courses: ['bank', 'courses'] as const,
  courseList: (every: boolean, archived: boolean) => ['bank', 'courses', every, archived] as const,
  registrationLink: ['bank', 'registration-link'] as const,
};

export const useQuestions = (f: QuestionFilter) =>
  useQuery({
    queryKey: bankKeys.questionList(f),
    queryFn: ({ signal }) => questionsApi.list(f, signal),
    placeholderData: keepPreviousData,
  });

export const useTags = () => useQuery({ queryKey: bankKeys.tags, queryFn: questionsApi.tags });

export const useStudents = (f: StudentFilter) =>
  useQuery({
    queryKey: bankKeys.studentList(f),
    queryFn: ({ signal }) => studentsApi.list(f, signal),
    placeholderData: keepPreviousData,
  });

export const useStudentCount = () => useQuery({ queryKey: bankKeys.studentCount, queryFn: studentsApi.count });
export const useGroups = () => useQuery({ queryKey: bankKeys.groups, queryFn: groupsApi.list });
export const useGroup = (id: string) => useQuery({ queryKey: bankKeys.group(id), queryFn: () => groupsApi.get(id) });
export const useCourses = (every: boolean, archived: boolean) =>
  useQuery({ queryKey: bankKeys.courseList(every, archived), queryFn: () => coursesApi.list(every, archived) });
export const useRegistrationLink = () => useQuery({ queryKey: bankKeys.registrationLink, queryFn: registrationApi.link });
