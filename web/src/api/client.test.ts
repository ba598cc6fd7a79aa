import { describe, expect, it, vi } from 'vitest';
import { ApiError, api, readCookie } from './client';
import { jsonResponse } from '../test/utils';

function mockFetch(response: Response) {
  const fn = vi.fn<typeof fetch>().mockResolvedValue(response);
  vi.stubGlobal('fetch', fn);
  return fn;
}

function headersOf(fn: ReturnType<typeof mockFetch>): Record<string, string> {
  return (fn.mock.calls[0]![1]!.headers ?? {}) as Record<string, string>;
}

describe('api client', () => {
  it('sends the CSRF cookie as X-CSRF-Token on non-GET requests, with credentials', async () => {
    document.cookie = 'procta_csrf=tok%2Fen123; path=/';
    const fetchMock = mockFetch(jsonResponse({ ok: true }));

    await api.post('/auth/logout', { a: 1 });

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/auth/logout');
    expect(init!.method).toBe('POST');
    expect(init!.credentials).toBe('include');
    expect(init!.body).toBe('{"a":1}');
    expect(headersOf(fetchMock)['X-CSRF-Token']).toBe('tok/en123');
    expect(headersOf(fetchMock)['Content-Type']).toBe('application/json');
  });

  it('sends the token on DELETE and PATCH too, but not on GET', async () => {
    document.cookie = 'procta_csrf=abc; path=/';
    for (const method of ['delete', 'patch'] as const) {
      const fetchMock = mockFetch(jsonResponse(null, 204));
      await api[method]('/x');
      expect(headersOf(fetchMock)['X-CSRF-Token']).toBe('abc');
    }
    const getMock = mockFetch(jsonResponse({}));
    await api.get('/auth/me');
    expect(headersOf(getMock)['X-CSRF-Token']).toBeUndefined();
  });

  it('turns an error body into an ApiError with status, code and message', async () => {
    mockFetch(jsonResponse({ error: { code: 'last_owner', message: 'An organization needs at least one owner.' } }, 409));

    const err = await api.delete('/orgs/current/members/u1').catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'last_owner', message: 'An organization needs at least one owner.' });
  });

  it('copes with non-JSON errors and network failures', async () => {
    mockFetch(new Response('Bad gateway', { status: 502, statusText: 'Bad Gateway' }));
    await expect(api.get('/x')).rejects.toMatchObject({ status: 502, code: 'http_502' });

    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(api.get('/x')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('returns undefined for 204 and parsed JSON otherwise', async () => {
    mockFetch(jsonResponse(null, 204));
    await expect(api.post('/auth/logout')).resolves.toBeUndefined();
    mockFetch(jsonResponse({ revoked: 2 }));
    await expect(api.post('/auth/sessions/revoke-others')).resolves.toEqual({ revoked: 2 });
  });

  it('reads a cookie by exact name', () => {
    document.cookie = 'xprocta_csrf=wrong; path=/';
    document.cookie = 'procta_csrf=right; path=/';
    expect(readCookie('procta_csrf')).toBe('right');
    expect(readCookie('missing')).toBeNull();
  });
});
