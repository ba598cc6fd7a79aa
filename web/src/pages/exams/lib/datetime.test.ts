import { afterEach, describe, expect, it, vi } from 'vitest';
import { toLocalInput, toUtcIso, windowError } from './datetime';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('schedule times', () => {
  it('converts between the local input and UTC, both ways', () => {
    vi.stubEnv('TZ', 'America/New_York');
    // 09:30 in New York in May (daylight time, UTC−4) is 13:30 UTC.
    expect(toUtcIso('2026-05-04T09:30')).toBe('2026-05-04T13:30:00.000Z');
    expect(toLocalInput('2026-05-04T13:30:00Z')).toBe('2026-05-04T09:30');
    // The server may leave out the zone: it means UTC.
    expect(toLocalInput('2026-01-10T15:00:00')).toBe('2026-01-10T10:00');
  });

  it('treats empty as no limit', () => {
    expect(toUtcIso('')).toBeNull();
    expect(toLocalInput(null)).toBe('');
  });

  it('refuses a window that closes before it opens', () => {
    expect(windowError('2026-05-04T10:00', '2026-05-04T10:00')).toBe('The exam must close after it opens');
    expect(windowError('2026-05-04T10:00', '2026-05-04T11:00')).toBeNull();
    expect(windowError('', '2026-05-04T11:00')).toBeNull();
  });
});
