/** Packets, queue rows and a fake review API for this area's tests. */
import { vi } from 'vitest';
import type { ProctorFlag, ReviewPacket, ReviewQueueItem } from '../../api/types';
import { jsonResponse } from '../../test/utils';
import { proctorFlag, proctoringRecord } from '../results/testData';

export { proctorFlag };

export const ZERO = '2026-03-01T09:00:00Z';

export function warning(overrides: Partial<ProctorFlag> = {}): ProctorFlag {
  return proctorFlag({
    id: 'w1',
    type: 'proctor_warning',
    label: 'Proctor warning',
    source: 'proctor',
    severity: 'high',
    started_at: '2026-03-01T09:10:00Z',
    ended_at: '2026-03-01T09:10:00Z',
    duration_seconds: 0,
    confidence: 1,
    decision: 'confirmed',
    decided_by: 'Tess Teacher',
    comment: 'Looked at a phone',
    created_by: 'Tess Teacher',
    created_by_id: 'u1',
    ...overrides,
  });
}

export function reviewPacket(overrides: Partial<ReviewPacket> = {}): ReviewPacket {
  const record = proctoringRecord();
  return {
    attempt_id: 'a1',
    exam_id: 'e1',
    exam_title: 'Waves Quiz',
    mode: 'record_review',
    student_id: 's1',
    name: 'Ada Lovelace',
    roll_number: 'S1001',
    status: 'submitted',
    started_at: '2026-03-01T09:00:00Z',
    submitted_at: '2026-03-01T09:30:00Z',
    score: 8,
    max_score: 10,
    rules_allowed: ['Calculator', 'Scratch paper'],
    rules_prohibited: ['Mobile phone', 'Talking to other people', 'Dancing'],
    proctoring: {
      ...record,
      flags: [
        // Out of order on purpose: the log sorts by time.
        proctorFlag({
          id: 'f3',
          type: 'multiple_faces',
          label: 'Multiple faces',
          source: 'ai',
          severity: 'high',
          started_at: '2026-03-01T09:20:00Z',
          ended_at: '2026-03-01T09:20:10Z',
          duration_seconds: 10,
          confidence: 0.95,
          suggestion: 'confirm',
          snapshots: ['m-cam'],
        }),
        ...record.flags,
      ],
    },
    timeline_start: ZERO,
    recordings: [
      {
        kind: 'webcam',
        url: '/api/v1/attempts/a1/recordings/webcam',
        started_at: ZERO,
        offset_s: 0,
        duration_s: 1800,
        gaps: [{ start_s: 600, end_s: 660 }],
      },
      {
        kind: 'screen',
        url: '/api/v1/attempts/a1/recordings/screen',
        started_at: '2026-03-01T09:00:05Z',
        offset_s: 5,
        duration_s: 1790,
        gaps: [],
      },
    ],
    review: { status: 'pending', comment: '', by: null, at: null },
    appeal: null,
    results_released: false,
    ...overrides,
  };
}

export function queueItem(overrides: Partial<ReviewQueueItem> = {}): ReviewQueueItem {
  return {
    attempt_id: 'a1',
    exam_id: 'e1',
    exam_title: 'Waves Quiz',
    student_id: 's1',
    name: 'Ada Lovelace',
    roll_number: 'S1001',
    status: 'submitted',
    submitted_at: '2026-03-01T09:30:00Z',
    integrity: 72,
    risk_score: 28,
    risk_tier: 'moderate',
    violations: 2,
    undecided: 1,
    review_status: 'pending',
    appeal_status: null,
    ...overrides,
  };
}

/** jsdom has no media playback: play() and pause() just flip `paused`. */
export function stubMedia() {
  const paused = new WeakMap<HTMLMediaElement, boolean>();
  vi.spyOn(HTMLMediaElement.prototype, 'paused', 'get').mockImplementation(function (this: HTMLMediaElement) {
    return paused.get(this) ?? true;
  });
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
    paused.set(this, false);
    return Promise.resolve();
  });
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(function (this: HTMLMediaElement) {
    paused.set(this, true);
  });
}

export { jsonResponse };

/** jsdom has no `document.fonts`, which Mantine's autosizing Textarea listens to. */
export function stubDocumentFonts() {
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', {
      configurable: true,
      value: { addEventListener: () => {}, removeEventListener: () => {} },
    });
  }
}
