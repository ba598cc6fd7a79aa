/**
 * The sender loop: sends the outbox to the server, one entry at a time, oldest first.
 *
 * An edit is stored in IndexedDB before anything is sent (`edit`). The loop PUTs the newest
 * stored version of each entry, and deletes it only when the server acknowledges a
 * client_seq at least as new (`ExamStore.ack`), so an edit made while a request was in
 * flight is sent next. Network errors and 5xx retry with backoff; the browser's 'online'
 * event retries at once.
 */
import { ApiError, errorMessage } from '../api/client';
import type { AnswerRequest, AnswerSaved } from '../api/types';
import { isNetworkError, isServerError } from './api';
import type { ExamStore, OutboxEntry } from './db';

export type SaveState =
  | { kind: 'saving' }
  | { kind: 'saved'; savedAt?: string }
  | { kind: 'offline' }
  | { kind: 'server_down' }
  | { kind: 'error'; message: string };

/** How the last contact with the server went. */
export type Connection = 'online' | 'offline' | 'server_down';

/** Conditions that stop (or pause) sending. */
export type Halt =
  | { kind: 'replaced'; message: string } // 404 session_not_found / 401: token replaced
  | { kind: 'closed'; code: string; message: string } // 409 time_over / attempt_closed
  | { kind: 'paused'; message: string }; // 409 attempt_paused: retried later

export interface SenderCallbacks {
  onSaveState?: (questionId: string, state: SaveState) => void;
  onConnection?: (connection: Connection) => void;
  /** A halt, or null when a pause ended (a save went through again). */
  onHalt?: (halt: Halt | null) => void;
}

export type PutAnswer = (questionId: string, body: AnswerRequest) => Promise<AnswerSaved>;

export interface SenderOptions {
  /** Delays between retries after failures, in ms; the last one repeats. */
  backoffMs?: number[];
  /** Delay before sending after an edit, to coalesce typing. */
  debounceMs?: number;
  /** Retry delay while the proctor has paused the attempt. */
  pausedRetryMs?: number;
  /** Where to listen for 'online' (window in the browser). */
  eventTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
}

export interface FlushResult {
  /** Entries still waiting to be sent (rejected ones are not counted). */
  pending: number;
  halted: Halt | null;
  connection: Connection;
}

const DEFAULT_BACKOFF = [1000, 2000, 4000, 8000, 15000, 30000];

export class OutboxSender {
  private readonly backoff: number[];
  private readonly debounceMs: number;
  private readonly pausedRetryMs: number;
  private readonly target: SenderOptions['eventTarget'];
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<FlushResult> | null = null;
  private again = false;
  private stopped = false;
  private started = false;
  private halted: Halt | null = null;
  connection: Connection = 'online';

  constructor(
    private readonly store: ExamStore,
    private readonly attemptId: string,
    private readonly put: PutAnswer,
    private readonly callbacks: SenderCallbacks = {},
    options: SenderOptions = {},
  ) {
    this.backoff = options.backoffMs ?? DEFAULT_BACKOFF;
    this.debounceMs = options.debounceMs ?? 300;
    this.pausedRetryMs = options.pausedRetryMs ?? 10000;
    this.target = options.eventTarget === undefined ? globalThis.window ?? null : options.eventTarget;
  }

  private readonly onOnline = () => {
    this.failures = 0;
    this.kick(true);
  };

  start(): void {
    if (this.started) return;
    this.started = true;
    this.target?.addEventListener('online', this.onOnline);
    this.kick(true);
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.target?.removeEventListener('online', this.onOnline);
  }

  get isHalted(): Halt | null {
    return this.halted;
  }

  /** Paused/closed conditions may end (the heartbeat says so): allow sending again. */
  resume(): void {
    if (this.halted?.kind === 'paused') {
      this.halted = null;
      this.callbacks.onHalt?.(null);
      this.kick(true);
    }
  }

  /** Store an edit, then (debounced) send it. Resolves once it is stored on the device. */
  async edit(questionId: string, response: unknown, flagged: boolean): Promise<OutboxEntry> {
    const entry = await this.store.queueAnswer(this.attemptId, questionId, response, flagged);
    if (this.halted?.kind === 'closed') {
      this.callbacks.onSaveState?.(questionId, { kind: 'error', message: this.halted.message });
      return entry;
    }
    this.callbacks.onSaveState?.(questionId, this.waitingState());
    this.kick(false);
    return entry;
  }

  private waitingState(): SaveState {
    if (this.connection === 'offline') return { kind: 'offline' };
    if (this.connection === 'server_down') return { kind: 'server_down' };
    return { kind: 'saving' };
  }

  /**
   * Send soon. `now` skips the debounce and any backoff wait (the browser came back online,
   * the heartbeat got through, or the student is submitting).
   */
  kick(now: boolean): void {
    if (this.stopped) return;
    if (!now && this.failures > 0 && this.timer) return; // a retry is already scheduled
    this.clearTimer();
    if (now) void this.flush();
    else this.timer = setTimeout(() => void this.flush(), this.debounceMs);
  }

  private clearTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Send everything now; resolves when the loop stops (outbox empty, failure or halt). */
  flush(): Promise<FlushResult> {
    this.clearTimer();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loop(): Promise<FlushResult> {
    for (;;) {
      this.again = false;
      const result = await this.pass();
      // Asked to flush while finishing an empty pass: look once more for a late edit.
      if (this.again && result.pending === 0 && !result.halted && !this.stopped) continue;
      return result;
    }
  }

  /** Send entries until the outbox is empty or something fails. */
  private async pass(): Promise<FlushResult> {
    const sent = new Map<string, number>(); // guards against re-sending an unchanged entry
    for (;;) {
      if (this.stopped || (this.halted && this.halted.kind !== 'paused')) {
        return this.result(await this.pendingCount());
      }
      const entries = (await this.store.outbox(this.attemptId)).filter((e) => !e.error);
      const next = entries.find((e) => sent.get(e.question_id) !== e.client_seq);
      if (!next) return this.result(entries.length);
      sent.set(next.question_id, next.client_seq);
      const outcome = await this.send(next);
      if (outcome === 'stop') return this.result(await this.pendingCount());
    }
  }

  private async pendingCount(): Promise<number> {
    return (await this.store.outbox(this.attemptId)).filter((e) => !e.error).length;
  }

  private result(pending: number): FlushResult {
    return { pending, halted: this.halted, connection: this.connection };
  }

  private setConnection(connection: Connection) {
    if (this.connection !== connection) {
      this.connection = connection;
      this.callbacks.onConnection?.(connection);
    }
  }

  private async send(entry: OutboxEntry): Promise<'next' | 'stop'> {
    const { question_id: qid } = entry;
    let saved: AnswerSaved;
    try {
      saved = await this.put(qid, {
        response: entry.response,
        flagged: entry.flagged,
        client_seq: entry.client_seq,
      });
    } catch (err) {
      return this.failed(entry, err);
    }
    this.failures = 0;
    if (this.halted?.kind === 'paused') {
      this.halted = null;
      this.callbacks.onHalt?.(null);
    }
    this.setConnection('online');
    const deleted = await this.store.ack(this.attemptId, qid, saved.client_seq, saved.saved_at);
    if (deleted) this.callbacks.onSaveState?.(qid, { kind: 'saved', savedAt: saved.saved_at });
    return 'next';
  }

  private async failed(entry: OutboxEntry, err: unknown): Promise<'next' | 'stop'> {
    const qid = entry.question_id;
    if (isNetworkError(err) || isServerError(err) || !(err instanceof ApiError)) {
      this.setConnection(isNetworkError(err) || !(err instanceof ApiError) ? 'offline' : 'server_down');
      await this.markWaiting();
      this.scheduleRetry(this.backoff[Math.min(this.failures, this.backoff.length - 1)]);
      this.failures += 1;
      return 'stop';
    }
    this.setConnection('online');
    switch (err.code) {
      case 'session_not_found':
      case 'attempt_token_required':
        this.halt({ kind: 'replaced', message: err.message });
        return 'stop';
      case 'time_over':
      case 'attempt_closed':
        this.halt({ kind: 'closed', code: err.code, message: err.message });
        return 'stop';
      case 'attempt_paused':
        this.halt({ kind: 'paused', message: err.message });
        this.callbacks.onSaveState?.(qid, { kind: 'saving' });
        this.scheduleRetry(this.pausedRetryMs);
        return 'stop';
      default:
        // The server refuses this edit (invalid_response, question_not_in_attempt…):
        // sending it again would not help. A newer edit replaces it.
        await this.store.markRejected(this.attemptId, qid, entry.client_seq, err.message);
        this.callbacks.onSaveState?.(qid, { kind: 'error', message: errorMessage(err) });
        return 'next';
    }
  }

  private halt(halt: Halt) {
    this.halted = halt;
    this.callbacks.onHalt?.(halt);
  }

  private async markWaiting() {
    const state = this.waitingState();
    for (const e of await this.store.outbox(this.attemptId)) {
      if (!e.error) this.callbacks.onSaveState?.(e.question_id, state);
    }
  }

  private scheduleRetry(ms: number) {
    if (this.stopped) return;
    this.clearTimer();
    this.timer = setTimeout(() => void this.flush(), ms);
  }
}
