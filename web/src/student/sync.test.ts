import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { AnswerRequest, AnswerSaved } from '../api/types';
import { ExamStore } from './db';
import { OutboxSender, type SaveState } from './sync';
import { makeSession } from './testData';

let store: ExamStore;

beforeEach(async () => {
  store = await ExamStore.open(new IDBFactory());
  await store.saveSession({ attempt_id: 'att1', exam_id: 'ex1', token: 't', session: makeSession(), clock_offset_ms: 0 });
});

/** A fake server: keeps the newest client_seq per question, as the real one does. */
function fakeServer() {
  const stored = new Map<string, AnswerRequest>();
  const put = vi.fn(async (qid: string, body: AnswerRequest): Promise<AnswerSaved> => {
    const prev = stored.get(qid);
    const applied = !prev || body.client_seq > prev.client_seq;
    if (applied) stored.set(qid, body);
    return { question_id: qid, client_seq: stored.get(qid)!.client_seq, saved_at: '2025-03-01T10:00:00Z', applied };
  });
  return { stored, put };
}

function recorder() {
  const states: Record<string, SaveState[]> = {};
  return {
    states,
    onSaveState: (qid: string, s: SaveState) => (states[qid] ??= []).push(s),
  };
}

const quick = { backoffMs: [20], debounceMs: 0, eventTarget: null };

describe('OutboxSender', () => {
  it('sends the outbox and deletes entries once acknowledged', async () => {
    const server = fakeServer();
    const rec = recorder();
    const sender = new OutboxSender(store, 'att1', server.put, rec, quick);
    await store.queueAnswer('att1', 'q1', 'a', false);
    await store.queueAnswer('att1', 'q2', true, true);
    const result = await sender.flush();
    expect(result.pending).toBe(0);
    expect(server.put).toHaveBeenCalledTimes(2);
    expect(server.stored.get('q2')).toEqual({ response: true, flagged: true, client_seq: 2 });
    expect(await store.outbox('att1')).toEqual([]);
    expect(rec.states.q1.at(-1)).toMatchObject({ kind: 'saved' });
  });

  it('an edit made while a save is in flight is kept and sent next', async () => {
    const server = fakeServer();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const put = vi.fn(async (qid: string, body: AnswerRequest) => {
      if (put.mock.calls.length === 1) await gate;
      return server.put(qid, body);
    });
    const sender = new OutboxSender(store, 'att1', put, {}, quick);
    await store.queueAnswer('att1', 'q3', 'Par', false);
    const flushing = sender.flush();
    await vi.waitFor(() => expect(put).toHaveBeenCalledTimes(1));
    await store.queueAnswer('att1', 'q3', 'Paris', false); // typed during the request
    release();
    await flushing;
    expect(put).toHaveBeenCalledTimes(2);
    expect(put.mock.calls[1][1]).toMatchObject({ response: 'Paris', client_seq: 2 });
    expect(server.stored.get('q3')?.response).toBe('Paris');
    expect(await store.outbox('att1')).toEqual([]);
  });

  it('keeps entries on network errors, reports offline, and retries', async () => {
    const server = fakeServer();
    let down = true;
    const put = vi.fn(async (qid: string, body: AnswerRequest) => {
      if (down) throw new ApiError(0, 'network_error', 'offline');
      return server.put(qid, body);
    });
    const rec = recorder();
    const onConnection = vi.fn();
    const sender = new OutboxSender(store, 'att1', put, { ...rec, onConnection }, quick);
    await store.queueAnswer('att1', 'q1', 'b', false);
    const first = await sender.flush();
    expect(first).toMatchObject({ pending: 1, connection: 'offline' });
    expect(onConnection).toHaveBeenCalledWith('offline');
    expect(rec.states.q1.at(-1)).toEqual({ kind: 'offline' });
    expect(await store.outbox('att1')).toHaveLength(1);
    down = false;
    await vi.waitFor(async () => expect(await store.outbox('att1')).toHaveLength(0));
    expect(onConnection).toHaveBeenLastCalledWith('online');
    expect(rec.states.q1.at(-1)).toMatchObject({ kind: 'saved' });
    sender.stop();
  });

  it("retries at once on the browser's 'online' event", async () => {
    const server = fakeServer();
    let down = true;
    const put = vi.fn(async (qid: string, body: AnswerRequest) => {
      if (down) throw new ApiError(503, 'http_503', 'busy');
      return server.put(qid, body);
    });
    const target = new EventTarget();
    const sender = new OutboxSender(store, 'att1', put, {}, { backoffMs: [60_000], debounceMs: 0, eventTarget: target });
    sender.start();
    await store.queueAnswer('att1', 'q1', 'a', false);
    expect((await sender.flush()).connection).toBe('server_down');
    down = false;
    target.dispatchEvent(new Event('online'));
    await vi.waitFor(async () => expect(await store.outbox('att1')).toHaveLength(0));
    sender.stop();
  });

  it('stops sending an edit the server refuses, and says why', async () => {
    const put = vi.fn(async () => {
      throw new ApiError(400, 'invalid_response', 'Choose one of the question\'s options.');
    });
    const rec = recorder();
    const sender = new OutboxSender(store, 'att1', put, rec, quick);
    await store.queueAnswer('att1', 'q1', 'nope', false);
    const result = await sender.flush();
    expect(result.pending).toBe(0);
    expect(put).toHaveBeenCalledTimes(1);
    expect(rec.states.q1.at(-1)).toEqual({ kind: 'error', message: "Choose one of the question's options." });
    expect((await store.getEntry('att1', 'q1'))?.error).toBeTruthy();
    await sender.flush();
    expect(put).toHaveBeenCalledTimes(1);
  });

  it('halts when the attempt is closed or the token was replaced', async () => {
    const onHalt = vi.fn();
    const closed = new OutboxSender(
      store,
      'att1',
      async () => {
        throw new ApiError(409, 'time_over', 'Time is up.');
      },
      { onHalt },
      quick,
    );
    await store.queueAnswer('att1', 'q1', 'a', false);
    expect((await closed.flush()).halted).toMatchObject({ kind: 'closed', code: 'time_over' });
    expect(onHalt).toHaveBeenCalledWith(expect.objectContaining({ kind: 'closed' }));
    expect(await store.outbox('att1')).toHaveLength(1); // nothing is thrown away

    const replaced = new OutboxSender(
      store,
      'att1',
      async () => {
        throw new ApiError(404, 'session_not_found', 'Join again.');
      },
      {},
      quick,
    );
    expect((await replaced.flush()).halted).toMatchObject({ kind: 'replaced' });
  });

  it('drops an entry the server already holds a newer copy of', async () => {
    const put = vi.fn(
      async (qid: string): Promise<AnswerSaved> => ({ question_id: qid, client_seq: 50, saved_at: 'x', applied: false }),
    );
    const sender = new OutboxSender(store, 'att1', put, {}, quick);
    await store.queueAnswer('att1', 'q1', 'a', false);
    await sender.flush();
    expect(await store.outbox('att1')).toEqual([]);
  });
});
