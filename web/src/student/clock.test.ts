import { describe, expect, it } from 'vitest';
import { formatCountdown, remainingSeconds, spokenCountdown, syncClock } from './clock';

const timing = {
  server_now: '2025-03-01T10:00:00Z',
  deadline_at: '2025-03-01T10:30:00Z',
  remaining_seconds: 1800,
};
const serverNow = Date.parse('2025-03-01T10:00:00Z');

describe('countdown', () => {
  it('follows the server clock when the device clock is wrong', () => {
    const local = serverNow - 7 * 60_000; // the device is 7 minutes behind
    const sync = syncClock(timing, local);
    expect(sync.offsetMs).toBe(7 * 60_000);
    expect(remainingSeconds(sync, local)).toBe(1800);
    expect(remainingSeconds(sync, local + 61_000)).toBe(1739);
    expect(remainingSeconds(sync, local + 1800_000)).toBe(0);
    expect(remainingSeconds(sync, local + 4000_000)).toBe(0); // never negative
  });

  it('a device clock ahead of the server gives the same countdown', () => {
    const local = serverNow + 3 * 3600_000;
    const sync = syncClock(timing, local);
    expect(remainingSeconds(sync, local + 10_000)).toBe(1790);
  });

  it('places the server time at the middle of the round trip', () => {
    const sync = syncClock(timing, serverNow + 1000, serverNow - 1000);
    expect(sync.offsetMs).toBe(0);
    expect(remainingSeconds(sync, serverNow)).toBe(1800);
  });

  it('rounds partial seconds up, so 0 means time is really up', () => {
    const sync = syncClock(timing, serverNow);
    expect(remainingSeconds(sync, serverNow + 1799_001)).toBe(1);
    expect(remainingSeconds(sync, serverNow + 1800_000)).toBe(0);
  });

  it('treats a timestamp without a zone as UTC and falls back to remaining_seconds', () => {
    const naive = syncClock({ ...timing, server_now: '2025-03-01T10:00:00', deadline_at: '2025-03-01T10:30:00' }, serverNow);
    expect(naive.offsetMs).toBe(0);
    const bad = syncClock({ ...timing, deadline_at: 'garbage' }, serverNow);
    expect(remainingSeconds(bad, serverNow)).toBe(1800);
  });

  it('formats the time left', () => {
    expect(formatCountdown(3725)).toBe('1:02:05');
    expect(formatCountdown(299)).toBe('04:59');
    expect(formatCountdown(0)).toBe('00:00');
    expect(spokenCountdown(3725)).toBe('1 hour 2 minutes');
    expect(spokenCountdown(61)).toBe('1 minute 1 second');
    expect(spokenCountdown(9)).toBe('9 seconds');
  });
});
