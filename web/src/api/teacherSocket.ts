/** WS /ws/teacher: keeps member/invite lists live, reconnecting with backoff. */
import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { keys } from './queries';
import type { TeacherEvent } from './types';

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

export function teacherSocketUrl(loc: Location = window.location): string {
  const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${loc.host}/ws/teacher`;
}

/** Connect while `enabled` (signed in with a current org); `key` forces a reconnect (org switch). */
export function useTeacherSocket(enabled: boolean, key: string | undefined) {
  const qc = useQueryClient();

  useEffect(() => {
    if (!enabled || typeof WebSocket === 'undefined') return;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;

    const connect = () => {
      if (stopped) return;
      socket = new WebSocket(teacherSocketUrl());
      socket.onopen = () => {
        attempt = 0;
      };
      socket.onmessage = (msg) => {
        try {
          handleTeacherEvent(qc, JSON.parse(String(msg.data)) as TeacherEvent);
        } catch {
          // ignore malformed frames
        }
      };
      socket.onclose = (ev) => {
        socket = null;
        // 4401/4403: not allowed; 1008 policy violation. Do not hammer the server.
        if (stopped || ev.code === 4401 || ev.code === 4403) return;
        timer = setTimeout(connect, backoffDelay(attempt++));
      };
    };

    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket?.close();
    };
  }, [enabled, key, qc]);
}
