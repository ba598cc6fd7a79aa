/** Timestamps from the server are UTC ISO strings; one without a zone is UTC too. */
export function parseTimestamp(iso: string | null | undefined): number {
  if (!iso) return NaN;
  if (iso.length <= 10) return new Date(iso).getTime();
  const hasZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(iso.slice(10));
  return new Date(hasZone ? iso : iso + 'Z').getTime();
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

export function formatWhen(iso: string | null | undefined): string {
  const t = parseTimestamp(iso);
  return Number.isNaN(t) ? '' : dateTime.format(new Date(t));
}

export function formatTime(iso: string | null | undefined): string {
  const t = parseTimestamp(iso);
  return Number.isNaN(t) ? '' : timeOnly.format(new Date(t));
}
