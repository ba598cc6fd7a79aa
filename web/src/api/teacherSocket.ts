/**
 * WS /ws/teacher: the org's feed. One socket per tab, opened by AppLayout; it keeps the
 * member/invite lists live and hands every message to the pages that listen (the live
 * sessions table, alerts, chat). It reconnects with backoff and asks for what it missed
 * with `?last_id=`.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { keys } from './queries';
import type { LiveFeedMessage, TeacherEvent } from './types';

/** Invalidate the queries a teacher-feed event makes stale. Returns true if it did anything. */
export function handleTeacherEvent(qc: QueryClient, event: TeacherEvent): boolean {
  const type = typeof event?.type === 'string' ? event.type : '';
  if (type.startsWith('member.')) {
    void qc.invalidateQueries({ queryKey: keys.members });
    // A member joining uses up their invite.
    void qc.invalidateQueries({ queryKey: keys.invites });
    // Our own role may have changed.
    void qc.invalidateQueries({ queryKey: keys.me });
    return true;
  }
  if (type.startsWith('invite.')) {
    void qc.invalidateQueries({ queryKey: keys.invites });
    return true;
  }
  return false;
}

export function backoffDelay(attempt: number): number {
  const base = Math.min(30_000, 1000 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

export function teacherSocketUrl(loc: Location = window.location, lastId = ''): string {
  const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = lastId ? `?last_id=${encodeURIComponent(lastId)}` : '';
  return `${proto}//${loc.host}/ws/teacher${query}`;
}

/**
 * - `off`: not connected (signed out, or no org)
 * - `connecting`: the first try
 * - `open`: streaming
 * - `reconnecting`: the socket dropped; trying again with backoff
 * - `denied`: the server refused us (4401/4403): not retried
 */
export type TeacherSocketState = 'off' | 'connecting' | 'open' | 'reconnecting' | 'denied';

/** Any message on the socket, as parsed; narrow live ones with `liveMessage`. */
export type TeacherMessage = TeacherEvent & { id?: string; [key: string]: unknown };
type Listener = (message: TeacherMessage) => void;

const DENIED = new Set([4401, 4403]);

/** The one teacher socket of this tab, with its listeners and connection state. */
export class TeacherFeed {
  private socket: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private tries = 0;
  private opened = false;
  private key: string | undefined;
  private state: TeacherSocketState = 'off';
  private readonly listeners = new Set<Listener>();
  private readonly watchers = new Set<() => void>();
  /** The id of the last message that can be replayed; sent as `?last_id=` on reconnect. */
  lastId = '';

  constructor(private readonly url: (lastId: string) => string = (id) => teacherSocketUrl(window.location, id)) {}

  getState = (): TeacherSocketState => this.state;

  /** Call `watch` whenever the state changes; returns the unsubscribe. */
  watchState = (watch: () => void): (() => void) => {
    this.watchers.add(watch);
    return () => this.watchers.delete(watch);
  };

  /** Hear every message; returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Open the socket for `key` (the org); a different key starts a fresh stream. */
  connect(key: string | undefined): void {
    if (typeof WebSocket === 'undefined') return;
    if (key !== this.key) {
      this.lastId = '';
      this.opened = false;
    }
    this.key = key;
    this.close();
    this.tries = 0;
    this.setState(this.opened ? 'reconnecting' : 'connecting');
    this.open();
  }

  disconnect(): void {
    this.close();
    this.setState('off');
  }

  private close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      socket.close();
    }
  }

  private open(): void {
    const socket = new WebSocket(this.url(this.lastId));
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      const again = this.opened;
      this.tries = 0;
      this.opened = true;
      this.setState('open');
      // Without a last id the server cannot replay what we missed: the pages reload. With
      // one it replays the feed, but not chat (never kept): the pages reload that.
      if (again) this.emit({ type: this.lastId ? 'reconnected' : 'resync' });
    };
    socket.onmessage = (msg) => {
      if (this.socket !== socket) return;
      let message: TeacherMessage;
      try {
        message = JSON.parse(String(msg.data)) as TeacherMessage;
      } catch {
        return; // ignore malformed frames
      }
      if (!message || typeof message !== 'object' || typeof message.type !== 'string') return;
      // A message without an id (a repaint) cannot be replayed: keep the last one that can.
      if (typeof message.id === 'string' && message.id) this.lastId = message.id;
      this.emit(message);
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (DENIED.has(ev.code)) {
        this.setState('denied');
        return;
      }
      this.setState('reconnecting');
      this.timer = setTimeout(() => this.open(), backoffDelay(this.tries++));
    };
  }

  private emit(message: TeacherMessage): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(message);
      } catch (err) {
        console.error('teacher feed listener failed', err);
      }
    }
  }

  private setState(state: TeacherSocketState): void {
    if (state === this.state) return;
    this.state = state;
    for (const watch of [...this.watchers]) watch();
  }
}

/** This tab's feed. */
export const teacherFeed = new TeacherFeed();

/** Narrow a message to the live-monitoring kinds (session, alert, chat, resync, reconnected), or null. */
export function liveMessage(message: TeacherMessage): LiveFeedMessage | null {
  const m = message as Record<string, unknown>;
  const isObject = (v: unknown) => !!v && typeof v === 'object';
  switch (message.type) {
    case 'session':
    case 'seen':
      return isObject(m.row) ? (message as unknown as LiveFeedMessage) : null;
    case 'alert':
      return isObject(m.alert) ? (message as unknown as LiveFeedMessage) : null;
    case 'chat':
      return isObject(m.message) ? (message as unknown as LiveFeedMessage) : null;
    case 'resync':
    case 'reconnected':
      return { type: message.type };
    default:
      return null;
  }
}

/** Connect while `enabled` (signed in with a current org); `key` forces a reconnect (org switch). */
export function useTeacherSocket(enabled: boolean, key: string | undefined, feed: TeacherFeed = teacherFeed) {
  const qc = useQueryClient();

  useEffect(() => feed.subscribe((message) => void handleTeacherEvent(qc, message)), [feed, qc]);

  useEffect(() => {
    if (!enabled) return;
    feed.connect(key);
    return () => feed.disconnect();
  }, [enabled, key, feed]);
}

/** The socket's state, re-rendering when it changes. */
export function useTeacherSocketState(feed: TeacherFeed = teacherFeed): TeacherSocketState {
  return useSyncExternalStore(feed.watchState, feed.getState, feed.getState);
}

/** Call `onMessage` with each live-monitoring message while mounted (the latest callback). */
export function useLiveMessages(onMessage: (message: LiveFeedMessage) => void, feed: TeacherFeed = teacherFeed) {
  const ref = useRef(onMessage);
  useEffect(() => {
    ref.current = onMessage;
  });
  useEffect(
    () =>
      feed.subscribe((raw) => {
        const message = liveMessage(raw);
        if (message) ref.current(message);
      }),
    [feed],
  );
}
