/** A stand-in for the browser's WebSocket in tests: the test opens it, sends frames, closes it. */
import { act } from '@testing-library/react';

export class FakeSocket {
  static all: FakeSocket[] = [];
  static reset() {
    FakeSocket.all = [];
  }
  static get last(): FakeSocket {
    const s = FakeSocket.all[FakeSocket.all.length - 1];
    if (!s) throw new Error('no socket opened');
    return s;
  }

  readyState = 0;
  sent: string[] = [];
  closedWith: number | null = null;
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  send(data: string) {
    this.sent.push(data);
  }

  close(code = 1000) {
    this.closedWith = code;
    this.readyState = 3;
  }

  // --- the server's side ---
  open() {
    act(() => {
      this.readyState = 1;
      this.onopen?.(new Event('open'));
    });
  }

  receive(message: unknown) {
    act(() => {
      this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
    });
  }

  drop(code = 1006) {
    act(() => {
      this.readyState = 3;
      this.onclose?.({ code } as CloseEvent);
    });
  }
}

/** jsdom has no `document.fonts`, which Mantine's autosizing Textarea listens to. */
export function stubDocumentFonts() {
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', {
      configurable: true,
      value: { addEventListener: () => {}, removeEventListener: () => {} },
    });
  }
}
