/** The student socket's messages and rules: pure functions, no React. */
import { parseTimestamp } from '../time';
import type { ChatMessage, ProctorWarning } from './api';

export type LiveMessage =
  | { type: 'ready'; status: string }
  | { type: 'warning'; warning: ProctorWarning }
  | { type: 'paused' }
  | { type: 'resumed'; deadlineAt: string | null }
  | { type: 'ended'; reason: string }
  | { type: 'chat'; message: ChatMessage }
  | { type: 'room'; at: string };

/** Closes after which reconnecting cannot help: bad hello, wrong token, exam session over. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([4401, 4403, 4410]);

/** Delays before reconnecting, in ms; the last one repeats. */
export const RECONNECT_BACKOFF_MS = [1000, 2000, 5000, 10_000, 20_000, 30_000];

export function reconnectDelay(failures: number, backoff = RECONNECT_BACKOFF_MS, random = Math.random): number {
  const base = backoff[Math.min(failures, backoff.length - 1)];
  return Math.round(base * (0.8 + 0.4 * random())); // jitter: a classroom does not reconnect at once
}

export function socketUrl(attemptId: string, loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/ws/exam-sessions/${encodeURIComponent(attemptId)}`;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A frame from the server, or null for anything this page does not know. */
export function parseLiveMessage(data: unknown, now: () => Date = () => new Date()): LiveMessage | null {
  if (typeof data !== 'string') return null;
  let m: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(data);
    if (!parsed || typeof parsed !== 'object') return null;
    m = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  switch (m.type) {
    case 'ready':
      return { type: 'ready', status: str(m.status) };
    case 'warning': {
      const w = (m.warning ?? {}) as Record<string, unknown>;
      if (!str(w.id)) return null;
      return { type: 'warning', warning: { id: str(w.id), message: str(w.message), at: str(w.at) || now().toISOString() } };
    }
    case 'paused':
      return { type: 'paused' };
    case 'resumed':
      return { type: 'resumed', deadlineAt: str(m.deadline_at) || null };
    case 'ended':
      return { type: 'ended', reason: str(m.reason) };
    case 'room':
      return { type: 'room', at: str(m.at) || now().toISOString() };
    case 'chat': {
      const c = m.message as ChatMessage | undefined;
      if (!c || !str(c.id) || typeof c.text !== 'string') return null;
      return { type: 'chat', message: { ...c, broadcast: Boolean(c.broadcast) } };
    }
    default:
      return null;
  }
}

/** Add messages to the thread: one per id (the socket echoes the student's own), oldest first. */
export function mergeChat(thread: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return thread;
  const byId = new Map(thread.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => (parseTimestamp(a.at) || 0) - (parseTimestamp(b.at) || 0));
}

/** Add warnings to the queue, one per id, except those already acknowledged here. */
export function mergeWarnings(
  queue: ProctorWarning[],
  incoming: ProctorWarning[],
  acknowledged: ReadonlySet<string>,
): ProctorWarning[] {
  const fresh = incoming.filter((w) => !acknowledged.has(w.id) && !queue.some((q) => q.id === w.id));
  return fresh.length ? [...queue, ...fresh] : queue;
}
