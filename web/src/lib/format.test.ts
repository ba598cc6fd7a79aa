import { describe, expect, it } from 'vitest';
import { actionLabel, daysUntil, describeUserAgent, detailsSummary, formatDateTime } from './format';
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

describe('audit details', () => {
  it('names the device instead of showing the raw User-Agent', () => {
    const ua = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
    expect(describeUserAgent(ua)).toBe('Chrome on Linux');
    expect(detailsSummary({ device: ua })).toBe('Chrome on Linux');
  });

  it('words role changes, API keys and org settings', () => {
    expect(detailsSummary({ old_role: 'teacher', new_role: 'admin' })).toBe('Teacher → Admin');
    expect(detailsSummary({ name: 'LMS', prefix: 'pk_abc' })).toBe('“LMS” (pk_abc…)');
    expect(detailsSummary({ name: 'Acme', slug: 'acme' })).toBe('Name: Acme · Slug: acme');
    expect(detailsSummary({ email: 'a@b.c', role: 'teacher' })).toBe('a@b.c · Role: Teacher');
    expect(detailsSummary({ count: 1 })).toBe('1 session signed out');
    expect(detailsSummary({ other_thing: 'x', empty: '' })).toBe('Other thing: x');
    expect(detailsSummary(null)).toBe('');
  });
});
