/** Pure helpers of the live sessions page: merging streamed rows, alerts and chat, sorting, tiers. */
import type { LiveAlert, LiveChatMessage, LiveSeen, LiveSession } from '../../../api/types';
import type { SortOrder } from '../types';

export const ACTIVE = new Set(['in_progress', 'paused']);

export function isActive(status: string): boolean {
  return ACTIVE.has(status);
}

/** Alerts kept in the feed; older ones fall off the bottom. */
export const ALERTS_KEPT = 100;

/** A row read before a change that an already shown row carries (two server processes, or
 * a read that raced an event) is stale: keep the newer one. Equal versions are the same
 * state, repainted with a live risk that has faded since. */
export function isStale(row: LiveSession, shown: LiveSession | undefined): boolean {
  return shown !== undefined && row.version < shown.version;
}

/** Replace the row of the same attempt, or add it; a stale row changes nothing. */
export function upsertRow(rows: LiveSession[] | undefined, row: LiveSession): LiveSession[] | undefined {
  if (!rows) return rows;
  const at = rows.findIndex((r) => r.attempt_id === row.attempt_id);
  if (at < 0) return [...rows, row];
  if (isStale(row, rows[at])) return rows;
  const next = rows.slice();
  next[at] = row;
  return next;
}

/** A freshly loaded table, with what the page already had: a shown or streamed row newer
 * than the loaded one (it changed while the table was read) wins; a streamed row the table
 * lacks joined meanwhile. A shown row the server no longer lists goes. */
export function mergeLoaded(loaded: LiveSession[], shown: Iterable<LiveSession>, streamed: Iterable<LiveSession>): LiveSession[] {
  const rows = loaded.slice();
  const index = new Map(rows.map((r, i) => [r.attempt_id, i]));
  const keepNewer = (row: LiveSession): boolean => {
    const at = index.get(row.attempt_id);
    if (at === undefined) return false;
    if (row.version > rows[at].version) rows[at] = row;
    return true;
  };
  for (const row of shown) keepNewer(row);
  for (const row of streamed) {
    if (!keepNewer(row)) {
      index.set(row.attempt_id, rows.length);
      rows.push(row);
    }
  }
  return rows;
}

/** A heartbeat's fields into the row of its attempt; nothing when that row is not shown. */
export function patchRow(rows: LiveSession[] | undefined, patch: LiveSeen): LiveSession[] | undefined {
  const at = rows?.findIndex((r) => r.attempt_id === patch.attempt_id) ?? -1;
  if (!rows || at < 0) return rows;
  const next = rows.slice();
  next[at] = { ...rows[at], ...patch };
  return next;
}

/** The newest alert on top, once. */
export function prependAlert(alerts: LiveAlert[] | undefined, alert: LiveAlert): LiveAlert[] | undefined {
  if (!alerts) return alerts;
  return [alert, ...alerts.filter((a) => a.id !== alert.id)].slice(0, ALERTS_KEPT);
}

/** Append a chat message once (the socket echoes what we post). */
export function appendChat(messages: LiveChatMessage[] | undefined, message: LiveChatMessage): LiveChatMessage[] | undefined {
  if (!messages || messages.some((m) => m.id === message.id)) return messages;
  return [...messages, message];
}

/** The page's tier filter: High takes the High and Critical tiers. */
export type TierFilter = 'all' | 'high' | 'medium' | 'low';

export const TIER_FILTERS: { value: TierFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'high', label: 'High' },
  { value: 'medium', label: 'Medium' },
  { value: 'low', label: 'Low' },
];

/** The filter a row falls under, from the server's tier (or its risk when the tier is unknown). */
export function tierGroup(row: Pick<LiveSession, 'tier' | 'live_risk'>): Exclude<TierFilter, 'all'> {
  switch (row.tier) {
    case 'critical':
    case 'high':
      return 'high';
    case 'moderate':
    case 'medium':
      return 'medium';
    case 'low':
      return 'low';
  }
  const risk = Math.round(row.live_risk);
  return risk > 50 ? 'high' : risk > 25 ? 'medium' : 'low';
}

export type LiveSort = 'risk' | 'name' | 'last_event' | 'last_seen';

const SEVERITY_RANK: Record<string, number> = { high: 3, medium: 2, low: 1 };

export function utcTime(iso: string | null | undefined): number {
  return iso ? new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso.slice(10)) ? iso : iso + 'Z').getTime() : 0;
}

function compare(a: LiveSession, b: LiveSession, sort: LiveSort): number {
  switch (sort) {
    case 'risk':
      return a.live_risk - b.live_risk || (SEVERITY_RANK[a.severity] ?? 0) - (SEVERITY_RANK[b.severity] ?? 0);
    case 'name':
      return a.name.localeCompare(b.name);
    case 'last_event':
      return utcTime(a.last_event_at) - utcTime(b.last_event_at);
    case 'last_seen':
      return utcTime(a.last_seen_at) - utcTime(b.last_seen_at);
  }
}

export function sortRows(rows: LiveSession[], by: LiveSort, order: SortOrder): LiveSession[] {
  return [...rows].sort((a, b) => {
    const c = compare(a, b, by);
    return (order === 'asc' ? c : -c) || a.roll_number.localeCompare(b.roll_number);
  });
}

/** Risk first, most recent first; names A–Z. */
export const FIRST_ORDER: Record<LiveSort, SortOrder> = { risk: 'desc', name: 'asc', last_event: 'desc', last_seen: 'desc' };
