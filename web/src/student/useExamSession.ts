/**
 * The exam screen's state: the stored session shown at once, refreshed from the server,
 * edits through the outbox, a heartbeat every 15 s, and submission.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage, isApiError } from '../api/client';
import type { ExamSession, Submitted } from '../api/types';
import { isNetworkError, isServerError, studentApi } from './api';
import { mergeAnswers, type Answers, type LocalAnswer } from './answers';
import { clockFromLive, frozenSeconds, pauseClock, resumeClock, syncClock, type ClockSync } from './clock';
import { examStore, type ExamStore, type OutboxEntry } from './db';
import { liveApi, type StudentLive } from './live/api';
import { OutboxSender, type Connection, type Halt, type SaveState } from './sync';
import { parseTimestamp } from './time';

export const HEARTBEAT_MS = 15_000;
const FINISHED = new Set(['submitted', 'auto_submitted', 'terminated', 'failed']);

export type Phase =
  | { kind: 'loading' }
  | { kind: 'missing' } // nothing stored on this device: join first
  | { kind: 'error'; message: string }
  | { kind: 'ready' }
  | { kind: 'replaced' } // the exam was opened on another device
  | { kind: 'finished'; status: string; result?: Submitted; message?: string };

export type SubmitStage =
  | { kind: 'idle' }
  | { kind: 'sending' } // flushing the outbox, then submitting
  | { kind: 'waiting'; connection: Connection } // offline: keeps trying
  | { kind: 'failed'; message: string };

function initialStates(session: ExamSession, pending: OutboxEntry[], offline: boolean): Record<string, SaveState> {
  const states: Record<string, SaveState> = {};
  for (const [qid, a] of Object.entries(session.answers ?? {})) {
    states[qid] = { kind: 'saved', savedAt: a.saved_at };
  }
  for (const e of pending) {
    states[e.question_id] = e.error
      ? { kind: 'error', message: e.error }
      : offline
        ? { kind: 'offline' }
        : { kind: 'saving' };
  }
  return states;
}

function clockFromStored(session: ExamSession, offsetMs: number): ClockSync {
  const deadline = parseTimestamp(session.deadline_at);
  return {
    offsetMs,
    deadlineMs: Number.isNaN(deadline)
      ? parseTimestamp(session.server_now) + session.remaining_seconds * 1000
      : deadline,
    ...(session.paused_at ? { frozenSeconds: frozenSeconds(session) } : {}),
  };
}

/** Why the proctor ended the attempt (for the end page), if the server says so quickly. */
async function endReason(attemptId: string, token: string): Promise<string | undefined> {
  if (!attemptId || !token) return undefined;
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), 3000);
  try {
    return (await liveApi.live(attemptId, token, ctrl.signal)).end_reason || undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number, signal: { cancelled: boolean }): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
    if (signal.cancelled) done();
  });
}

export interface ExamSessionOptions {
  /** Run before submitting, after the answers are sent (the proctoring queue's flush). */
  beforeSubmit?: () => Promise<void>;
}

export function useExamSession(examId: string, options: ExamSessionOptions = {}) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [credentials, setCredentials] = useState<{ attemptId: string; token: string } | null>(null);
  const beforeSubmitRef = useRef(options.beforeSubmit);
  beforeSubmitRef.current = options.beforeSubmit;
  const [session, setSession] = useState<ExamSession | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [saveStates, setSaveStates] = useState<Record<string, SaveState>>({});
  const [clock, setClock] = useState<ClockSync | null>(null);
  const [status, setStatus] = useState('in_progress');
  const [connection, setConnection] = useState<Connection>('online');
  const [browserOnline, setBrowserOnline] = useState(() =>
    typeof navigator === 'undefined' ? true : navigator.onLine,
  );
  const [halt, setHalt] = useState<Halt | null>(null);
  const [submitStage, setSubmitStage] = useState<SubmitStage>({ kind: 'idle' });

  const storeRef = useRef<ExamStore | null>(null);
  const senderRef = useRef<OutboxSender | null>(null);
  const tokenRef = useRef('');
  const attemptRef = useRef('');
  const answersRef = useRef<Answers>({});
  const editedRef = useRef(new Set<string>());
  const submitRun = useRef<{ cancelled: boolean } | null>(null);
  /** Counts what the live channel said (paused, resumed…): a response to a request sent
   * before that is older news, and does not undo it. */
  const liveNews = useRef(0);

  const setSaveState = useCallback((qid: string, state: SaveState) => {
    setSaveStates((prev) => ({ ...prev, [qid]: state }));
  }, []);

  const finishing = useRef(false);
  const finish = useCallback(async (status: string, result?: Submitted, message?: string) => {
    if (finishing.current) return; // the socket, /live and the heartbeat may all say so
    finishing.current = true;
    senderRef.current?.stop();
    if (status === 'terminated' && !message) message = await endReason(attemptRef.current, tokenRef.current);
    if (storeRef.current && attemptRef.current) {
      await storeRef.current.deleteSession(attemptRef.current).catch(() => undefined);
    }
    setPhase({ kind: 'finished', status, result, message });
  }, []);

  const replaced = useCallback(async () => {
    senderRef.current?.stop();
    if (storeRef.current && attemptRef.current) {
      await storeRef.current.dropToken(attemptRef.current).catch(() => undefined);
    }
    setPhase({ kind: 'replaced' });
  }, []);

  // --- browser online/offline ---------------------------------------------------------
  useEffect(() => {
    const on = () => setBrowserOnline(true);
    const off = () => setBrowserOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);

  // --- load: stored session first, then the server's -----------------------------------
  useEffect(() => {
    let cancelled = false;
    let sender: OutboxSender | null = null;
    finishing.current = false;

    (async () => {
      let store: ExamStore;
      try {
        store = await examStore();
      } catch (err) {
        if (!cancelled) setPhase({ kind: 'error', message: errorMessage(err) });
        return;
      }
      storeRef.current = store;
      const stored = await store.latestSessionForExam(examId);
      if (cancelled) return;
      if (!stored || !stored.token) {
        setPhase({ kind: 'missing' });
        return;
      }
      const { attempt_id: attemptId, token } = stored;
      attemptRef.current = attemptId;
      tokenRef.current = token;
      setCredentials({ attemptId, token });

      // 1. Show what this device has, at once.
      const outbox = await store.outbox(attemptId);
      if (cancelled) return;
      const merged = mergeAnswers(stored.session.answers, outbox);
      answersRef.current = merged.answers;
      editedRef.current = new Set();
      setSession(stored.session);
      setAnswers(merged.answers);
      setSaveStates(initialStates(stored.session, merged.pending, !navigator.onLine));
      setClock(clockFromStored(stored.session, stored.clock_offset_ms));
      setStatus(stored.session.status);
      setPhase({ kind: 'ready' });
      for (const e of merged.stale) {
        await store.ack(attemptId, e.question_id, stored.session.answers[e.question_id].client_seq);
      }

      sender = new OutboxSender(
        store,
        attemptId,
        (qid, body) => studentApi.saveAnswer(attemptId, token, qid, body),
        {
          onSaveState: (qid, state) => !cancelled && setSaveState(qid, state),
          onConnection: (c) => !cancelled && setConnection(c),
          onHalt: (h) => {
            if (cancelled) return;
            setHalt(h);
            if (h?.kind === 'replaced') void replaced();
            if (h?.kind === 'paused') setStatus('paused');
            if (h === null) setStatus('in_progress');
          },
        },
      );
      senderRef.current = sender;

      // 2. The server's view; unsent edits on this device stay on top.
      try {
        const sentAt = Date.now();
        const news = liveNews.current;
        const fresh = await studentApi.session(attemptId, token);
        const sync = syncClock(fresh, Date.now(), sentAt);
        if (cancelled) return;
        if (FINISHED.has(fresh.status)) {
          await finish(fresh.status);
          return;
        }
        await store.saveSession({
          attempt_id: attemptId,
          exam_id: fresh.exam_id,
          session: fresh,
          clock_offset_ms: sync.offsetMs,
        });
        const again = mergeAnswers(fresh.answers, await store.outbox(attemptId));
        if (cancelled) return;
        for (const e of again.stale) {
          await store.ack(attemptId, e.question_id, fresh.answers[e.question_id].client_seq);
        }
        // Edits typed while this request was out are newer than anything here.
        const next: Answers = { ...again.answers };
        for (const qid of editedRef.current) next[qid] = answersRef.current[qid];
        answersRef.current = next;
        setAnswers(next);
        setSaveStates((prev) => {
          const states = initialStates(fresh, again.pending, !navigator.onLine);
          for (const qid of editedRef.current) if (prev[qid]) states[qid] = prev[qid];
          return states;
        });
        setSession(fresh);
        if (news === liveNews.current) {
          setClock(sync);
          setStatus(fresh.status);
        } else {
          setClock((prev) => (prev ? { ...prev, offsetMs: sync.offsetMs } : sync)); // still a good clock offset
        }
        setConnection('online');
      } catch (err) {
        if (cancelled) return;
        if (isApiError(err, 'session_not_found') || (err instanceof ApiError && err.status === 401)) {
          await replaced();
          return;
        }
        if (isNetworkError(err)) setConnection('offline');
        else if (isServerError(err)) setConnection('server_down');
      }
      if (!cancelled) sender.start();
    })().catch((err) => {
      if (!cancelled) setPhase({ kind: 'error', message: errorMessage(err) });
    });

    return () => {
      cancelled = true;
      sender?.stop();
      if (senderRef.current === sender) senderRef.current = null;
      if (submitRun.current) submitRun.current.cancelled = true;
    };
  }, [examId, finish, replaced, setSaveState]);

  // --- heartbeat ------------------------------------------------------------------------
  const ready = phase.kind === 'ready';
  useEffect(() => {
    if (!ready) return;
    let stopped = false;
    const beat = async () => {
      const attemptId = attemptRef.current;
      const token = tokenRef.current;
      if (!attemptId || !token) return;
      try {
        const sentAt = Date.now();
        const news = liveNews.current;
        const timing = await studentApi.heartbeat(attemptId, token);
        if (stopped) return;
        const sync = syncClock(timing, Date.now(), sentAt);
        if (news === liveNews.current) {
          setClock(sync);
          setStatus(timing.status);
        } else {
          setClock((prev) => (prev ? { ...prev, offsetMs: sync.offsetMs } : sync)); // still a good clock offset
        }
        setConnection('online');
        if (FINISHED.has(timing.status)) {
          // Submitted elsewhere (the teacher, or the server when time ran out).
          if (!submitRun.current || timing.status === 'terminated') await finish(timing.status);
          return;
        }
        const sender = senderRef.current;
        if (sender) {
          if (timing.status === 'in_progress') sender.resume();
          if (sender.connection !== 'online') sender.kick(true);
        }
      } catch (err) {
        if (stopped) return;
        if (isApiError(err, 'session_not_found') || (err instanceof ApiError && err.status === 401)) {
          await replaced();
        } else if (isNetworkError(err)) setConnection('offline');
        else if (isServerError(err)) setConnection('server_down');
      }
    };
    const id = setInterval(() => void beat(), HEARTBEAT_MS);
    return () => {
      stopped = true;
      clearInterval(id);
    };
  }, [ready, finish, replaced]);

  // --- editing --------------------------------------------------------------------------
  const edit = useCallback(
    (qid: string, next: LocalAnswer) => {
      answersRef.current = { ...answersRef.current, [qid]: next };
      editedRef.current.add(qid);
      setAnswers(answersRef.current);
      const sender = senderRef.current;
      if (!sender) return;
      sender.edit(qid, next.response, next.flagged).catch((err) => {
        setSaveState(qid, {
          kind: 'error',
          message: `this device could not store it (${errorMessage(err)})`,
        });
      });
    },
    [setSaveState],
  );

  const setResponse = useCallback(
    (qid: string, response: unknown) => {
      edit(qid, { response, flagged: Boolean(answersRef.current[qid]?.flagged) });
    },
    [edit],
  );

  const toggleFlag = useCallback(
    (qid: string) => {
      const cur = answersRef.current[qid];
      edit(qid, { response: cur?.response ?? null, flagged: !cur?.flagged });
    },
    [edit],
  );

  // --- submitting -----------------------------------------------------------------------
  const submit = useCallback(async () => {
    const sender = senderRef.current;
    const attemptId = attemptRef.current;
    const token = tokenRef.current;
    if (!sender || !attemptId || !token || submitRun.current) return;
    const run = { cancelled: false };
    submitRun.current = run;
    setSubmitStage({ kind: 'sending' });
    try {
      // 1. Everything on this device reaches the server first.
      for (;;) {
        const r = await sender.flush();
        if (run.cancelled) return;
        if (r.halted?.kind === 'replaced') return;
        if (r.halted?.kind === 'closed' || r.pending === 0) break;
        setSubmitStage({ kind: 'waiting', connection: r.connection });
        await sleep(r.halted?.kind === 'paused' ? 10_000 : 3_000, run);
        if (run.cancelled) return;
        setSubmitStage({ kind: 'sending' });
      }
      // 2. What proctoring has queued goes too (bounded: it never holds up the submission).
      if (beforeSubmitRef.current) {
        await beforeSubmitRef.current().catch(() => undefined);
        if (run.cancelled) return;
      }
      // 3. Submit; retried while the server cannot be reached.
      for (;;) {
        try {
          const result = await studentApi.submit(attemptId, token);
          if (run.cancelled) return;
          await finish(result.status, result);
          return;
        } catch (err) {
          if (run.cancelled) return;
          if (isApiError(err, 'submission_failed')) {
            await finish('failed', undefined, errorMessage(err));
            return;
          }
          if (isApiError(err, 'session_not_found') || (err instanceof ApiError && err.status === 401)) {
            await replaced();
            return;
          }
          if (isNetworkError(err) || isServerError(err)) {
            setSubmitStage({ kind: 'waiting', connection: isNetworkError(err) ? 'offline' : 'server_down' });
            await sleep(3_000, run);
            if (run.cancelled) return;
            setSubmitStage({ kind: 'sending' });
            continue;
          }
          setSubmitStage({ kind: 'failed', message: errorMessage(err) });
          return;
        }
      }
    } finally {
      if (submitRun.current === run) submitRun.current = null;
    }
  }, [finish, replaced]);

  /** The proctoring setup is done: the server gives back the time it took (once, before
   * any answer) and the countdown follows. Offline, the next heartbeat brings the clock and
   * the next "Continue the exam" asks again. */
  const begin = useCallback(async () => {
    const attemptId = attemptRef.current;
    const token = tokenRef.current;
    if (!attemptId || !token) return;
    try {
      const sentAt = Date.now();
      const timing = await studentApi.begin(attemptId, token);
      setClock(syncClock(timing, Date.now(), sentAt));
    } catch {
      // not reached the server: see above
    }
  }, []);

  // --- the proctor, live (see live/useLiveChannel) --------------------------------------
  /** The live channel's view: status and clock; an attempt that is over ends the page. */
  const applyLive = useCallback(
    (live: Pick<StudentLive, 'status' | 'remaining_seconds' | 'deadline_at' | 'paused_at' | 'end_reason'>) => {
      if (FINISHED.has(live.status)) {
        if (live.status === 'terminated' || !submitRun.current) {
          if (submitRun.current) submitRun.current.cancelled = true;
          void finish(live.status, undefined, live.end_reason || undefined);
        }
        return;
      }
      liveNews.current += 1;
      setStatus(live.status);
      setClock((prev) => clockFromLive(live, prev?.offsetMs ?? 0, Date.now()));
      if (live.status === 'in_progress') senderRef.current?.resume();
    },
    [finish],
  );

  /** Paused or resumed by the proctor (the socket said so): the clock stops or runs on. */
  const setPaused = useCallback((paused: boolean, deadlineAt?: string | null) => {
    liveNews.current += 1;
    setStatus(paused ? 'paused' : 'in_progress');
    setClock((prev) => prev && (paused ? pauseClock(prev, Date.now()) : resumeClock(prev, deadlineAt, Date.now())));
    if (!paused) senderRef.current?.resume();
  }, []);

  /** The proctor ended the attempt: the server has submitted what it had. */
  const endedByProctor = useCallback(
    (reason: string) => {
      if (submitRun.current) submitRun.current.cancelled = true;
      void finish('terminated', undefined, reason || undefined);
    },
    [finish],
  );

  /** Stop a pending submission (the student chose to keep working). */
  const cancelSubmit = useCallback(() => {
    if (submitRun.current) submitRun.current.cancelled = true;
    submitRun.current = null;
    setSubmitStage({ kind: 'idle' });
  }, []);

  const offline = !browserOnline || connection === 'offline';

  return {
    phase,
    credentials,
    session,
    answers,
    saveStates,
    clock,
    begin,
    status,
    connection: offline ? ('offline' as const) : connection,
    halt,
    submitStage,
    setResponse,
    toggleFlag,
    submit,
    cancelSubmit,
    applyLive,
    setPaused,
    endedByProctor,
  };
}

export type ExamSessionState = ReturnType<typeof useExamSession>;
