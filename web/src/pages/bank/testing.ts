/** A fetch stub for this area's tests: answers by method and path, and records every call. */
import type { UserEvent } from '@testing-library/user-event';
import { vi } from 'vitest';
import { jsonResponse } from '../../test/utils';

type Answer = Response | (() => Response);
export type Route = [method: string, path: RegExp, answer: Answer];

export interface FetchCall {
  method: string;
  url: string;
  body: unknown;
}

export function stubApi(routes: Route[]) {
  const calls: FetchCall[] = [];
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = String(input);
    const method = (init?.method ?? 'GET').toUpperCase();
    const raw = init?.body;
    calls.push({ method, url, body: typeof raw === 'string' ? JSON.parse(raw) : raw });
    const path = url.replace(/^\/api\/v1/, '');
    const i = routes.findIndex(([m, p]) => m === method && p.test(path));
    if (i < 0) return jsonResponse({ error: { code: 'not_found', message: `No stub for ${method} ${path}` } }, 404);
    const answer = routes[i]![2];
    // A Response can be read once: a plain one answers one call, then the next matching route answers.
    if (answer instanceof Response) routes.splice(i, 1);
    return answer instanceof Response ? answer : answer();
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export const sent = (calls: FetchCall[], method: string, path: RegExp) =>
  calls.filter((c) => c.method === method && path.test(c.url.replace(/^\/api\/v1/, '')));

export { jsonResponse };

/** jsdom has no `document.fonts`, which Mantine's autosizing Textarea listens to. */
export function stubDocumentFonts() {
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', {
      configurable: true,
      value: { addEventListener: () => {}, removeEventListener: () => {} },
    });
  }
}

/** Type a whole value at once (pasting), much faster than key by key. */
export async function fill(user: UserEvent, input: HTMLElement, text: string) {
  await user.click(input);
  await user.paste(text);
}

/** The hidden file input behind a Mantine FileInput. */
export function fileInput(): HTMLInputElement {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('no file input on the page');
  return input;
}
