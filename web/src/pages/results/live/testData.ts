/** Rows, alerts, a triage panel and a fake teacher socket for the live page's tests. */
import type { LiveAlert, LiveChatMessage, LiveSession, LiveTriage, ProctorAction, ProctorDuty } from '../../../api/types';

export function liveRow(overrides: Partial<LiveSession> = {}): LiveSession {
  return {
    attempt_id: 'a1',
    exam_id: 'e1',
    student_id: 's1',
    roll_number: 'S1001',
    name: 'Ada Lovelace',
    status: 'in_progress',
    last_event_type: 'tab_switch',
    last_event_label: 'Tab switch',
    last_event_at: new Date(Date.now() - 3 * 60_000).toISOString(),
    severity: 'medium',
    live_risk: 40,
    tier: 'moderate',
    violations: 3,
    cal_status: 'ok',
    last_seen_at: new Date(Date.now() - 5_000).toISOString(),
    started_at: '2026-03-01T09:00:00Z',
    deadline_at: '2026-03-01T09:45:00Z',
    paused_at: null,
    end_reason: '',
    proctor_id: null,
    version: 1,
    ...overrides,
  };
}

export function proctorDuty(overrides: Partial<ProctorDuty> = {}): ProctorDuty {
  return {
    students_per_proctor: 0,
    proctors: [],
    active_students: 0,
    proctors_needed: 0,
    ...overrides,
  };
}

export function liveAlert(overrides: Partial<LiveAlert> = {}): LiveAlert {
  return {
    id: 'f1',
    attempt_id: 'a1',
    exam_id: 'e1',
    exam_title: 'Waves Quiz',
    student_name: 'Ada Lovelace',
    roll_number: 'S1001',
    type: 'tab_switch',
    label: 'Tab switch',
    severity: 'medium',
    source: 'browser',
    started_at: new Date(Date.now() - 2 * 60_000).toISOString(),
    message: 'Left the exam tab',
    ...overrides,
  };
}

export function proctorAction(overrides: Partial<ProctorAction> = {}): ProctorAction {
  return {
    id: 'pa1',
    action: 'warn',
    message: 'Eyes on your screen, please.',
    actor_name: 'Tess Teacher',
    at: '2026-03-01T09:06:00Z',
    acknowledged_at: null,
    ...overrides,
  };
}

export function liveTriage(overrides: Partial<LiveTriage> = {}): LiveTriage {
  return {
    row: liveRow(),
    exam_title: 'Waves Quiz',
    answered: 3,
    total: 8,
    remaining_seconds: 754,
    cal_reason: 'Your face is too dark: add light in front of you.',
    identity: { selfie_id: 'm-selfie', id_document_id: 'm-id', match: true },
    latest: { webcam: 'm-cam', screen: 'm-screen', room: null },
    risk_series: [
      ['2026-03-01T09:00:00Z', 0],
      ['2026-03-01T09:05:00Z', 55],
      ['2026-03-01T09:10:00Z', 40],
    ],
    actions: [proctorAction()],
    ...overrides,
  };
}

export function chatMessage(overrides: Partial<LiveChatMessage> = {}): LiveChatMessage {
  return {
    id: 'c1',
    at: '2026-03-01T09:07:00Z',
    sender: 'student',
    name: 'Ada Lovelace',
    text: 'My camera froze, is that OK?',
    broadcast: false,
    ...overrides,
  };
}

/** A WebSocket the test drives: `open()`, `receive(msg)`, `drop(code)`. */
export class FakeSocket {
  static instances: FakeSocket[] = [];
  static latest(): FakeSocket {
    const s = FakeSocket.instances[FakeSocket.instances.length - 1];
    if (!s) throw new Error('no socket was opened');
    return s;
  }

  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  closed = false;
  sent: string[] = [];

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }

  send(data: string) {
    this.sent.push(data);
  }

  close() {
    this.closed = true;
  }

  open() {
    this.onopen?.(new Event('open'));
  }

  receive(message: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }

  drop(code = 1006) {
    this.closed = true;
    this.onclose?.(new CloseEvent('close', { code }));
  }
}

/** jsdom has no `document.fonts`, which Mantine's autosizing Textarea listens to. */
export function stubDocumentFonts() {
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', {
      configurable: true,
      value: { addEventListener: () => {}, removeEventListener: () => {} },
    });
  }
}
