import { describe, expect, it } from 'vitest';
import { actionLabel, daysUntil, formatDateTime } from './format';
import { trialText } from '../pages/DashboardPage';

describe('format', () => {
  const now = new Date('2025-03-01T12:00:00Z');

  it('counts whole days left, rounding up', () => {
    expect(daysUntil('2025-03-15T12:00:00Z', now)).toBe(14);
    expect(daysUntil('2025-03-02T00:00:00Z', now)).toBe(1);
    expect(daysUntil('2025-02-28T12:00:00Z', now)).toBe(-1);
  });

  it('treats zone-less timestamps as UTC', () => {
    expect(daysUntil('2025-03-15T12:00:00', now)).toBe(14);
    expect(formatDateTime('2025-03-15T12:00:00')).toBe(formatDateTime('2025-03-15T12:00:00Z'));
    expect(formatDateTime(null)).toBe('—');
  });

  it('words the trial', () => {
    expect(trialText({ trial_ends_at: '2025-03-15T12:00:00Z' }, now)).toBe('14 days left in trial');
    expect(trialText({ trial_ends_at: '2025-03-02T00:00:00Z' }, now)).toBe('1 day left in trial');
    expect(trialText({ trial_ends_at: '2025-02-01T00:00:00Z' }, now)).toBe('Trial ended');
    expect(trialText({ trial_ends_at: null }, now)).toBeNull();
  });

  it('names audit actions', () => {
    expect(actionLabel('auth.login_failed')).toBe('Failed sign-in');
    expect(actionLabel('org.something_new')).toBe('Something new');
  });
});
