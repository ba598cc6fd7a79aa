/**
 * The exam's local store (IndexedDB "procta-exam"), written before anything is sent.
 *
 * - "sessions": one record per attempt: its token, exam, the last SessionOut from the server,
 *   the clock offset measured with it, and `seq`, the attempt's client_seq counter.
 * - "outbox": answers not yet confirmed by the server, one per (attempt, question). A newer
 *   edit replaces the entry (with a higher client_seq); an entry is deleted only when the
 *   server has acknowledged a client_seq at least as new as the entry's.
 * - "proctor_events" (since version 2): browser signals not yet accepted by the server, each
 *   under its client id (the server ignores a client id it already has, so a retry, a
 *   reload or a server restart never doubles one).
 * - "proctor_media" (since version 2): snapshots and audio clips not yet uploaded, the same
 *   way; the bytes are kept as an ArrayBuffer.
 * - "proctor_recordings" (since version 3): webcam and screen recording chunks not yet
 *   uploaded, under (attempt, part, seq). A part is one MediaRecorder session; its chunks
 *   must reach the server in seq order, and part ids sort by when the part started, so the
 *   first key of an attempt is always the next chunk to send.
 *
 * Raw IndexedDB with callbacks only (no awaits inside a transaction), so it runs the same in
 * browsers and under fake-indexeddb in tests.
 */
import type { AnswerView, ExamSession, ProctorEventIn } from '../api/types';

export const DB_NAME = 'procta-exam';
/** 1: sessions, outbox. 2: + proctor_events, proctor_media. 3: + proctor_recordings. */
export const DB_VERSION = 3;
const SESSIONS = 'sessions';
const OUTBOX = 'outbox';
const EVENTS = 'proctor_events';
const MEDIA = 'proctor_media';
const RECORDINGS = 'proctor_recordings';

export interface StoredSession {
  attempt_id: string;
  exam_id: string;
  /** Empty when the token no longer works (the exam was opened on another device). */
  token: string;
  session: ExamSession;
  /** Server clock minus local clock (ms) when `session` arrived. */
  clock_offset_ms: number;
  /** The last client_seq handed out for this attempt. */
  seq: number;
  updated_at: number;
}

export interface OutboxEntry {
  attempt_id: string;
  question_id: string;
  response: unknown;
  flagged: boolean;
  client_seq: number;
  /** Set when the server refused this exact edit (400): it is not retried. */
  error?: string | null;
  updated_at: number;
}

/** A browser signal waiting to be sent (the event as the server takes it, plus where it
 * belongs and when it was queued). */
export interface QueuedEvent {
  attempt_id: string;
  client_id: string;
  queued_at: number;
  event: ProctorEventIn;
}

/** A snapshot or audio clip waiting to be uploaded. */
export interface QueuedMedia {
  attempt_id: string;
  client_id: string;
  kind: string;
  taken_at: string;
  content_type: string;
  data: ArrayBuffer;
  /** Taken on a timer (true) or with a warning (false); only timed ones may be dropped. */
  periodic: boolean;
  queued_at: number;
}

export type RecordingKind = 'webcam' | 'screen';

/** A piece of a webcam or screen recording waiting to be uploaded. */
export interface QueuedChunk {
  attempt_id: string;
  kind: RecordingKind;
  /** The recorder session (a new one after a reload or a device restarted). */
  part: string;
  /** 0, 1, 2… within the part. */
  seq: number;
  /** When the part's recorder started (server clock, ISO), the same for all its chunks. */
  started_at: string;
  content_type: string;
  data: ArrayBuffer;
  queued_at: number;
}

function promised<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The highest client_seq the server reports for any answer of this session. */
export function maxServerSeq(session: Pick<ExamSession, 'answers'>): number {
  let max = 0;
  for (const a of Object.values(session.answers ?? {})) max = Math.max(max, a.client_seq ?? 0);
  return max;
}

export class ExamStore {
  /** The last queued_at given out: events keep the order they were queued in, even two
   * batches queued within one millisecond. */
  private lastQueued = 0;

  private constructor(private readonly db: IDBDatabase) {}

  static async open(factory: IDBFactory = indexedDB, name: string = DB_NAME): Promise<ExamStore> {
    const req = factory.open(name, DB_VERSION);
    req.onupgradeneeded = () => {
      // From any older version (0: a new device, 1: before proctoring, 2: before
      // recordings) to this one; the stores already there and their records are kept.
      const db = req.result;
      if (!db.objectStoreNames.contains(SESSIONS)) {
        const sessions = db.createObjectStore(SESSIONS, { keyPath: 'attempt_id' });
        sessions.createIndex('by_exam', 'exam_id');
      }
      if (!db.objectStoreNames.contains(OUTBOX)) {
        const outbox = db.createObjectStore(OUTBOX, { keyPath: ['attempt_id', 'question_id'] });
        outbox.createIndex('by_attempt', 'attempt_id');
      }
      if (!db.objectStoreNames.contains(EVENTS)) {
        db.createObjectStore(EVENTS, { keyPath: 'client_id' }).createIndex('by_attempt', 'attempt_id');
      }
      if (!db.objectStoreNames.contains(MEDIA)) {
        db.createObjectStore(MEDIA, { keyPath: 'client_id' }).createIndex('by_attempt', 'attempt_id');
      }
      if (!db.objectStoreNames.contains(RECORDINGS)) {
        db.createObjectStore(RECORDINGS, { keyPath: ['attempt_id', 'part', 'seq'] }).createIndex(
          'by_attempt',
          'attempt_id',
        );
      }
    };
    const db = await promised(req);
    // Another tab upgrading the schema: let it, this one reopens on the next load.
    db.onversionchange = () => db.close();
    return new ExamStore(db);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Run `body` in one transaction; resolves with what it hands to `done` once the
   * transaction has committed (so a resolved write is on disk), rejects if it aborts.
   */
  private tx<T>(
    stores: string[],
    mode: IDBTransactionMode,
    body: (t: IDBTransaction, done: (value: T) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const t = this.db.transaction(stores, mode);
      let result: T;
      t.oncomplete = () => resolve(result);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
      body(t, (value) => {
        result = value;
      });
    });
  }

  // --- sessions ---------------------------------------------------------------------

  getSession(attemptId: string): Promise<StoredSession | undefined> {
    return this.tx<StoredSession | undefined>([SESSIONS], 'readonly', (t, done) => {
      const r = t.objectStore(SESSIONS).get(attemptId);
      r.onsuccess = () => done(r.result as StoredSession | undefined);
    });
  }

  /** The most recently updated session of this exam on this device (any student). */
  latestSessionForExam(examId: string): Promise<StoredSession | undefined> {
    return this.tx<StoredSession | undefined>([SESSIONS], 'readonly', (t, done) => {
      const r = t.objectStore(SESSIONS).index('by_exam').getAll(examId);
      r.onsuccess = () => {
        const all = r.result as StoredSession[];
        all.sort((a, b) => b.updated_at - a.updated_at);
        done(all[0]);
      };
    });
  }

  /**
   * Store a session from the server. The seq counter is kept, and raised to the highest
   * client_seq the server already holds (a resume on a new device starts above it).
   * `token` undefined keeps the stored one.
   */
  saveSession(input: {
    attempt_id: string;
    exam_id: string;
    token?: string;
    session: ExamSession;
    clock_offset_ms: number;
  }): Promise<StoredSession> {
    return this.tx<StoredSession>([SESSIONS], 'readwrite', (t, done) => {
      const store = t.objectStore(SESSIONS);
      const r = store.get(input.attempt_id);
      r.onsuccess = () => {
        const prev = r.result as StoredSession | undefined;
        const record: StoredSession = {
          attempt_id: input.attempt_id,
          exam_id: input.exam_id,
          token: input.token ?? prev?.token ?? '',
          session: input.session,
          clock_offset_ms: input.clock_offset_ms,
          seq: Math.max(prev?.seq ?? 0, maxServerSeq(input.session)),
          updated_at: Date.now(),
        };
        store.put(record);
        done(record);
      };
    });
  }

  /** Forget the token (it was replaced on another device); the outbox is kept. */
  dropToken(attemptId: string): Promise<void> {
    return this.tx<void>([SESSIONS], 'readwrite', (t, done) => {
      const store = t.objectStore(SESSIONS);
      const r = store.get(attemptId);
      r.onsuccess = () => {
        const prev = r.result as StoredSession | undefined;
        if (prev) store.put({ ...prev, token: '' });
        done(undefined);
      };
    });
  }

  /** Remove an attempt, its outbox and its proctoring queues (after it was submitted:
   * the server takes nothing more for it). */
  deleteSession(attemptId: string): Promise<void> {
    return this.tx<void>([SESSIONS, OUTBOX, EVENTS, MEDIA, RECORDINGS], 'readwrite', (t, done) => {
      t.objectStore(SESSIONS).delete(attemptId);
      for (const name of [OUTBOX, EVENTS, MEDIA, RECORDINGS]) {
        const r = t.objectStore(name).index('by_attempt').getAllKeys(attemptId);
        r.onsuccess = () => {
          for (const key of r.result) t.objectStore(name).delete(key);
        };
      }
      done(undefined);
    });
  }

  // --- proctoring queues ----------------------------------------------------------------

  /** Store browser events to send (an event already queued under its client id is kept). */
  queueEvents(attemptId: string, events: ProctorEventIn[], now = Date.now()): Promise<void> {
    return this.tx<void>([EVENTS], 'readwrite', (t, done) => {
      const store = t.objectStore(EVENTS);
      for (const event of events) {
        this.lastQueued = Math.max(now, this.lastQueued + 0.001);
        const item: QueuedEvent = { attempt_id: attemptId, client_id: event.client_id, queued_at: this.lastQueued, event };
        store.put(item);
      }
      done(undefined);
    });
  }

  /** The oldest `limit` queued events of an attempt, oldest first. */
  pendingEvents(attemptId: string, limit = 200): Promise<QueuedEvent[]> {
    return this.tx<QueuedEvent[]>([EVENTS], 'readonly', (t, done) => {
      const r = t.objectStore(EVENTS).index('by_attempt').getAll(attemptId);
      r.onsuccess = () => {
        const all = r.result as QueuedEvent[];
        all.sort((a, b) => a.queued_at - b.queued_at);
        done(all.slice(0, limit));
      };
    });
  }

  deleteEvents(clientIds: string[]): Promise<void> {
    return this.tx<void>([EVENTS], 'readwrite', (t, done) => {
      for (const id of clientIds) t.objectStore(EVENTS).delete(id);
      done(undefined);
    });
  }

  queueMedia(item: QueuedMedia): Promise<void> {
    return this.tx<void>([MEDIA], 'readwrite', (t, done) => {
      t.objectStore(MEDIA).put(item);
      done(undefined);
    });
  }

  /** Queued media of an attempt, oldest first (warning snapshots are never left behind
   * timed ones: they are sorted by when they were queued, like everything else). */
  pendingMedia(attemptId: string, limit = 50): Promise<QueuedMedia[]> {
    return this.tx<QueuedMedia[]>([MEDIA], 'readonly', (t, done) => {
      const r = t.objectStore(MEDIA).index('by_attempt').getAll(attemptId);
      r.onsuccess = () => {
        const all = r.result as QueuedMedia[];
        all.sort((a, b) => a.queued_at - b.queued_at);
        done(all.slice(0, limit));
      };
    });
  }

  countMedia(attemptId: string): Promise<number> {
    return this.tx<number>([MEDIA], 'readonly', (t, done) => {
      const r = t.objectStore(MEDIA).index('by_attempt').count(attemptId);
      r.onsuccess = () => done(r.result);
    });
  }

  deleteMedia(clientId: string): Promise<void> {
    return this.tx<void>([MEDIA], 'readwrite', (t, done) => {
      t.objectStore(MEDIA).delete(clientId);
      done(undefined);
    });
  }

  // --- recording chunks -----------------------------------------------------------------

  /** Store a chunk (the same attempt, part and seq again replaces it). */
  queueChunk(chunk: QueuedChunk): Promise<void> {
    return this.tx<void>([RECORDINGS], 'readwrite', (t, done) => {
      t.objectStore(RECORDINGS).put(chunk);
      done(undefined);
    });
  }

  /** The chunk to upload next: the lowest seq of the oldest part (only that one is read). */
  nextChunk(attemptId: string): Promise<QueuedChunk | undefined> {
    return this.tx<QueuedChunk | undefined>([RECORDINGS], 'readonly', (t, done) => {
      // Index entries with one attempt id are ordered by primary key: (part, seq).
      const r = t.objectStore(RECORDINGS).index('by_attempt').openCursor(attemptId);
      r.onsuccess = () => done((r.result?.value as QueuedChunk | undefined) ?? undefined);
    });
  }

  deleteChunk(chunk: Pick<QueuedChunk, 'attempt_id' | 'part' | 'seq'>): Promise<void> {
    return this.tx<void>([RECORDINGS], 'readwrite', (t, done) => {
      t.objectStore(RECORDINGS).delete([chunk.attempt_id, chunk.part, chunk.seq]);
      done(undefined);
    });
  }

  /** Drop the queued chunks of one kind of recording (or of one part of it); resolves with
   * how many were dropped. */
  deleteChunks(attemptId: string, kind: RecordingKind, part?: string): Promise<number> {
    return this.tx<number>([RECORDINGS], 'readwrite', (t, done) => {
      let n = 0;
      const r = t.objectStore(RECORDINGS).index('by_attempt').openCursor(attemptId);
      r.onsuccess = () => {
        const cursor = r.result;
        if (!cursor) {
          done(n);
          return;
        }
        const chunk = cursor.value as QueuedChunk;
        if (chunk.kind === kind && (part === undefined || chunk.part === part)) {
          cursor.delete();
          n += 1;
        }
        cursor.continue();
      };
    });
  }

  countChunks(attemptId: string): Promise<number> {
    return this.tx<number>([RECORDINGS], 'readonly', (t, done) => {
      const r = t.objectStore(RECORDINGS).index('by_attempt').count(attemptId);
      r.onsuccess = () => done(r.result);
    });
  }

  // --- outbox -----------------------------------------------------------------------

  /**
   * Record an edit: take the next client_seq of the attempt and write the entry, in one
   * transaction. Resolves once it is stored.
   */
  queueAnswer(
    attemptId: string,
    questionId: string,
    response: unknown,
    flagged: boolean,
  ): Promise<OutboxEntry> {
    return this.tx<OutboxEntry>([SESSIONS, OUTBOX], 'readwrite', (t, done) => {
      const sessions = t.objectStore(SESSIONS);
      const outbox = t.objectStore(OUTBOX);
      const rs = sessions.get(attemptId);
      rs.onsuccess = () => {
        const record = rs.result as StoredSession | undefined;
        const re = outbox.get([attemptId, questionId]);
        re.onsuccess = () => {
          const prev = re.result as OutboxEntry | undefined;
          const seq = Math.max(record?.seq ?? 0, prev?.client_seq ?? 0) + 1;
          const entry: OutboxEntry = {
            attempt_id: attemptId,
            question_id: questionId,
            response,
            flagged,
            client_seq: seq,
            error: null,
            updated_at: Date.now(),
          };
          outbox.put(entry);
          if (record) sessions.put({ ...record, seq });
          done(entry);
        };
      };
    });
  }

  getEntry(attemptId: string, questionId: string): Promise<OutboxEntry | undefined> {
    return this.tx<OutboxEntry | undefined>([OUTBOX], 'readonly', (t, done) => {
      const r = t.objectStore(OUTBOX).get([attemptId, questionId]);
      r.onsuccess = () => done(r.result as OutboxEntry | undefined);
    });
  }

  /** The attempt's outbox, oldest edit first. */
  outbox(attemptId: string): Promise<OutboxEntry[]> {
    return this.tx<OutboxEntry[]>([OUTBOX], 'readonly', (t, done) => {
      const r = t.objectStore(OUTBOX).index('by_attempt').getAll(attemptId);
      r.onsuccess = () => {
        const all = r.result as OutboxEntry[];
        all.sort((a, b) => a.updated_at - b.updated_at || a.client_seq - b.client_seq);
        done(all);
      };
    });
  }

  /**
   * The server acknowledged `ackedSeq` for this question. The entry is deleted only when
   * it is not newer than that (an edit made while the request was in flight stays queued).
   * When the server stored exactly this entry, the stored session learns the answer too,
   * so that a reload while offline shows it. Resolves true when the entry was deleted.
   */
  ack(attemptId: string, questionId: string, ackedSeq: number, savedAt?: string): Promise<boolean> {
    return this.tx<boolean>([SESSIONS, OUTBOX], 'readwrite', (t, done) => {
      const outbox = t.objectStore(OUTBOX);
      const re = outbox.get([attemptId, questionId]);
      re.onsuccess = () => {
        const entry = re.result as OutboxEntry | undefined;
        if (!entry || entry.client_seq > ackedSeq) {
          done(false);
          return;
        }
        outbox.delete([attemptId, questionId]);
        done(true);
        if (entry.client_seq !== ackedSeq) return;
        const sessions = t.objectStore(SESSIONS);
        const rs = sessions.get(attemptId);
        rs.onsuccess = () => {
          const record = rs.result as StoredSession | undefined;
          if (!record) return;
          const known: AnswerView | undefined = record.session.answers[questionId];
          if (known && known.client_seq >= entry.client_seq) return;
          const answer: AnswerView = {
            response: entry.response,
            flagged: entry.flagged,
            client_seq: entry.client_seq,
            saved_at: savedAt ?? new Date().toISOString(),
          };
          sessions.put({
            ...record,
            session: { ...record.session, answers: { ...record.session.answers, [questionId]: answer } },
          });
        };
      };
    });
  }

  /** The server refused this edit: keep it (so the student sees why) but stop sending it. */
  markRejected(attemptId: string, questionId: string, seq: number, message: string): Promise<boolean> {
    return this.tx<boolean>([OUTBOX], 'readwrite', (t, done) => {
      const outbox = t.objectStore(OUTBOX);
      const re = outbox.get([attemptId, questionId]);
      re.onsuccess = () => {
        const entry = re.result as OutboxEntry | undefined;
        if (!entry || entry.client_seq !== seq) {
          done(false);
          return;
        }
        outbox.put({ ...entry, error: message });
        done(true);
      };
    });
  }
}

let shared: Promise<ExamStore> | null = null;

/** The browser's store, opened once per page. */
export function examStore(): Promise<ExamStore> {
  if (!shared) {
    if (typeof indexedDB === 'undefined') {
      return Promise.reject(new Error('This browser cannot keep answers on the device.'));
    }
    shared = ExamStore.open(indexedDB).catch((err) => {
      shared = null;
      throw err;
    });
  }
  return shared;
}
