import { describe, expect, it } from 'vitest';
import {
  clockFromLive,
  formatCountdown,
  frozenSeconds,
  pauseClock,
  remainingSeconds,
  resumeClock,
  spokenCountdown,
  syncClock,
} from './clock';

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

describe('a paused clock', () => {
  const now = Date.parse('2025-03-01T10:00:00Z');

  it('stands still while the server says paused', () => {
    const sync = syncClock(
      { server_now: '2025-03-01T10:00:00Z', deadline_at: '2025-03-01T10:30:00Z', remaining_seconds: 599, paused_at: '2025-03-01T10:20:00.400Z' },
      now,
    );
    // 599.6 s: shown as 600, as the running clock showed it when it stopped.
    expect(remainingSeconds(sync, now)).toBe(600);
    expect(remainingSeconds(sync, now + 60_000)).toBe(600);
    expect(frozenSeconds({ deadline_at: 'x', paused_at: null, remaining_seconds: 42 })).toBe(42);
  });

  it('stops where it stood and runs on to the moved deadline', () => {
    const running = { offsetMs: 0, deadlineMs: now + 900_000 };
    const paused = pauseClock(running, now + 300_000);
    expect(remainingSeconds(paused, now + 400_000)).toBe(600);
    const resumed = resumeClock(paused, '2025-03-01T10:25:00Z', now + 400_000);
    expect(remainingSeconds(resumed, now + 400_000)).toBe(1100);
    // No deadline given: it runs on from where it stood.
    expect(remainingSeconds(resumeClock(paused, null, now + 400_000), now + 410_000)).toBe(590);
  });

  it('follows /live with the offset measured before', () => {
    const live = { deadline_at: '2025-03-01T10:20:00Z', remaining_seconds: 1200, paused_at: null };
    expect(remainingSeconds(clockFromLive(live, 5000, now - 5000), now - 5000)).toBe(1200);
    const paused = clockFromLive({ ...live, paused_at: '2025-03-01T10:08:20Z', remaining_seconds: 700 }, 0, now);
    expect(remainingSeconds(paused, now + 99_000)).toBe(700);
  });
});
