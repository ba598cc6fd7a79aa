import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { ExamStore } from './db';
import { makeSession } from './testData';

let factory: IDBFactory;
let store: ExamStore;

async function seed(answers = {}) {
  await store.saveSession({
    attempt_id: 'att1',
    exam_id: 'ex1',
    token: 'at_tok',
    session: makeSession({ answers }),
    clock_offset_ms: 0,
  });
}

beforeEach(async () => {
  factory = new IDBFactory();
  store = await ExamStore.open(factory);
});

describe('ExamStore outbox', () => {
  it('keeps only the newest edit of a question, with a higher client_seq', async () => {
    await seed();
    const first = await store.queueAnswer('att1', 'q1', 'a', false);
    const second = await store.queueAnswer('att1', 'q1', 'b', true);
    expect(second.client_seq).toBeGreaterThan(first.client_seq);
    const outbox = await store.outbox('att1');
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ question_id: 'q1', response: 'b', flagged: true, client_seq: second.client_seq });
  });

  it('hands out increasing client_seq across questions, and keeps the counter across reopening', async () => {
    await seed();
    const seqs = [];
    for (const q of ['q1', 'q2', 'q3', 'q1']) seqs.push((await store.queueAnswer('att1', q, 'x', false)).client_seq);
    expect(seqs).toEqual([1, 2, 3, 4]);
    store.close();
    store = await ExamStore.open(factory);
    expect((await store.queueAnswer('att1', 'q2', true, false)).client_seq).toBe(5);
    expect((await store.getSession('att1'))?.seq).toBe(5);
  });

  it('starts above the highest client_seq the server already has', async () => {
    await seed({ q1: { response: 'a', flagged: false, client_seq: 41, saved_at: '2025-03-01T10:01:00Z' } });
    expect((await store.queueAnswer('att1', 'q2', false, false)).client_seq).toBe(42);
    // Saving a fresher session keeps the counter (never goes back).
    await seed();
    expect((await store.queueAnswer('att1', 'q3', 'y', false)).client_seq).toBe(43);
  });

  it('drops an entry only on an ack at least as new as the entry', async () => {
    await seed();
    const sent = await store.queueAnswer('att1', 'q1', 'a', false);
    const newer = await store.queueAnswer('att1', 'q1', 'b', false); // edited while "in flight"
    expect(await store.ack('att1', 'q1', sent.client_seq)).toBe(false);
    expect(await store.getEntry('att1', 'q1')).toMatchObject({ response: 'b', client_seq: newer.client_seq });
    expect(await store.ack('att1', 'q1', newer.client_seq, '2025-03-01T10:02:00Z')).toBe(true);
    expect(await store.getEntry('att1', 'q1')).toBeUndefined();
    expect(await store.ack('att1', 'q1', 99)).toBe(false); // nothing left
  });

  it('records an acknowledged answer in the stored session, for an offline reload', async () => {
    await seed();
    const e = await store.queueAnswer('att1', 'q3', 'Paris', true);
    await store.ack('att1', 'q3', e.client_seq, '2025-03-01T10:03:00Z');
    const stored = await store.getSession('att1');
    expect(stored?.session.answers.q3).toEqual({
      response: 'Paris',
      flagged: true,
      client_seq: e.client_seq,
      saved_at: '2025-03-01T10:03:00Z',
    });
  });

  it('a server copy newer than the entry drops it without overwriting the stored answer', async () => {
    await seed();
    const e = await store.queueAnswer('att1', 'q1', 'a', false);
    expect(await store.ack('att1', 'q1', e.client_seq + 5)).toBe(true);
    expect((await store.getSession('att1'))?.session.answers.q1).toBeUndefined();
  });

  it('marks a refused edit, but only that exact edit', async () => {
    await seed();
    const e = await store.queueAnswer('att1', 'q1', 'zz', false);
    expect(await store.markRejected('att1', 'q1', e.client_seq - 1, 'no')).toBe(false);
    expect(await store.markRejected('att1', 'q1', e.client_seq, 'Choose one of the options.')).toBe(true);
    expect((await store.getEntry('att1', 'q1'))?.error).toBe('Choose one of the options.');
    const again = await store.queueAnswer('att1', 'q1', 'a', false);
    expect(again.error).toBeNull();
  });

  it('finds the latest session of an exam, forgets a replaced token, deletes with the outbox', async () => {
    await seed();
    await store.queueAnswer('att1', 'q1', 'a', false);
    expect((await store.latestSessionForExam('ex1'))?.token).toBe('at_tok');
    expect(await store.latestSessionForExam('other')).toBeUndefined();
    await store.dropToken('att1');
    expect((await store.latestSessionForExam('ex1'))?.token).toBe('');
    expect(await store.outbox('att1')).toHaveLength(1);
    await store.deleteSession('att1');
    expect(await store.getSession('att1')).toBeUndefined();
    expect(await store.outbox('att1')).toHaveLength(0);
  });
});

describe('ExamStore upgrade and proctoring queues', () => {
  it('upgrades a version 1 database in place: sessions and outbox kept, queues added', async () => {
    const old = new IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const req = old.open('procta-exam', 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore('sessions', { keyPath: 'attempt_id' }).createIndex('by_exam', 'exam_id');
        const outbox = db.createObjectStore('outbox', { keyPath: ['attempt_id', 'question_id'] });
        outbox.createIndex('by_attempt', 'attempt_id');
        outbox.put({ attempt_id: 'att1', question_id: 'q1', response: 'a', flagged: false, client_seq: 3, updated_at: 1 });
        db.createObjectStore('sessions_tmp');
        db.deleteObjectStore('sessions_tmp');
        const sessions = req.transaction!.objectStore('sessions');
        sessions.put({ attempt_id: 'att1', exam_id: 'ex1', token: 'at_old', session: makeSession(), clock_offset_ms: 0, seq: 3, updated_at: 1 });
      };
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    const upgraded = await ExamStore.open(old);
    expect((await upgraded.getSession('att1'))?.token).toBe('at_old');
    expect(await upgraded.outbox('att1')).toHaveLength(1);
    await upgraded.queueEvents('att1', [
      { client_id: 'ev-1', type: 'tab_switch', phase: 'start', at: '2025-03-01T10:00:00Z', details: {} },
    ]);
    expect((await upgraded.pendingEvents('att1')).map((q) => q.client_id)).toEqual(['ev-1']);
    upgraded.close();
  });

  it('keeps one queued event per client id, oldest first, and clears them with the session', async () => {
    await seed();
    const e = (id: string) => ({ client_id: id, type: 'right_click' as const, phase: 'instant' as const, at: '2025-03-01T10:00:00Z', details: {} });
    await store.queueEvents('att1', [e('a'), e('b')], 100);
    await store.queueEvents('att1', [e('a')], 200); // the same event again: still one
    await store.queueEvents('att2', [e('c')], 50);
    expect((await store.pendingEvents('att1')).map((q) => q.client_id)).toEqual(['b', 'a']);
    await store.queueMedia({
      attempt_id: 'att1', client_id: 'cam-1', kind: 'webcam', taken_at: '2025-03-01T10:00:00Z',
      content_type: 'image/jpeg', data: new Uint8Array([1, 2, 3]).buffer, periodic: true, queued_at: 1,
    });
    const [m] = await store.pendingMedia('att1');
    expect(new Uint8Array(m.data)).toEqual(new Uint8Array([1, 2, 3]));
    await store.deleteSession('att1');
    expect(await store.pendingEvents('att1')).toEqual([]);
    expect(await store.countMedia('att1')).toBe(0);
    expect(await store.pendingEvents('att2')).toHaveLength(1);
  });

  it('keeps the order of two batches queued within one millisecond', async () => {
    await seed();
    const e = (id: string) => ({ client_id: id, type: 'right_click' as const, phase: 'instant' as const, at: '2025-03-01T10:00:00Z', details: {} });
    await store.queueEvents('att1', [e('first'), e('second')], 100);
    await store.queueEvents('att1', [e('third')], 100);
    expect((await store.pendingEvents('att1')).map((q) => q.client_id)).toEqual(['first', 'second', 'third']);
  });
});
