/**
 * The schedule is edited in `<input type="datetime-local">`, which speaks the viewer's local
 * time ("2026-05-04T09:30"); the API speaks ISO-8601 UTC. These convert between the two.
 */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-05-04T09:30" in the viewer's zone for an ISO timestamp; "" for none. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const hasZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(iso.slice(10));
  const d = new Date(hasZone ? iso : iso + 'Z');
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** ISO UTC for a local "2026-05-04T09:30"; null for an empty input (no limit). */
export function toUtcIso(local: string): string | null {
  if (!local.trim()) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The message for a window whose end is not after its start, or null. */
export function windowError(start: string, end: string): string | null {
  const s = toUtcIso(start);
  const e = toUtcIso(end);
  if (s && e && new Date(e) <= new Date(s)) return 'The exam must close after it opens';
  return null;
}

/** The zone the inputs are in, for their description ("Europe/Berlin"). */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'your local time';
}
