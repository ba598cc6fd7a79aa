/** Shared fixtures for the student client's tests. */
import type { ExamSession } from '../api/types';

export function makeSession(overrides: Partial<ExamSession> = {}): ExamSession {
  return {
    attempt_id: 'att1',
    exam_id: 'ex1',
    exam_title: 'Algebra quiz',
    student_name: 'Sam Student',
    roll_number: 'S1001',
    status: 'in_progress',
    server_now: '2025-03-01T10:00:00Z',
    started_at: '2025-03-01T10:00:00Z',
    deadline_at: '2025-03-01T11:00:00Z',
    remaining_seconds: 3600,
    questions: [
      { id: 'q1', position: 1, type: 'single_choice', stem: 'Pick one', options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }], points: 1 },
      { id: 'q2', position: 2, type: 'true_false', stem: 'True?', options: [], points: 1 },
      { id: 'q3', position: 3, type: 'short_answer', stem: 'Name it', options: [], points: 2 },
    ],
    answers: {},
    ...overrides,
  };
}
