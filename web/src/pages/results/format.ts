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

export interface Look {
  label: string;
  color: string;
}

const TIERS: Record<string, Look> = {
  low: { label: 'Low', color: 'green' },
  moderate: { label: 'Moderate', color: 'yellow' },
  high: { label: 'High', color: 'orange' },
  critical: { label: 'Critical', color: 'red' },
};

/**
 * Risk tiers from the design: Low 0–25, Moderate 26–50, High 51–75, Critical 76–100, read
 * on the rounded score as the server does (25.4 is Low).
 */
export function riskTier(risk: number): Look {
  const whole = Math.round(risk);
  if (whole <= 25) return TIERS.low!;
  if (whole <= 50) return TIERS.moderate!;
  if (whole <= 75) return TIERS.high!;
  return TIERS.critical!;
}

/** The server's tier name when it sent one, else the tier of the score. */
export function tierLook(tier: string | null | undefined, risk: number): Look {
  return (tier && TIERS[tier]) || riskTier(risk);
}

const SEVERITY: Record<string, Look> = {
  high: { label: 'High', color: 'red' },
  medium: { label: 'Medium', color: 'orange' },
  low: { label: 'Low', color: 'gray' },
};

export function severityLook(severity: string): Look {
  return SEVERITY[severity] ?? { label: severity ? capitalise(severity) : DASH, color: 'gray' };
}

const VERDICTS: Record<string, Look> = {
  clear: { label: 'Cleared', color: 'green' },
  escalate: { label: 'Escalated', color: 'red' },
  none: { label: 'No verdict', color: 'gray' },
};

export function verdictLook(verdict: string): Look {
  return VERDICTS[verdict] ?? { label: capitalise(verdict), color: 'gray' };
}

const SOURCES: Record<string, string> = { browser: 'Browser', ai: 'AI', proctor: 'Proctor' };

export function sourceLabel(source: string): string {
  return SOURCES[source] ?? capitalise(source);
}

function capitalise(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ') : s;
}

/** "just now", "3 min ago", "2 h ago", "5 days ago" (or "in …" for a time ahead). */
export function formatRelative(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return DASH;
  const seconds = Math.round((now.getTime() - parseUtc(iso).getTime()) / 1000);
  if (Number.isNaN(seconds)) return DASH;
  const ahead = seconds < 0;
  const s = Math.abs(seconds);
  let text: string;
  if (s < 10) return 'just now';
  if (s < 60) text = `${s} s`;
  else if (s < 3600) text = `${Math.floor(s / 60)} min`;
  else if (s < 86_400) text = `${Math.floor(s / 3600)} h`;
  else {
    const days = Math.floor(s / 86_400);
    text = days === 1 ? '1 day' : `${days} days`;
  }
  return ahead ? `in ${text}` : `${text} ago`;
}

const CALIBRATION: Record<string, Look> = {
  ok: { label: 'OK', color: 'green' },
  poor: { label: 'Poor', color: 'orange' },
  skipped: { label: 'Skipped', color: 'gray' },
  redone: { label: 'Redone', color: 'blue' },
};

export function calibrationLook(cal: string): Look {
  return CALIBRATION[cal] ?? { label: cal ? capitalise(cal) : 'Not done', color: 'gray' };
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

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** "14:05:09" in the viewer's zone. */
export function formatClock(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const d = parseUtc(iso);
  return Number.isNaN(d.getTime()) ? iso : clock.format(d);
}
