import { afterEach, describe, expect, it } from 'vitest';
import type { QueuedChunk } from '../db';
import {
  BITRATES,
  CHUNK_MS,
  newPartId,
  PartRecorder,
  RecordingController,
  recordingType,
  recordingWanted,
  type RecorderCtor,
} from './recorder';

/** A track: ends by itself with `end()` (as when the student stops sharing). */
class FakeTrack extends EventTarget {
  readyState: MediaStreamTrackState = 'live';
  constructor(readonly kind: 'video' | 'audio') {
    super();
  }
  end() {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

const track = (kind: 'video' | 'audio') => new FakeTrack(kind) as unknown as MediaStreamTrack;

function fakeStream(tracks: MediaStreamTrack[]): MediaStream {
  return {
    getTracks: () => [...tracks],
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
  } as unknown as MediaStream;
}

/** MediaRecorder as browsers have it, driven by the test (`emit`); `stop()` hands over a
 * last chunk, then fires "stop", asynchronously. */
class FakeRecorder extends EventTarget {
  static supported = new Set(['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp8', 'video/webm']);
  static instances: FakeRecorder[] = [];
  static isTypeSupported(type: string) {
    return FakeRecorder.supported.has(type);
  }
  state: RecordingState = 'inactive';
  mimeType: string;
  timeslice: number | undefined;
  /** false: stop() never fires "stop" (a stuck encoder). */
  stopsCleanly = true;
  constructor(
    readonly stream: MediaStream,
    readonly options: MediaRecorderOptions = {},
  ) {
    super();
    this.mimeType = options.mimeType ?? 'video/webm';
    FakeRecorder.instances.push(this);
  }
  start(timeslice?: number) {
    this.state = 'recording';
    this.timeslice = timeslice;
  }
  emit(bytes: number[]) {
    const e = new Event('dataavailable');
    Object.assign(e, { data: new Blob([new Uint8Array(bytes)], { type: 'video/webm' }) });
    this.dispatchEvent(e);
  }
  stop() {
    this.state = 'inactive';
    if (!this.stopsCleanly) return;
    setTimeout(() => {
      this.emit([0xff]);
      this.dispatchEvent(new Event('stop'));
    }, 5);
  }
}

const ctor = FakeRecorder as unknown as RecorderCtor;
const SERVER_NOW = new Date('2025-03-01T10:00:00.000Z');

function memoryStore() {
  const chunks: QueuedChunk[] = [];
  return { chunks, store: async (c: QueuedChunk) => void chunks.push(c) };
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  FakeRecorder.instances = [];
  FakeRecorder.supported = new Set(['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp8', 'video/webm']);
});

describe('recordingType', () => {
  it('picks the first WebM type the browser records, with or without sound', () => {
    expect(recordingType(true, ctor)).toBe('video/webm;codecs=vp8,opus');
    expect(recordingType(false, ctor)).toBe('video/webm;codecs=vp8');
    FakeRecorder.supported = new Set(['video/webm;codecs=vp9,opus', 'video/webm;codecs=vp9', 'video/webm']);
    expect(recordingType(true, ctor)).toBe('video/webm;codecs=vp9,opus');
    expect(recordingType(false, ctor)).toBe('video/webm;codecs=vp9');
    FakeRecorder.supported = new Set(['video/webm']);
    expect(recordingType(true, ctor)).toBe('video/webm');
  });

  it('has none without MediaRecorder, without isTypeSupported, or without WebM (Safari: mp4)', () => {
    expect(recordingType(true, null)).toBeNull();
    expect(recordingType(true)).toBeNull(); // jsdom has no MediaRecorder
    expect(recordingType(true, function () {} as unknown as RecorderCtor)).toBeNull();
    FakeRecorder.supported = new Set(['video/mp4']);
    expect(recordingType(false, ctor)).toBeNull();
    expect(RecordingController.supported(ctor)).toBe(false);
  });

  it('records what the setup asks for; missing switches mean off', () => {
    expect(recordingWanted({ record_webcam: true } as never)).toEqual({ webcam: true, screen: false });
    expect(recordingWanted({} as never)).toEqual({ webcam: false, screen: false });
    expect(recordingWanted(null)).toEqual({ webcam: false, screen: false });
  });

  it('makes part ids the server takes, sorted by start time', () => {
    const a = newPartId(Date.UTC(2025, 2, 1));
    const b = newPartId(Date.UTC(2025, 2, 1) + 1);
    expect(a).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/);
    expect(a < b).toBe(true);
  });
});

describe('PartRecorder', () => {
  it('stores every non-empty piece as the next seq of its part, and the last one on stop', async () => {
    const { chunks, store } = memoryStore();
    const stream = fakeStream([track('video'), track('audio')]);
    const part = new PartRecorder({ kind: 'webcam', attemptId: 'att1', stream, store, now: () => SERVER_NOW, ctor });
    expect(part.start()).toBe(true);
    const [rec] = FakeRecorder.instances;
    expect(rec.timeslice).toBe(CHUNK_MS);
    expect(rec.options).toEqual({ mimeType: 'video/webm;codecs=vp8,opus', ...BITRATES.webcam });
    rec.emit([1, 2]);
    rec.emit([]); // nothing in this slice
    rec.emit([3]);
    await part.stop();
    expect(chunks.map((c) => [c.seq, Array.from(new Uint8Array(c.data))])).toEqual([
      [0, [1, 2]],
      [1, [3]],
      [2, [0xff]],
    ]);
    for (const c of chunks) {
      expect(c).toMatchObject({ attempt_id: 'att1', kind: 'webcam', part: part.part, started_at: SERVER_NOW.toISOString() });
      expect(c.content_type).toBe('video/webm;codecs=vp8,opus');
    }
    expect(part.active).toBe(false);
  });

  it('records the screen without sound at its own bitrate', () => {
    const part = new PartRecorder({
      kind: 'screen', attemptId: 'att1', stream: fakeStream([track('video')]), store: async () => undefined, now: () => SERVER_NOW, ctor,
    });
    expect(part.start()).toBe(true);
    expect(FakeRecorder.instances[0].options).toEqual({ mimeType: 'video/webm;codecs=vp8', ...BITRATES.screen });
  });

  it('does not wait for ever for the last chunk', async () => {
    const part = new PartRecorder({
      kind: 'screen', attemptId: 'att1', stream: fakeStream([track('video')]), store: async () => undefined,
      now: () => SERVER_NOW, ctor, finalWaitMs: 30,
    });
    part.start();
    FakeRecorder.instances[0].stopsCleanly = false;
    const started = Date.now();
    await part.stop();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('ends when its track ends (the screen share stopped), keeping the last chunk', async () => {
    const { chunks, store } = memoryStore();
    const screen = track('video');
    const ended: string[] = [];
    const part = new PartRecorder({
      kind: 'screen', attemptId: 'att1', stream: fakeStream([screen]), store, now: () => SERVER_NOW, ctor,
      onEnded: (why) => ended.push(why),
    });
    part.start();
    FakeRecorder.instances[0].emit([1]);
    (screen as unknown as FakeTrack).end();
    await part.stop();
    expect(ended).toEqual(['track_ended']);
    expect(chunks.map((c) => c.seq)).toEqual([0, 1]);
  });

  it('stops at a chunk it could not store: no hole in the part', async () => {
    let n = 0;
    const stored: number[] = [];
    const ended: string[] = [];
    const part = new PartRecorder({
      kind: 'webcam', attemptId: 'att1', stream: fakeStream([track('video')]), now: () => SERVER_NOW, ctor,
      store: async (c) => {
        if (n++ === 1) throw new DOMException('full', 'QuotaExceededError');
        stored.push(c.seq);
      },
      onEnded: (why) => ended.push(why),
    });
    part.start();
    const rec = FakeRecorder.instances[0];
    rec.emit([1]);
    rec.emit([2]);
    rec.emit([3]);
    await tick();
    await part.stop();
    expect(stored).toEqual([0]);
    expect(ended).toEqual(['store_failed']);
  });

  it('drops what comes after a discarding stop', async () => {
    const { chunks, store } = memoryStore();
    const part = new PartRecorder({ kind: 'webcam', attemptId: 'att1', stream: fakeStream([track('video')]), store, now: () => SERVER_NOW, ctor });
    part.start();
    await part.stop(true);
    expect(chunks).toEqual([]);
  });
});

describe('RecordingController', () => {
  function setup(kinds = { webcam: true, screen: true }, recorder: RecorderCtor | null = ctor) {
    const sources = { videoTrack: track('video'), audioTrack: track('audio'), screenTrack: track('video') as MediaStreamTrack | null };
    const { chunks, store } = memoryStore();
    const rec = new RecordingController({
      attemptId: 'att1', kinds, sources, store, now: () => SERVER_NOW, ctor: recorder, makeStream: fakeStream, finalWaitMs: 200,
    });
    return { sources, chunks, rec };
  }

  it('records the camera with its microphone, and the screen alone', () => {
    const { sources, rec } = setup();
    rec.start();
    const [cam, scr] = FakeRecorder.instances;
    expect(cam.stream.getTracks()).toEqual([sources.videoTrack, sources.audioTrack]);
    expect(scr.stream.getTracks()).toEqual([sources.screenTrack]);
    expect(rec.part('webcam')).not.toBeNull();
    expect(rec.part('webcam')).not.toBe(rec.part('screen'));
    void rec.close();
  });

  it('records only what the exam asks for', () => {
    const { rec } = setup({ webcam: false, screen: true });
    rec.start();
    expect(FakeRecorder.instances).toHaveLength(1);
    expect(rec.part('webcam')).toBeNull();
    void rec.close();
  });

  it('does nothing without MediaRecorder, and says so', () => {
    const { rec } = setup({ webcam: true, screen: true }, null);
    rec.start();
    expect(rec.part('webcam')).toBeNull();
    expect(rec.unavailable).toEqual(['webcam', 'screen']);
    void rec.close();
  });

  it('stops the screen part when sharing stops, and starts a new part when it is shared again', async () => {
    const { sources, chunks, rec } = setup({ webcam: false, screen: true });
    rec.start();
    const first = rec.part('screen');
    FakeRecorder.instances[0].emit([1]);
    (sources.screenTrack as unknown as FakeTrack).end();
    expect(rec.part('screen')).toBeNull();
    rec.ensure(); // nothing shared: nothing recorded
    expect(FakeRecorder.instances).toHaveLength(1);
    sources.screenTrack = track('video'); // shared again
    rec.ensure();
    const second = rec.part('screen');
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    FakeRecorder.instances[1].emit([2]);
    await rec.close(false);
    const seqs = (part: string | null) => chunks.filter((c) => c.part === part).map((c) => c.seq);
    expect(seqs(first)).toEqual([0, 1]); // its last chunk, handed over when the track ended
    expect(seqs(second)).toEqual([0, 1]);
  });

  it('holds while submitting (last chunks stored), and records a new part if it goes on', async () => {
    const { chunks, rec } = setup({ webcam: true, screen: false });
    rec.start();
    const first = rec.part('webcam');
    FakeRecorder.instances[0].emit([1]);
    await rec.hold();
    expect(chunks.map((c) => c.seq)).toEqual([0, 1]); // the last one is on the device
    rec.ensure();
    expect(rec.part('webcam')).toBeNull(); // not while held
    rec.resume();
    expect(rec.part('webcam')).not.toBe(first);
    expect(rec.part('webcam')).not.toBeNull();
    await rec.close();
  });

  it('stops a kind for good when the server keeps no more, and restarts a broken part', async () => {
    const { rec } = setup();
    rec.start();
    const cam = rec.part('webcam')!;
    rec.restart('webcam', 'some-other-part'); // not the current one: nothing happens
    expect(rec.part('webcam')).toBe(cam);
    rec.restart('webcam', cam);
    expect(rec.part('webcam')).not.toBe(cam);
    rec.refuse('screen');
    expect(rec.part('screen')).toBeNull();
    rec.ensure();
    expect(rec.part('screen')).toBeNull();
    await rec.close();
  });
});
