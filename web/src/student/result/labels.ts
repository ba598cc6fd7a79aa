/** How the student's result is worded: plain and calm. */
import type { StudentAppeal, StudentReview } from '../../api/types';

export interface Look {
  label: string;
  color: string;
}

const REVIEW: Record<StudentReview['status'], Look & { text: string }> = {
  pending: { label: 'Review pending', color: 'gray', text: 'Your teacher has not finished reviewing this attempt yet.' },
  approved: { label: 'Approved', color: 'green', text: 'Your teacher reviewed this attempt and approved it.' },
  declined: { label: 'Declined', color: 'red', text: 'Your teacher reviewed this attempt and did not approve it.' },
};

export function reviewLook(status: StudentReview['status']): Look & { text: string } {
  return REVIEW[status] ?? REVIEW.pending;
}

const DECISION: Record<string, Look> = {
  confirmed: { label: 'Confirmed by your teacher', color: 'orange' },
  dismissed: { label: 'Dismissed by your teacher', color: 'green' },
  undecided: { label: 'Not decided yet', color: 'gray' },
};

export function decisionLook(decision: string): Look {
  return DECISION[decision] ?? { label: decision.replace(/_/g, ' '), color: 'gray' };
}

const APPEAL: Record<StudentAppeal['status'], Look> = {
  open: { label: 'With your teacher', color: 'blue' },
  upheld: { label: 'Upheld', color: 'green' },
  rejected: { label: 'Rejected', color: 'red' },
};

export function appealLook(status: StudentAppeal['status']): Look {
  return APPEAL[status] ?? { label: status, color: 'gray' };
}

/** "42 s", "3 min 05 s". */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}

/** Points without trailing zeros: 8, 7.5, 0.33. */
export function formatPoints(value: number): string {
  return String(Math.round(value * 100) / 100);
}
