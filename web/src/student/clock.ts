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
}

export interface ClockSync {
  /** Server clock minus local clock, in ms. */
  offsetMs: number;
  /** The deadline on the server's clock, epoch ms. */
  deadlineMs: number;
}

/**
 * Measure the offset from a response. `sentAt` (local ms when the request left), when
 * given, places the server's "now" at the middle of the round trip.
 */
export function syncClock(timing: TimingLike, receivedAt: number, sentAt?: number): ClockSync {
  const localAtServerNow = sentAt === undefined ? receivedAt : (sentAt + receivedAt) / 2;
  const serverNow = parseTimestamp(timing.server_now);
  if (Number.isNaN(serverNow)) {
    // Fall back to remaining_seconds counted on the local clock.
    return { offsetMs: 0, deadlineMs: localAtServerNow + timing.remaining_seconds * 1000 };
  }
  const offsetMs = serverNow - localAtServerNow;
  let deadlineMs = parseTimestamp(timing.deadline_at);
  if (Number.isNaN(deadlineMs)) deadlineMs = serverNow + timing.remaining_seconds * 1000;
  return { offsetMs, deadlineMs };
}

/** Whole seconds left at local time `now` (never negative). */
export function remainingSeconds(sync: ClockSync, now: number): number {
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
