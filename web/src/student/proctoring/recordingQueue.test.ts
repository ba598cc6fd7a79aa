import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { StudentApiError } from '../api';
import { ExamStore, type QueuedChunk, type RecordingKind } from '../db';
import { ProctorSender, type Transport } from './queue';
import { RecordingController, type RecorderCtor } from './recorder';

let store: ExamStore;
let factory: IDBFactory;
let senders: ProctorSender[] = [];

beforeEach(async () => {
  factory = new IDBFactory();
  store = await ExamStore.open(factory);
});

afterEach(() => {
  senders.forEach((s) => s.stop());
  senders = [];
});

const chunk = (part: string, seq: number, kind: RecordingKind = 'webcam', bytes = [seq]): QueuedChunk => ({
  attempt_id: 'att1',
  kind,
  part,
  seq,
  started_at: '2025-03-01T10:00:00.000Z',
  content_type: 'video/webm;codecs=vp8,opus',
  data: new Uint8Array(bytes).buffer,
  queued_at: Date.now(),
});

/** The server's side, as the contract has it: chunks of a part appended in seq order; one
 * sent again is a no-op, one past the next expected is a 409 missing_chunk; a recording
 * past `limit` bytes is a 413. */
function fakeServer(limit = Infinity) {
  const parts = new Map<string, { kind: string; next: number; bytes: number[] }>();
  const state = { fail: null as ApiError | null, loseAnswer: false, calls: [] as string[] };
  const size = (kind: string) =>
    [...parts.values()].filter((p) => p.kind === kind).reduce((n, p) => n + p.bytes.length, 0);
  const transport: Transport = {
    sendEvents: vi.fn(async () => ({ accepted: 0, duplicates: 0, ignored: 0, live_risk: 0 })),
    uploadMedia: vi.fn(async () => ({})),
    uploadChunk: vi.fn(async (c: QueuedChunk) => {
      state.calls.push(`${c.part}:${c.seq}`);
      if (state.fail) throw state.fail;
      const key = `${c.kind}/${c.part}`;
      const p = parts.get(key) ?? { kind: c.kind, next: 0, bytes: [] };
      if (c.seq > p.next) {
        throw new StudentApiError(409, 'missing_chunk', 'A chunk is missing.', { expected: p.next });
      }
      if (c.seq === p.next) {
        const data = Array.from(new Uint8Array(c.data));
        if (size(c.kind) + data.length > limit) throw new StudentApiError(413, 'body_too_large', 'Too large.');
        p.bytes.push(...data);
        p.next += 1;
        parts.set(key, p);
      }
      if (state.loseAnswer) {
        state.loseAnswer = false;
        throw new ApiError(0, 'network_error', 'lost');
      }
      return { kind: c.kind, part: c.part, next_seq: p.next, size: p.bytes.length };
    }),
  };
  return { parts, state, transport };
}

function sender(transport: Transport, hooks = {}) {
  const s = new ProctorSender(store, 'att1', transport, hooks, { flushMs: 60_000, backoffMs: [60_000] });
  senders.push(s);
  return s;
}

describe('ExamStore recording chunks', () => {
  it('hands out the lowest seq of the oldest part first, and only that one', async () => {
    await store.queueChunk(chunk('0002-b', 0, 'screen'));
    await store.queueChunk(chunk('0001-a', 1));
    await store.queueChunk(chunk('0001-a', 0));
    await store.queueChunk({ ...chunk('0000-z', 0), attempt_id: 'att2' });
    expect(await store.countChunks('att1')).toBe(3);
    const next = await store.nextChunk('att1');
    expect([next?.part, next?.seq]).toEqual(['0001-a', 0]);
    expect(Array.from(new Uint8Array(next!.data))).toEqual([0]);
    await store.queueChunk(chunk('0001-a', 0)); // stored again (a retry): still one
    expect(await store.countChunks('att1')).toBe(3);
    expect(await store.deleteChunks('att1', 'webcam')).toBe(2);
    expect((await store.nextChunk('att1'))?.kind).toBe('screen');
    await store.deleteSession('att1');
    expect(await store.nextChunk('att1')).toBeUndefined();
    expect(await store.countChunks('att2')).toBe(1);
  });

  it('upgrades a version 2 database: the queued snapshots are kept, chunks can be queued', async () => {
    const old = new IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const req = old.open('procta-exam', 2);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore('sessions', { keyPath: 'attempt_id' }).createIndex('by_exam', 'exam_id');
        db.createObjectStore('outbox', { keyPath: ['attempt_id', 'question_id'] }).createIndex('by_attempt', 'attempt_id');
        db.createObjectStore('proctor_events', { keyPath: 'client_id' }).createIndex('by_attempt', 'attempt_id');
        const media = db.createObjectStore('proctor_media', { keyPath: 'client_id' });
        media.createIndex('by_attempt', 'attempt_id');
        media.put({
          attempt_id: 'att1', client_id: 'cam-1', kind: 'webcam', taken_at: '2025-03-01T10:00:00Z',
          content_type: 'image/jpeg', data: new Uint8Array([1]).buffer, periodic: true, queued_at: 1,
        });
      };
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    const upgraded = await ExamStore.open(old);
    expect(await upgraded.countMedia('att1')).toBe(1);
    await upgraded.queueChunk(chunk('p1', 0));
    expect((await upgraded.nextChunk('att1'))?.part).toBe('p1');
    upgraded.close();
  });
});

describe('ProctorSender with recording chunks', () => {
  it('uploads the chunks of each part in order, one at a time, after the snapshots', async () => {
    const server = fakeServer();
    const s = sender(server.transport);
    await s.addChunk(chunk('0002-b', 0, 'screen'));
    await s.addChunk(chunk('0001-a', 0));
    await s.addChunk(chunk('0001-a', 1));
    await s.addChunk(chunk('0002-b', 1, 'screen'));
    expect(await s.flush()).toBe(0);
    expect(server.state.calls).toEqual(['0001-a:0', '0001-a:1', '0002-b:0', '0002-b:1']);
    expect(server.parts.get('webcam/0001-a')?.bytes).toEqual([0, 1]);
    expect(await store.countChunks('att1')).toBe(0);
  });

  it('keeps the chunks through a lost connection, then sends each once, in order', async () => {
    const server = fakeServer();
    const reachable: boolean[] = [];
    const s = sender(server.transport, { onReachable: (ok: boolean) => reachable.push(ok) });
    server.state.fail = new ApiError(0, 'network_error', 'offline');
    for (let i = 0; i < 3; i++) await s.addChunk(chunk('p1', i));
    expect(await s.flush()).toBe(3);
    expect(reachable).toEqual([false]);
    expect(await store.countChunks('att1')).toBe(3);
    server.state.fail = null;
    server.state.loseAnswer = true; // stored, but the answer does not come back
    s.retryNow();
    expect(await s.flush()).toBe(3); // all still here: the first one waits for its answer
    s.retryNow();
    expect(await s.flush()).toBe(0);
    expect(server.parts.get('webcam/p1')?.bytes).toEqual([0, 1, 2]); // nothing doubled
    // offline, stored with the answer lost, sent again (a no-op), then the rest
    expect(server.state.calls).toEqual(['p1:0', 'p1:0', 'p1:0', 'p1:1', 'p1:2']);
  });

  it('drops the rest of a part the server cannot complete, and asks for a new part', async () => {
    const server = fakeServer();
    const broken: string[] = [];
    const s = sender(server.transport, { onPartBroken: (kind: string, part: string) => broken.push(`${kind}/${part}`) });
    // seq 0 of p1 never made it to this device's queue (cleared storage)
    await s.addChunk(chunk('p1', 1));
    await s.addChunk(chunk('p1', 2));
    await s.addChunk(chunk('p2', 0, 'screen'));
    expect(await s.flush()).toBe(0);
    expect(broken).toEqual(['webcam/p1']);
    expect(server.state.calls).toEqual(['p1:1', 'p2:0']);
    expect(server.parts.get('screen/p2')?.bytes).toEqual([0]);
    expect(s.dropped).toBe(2);
  });

  it('forgets a chunk the server says it already has (it expects a later one)', async () => {
    const { transport } = fakeServer();
    const calls: number[] = [];
    transport.uploadChunk = async (c) => {
      calls.push(c.seq);
      if (c.seq === 0) throw new StudentApiError(409, 'missing_chunk', 'x', { expected: 2 });
      return {};
    };
    const s = sender(transport);
    await s.addChunk(chunk('p1', 0));
    await s.addChunk(chunk('p1', 2));
    expect(await s.flush()).toBe(0);
    expect(calls).toEqual([0, 2]);
    expect(s.dropped).toBe(0);
  });

  it('stops a recording the server keeps no more of (413), the other one goes on', async () => {
    const server = fakeServer(3);
    const refused: string[] = [];
    const s = sender(server.transport, { onRecordingRefused: (kind: string) => refused.push(kind) });
    await s.addChunk(chunk('p1', 0, 'webcam', [1, 2]));
    await s.addChunk(chunk('p1', 1, 'webcam', [3, 4]));
    await s.addChunk(chunk('p1', 2, 'webcam', [5]));
    await s.addChunk(chunk('p2', 0, 'screen', [6]));
    expect(await s.flush()).toBe(0);
    expect(refused).toEqual(['webcam']);
    expect(server.parts.get('webcam/p1')?.bytes).toEqual([1, 2]);
    expect(server.parts.get('screen/p2')?.bytes).toEqual([6]);
    expect(server.state.calls).toEqual(['p1:0', 'p1:1', 'p2:0']);
  });

  it('stops for good once the attempt is closed, keeping nothing more to send', async () => {
    const server = fakeServer();
    const onStopped = vi.fn();
    const s = sender(server.transport, { onStopped });
    server.state.fail = new StudentApiError(409, 'attempt_closed', 'closed');
    await s.addChunk(chunk('p1', 0));
    await s.flush();
    expect(onStopped).toHaveBeenCalledTimes(1);
    expect(s.isStopped).toBe(true);
  });
});

describe('recording through a reload', () => {
  /** A MediaRecorder the test drives; stop() hands over the last piece. */
  class Rec extends EventTarget {
    static all: Rec[] = [];
    static isTypeSupported = (t: string) => t.startsWith('video/webm');
    state: RecordingState = 'inactive';
    mimeType = 'video/webm;codecs=vp8,opus';
    constructor(readonly stream: MediaStream) {
      super();
      Rec.all.push(this);
    }
    start() {
      this.state = 'recording';
    }
    emit(b: number) {
      this.dispatchEvent(Object.assign(new Event('dataavailable'), { data: new Blob([new Uint8Array([b])]) }));
    }
    stop() {
      this.state = 'inactive';
      setTimeout(() => this.dispatchEvent(new Event('stop')), 1);
    }
  }
  const liveTrack = (kind: string) => Object.assign(new EventTarget(), { kind, readyState: 'live' }) as unknown as MediaStreamTrack;
  const stream = (tracks: MediaStreamTrack[]) =>
    ({ getTracks: () => tracks, getAudioTracks: () => tracks.filter((t) => t.kind === 'audio') }) as unknown as MediaStream;

  it('starts a new part at seq 0 after a reload; the old part is sent first, complete', async () => {
    const server = fakeServer();
    const sources = { videoTrack: liveTrack('video'), audioTrack: liveTrack('audio'), screenTrack: null };
    const page = (s: ProctorSender) =>
      new RecordingController({
        attemptId: 'att1', kinds: { webcam: true, screen: false }, sources, store: (c) => s.addChunk(c),
        now: () => new Date(), ctor: Rec as unknown as RecorderCtor, makeStream: stream,
      });

    // The first page records two pieces, offline; then the tab is closed (nothing sent).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2025, 2, 1, 10, 0, 0));
    const s1 = sender(server.transport);
    server.state.fail = new ApiError(0, 'network_error', 'offline');
    const before = page(s1);
    before.start();
    const part1 = before.part('webcam')!;
    Rec.all[0].emit(10);
    Rec.all[0].emit(11);
    await vi.waitFor(async () => expect(await store.countChunks('att1')).toBe(2));
    s1.stop();

    // The reloaded page: a new recorder, a new part, its own seq 0.
    vi.setSystemTime(Date.UTC(2025, 2, 1, 10, 5, 0));
    server.state.fail = null;
    const s2 = sender(server.transport);
    const after = page(s2);
    after.start();
    const part2 = after.part('webcam')!;
    expect(part2).not.toBe(part1);
    Rec.all[1].emit(20);
    await after.hold();
    await s2.flush();
    vi.useRealTimers();
    expect(server.state.calls).toEqual([`${part1}:0`, `${part1}:1`, `${part2}:0`]);
    expect(server.parts.get(`webcam/${part1}`)?.bytes).toEqual([10, 11]);
    expect(server.parts.get(`webcam/${part2}`)?.bytes).toEqual([20]);
    await before.close();
  });
});
