/**
 * The proctoring sender: browser events and media from IndexedDB to the server.
 *
 * Everything is stored on the device first (`ExamStore.queueEvents` / `queueMedia`), then
 * sent: events in batches (every `flushMs`, or at once when `batchMax` are waiting), then
 * media one upload at a time. An item is deleted only once the server has it; every item
 * carries a client id the server deduplicates on, so a retry after a lost answer, a reload
 * or a server restart never stores it twice. Network errors and 5xx retry with backoff.
 *
 * Recording chunks come last, one at a time: the chunks of a part strictly in seq order
 * (the server appends them and refuses one past the next it expects), older parts first.
 */
import { ApiError, isApiError } from '../../api/client';
import type { EventBatchResult, ProctorEventIn } from '../../api/types';
import { errorDetails } from '../api';
import type { ExamStore, QueuedChunk, QueuedMedia, RecordingKind } from '../db';

export type QueueStore = Pick<
  ExamStore,
  | 'queueEvents'
  | 'pendingEvents'
  | 'deleteEvents'
  | 'queueMedia'
  | 'pendingMedia'
  | 'deleteMedia'
  | 'countMedia'
  | 'queueChunk'
  | 'nextChunk'
  | 'deleteChunk'
  | 'deleteChunks'
  | 'countChunks'
>;

export interface Transport {
  sendEvents(events: ProctorEventIn[]): Promise<EventBatchResult>;
  uploadMedia(item: QueuedMedia): Promise<unknown>;
  /** Upload one recording chunk (without it, queued chunks wait). */
  uploadChunk?(chunk: QueuedChunk): Promise<unknown>;
}

/** What to do after a failed request. */
export type Failure =
  | 'offline' // the server could not be reached: retry later, the connection is down
  | 'retry' // the server is failing or busy: retry later
  | 'drop' // the server refuses this item for good (bad input): drop it
  | 'stop'; // the attempt is over or the token replaced: stop sending

export function classifyFailure(err: unknown): Failure {
  if (!(err instanceof ApiError) || err.status === 0) return 'offline';
  if (err.status >= 500 || err.status === 429 || err.status === 408) return 'retry';
  if (err.status === 401 || err.status === 404) return 'stop';
  if (err.status === 409) {
    if (err.code === 'attempt_closed' || err.code === 'time_over') return 'stop';
    return 'retry'; // consent_required, attempt_paused: may clear
  }
  return 'drop';
}

export interface SenderHooks {
  /** false after a request could not reach the server, true once one got through. */
  onReachable?: (reachable: boolean) => void;
  onLiveRisk?: (risk: number) => void;
  /** The attempt is over (or opened elsewhere): nothing more will be sent. */
  onStopped?: () => void;
  /** The server keeps no more of this recording (413): its queued chunks were dropped. */
  onRecordingRefused?: (kind: RecordingKind) => void;
  /** The server misses an earlier chunk of this part that this device no longer has: the
   * part's queued chunks were dropped, a new part should start. */
  onPartBroken?: (kind: RecordingKind, part: string) => void;
}

export interface SenderOptions {
  flushMs?: number;
  batchMax?: number;
  /** Events per request (the server takes 1..200). */
  requestMax?: number;
  backoffMs?: number[];
}

const DEFAULT_BACKOFF = [1000, 2000, 5000, 10000, 20000, 30000];

export class ProctorSender {
  private readonly flushMs: number;
  private readonly batchMax: number;
  private readonly requestMax: number;
  private readonly backoff: number[];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private failures = 0;
  private waiting = 0; // events queued since the last send (for the batch threshold)
  private stopped = false;
  private retryAt = 0;
  reachable = true;
  /** Items dropped because the server refused them (kept for the bench and tests). */
  dropped = 0;

  constructor(
    private readonly store: QueueStore,
    private readonly attemptId: string,
    private readonly transport: Transport,
    private readonly hooks: SenderHooks = {},
    options: SenderOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 2000;
    this.batchMax = options.batchMax ?? 20;
    this.requestMax = Math.min(200, options.requestMax ?? 100);
    this.backoff = options.backoffMs ?? DEFAULT_BACKOFF;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Send what an earlier page left in the queue. */
  start(): void {
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  /** Store events, then send them with the next batch. Resolves once they are stored. */
  async addEvents(events: ProctorEventIn[]): Promise<void> {
    if (events.length === 0) return;
    await this.store.queueEvents(this.attemptId, events);
    this.waiting += events.length;
    if (this.waiting >= this.batchMax) this.schedule(0);
    else this.schedule(this.flushMs);
  }

  /** Store a snapshot or clip, then upload it soon. */
  async addMedia(item: QueuedMedia): Promise<void> {
    await this.store.queueMedia(item);
    this.schedule(this.flushMs);
  }

  /** Store a recording chunk, then upload it (after the ones before it). */
  async addChunk(chunk: QueuedChunk): Promise<void> {
    await this.store.queueChunk(chunk);
    this.schedule(this.flushMs);
  }

  /** How many snapshots and clips wait to be uploaded. */
  queuedMedia(): Promise<number> {
    return this.store.countMedia(this.attemptId);
  }

  /** Retry at once (the browser came back online). */
  retryNow(): void {
    this.failures = 0;
    this.retryAt = 0;
    this.schedule(0);
  }

  /** Send at `delayMs` from now unless a send is due sooner (a backoff wait is kept). */
  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const due = Math.max(Date.now() + delayMs, this.retryAt);
    if (this.timer && this.timerDue <= due) return;
    this.clearTimer();
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, due - Date.now());
  }

  private timerDue = 0;

  private clearTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Send everything queued now; resolves with how many items are still waiting. */
  flush(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let left = 0;
      do {
        this.again = false;
        left = await this.pass();
      } while (this.again && left === 0 && !this.stopped);
      return left;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    // Events first: they are small and make the flag; a snapshot can follow.
    for (;;) {
      if (this.stopped) return 0;
      const batch = await this.store.pendingEvents(this.attemptId, this.requestMax);
      if (batch.length === 0) break;
      this.waiting = 0;
      try {
        const result = await this.transport.sendEvents(batch.map((q) => q.event));
        this.succeeded();
        this.hooks.onLiveRisk?.(result.live_risk);
      } catch (err) {
        const verdict = this.failed(err);
        if (verdict !== 'drop') return batch.length;
        this.dropped += batch.length;
      }
      await this.store.deleteEvents(batch.map((q) => q.client_id));
    }
    for (;;) {
      if (this.stopped) return 0;
      const [item] = await this.store.pendingMedia(this.attemptId, 1);
      if (!item) break;
      try {
        await this.transport.uploadMedia(item);
        this.succeeded();
      } catch (err) {
        const verdict = this.failed(err);
        if (verdict !== 'drop') return this.waitingUploads();
        this.dropped += 1;
      }
      await this.store.deleteMedia(item.client_id);
    }
    const upload = this.transport.uploadChunk?.bind(this.transport);
    if (!upload) return 0;
    for (;;) {
      if (this.stopped) return 0;
      const chunk = await this.store.nextChunk(this.attemptId);
      if (!chunk) return 0;
      try {
        await upload(chunk);
        this.succeeded();
        await this.store.deleteChunk(chunk);
      } catch (err) {
        if (!(await this.chunkRefused(chunk, err))) return this.waitingUploads();
      }
    }
  }

  private async waitingUploads(): Promise<number> {
    return (await this.store.countMedia(this.attemptId)) + (await this.store.countChunks(this.attemptId));
  }

  /** A chunk upload failed: true when the queue was put right and the next one may go,
   * false to wait (a retry with backoff, or the sender stopped). */
  private async chunkRefused(chunk: QueuedChunk, err: unknown): Promise<boolean> {
    if (err instanceof ApiError && err.status === 413) {
      // The server keeps no more of this recording: the rest of it would be refused too.
      this.succeeded();
      this.dropped += await this.store.deleteChunks(this.attemptId, chunk.kind);
      this.hooks.onRecordingRefused?.(chunk.kind);
      return true;
    }
    if (isApiError(err, 'missing_chunk')) {
      this.succeeded();
      const expected = errorDetails(err)?.expected;
      if (typeof expected === 'number' && expected > chunk.seq) {
        // The server has this one already (an answer that was lost).
        await this.store.deleteChunk(chunk);
        return true;
      }
      // It wants an earlier chunk, and this is the earliest this device still has: the
      // part cannot be completed, its later chunks would all be refused.
      this.dropped += await this.store.deleteChunks(this.attemptId, chunk.kind, chunk.part);
      this.hooks.onPartBroken?.(chunk.kind, chunk.part);
      return true;
    }
    const verdict = this.failed(err);
    if (verdict !== 'drop') return false;
    // Refused for good (bad input): the next chunk of the part will tell whether the
    // server can go on without it.
    this.dropped += 1;
    await this.store.deleteChunk(chunk);
    return true;
  }

  private succeeded() {
    this.failures = 0;
    this.retryAt = 0;
    if (!this.reachable) {
      this.reachable = true;
      this.hooks.onReachable?.(true);
    }
  }

  private failed(err: unknown): Failure {
    const verdict = classifyFailure(err);
    if (verdict === 'stop') {
      this.stop();
      this.hooks.onStopped?.();
      return verdict;
    }
    if (verdict === 'drop') return verdict;
    if (verdict === 'offline' && this.reachable) {
      this.reachable = false;
      this.hooks.onReachable?.(false);
    }
    const wait = this.backoff[Math.min(this.failures, this.backoff.length - 1)];
    this.failures += 1;
    this.retryAt = Date.now() + wait;
    this.clearTimer();
    this.schedule(wait);
    return verdict;
  }
}
