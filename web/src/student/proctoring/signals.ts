/**
 * Browser signals → proctoring events: pure functions, no DOM.
 *
 * The runtime (`monitor.ts`) listens to the browser; what a listener saw becomes a
 * `Signal` here (which flag type, which phase, which details), and what the student is told
 * about it. Lasting conditions are sent as `start`/`end` so the server folds them into one
 * flag (an episode); everything else is `instant`.
 */
import type { ProctorEventIn } from '../../api/types';

/** Short key/value facts about a signal (the server takes up to 12, strings up to 200). */
export type SignalDetails = NonNullable<ProctorEventIn['details']>;

/** The flag types the browser raises (the server's taxonomy has AI-only ones too). */
export const BROWSER_FLAGS = [
  'tab_switch',
  'fullscreen_exit',
  'copy_paste',
  'right_click',
  'blocked_shortcut',
  'devtools_open',
  'multiple_monitors',
  'screen_share_stopped',
  'camera_lost',
  'room_camera_lost',
  'microphone_lost',
  'connection_lost',
  'noise_level',
  'screenshot_attempt',
] as const;

export type BrowserFlag = (typeof BROWSER_FLAGS)[number];
export type Phase = 'instant' | 'start' | 'end';

export interface Signal {
  type: BrowserFlag;
  phase: Phase;
  details?: SignalDetails;
}

/** Flag types that last (sent as start/end); the others are instant. */
export const LASTING: ReadonlySet<BrowserFlag> = new Set<BrowserFlag>([
  'tab_switch',
  'fullscreen_exit',
  'devtools_open',
  'multiple_monitors',
  'screen_share_stopped',
  'camera_lost',
  'room_camera_lost',
  'microphone_lost',
  'connection_lost',
  'noise_level',
]);

/** What the student reads (toast and warning log) when a signal starts or happens. */
export function warningText(signal: Signal): string {
  const d = signal.details ?? {};
  switch (signal.type) {
    case 'tab_switch':
      return 'You left the exam page. Stay on this page until you submit.';
    case 'fullscreen_exit':
      return 'You left full screen. Return to full screen to continue.';
    case 'copy_paste': {
      const action = typeof d.action === 'string' ? d.action : 'copy';
      const verb = action === 'paste' ? 'Pasting' : action === 'cut' ? 'Cutting' : 'Copying';
      return `${verb} is not allowed during the exam.`;
    }
    case 'right_click':
      return 'Right-click is disabled during the exam.';
    case 'blocked_shortcut':
      return typeof d.keys === 'string'
        ? `The shortcut ${d.keys} is blocked during the exam.`
        : 'That shortcut is blocked during the exam.';
    case 'screenshot_attempt':
      return 'Screenshots are not allowed during the exam.';
    case 'devtools_open':
      return 'Developer tools seem to be open. Close them to continue.';
    case 'multiple_monitors':
      return 'A second screen is connected. Disconnect it or use only one screen.';
    case 'screen_share_stopped':
      return 'Screen sharing stopped. Share your entire screen again.';
    case 'camera_lost':
      return 'Your camera stopped. Check that it is connected and not used by another app.';
    case 'room_camera_lost':
      return 'Your room camera (the phone) stopped sending pictures. Check that its page is still open.';
    case 'microphone_lost':
      return 'Your microphone stopped. Check that it is connected and not muted.';
    case 'connection_lost':
      return 'Your connection dropped. Your work is kept on this device and sent when it is back.';
    case 'noise_level':
      return 'Ongoing noise was detected. Keep your room quiet.';
  }
}

/** Short title for a toast. */
export const WARNING_TITLE: Record<BrowserFlag, string> = {
  tab_switch: 'Tab switch detected',
  fullscreen_exit: 'Full screen left',
  copy_paste: 'Copy and paste blocked',
  right_click: 'Right-click blocked',
  blocked_shortcut: 'Shortcut blocked',
  screenshot_attempt: 'Screenshot blocked',
  devtools_open: 'Developer tools detected',
  multiple_monitors: 'Second screen detected',
  screen_share_stopped: 'Screen sharing stopped',
  camera_lost: 'Camera lost',
  room_camera_lost: 'Room camera lost',
  microphone_lost: 'Microphone lost',
  connection_lost: 'Connection lost',
  noise_level: 'Noise detected',
};

// --- keyboard -------------------------------------------------------------------------

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export interface KeyVerdict {
  /** preventDefault the key (false for what the page cannot stop, like macOS screenshots). */
  block: boolean;
  signals: Signal[];
}

function label(e: KeyLike, main: string): string {
  const parts: string[] = [];
  if (e.ctrlKey) parts.push('Ctrl');
  if (e.metaKey) parts.push('Cmd');
  if (e.altKey) parts.push('Alt');
  if (e.shiftKey) parts.push('Shift');
  parts.push(main);
  return parts.join('+');
}

/** Which keys are blocked and reported: PrintScreen (also a screenshot attempt), save,
 * print, view source, developer tools; macOS screenshot keys are reported only. Anything
 * else (including Ctrl+C/V, reported by the copy/paste events) is null. */
export function classifyKey(e: KeyLike): KeyVerdict | null {
  const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  const code = e.code ?? '';
  const mod = e.ctrlKey || e.metaKey;
  if (key === 'PrintScreen' || code === 'PrintScreen') {
    const keys = label(e, 'PrintScreen');
    return {
      block: true,
      signals: [
        { type: 'screenshot_attempt', phase: 'instant', details: { keys } },
        { type: 'blocked_shortcut', phase: 'instant', details: { keys } },
      ],
    };
  }
  // macOS: Cmd+Shift+3/4/5 (the system takes it; the page only hears it).
  if (e.metaKey && e.shiftKey && (['3', '4', '5'].includes(key) || /^Digit[345]$/.test(code))) {
    const digit = code.startsWith('Digit') ? code.slice(5) : key;
    return {
      block: false,
      signals: [{ type: 'screenshot_attempt', phase: 'instant', details: { keys: label(e, digit) } }],
    };
  }
  if (key === 'F12' || code === 'F12') {
    return { block: true, signals: [{ type: 'blocked_shortcut', phase: 'instant', details: { keys: label(e, 'F12'), devtools: true } }] };
  }
  const letter = /^Key[A-Z]$/.test(code) ? code.slice(3) : key;
  if (mod && (e.shiftKey || (e.metaKey && e.altKey)) && ['I', 'J', 'C'].includes(letter)) {
    return {
      block: true,
      signals: [{ type: 'blocked_shortcut', phase: 'instant', details: { keys: label(e, letter), devtools: true } }],
    };
  }
  if (mod && !e.shiftKey && !e.altKey && ['S', 'P', 'U'].includes(letter)) {
    return { block: true, signals: [{ type: 'blocked_shortcut', phase: 'instant', details: { keys: label(e, letter) } }] };
  }
  return null;
}

// --- lasting conditions ----------------------------------------------------------------

/**
 * Whether the student is "away" (the tab hidden or the window without focus), folded into
 * one condition so that a tab switch, which fires both blur and visibilitychange, makes
 * one start and one end.
 */
export class AwayState {
  hidden = false;
  blurred = false;

  get away(): boolean {
    return this.hidden || this.blurred;
  }

  /** Update from a browser event; returns the signal to send, or null. */
  update(change: { hidden?: boolean; focused?: boolean }): Signal | null {
    const before = this.away;
    if (change.hidden !== undefined) this.hidden = change.hidden;
    if (change.focused !== undefined) this.blurred = !change.focused;
    const after = this.away;
    if (before === after) return null;
    const reason = this.hidden ? 'hidden' : 'blur';
    return after ? { type: 'tab_switch', phase: 'start', details: { reason } } : { type: 'tab_switch', phase: 'end' };
  }
}

/** A boolean condition that sends start when it turns true and end when it turns false. */
export class Condition {
  active = false;

  constructor(private readonly type: BrowserFlag) {}

  set(active: boolean, details?: SignalDetails): Signal | null {
    if (active === this.active) return null;
    this.active = active;
    return active ? { type: this.type, phase: 'start', details } : { type: this.type, phase: 'end' };
  }
}

export interface WindowSizes {
  outerWidth: number;
  innerWidth: number;
  outerHeight: number;
  innerHeight: number;
}

/** Docked developer tools make the window's outer size exceed the page's by a panel's
 * width or height. A heuristic (undocked tools are not seen); zoom is accounted for. */
export function devtoolsLikelyOpen(w: WindowSizes, zoom = 1, threshold = 160): boolean {
  if (!w.outerWidth || !w.outerHeight) return false; // some browsers report 0 when hidden
  const widthGap = w.outerWidth - w.innerWidth * zoom;
  const heightGap = w.outerHeight - w.innerHeight * zoom;
  // The height gap includes the tab strip and toolbars (about 80–140 px).
  return widthGap > threshold || heightGap > threshold + 120;
}

// --- events --------------------------------------------------------------------------

/** A client id the server accepts (letters, digits, `_.:-`, at most 64). */
export function newClientId(prefix: string): string {
  const random =
    typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID().replace(/-/g, '')
      : Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  return `${prefix}-${Date.now().toString(36)}-${random.slice(0, 20)}`;
}

export function toEvent(signal: Signal, at: Date, clientId: string, snapshotId?: string | null): ProctorEventIn {
  const event: ProctorEventIn = {
    client_id: clientId,
    type: signal.type,
    phase: signal.phase,
    at: at.toISOString(),
    details: signal.details ?? {},
  };
  if (snapshotId) event.snapshot_id = snapshotId;
  return event;
}

/** Whether a signal should be sent: its type is on for this exam. */
export function isEnabled(type: BrowserFlag, enabled: readonly string[]): boolean {
  return enabled.includes(type);
}

/** A snapshot goes with every warning (start or instant), not with an end. */
export function wantsSnapshot(signal: Signal): boolean {
  return signal.phase !== 'end';
}

// --- the student's warning log ----------------------------------------------------------

export interface Warning {
  id: string;
  /** A browser signal, or a warning the proctor sent (see live/). */
  type: BrowserFlag | 'proctor';
  title: string;
  text: string;
  at: number;
  /** How many times it happened in a row (a burst of right-clicks is one line). */
  count: number;
}

/** Add a warning to the log (newest first); the same warning again within `mergeMs` only
 * counts up. Returns the new log and whether it was merged (no new toast then). */
export function addWarning(
  log: Warning[],
  signal: Signal,
  at: number,
  mergeMs = 3000,
  max = 100,
): { log: Warning[]; merged: boolean } {
  const text = warningText(signal);
  const last = log[0];
  if (last && last.type === signal.type && last.text === text && at - last.at <= mergeMs) {
    return { log: [{ ...last, count: last.count + 1, at }, ...log.slice(1)], merged: true };
  }
  const entry: Warning = {
    id: `${signal.type}-${at}-${log.length}`,
    type: signal.type,
    title: WARNING_TITLE[signal.type],
    text,
    at,
    count: 1,
  };
  return { log: [entry, ...log].slice(0, max), merged: false };
}
