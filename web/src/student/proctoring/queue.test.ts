import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import type { ProctorEventIn } from '../../api/types';
import { ExamStore, type QueuedMedia } from '../db';
import { classifyFailure, ProctorSender, type Transport } from './queue';

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

const ev = (n: number, type: ProctorEventIn['type'] = 'copy_paste'): ProctorEventIn => ({
  client_id: `ev-${n}`,
  type,
  phase: 'instant',
  at: new Date(Date.UTC(2025, 2, 1, 10, 0, n)).toISOString(),
  details: {},
});

const media = (id: string): QueuedMedia => ({
  attempt_id: 'att1',
  client_id: id,
  kind: 'webcam',
  taken_at: '2025-03-01T10:00:00Z',
  content_type: 'image/jpeg',
  data: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]).buffer,
  periodic: true,
  queued_at: Date.now(),
});

/** A server that stores by client id, as the real one does; it can be made to fail. */
function fakeServer() {
  const events = new Map<string, ProctorEventIn>();
  const uploads = new Map<string, number>();
  const state = { fail: null as ApiError | null, calls: 0 };
  const transport: Transport = {
    sendEvents: vi.fn(async (batch: ProctorEventIn[]) => {
      state.calls += 1;
      if (state.fail) throw state.fail;
      let accepted = 0;
      for (const e of batch) if (!events.has(e.client_id)) (events.set(e.client_id, e), accepted++);
      return { accepted, duplicates: batch.length - accepted, ignored: 0, live_risk: 5 };
    }),
    uploadMedia: vi.fn(async (m: QueuedMedia) => {
      state.calls += 1;
      if (state.fail) throw state.fail;
      uploads.set(m.client_id, (uploads.get(m.client_id) ?? 0) + 1);
      return {};
    }),
  };
  return { events, uploads, state, transport };
}

function sender(transport: Transport, hooks = {}, options = {}) {
  const s = new ProctorSender(store, 'att1', transport, hooks, { flushMs: 60_000, backoffMs: [60_000], ...options });
  senders.push(s);
  return s;
}

describe('classifyFailure', () => {
  it('retries what may pass later, drops what never will, stops when the attempt is over', () => {
    expect(classifyFailure(new ApiError(0, 'network_error', 'x'))).toBe('offline');
    expect(classifyFailure(new TypeError('fetch failed'))).toBe('offline');
    expect(classifyFailure(new ApiError(503, 'http_503', 'x'))).toBe('retry');
    expect(classifyFailure(new ApiError(429, 'rate_limited', 'x'))).toBe('retry');
    expect(classifyFailure(new ApiError(409, 'consent_required', 'x'))).toBe('retry');
    expect(classifyFailure(new ApiError(409, 'attempt_closed', 'x'))).toBe('stop');
    expect(classifyFailure(new ApiError(404, 'session_not_found', 'x'))).toBe('stop');
    expect(classifyFailure(new ApiError(422, 'validation_error', 'x'))).toBe('drop');
    expect(classifyFailure(new ApiError(413, 'body_too_large', 'x'))).toBe('drop');
  });
});

describe('ProctorSender', () => {
  it('sends queued events in one batch and forgets them once accepted', async () => {
    const server = fakeServer();
    const risks: number[] = [];
    const s = sender(server.transport, { onLiveRisk: (r: number) => risks.push(r) });
    await s.addEvents([ev(1), ev(2)]);
    await s.addEvents([ev(3)]);
    expect(await s.flush()).toBe(0);
    expect(server.transport.sendEvents).toHaveBeenCalledTimes(1);
    expect([...server.events.keys()]).toEqual(['ev-1', 'ev-2', 'ev-3']);
    expect(await store.pendingEvents('att1')).toEqual([]);
    expect(risks).toEqual([5]);
  });

  it('sends at once when a batch is full, without waiting for the timer', async () => {
    const server = fakeServer();
    const s = sender(server.transport, {}, { batchMax: 5 });
    await s.addEvents([1, 2, 3, 4, 5].map((n) => ev(n)));
    await vi.waitFor(() => expect(server.events.size).toBe(5));
  });

  it('keeps everything through a lost connection and sends each item once when it is back', async () => {
    const server = fakeServer();
    const reach: boolean[] = [];
    const s = sender(server.transport, { onReachable: (ok: boolean) => reach.push(ok) });
    await s.addEvents([ev(1)]);
    await s.addMedia(media('cam-1'));
    server.state.fail = new ApiError(0, 'network_error', 'offline');
    expect(await s.flush()).toBe(1);
    expect(reach).toEqual([false]);
    expect(s.reachable).toBe(false);
    expect(await store.pendingEvents('att1')).toHaveLength(1);
    expect(await store.countMedia('att1')).toBe(1);

    server.state.fail = null;
    expect(await s.flush()).toBe(0);
    expect(reach).toEqual([false, true]);
    expect(server.events.size).toBe(1);
    expect([...server.uploads.entries()]).toEqual([['cam-1', 1]]);
    expect(await store.countMedia('att1')).toBe(0);
  });

  it('resends with the same client ids after a lost answer, so the server keeps one of each', async () => {
    const server = fakeServer();
    // The server stores the batch but the answer never arrives.
    const lossy: Transport = {
      ...server.transport,
      sendEvents: vi.fn(async (batch) => {
        await server.transport.sendEvents(batch);
        throw new ApiError(0, 'network_error', 'lost');
      }),
    };
    const s1 = sender(lossy);
    await s1.addEvents([ev(1), ev(2)]);
    await s1.flush();
    s1.stop();
    // The page reloads: a new sender finds the queue on the device and sends it again.
    store.close();
    store = await ExamStore.open(factory);
    const s2 = sender(server.transport);
    await s2.flush();
    expect(server.transport.sendEvents).toHaveBeenCalledTimes(2);
    const second = vi.mocked(server.transport.sendEvents).mock.calls[1][0];
    expect(second.map((e) => e.client_id)).toEqual(['ev-1', 'ev-2']);
    expect(server.events.size).toBe(2);
    expect(await store.pendingEvents('att1')).toEqual([]);
  });

  it('drops what the server refuses for good and goes on with the rest', async () => {
    const server = fakeServer();
    const s = sender(server.transport);
    await s.addMedia(media('bad'));
    server.state.fail = new ApiError(400, 'invalid_image', 'not a JPEG');
    expect(await s.flush()).toBe(0);
    expect(s.dropped).toBe(1);
    server.state.fail = null;
    await s.addMedia(media('good'));
    await s.flush();
    expect([...server.uploads.keys()]).toEqual(['good']);
  });

  it('stops for good once the exam is over', async () => {
    const server = fakeServer();
    const stopped = vi.fn();
    const s = sender(server.transport, { onStopped: stopped });
    await s.addEvents([ev(1)]);
    server.state.fail = new ApiError(409, 'attempt_closed', 'submitted');
    await s.flush();
    expect(stopped).toHaveBeenCalledOnce();
    expect(s.isStopped).toBe(true);
    const calls = server.state.calls;
    await s.flush();
    expect(server.state.calls).toBe(calls);
  });

  it('retries a failing server after the backoff, on its own', async () => {
    const server = fakeServer();
    const s = sender(server.transport, {}, { flushMs: 10, backoffMs: [150] });
    server.state.fail = new ApiError(503, 'http_503', 'busy');
    await s.addEvents([ev(1)]);
    await vi.waitFor(() => expect(server.state.calls).toBe(1));
    server.state.fail = null;
    await new Promise((r) => setTimeout(r, 60));
    expect(server.events.size).toBe(0); // still waiting out the backoff
    await vi.waitFor(() => expect(server.events.size).toBe(1));
    expect(server.state.calls).toBe(2);
  });
});
