/**
 * The student's live connection: WS /ws/exam-sessions/{id} for what the proctor pushes,
 * and GET /live for the truth (on load, on every reconnect, after a pause or resume).
 * The socket only ever receives; everything the student does goes over REST.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { liveApi, type ChatMessage, type ProctorWarning, type RoomStatus, type StudentLive } from './api';
import {
  FINAL_CLOSE_CODES,
  mergeChat,
  mergeWarnings,
  parseLiveMessage,
  reconnectDelay,
  RECONNECT_BACKOFF_MS,
  socketUrl,
  type LiveMessage,
} from './protocol';

export type LiveConnection = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LiveHandlers {
  /** The server's view, from GET /live. */
  onState?: (live: StudentLive) => void;
  onPaused?: () => void;
  onResumed?: (deadlineAt: string | null) => void;
  onEnded?: (reason: string) => void;
}

export interface LiveChannelOptions extends LiveHandlers {
  attemptId: string;
  token: string;
  enabled: boolean;
  /** Tests pass a fake; null where the browser has no WebSocket. */
  createSocket?: (url: string) => WebSocket | null;
  backoffMs?: number[];
  pingMs?: number;
}

const defaultSocket = (url: string) => (typeof WebSocket === 'undefined' ? null : new WebSocket(url));
const ACK_RETRY_MS = [2000, 5000, 15_000];

export function useLiveChannel(opts: LiveChannelOptions) {
  const { attemptId, token, enabled } = opts;
  const [connection, setConnection] = useState<LiveConnection>('connecting');
  const [pending, setPending] = useState<ProctorWarning[]>([]);
  const [received, setReceived] = useState<ProctorWarning[]>([]);
  const [chat, setChat] = useState<ChatMessage[]>([]);
  const [endReason, setEndReason] = useState('');
  const [room, setRoom] = useState<RoomStatus | null>(null);

  const handlers = useRef<LiveHandlers>(opts);
  handlers.current = opts;
  const config = useRef({ createSocket: opts.createSocket, backoffMs: opts.backoffMs, pingMs: opts.pingMs });
  const acknowledged = useRef(new Set<string>());
  const loadSeq = useRef(0);
  const reload = useRef<() => void>(() => undefined);

  const addWarnings = useCallback((incoming: ProctorWarning[]) => {
    setPending((q) => mergeWarnings(q, incoming, acknowledged.current));
    setReceived((r) => {
      const fresh = incoming.filter((w) => !r.some((x) => x.id === w.id));
      return fresh.length ? [...r, ...fresh] : r;
    });
  }, []);

  useEffect(() => {
    if (!enabled || !attemptId || !token) return;
    const { createSocket = defaultSocket, backoffMs = RECONNECT_BACKOFF_MS, pingMs = 25_000 } = config.current;
    let stopped = false;
    let ws: WebSocket | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let pinger: ReturnType<typeof setInterval> | null = null;
    let failures = 0;

    const load = async () => {
      const seq = ++loadSeq.current;
      try {
        const live = await liveApi.live(attemptId, token);
        if (stopped || seq !== loadSeq.current) return;
        addWarnings(live.warnings ?? []);
        setChat((c) => mergeChat(c, live.chat ?? []));
        if (live.end_reason) setEndReason(live.end_reason);
        if (live.room) setRoom(live.room);
        handlers.current.onState?.(live);
      } catch {
        // offline or the server is restarting: the next reconnect (or the heartbeat) catches up
      }
    };
    reload.current = () => void load();

    const handle = (msg: LiveMessage) => {
      switch (msg.type) {
        case 'ready':
          failures = 0;
          setConnection('open');
          void load();
          return;
        case 'warning':
          addWarnings([msg.warning]);
          return;
        case 'paused':
          handlers.current.onPaused?.();
          void load();
          return;
        case 'resumed':
          handlers.current.onResumed?.(msg.deadlineAt);
          void load();
          return;
        case 'ended':
          setEndReason(msg.reason);
          handlers.current.onEnded?.(msg.reason);
          return;
        case 'chat':
          setChat((c) => mergeChat(c, [msg.message]));
          return;
        case 'room':
          setRoom((r) => ({ required: r?.required ?? true, paired: true, last_seen_at: msg.at }));
          return;
      }
    };

    const schedule = () => {
      if (stopped || retryTimer) return;
      setConnection('reconnecting');
      retryTimer = setTimeout(() => {
        retryTimer = null;
        connect();
      }, reconnectDelay(failures, backoffMs));
      failures += 1;
    };

    const connect = () => {
      if (stopped) return;
      const socket = createSocket(socketUrl(attemptId));
      if (!socket) {
        setConnection('closed');
        return;
      }
      ws = socket;
      setConnection((c) => (c === 'open' ? 'reconnecting' : c));
      socket.onopen = () => {
        socket.send(JSON.stringify({ token }));
        pinger = setInterval(() => {
          if (socket.readyState === 1) socket.send('ping'); // keeps proxies from closing an idle socket
        }, pingMs);
      };
      socket.onmessage = (ev: MessageEvent) => {
        const msg = parseLiveMessage(ev.data);
        if (msg && !stopped) handle(msg);
      };
      socket.onclose = (ev: CloseEvent) => {
        if (pinger) clearInterval(pinger);
        pinger = null;
        if (ws === socket) ws = null;
        if (stopped) return;
        if (FINAL_CLOSE_CODES.has(ev.code)) {
          setConnection('closed');
          if (ev.code === 4410) void load(); // over: /live says how (and why)
          return;
        }
        schedule();
      };
    };

    const online = () => {
      if (stopped || ws || !retryTimer) return;
      clearTimeout(retryTimer);
      retryTimer = null;
      failures = 0;
      connect();
    };

    void load();
    connect();
    window.addEventListener('online', online);
    return () => {
      stopped = true;
      window.removeEventListener('online', online);
      if (retryTimer) clearTimeout(retryTimer);
      if (pinger) clearInterval(pinger);
      reload.current = () => undefined;
      const socket = ws;
      ws = null;
      if (socket) {
        socket.onclose = null;
        socket.onmessage = null;
        socket.close(1000);
      }
    };
  }, [enabled, attemptId, token, addWarnings]);

  /** "I understand": the notice goes at once; the server hears of it (retried a few times). */
  const acknowledge = useCallback(
    (warningId: string) => {
      acknowledged.current.add(warningId);
      setPending((q) => q.filter((w) => w.id !== warningId));
      const attempt = (n: number) => {
        liveApi.ack(attemptId, token, warningId).catch((err: unknown) => {
          const retryable = !(err instanceof ApiError) || err.status === 0 || err.status >= 500;
          if (retryable && n < ACK_RETRY_MS.length) setTimeout(() => attempt(n + 1), ACK_RETRY_MS[n]);
        });
      };
      attempt(0);
    },
    [attemptId, token],
  );

  /** Send a message to the proctor; throws the ApiError (429, 409…) for the panel to show. */
  const sendChat = useCallback(
    async (text: string) => {
      const message = await liveApi.chat(attemptId, token, text);
      setChat((c) => mergeChat(c, [message]));
      return message;
    },
    [attemptId, token],
  );

  const refresh = useCallback(() => reload.current(), []);

  return { connection, warnings: pending, received, acknowledge, chat, sendChat, endReason, refresh, room };
}

export type LiveChannel = ReturnType<typeof useLiveChannel>;
