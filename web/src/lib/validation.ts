/** Form validators: return an error message, or null when the value is fine. */

export const PASSWORD_MIN = 10;

export function required(label: string) {
  return (value: string) => (value.trim() ? null : `${label} is required`);
}

export function validateEmail(value: string): string | null {
  const v = value.trim();
  if (!v) return 'Email is required';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return 'Enter a valid email address';
  return null;
}

export function validatePassword(value: string): string | null {
  if (!value) return 'Password is required';
  if (value.length < PASSWORD_MIN) return `Password must be at least ${PASSWORD_MIN} characters`;
  return null;
}

export function validateCode(value: string): string | null {
  const v = value.replace(/\s/g, '');
  if (!/^\d{6}$/.test(v)) return 'Enter the 6-digit code';
  return null;
}

export function validateSlug(value: string): string | null {
  const v = value.trim();
  if (!v) return 'Slug is required';
  if (v.length < 2 || v.length > 60) return 'Slug must be 2 to 60 characters';
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v)) return 'Use lowercase letters, numbers and single dashes';
  return null;
}

/** Only allow same-site relative redirects ("/x", not "//evil" or "https://..."). */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}
