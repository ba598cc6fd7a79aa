/** How results numbers and states are worded on screen. */

export const DASH = '—';

/** "83.3%", or a dash when there is no score yet. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

/** Points without trailing zeros: 4, 2.5, 0.33. */
export function formatPoints(value: number | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  return String(Math.round(value * 100) / 100);
}

/** "42s", "12m 05s", "1h 02m". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}

export const STATUS_LABELS: Record<string, string> = {
  submitted: 'Submitted',
  auto_submitted: 'Auto-submitted',
  in_progress: 'In progress',
  paused: 'Paused',
  failed: 'Failed',
  terminated: 'Terminated',
};

export const STATUS_COLORS: Record<string, string> = {
  submitted: 'green',
  auto_submitted: 'teal',
  in_progress: 'blue',
  paused: 'yellow',
  failed: 'red',
  terminated: 'gray',
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status.charAt(0).toUpperCase() + status.slice(1).replace(/_/g, ' ');
}

export const STATUS_OPTIONS = Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }));

/** Risk tiers from the design: Low 0–25, Moderate 26–50, High 51–75, Critical 76–100. */
export function riskTier(risk: number): { label: string; color: string } {
  if (risk <= 25) return { label: 'Low', color: 'green' };
  if (risk <= 50) return { label: 'Moderate', color: 'yellow' };
  if (risk <= 75) return { label: 'High', color: 'orange' };
  return { label: 'Critical', color: 'red' };
}

const CALIBRATION: Record<string, { label: string; color: string }> = {
  ok: { label: 'OK', color: 'green' },
  poor: { label: 'Poor', color: 'orange' },
  skipped: { label: 'Skipped', color: 'gray' },
  redone: { label: 'Redone', color: 'blue' },
};

export function calibrationLook(cal: string): { label: string; color: string } {
  return CALIBRATION[cal] ?? { label: cal, color: 'gray' };
}

/** Server times are UTC; a stamp without a zone is read as UTC. */
function parseUtc(iso: string): Date {
  return new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso.slice(10)) ? iso : iso + 'Z');
}

/**
 * A teacher may force-submit a failed attempt, or one still in progress after its deadline
 * (a paused attempt's deadline moves when it resumes, so it is never overdue).
 */
export function canForceSubmit(attempt: { status: string; deadline_at: string }, now: Date = new Date()): boolean {
  if (attempt.status === 'failed') return true;
  return attempt.status === 'in_progress' && parseUtc(attempt.deadline_at).getTime() < now.getTime();
}
