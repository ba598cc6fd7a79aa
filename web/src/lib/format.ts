/** Times arrive as UTC ISO strings; they are shown in the viewer's own zone. */

function parse(iso: string): Date {
  // A timestamp without a zone designator is UTC (that is how the server stores it).
  if (iso.length <= 10) return new Date(iso);
  const hasZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(iso.slice(10));
  return new Date(hasZone ? iso : iso + 'Z');
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined, empty = '—'): string {
  if (!iso) return empty;
  const d = parse(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

export function formatDate(iso: string | null | undefined, empty = '—'): string {
  if (!iso) return empty;
  const d = parse(iso);
  return Number.isNaN(d.getTime()) ? iso : dateOnly.format(d);
}

/** Whole days from now until `iso` (rounded up); negative when past. */
export function daysUntil(iso: string, now: Date = new Date()): number {
  const ms = parse(iso).getTime() - now.getTime();
  return Math.ceil(ms / 86_400_000);
}

const ACTION_LABELS: Record<string, string> = {
  'auth.signup': 'Account created',
  'auth.login': 'Signed in',
  'auth.login_failed': 'Failed sign-in',
  'auth.logout': 'Signed out',
  'auth.two_factor_enabled': 'Two-factor enabled',
  'auth.two_factor_disabled': 'Two-factor disabled',
  'auth.two_factor_failed': 'Wrong two-factor code',
  'auth.password_changed': 'Password changed',
  'auth.password_reset': 'Password reset',
  'auth.password_reset_requested': 'Password reset requested',
  'auth.session_revoked': 'Session revoked',
  'auth.sessions_revoked': 'Other sessions signed out',
  'auth.org_switched': 'Switched organization',
  'org.created': 'Organization created',
  'org.updated': 'Organization updated',
  'org.settings_changed': 'Organization settings changed',
  'org.member_invited': 'Member invited',
  'org.member_joined': 'Member joined',
  'org.member_role_changed': 'Member role changed',
  'org.member_removed': 'Member removed',
  'org.invite_created': 'Invite sent',
  'org.invite_revoked': 'Invite revoked',
  'org.invite_accepted': 'Invite accepted',
  'org.api_key_created': 'API key created',
  'org.api_key_revoked': 'API key revoked',
};

export function actionLabel(action: string): string {
  if (ACTION_LABELS[action]) return ACTION_LABELS[action];
  const tail = action.split('.').pop() ?? action;
  const words = tail.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Compact one-line summary of an audit event's details. */
export function detailsSummary(details: Record<string, unknown> | null | undefined): string {
  if (!details) return '';
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}
