import { describe, expect, it } from 'vitest';
import { safeNext, validateCode, validateEmail, validatePassword, validateSlug } from './validation';

describe('validators', () => {
  it('requires passwords of at least 10 characters', () => {
    expect(validatePassword('')).toBe('Password is required');
    expect(validatePassword('123456789')).toBe('Password must be at least 10 characters');
    expect(validatePassword('1234567890')).toBeNull();
  });

  it('checks email shape', () => {
    expect(validateEmail('')).toBe('Email is required');
    expect(validateEmail('nope')).toBe('Enter a valid email address');
    expect(validateEmail(' t@example.com ')).toBeNull();
  });

  it('accepts exactly six digits as a code', () => {
    expect(validateCode('12345')).not.toBeNull();
    expect(validateCode('12a456')).not.toBeNull();
    expect(validateCode('123 456')).toBeNull();
  });

  it('validates slugs', () => {
    expect(validateSlug('acme-school')).toBeNull();
    expect(validateSlug('Acme')).not.toBeNull();
    expect(validateSlug('a--b')).not.toBeNull();
  });

  it('only allows same-site redirects', () => {
    expect(safeNext('/invite/abc')).toBe('/invite/abc');
    expect(safeNext('//evil.com')).toBeNull();
    expect(safeNext('https://evil.com')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
