/**
 * The countdown follows the server's clock, not the device's: each response with timing
 * gives the server's "now", from which the offset between the two clocks is measured; the
 * remaining time is the deadline minus the server's time as estimated from the local clock.
 */
import { parseTimestamp } from './time';

export interface TimingLike {
  server_now: string;
  deadline_at: string;
  remaining_seconds: number;
  /** Set while the proctor has paused the attempt: remaining_seconds is frozen then. */
  paused_at?: string | null;
}

export interface ClockSync {
  /** Server clock minus local clock, in ms. */
  offsetMs: number;
  /** The deadline on the server's clock, epoch ms. */
  deadlineMs: number;
  /** While paused: the time left, standing still (the deadline moves when it resumes). */
  frozenSeconds?: number;
}

/**
 * The time left while paused: the deadline minus the moment of the pause, rounded up as the
 * running clock is (the server's remaining_seconds is rounded down: it would show a second
 * less than the clock showed when it stopped).
 */
export function frozenSeconds(timing: { deadline_at: string; remaining_seconds: number; paused_at?: string | null }): number {
  const left = parseTimestamp(timing.deadline_at) - parseTimestamp(timing.paused_at);
  return Math.max(0, Number.isNaN(left) ? timing.remaining_seconds : Math.ceil(left / 1000));
}

/**
 * Measure the offset from a response. `sentAt` (local ms when the request left), when
 * given, places the server's "now" at the middle of the round trip.
 */
export function syncClock(timing: TimingLike, receivedAt: number, sentAt?: number): ClockSync {
  const localAtServerNow = sentAt === undefined ? receivedAt : (sentAt + receivedAt) / 2;
  const serverNow = parseTimestamp(timing.server_now);
  const frozen = timing.paused_at ? { frozenSeconds: frozenSeconds(timing) } : {};
  if (Number.isNaN(serverNow)) {
    // Fall back to remaining_seconds counted on the local clock.
    return { offsetMs: 0, deadlineMs: localAtServerNow + timing.remaining_seconds * 1000, ...frozen };
  }
  const offsetMs = serverNow - localAtServerNow;
  let deadlineMs = parseTimestamp(timing.deadline_at);
  if (Number.isNaN(deadlineMs)) deadlineMs = serverNow + timing.remaining_seconds * 1000;
  return { offsetMs, deadlineMs, ...frozen };
}

/**
 * The clock from the live channel's view (GET /live has no server "now"): the offset
 * measured before stays; paused, the time left stands still.
 */
export function clockFromLive(
  live: { deadline_at: string; remaining_seconds: number; paused_at?: string | null },
  offsetMs: number,
  now: number,
): ClockSync {
  const serverNow = now + offsetMs;
  if (live.paused_at) {
    const left = frozenSeconds(live);
    return { offsetMs, deadlineMs: serverNow + left * 1000, frozenSeconds: left };
  }
  const deadlineMs = parseTimestamp(live.deadline_at);
  return { offsetMs, deadlineMs: Number.isNaN(deadlineMs) ? serverNow + live.remaining_seconds * 1000 : deadlineMs };
}

/** Stop the clock where it stands now (paused), or let it run to a new deadline (resumed). */
export function pauseClock(sync: ClockSync, now: number): ClockSync {
  return { ...sync, frozenSeconds: remainingSeconds(sync, now) };
}

export function resumeClock(sync: ClockSync, deadlineAt: string | null | undefined, now: number): ClockSync {
  const deadline = parseTimestamp(deadlineAt);
  const { frozenSeconds, offsetMs } = sync;
  if (!Number.isNaN(deadline)) return { offsetMs, deadlineMs: deadline };
  // No new deadline yet: run on from where it stood (GET /live corrects it).
  return frozenSeconds === undefined
    ? sync
    : { offsetMs, deadlineMs: now + offsetMs + frozenSeconds * 1000 };
}

/** Whole seconds left at local time `now` (never negative). */
export function remainingSeconds(sync: ClockSync, now: number): number {
  if (sync.frozenSeconds !== undefined) return sync.frozenSeconds;
  const ms = sync.deadlineMs - (now + sync.offsetMs);
  return Math.max(0, Math.ceil(ms / 1000));
}

/** 3725 → "1:02:05", 65 → "01:05". */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${two(m)}:${two(sec)}`;
}

/** Spoken form for screen readers: "1 hour 2 minutes", "4 minutes 5 seconds". */
export function spokenCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (h > 0) return [part(h, 'hour'), m ? part(m, 'minute') : ''].filter(Boolean).join(' ');
  if (m > 0) return [part(m, 'minute'), sec ? part(sec, 'second') : ''].filter(Boolean).join(' ');
  return part(sec, 'second');
}

export const WARNING_SECONDS = 5 * 60;
