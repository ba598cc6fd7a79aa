/**
 * Webcam and screen recordings during the exam: a MediaRecorder on the streams the MediaKit
 * already has (no canvas, no copy), cut every 10 s. Every piece is stored on the device
 * first (ExamStore.queueChunk through the ProctorSender), which uploads them in order.
 *
 * A "part" is one MediaRecorder session: its first chunk holds the WebM header and the
 * others continue it, so the server appends them in seq order. A reload, a screen shared
 * again or a camera reconnected starts a new part at seq 0.
 *
 * Cost: the browser's encoder at low bitrates (VP8 where it can), nothing per frame here.
 */
import type { ProctoringSetup } from '../../api/types';
import type { QueuedChunk, RecordingKind } from '../db';

export const CHUNK_MS = 10_000;
/** How long a stop waits for the recorder's last chunk. */
export const FINAL_CHUNK_WAIT_MS = 3_000;
/** How often a recording that stopped (a device lost, a chunk not stored) is started again. */
export const RECHECK_MS = 15_000;
export const BITRATES: Record<RecordingKind, MediaRecorderOptions> = {
  webcam: { videoBitsPerSecond: 250_000, audioBitsPerSecond: 32_000 },
  screen: { videoBitsPerSecond: 200_000 },
};

const TYPES_WITH_AUDIO = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'];
const TYPES_VIDEO_ONLY = ['video/webm;codecs=vp8', 'video/webm;codecs=vp9', 'video/webm'];

export interface RecorderCtor {
  new (stream: MediaStream, options?: MediaRecorderOptions): MediaRecorder;
  isTypeSupported?(type: string): boolean;
}

/** The browser's MediaRecorder, if it has one. */
export function recorderCtor(): RecorderCtor | null {
  const ctor = (globalThis as { MediaRecorder?: RecorderCtor }).MediaRecorder;
  return typeof ctor === 'function' ? ctor : null;
}

/** The first WebM type this browser records (with or without a sound track); null: none. */
export function recordingType(audio: boolean, ctor: RecorderCtor | null = recorderCtor()): string | null {
  if (!ctor || typeof ctor.isTypeSupported !== 'function') return null;
  for (const type of audio ? TYPES_WITH_AUDIO : TYPES_VIDEO_ONLY) {
    if (ctor.isTypeSupported(type)) return type;
  }
  return null;
}

/** What this exam records. */
export function recordingWanted(setup: ProctoringSetup | null | undefined): Record<RecordingKind, boolean> {
  return { webcam: setup?.record_webcam ?? false, screen: setup?.record_screen ?? false };
}

/** A part id: sorts by when the part started (the sender uploads older parts first). */
export function newPartId(now = Date.now()): string {
  const random =
    typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID().replace(/-/g, '').slice(0, 12)
      : Math.random().toString(36).slice(2, 14);
  return `${now.toString(36).padStart(9, '0')}-${random}`;
}

function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void p
      .catch(() => undefined)
      .then(() => {
        clearTimeout(timer);
        resolve();
      });
  });
}

export interface PartOptions {
  kind: RecordingKind;
  attemptId: string;
  stream: MediaStream;
  /** Store a chunk; resolves once it is on the device. */
  store: (chunk: QueuedChunk) => Promise<void>;
  /** The server's time now. */
  now: () => Date;
  /** The part ended by itself: a track ended, the recorder failed, a chunk was not stored. */
  onEnded?: (reason: 'track_ended' | 'recorder_error' | 'store_failed') => void;
  ctor?: RecorderCtor | null;
  timesliceMs?: number;
  finalWaitMs?: number;
  partId?: string;
}

/** One MediaRecorder session: its chunks are stored as seq 0, 1, 2… of one part. */
export class PartRecorder {
  readonly kind: RecordingKind;
  readonly part: string;
  readonly tracks: MediaStreamTrack[];
  startedAt = '';
  private recorder: MediaRecorder | null = null;
  private contentType = 'video/webm';
  private seq = 0;
  private writes: Promise<void> = Promise.resolve();
  private broken = false;
  private discarding = false;
  private ended = false;
  private stopping: Promise<void> | null = null;
  private sawStop!: () => void;
  private readonly stopEvent = new Promise<void>((resolve) => {
    this.sawStop = resolve;
  });
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly o: PartOptions) {
    this.kind = o.kind;
    this.part = o.partId ?? newPartId();
    this.tracks = o.stream.getTracks();
  }

  /** Recording (started, and not stopped or ended). */
  get active(): boolean {
    return !!this.recorder && !this.stopping;
  }

  /** How many chunks this part has handed out. */
  get chunks(): number {
    return this.seq;
  }

  /** Start recording; false when this browser cannot record this stream. */
  start(): boolean {
    const ctor = this.o.ctor === undefined ? recorderCtor() : this.o.ctor;
    const type = recordingType(this.o.stream.getAudioTracks().length > 0, ctor);
    if (!ctor || !type || this.recorder || this.stopping) return false;
    let rec: MediaRecorder;
    try {
      rec = new ctor(this.o.stream, { mimeType: type, ...BITRATES[this.kind] });
    } catch {
      return false;
    }
    const listen = (target: EventTarget, name: string, fn: (e: Event) => void) => {
      target.addEventListener(name, fn);
      this.cleanups.push(() => target.removeEventListener(name, fn));
    };
    listen(rec, 'dataavailable', (e) => this.onData((e as BlobEvent).data));
    listen(rec, 'stop', () => {
      this.sawStop();
      if (!this.stopping) this.end('track_ended'); // stopped by itself: its tracks ended
    });
    listen(rec, 'error', () => this.end('recorder_error'));
    for (const track of this.tracks) listen(track, 'ended', () => this.end('track_ended'));
    this.startedAt = this.o.now().toISOString();
    try {
      rec.start(this.o.timesliceMs ?? CHUNK_MS);
    } catch {
      this.cleanups.forEach((fn) => fn());
      return false;
    }
    this.recorder = rec;
    this.contentType = rec.mimeType || type;
    return true;
  }

  private onData(blob: Blob | undefined): void {
    if (!blob || blob.size === 0 || this.discarding || this.broken) return;
    const seq = this.seq++;
    const queuedAt = Date.now();
    this.writes = this.writes.then(async () => {
      if (this.broken || this.discarding) return;
      try {
        await this.o.store({
          attempt_id: this.o.attemptId,
          kind: this.kind,
          part: this.part,
          seq,
          started_at: this.startedAt,
          content_type: this.contentType,
          data: await blob.arrayBuffer(),
          queued_at: queuedAt,
        });
      } catch {
        // Not on the device: the part cannot go on past a hole, a new one starts.
        this.broken = true;
        this.end('store_failed');
      }
    });
  }

  private end(reason: 'track_ended' | 'recorder_error' | 'store_failed'): void {
    if (this.ended) return;
    this.ended = true;
    const wasStopping = !!this.stopping;
    void this.stop();
    if (!wasStopping) this.o.onEnded?.(reason);
  }

  /**
   * Stop: the recorder hands over its last chunk, which is stored like the others.
   * Resolves once it is stored (or after `finalWaitMs`). `discard` drops what is not
   * stored yet (the attempt is over, or the server takes no more of it).
   */
  stop(discard = false): Promise<void> {
    if (discard) this.discarding = true;
    if (!this.stopping) {
      const rec = this.recorder;
      if (rec && rec.state !== 'inactive') {
        try {
          rec.stop();
        } catch {
          this.sawStop();
        }
      } else if (!rec) this.sawStop();
      this.stopping = withTimeout(
        this.stopEvent.then(() => this.writes),
        this.o.finalWaitMs ?? FINAL_CHUNK_WAIT_MS,
      ).then(() => {
        this.cleanups.forEach((fn) => fn());
        this.cleanups.length = 0;
      });
    }
    return this.stopping;
  }
}

/** Where the recordings come from (the MediaKit). */
export interface RecordingSources {
  readonly videoTrack: MediaStreamTrack | null;
  readonly audioTrack: MediaStreamTrack | null;
  readonly screenTrack: MediaStreamTrack | null;
}

export interface RecordingOptions {
  attemptId: string;
  kinds: Record<RecordingKind, boolean>;
  sources: RecordingSources;
  store: (chunk: QueuedChunk) => Promise<void>;
  now: () => Date;
  ctor?: RecorderCtor | null;
  makeStream?: (tracks: MediaStreamTrack[]) => MediaStream;
  timesliceMs?: number;
  finalWaitMs?: number;
  recheckMs?: number;
}

const KINDS: RecordingKind[] = ['webcam', 'screen'];

const live = (t: MediaStreamTrack | null): t is MediaStreamTrack => !!t && t.readyState === 'live';

/**
 * The exam's recordings: a part per kind while its device is live, a new part when the
 * device changes (a screen shared again, a camera reconnected) or the part ended, checked
 * on `ensure()` and every `recheckMs`.
 */
export class RecordingController {
  private readonly parts = new Map<RecordingKind, PartRecorder>();
  /** Kinds not recorded any more: the server keeps no more (413), or this browser cannot. */
  private readonly off = new Set<RecordingKind>();
  private settling: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setInterval> | null = null;
  private held = false;
  private closed = false;

  constructor(private readonly o: RecordingOptions) {}

  /** This browser can record (MediaRecorder with WebM). */
  static supported(ctor: RecorderCtor | null = recorderCtor()): boolean {
    return recordingType(false, ctor) !== null;
  }

  /** The part recording now for this kind, if any. */
  part(kind: RecordingKind): string | null {
    return this.parts.get(kind)?.part ?? null;
  }

  start(): void {
    if (this.closed || this.timer) return;
    this.ensure();
    this.timer = setInterval(() => this.ensure(), this.o.recheckMs ?? RECHECK_MS);
  }

  /** Record what should be and can be: a new part where the device changed or none runs. */
  ensure(): void {
    if (this.closed || this.held) return;
    for (const kind of KINDS) {
      if (!this.o.kinds[kind] || this.off.has(kind)) continue;
      const tracks = this.tracksFor(kind);
      const current = this.parts.get(kind);
      if (current) {
        const same = current.tracks.length === tracks.length && tracks.every((t) => current.tracks.includes(t));
        if (current.active && same) continue;
        this.settle(current.stop());
        this.parts.delete(kind);
      }
      if (tracks.length === 0) continue;
      const make = this.o.makeStream ?? ((t: MediaStreamTrack[]) => new MediaStream(t));
      let stream: MediaStream;
      try {
        stream = make(tracks);
      } catch {
        this.off.add(kind);
        continue;
      }
      const part: PartRecorder = new PartRecorder({
        kind,
        attemptId: this.o.attemptId,
        stream,
        store: this.o.store,
        now: this.o.now,
        ctor: this.o.ctor,
        timesliceMs: this.o.timesliceMs,
        finalWaitMs: this.o.finalWaitMs,
        onEnded: () => {
          if (this.parts.get(kind) !== part) return;
          this.parts.delete(kind);
          this.settle(part.stop());
        },
      });
      if (part.start()) this.parts.set(kind, part);
      else this.off.add(kind); // cannot record here: reported, never retried
    }
  }

  /** The tracks to record: camera (with the microphone when it is live) or the screen. */
  private tracksFor(kind: RecordingKind): MediaStreamTrack[] {
    const s = this.o.sources;
    if (kind === 'screen') return live(s.screenTrack) ? [s.screenTrack] : [];
    if (!live(s.videoTrack)) return [];
    return live(s.audioTrack) ? [s.videoTrack, s.audioTrack] : [s.videoTrack];
  }

  private settle(p: Promise<void>): void {
    this.settling = Promise.all([this.settling, p]).then(() => undefined);
  }

  /** Kinds this browser could not record (for the page, and tests). */
  get unavailable(): RecordingKind[] {
    return KINDS.filter((k) => this.o.kinds[k] && this.off.has(k));
  }

  /** Stop recording until `resume()` (submitting); resolves once the last chunks are stored. */
  hold(): Promise<void> {
    this.held = true;
    for (const [kind, part] of this.parts) {
      this.settle(part.stop());
      this.parts.delete(kind);
    }
    return this.settling;
  }

  /** Record again after `hold()` (the submission was cancelled or failed): new parts. */
  resume(): void {
    if (!this.held) return;
    this.held = false;
    this.ensure();
  }

  /** The server keeps no more of this recording: stop it for good. */
  refuse(kind: RecordingKind): void {
    this.off.add(kind);
    const part = this.parts.get(kind);
    if (part) {
      this.parts.delete(kind);
      this.settle(part.stop(true));
    }
  }

  /** The server cannot complete this part: a new one starts (if it is still recording). */
  restart(kind: RecordingKind, partId: string): void {
    const part = this.parts.get(kind);
    if (!part || part.part !== partId) return;
    this.parts.delete(kind);
    this.settle(part.stop(true));
    this.ensure();
  }

  /** Stop for good; `discard`: what the recorders still hand over is not stored (the
   * attempt is over). */
  close(discard = true): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const [kind, part] of this.parts) {
      this.settle(part.stop(discard));
      this.parts.delete(kind);
    }
    return this.settling;
  }
}
