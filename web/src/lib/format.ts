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

const BROWSERS: [string, string][] = [
  ['Edg/', 'Edge'],
  ['OPR/', 'Opera'],
  ['Firefox/', 'Firefox'],
  ['HeadlessChrome/', 'Headless Chrome'],
  ['Chrome/', 'Chrome'],
  ['Safari/', 'Safari'],
];
const SYSTEMS: [string, string][] = [
  ['Windows', 'Windows'],
  ['Android', 'Android'],
  ['iPhone', 'iOS'],
  ['iPad', 'iPadOS'],
  ['Mac OS X', 'macOS'],
  ['CrOS', 'ChromeOS'],
  ['Linux', 'Linux'],
];

/** "Chrome on Windows" from a User-Agent string (the same wording as the sessions list). */
export function describeUserAgent(ua: string): string {
  if (!ua) return 'Unknown device';
  const browser = BROWSERS.find(([mark]) => ua.includes(mark))?.[1];
  const system = SYSTEMS.find(([mark]) => ua.includes(mark))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? (ua.length > 60 ? ua.slice(0, 60) + '…' : ua);
}

function capitalise(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

function roleWord(role: unknown): string {
  return capitalise(String(role).replace(/_/g, ' '));
}

/** Readable one-line summary of an audit event's details ("Chrome on Linux", "Teacher → Admin"). */
export function detailsSummary(details: Record<string, unknown> | null | undefined): string {
  if (!details) return '';
  const d = Object.fromEntries(
    Object.entries(details).filter(([, v]) => v !== null && v !== undefined && v !== ''),
  );
  const parts: string[] = [];
  const take = (key: string) => {
    const v = d[key];
    delete d[key];
    return v;
  };

  if ('device' in d) parts.push(describeUserAgent(String(take('device'))));
  if ('old_role' in d || 'new_role' in d) {
    const from = take('old_role');
    const to = take('new_role');
    parts.push(from !== undefined && to !== undefined ? `${roleWord(from)} → ${roleWord(to)}` : `Role: ${roleWord(from ?? to)}`);
  }
  if ('email' in d) parts.push(String(take('email')));
  if ('role' in d) parts.push(`Role: ${roleWord(take('role'))}`);
  if ('prefix' in d) {
    // An API key: its name and the start of the key.
    const name = take('name');
    const prefix = take('prefix');
    parts.push(name !== undefined ? `“${String(name)}” (${String(prefix)}…)` : `${String(prefix)}…`);
  }
  if ('name' in d) parts.push(`Name: ${String(take('name'))}`);
  if ('slug' in d) parts.push(`Slug: ${String(take('slug'))}`);
  for (const key of ['sessions_revoked', 'count']) {
    if (key in d) {
      const n = Number(take(key));
      parts.push(`${n} ${n === 1 ? 'session' : 'sessions'} signed out`);
    }
  }
  for (const [k, v] of Object.entries(d)) {
    parts.push(`${capitalise(k.replace(/_/g, ' '))}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  }
  return parts.join(' · ');
}
