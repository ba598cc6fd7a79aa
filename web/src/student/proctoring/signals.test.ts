import { describe, expect, it } from 'vitest';
import {
  addWarning,
  AwayState,
  classifyKey,
  Condition,
  devtoolsLikelyOpen,
  newClientId,
  toEvent,
  wantsSnapshot,
  warningText,
  type KeyLike,
} from './signals';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code: /^[a-z]$/i.test(k) ? `Key${k.toUpperCase()}` : k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('classifyKey', () => {
  it('blocks PrintScreen and reports it as a screenshot attempt and a blocked shortcut', () => {
    const v = classifyKey(key('PrintScreen'));
    expect(v?.block).toBe(true);
    expect(v?.signals.map((s) => s.type)).toEqual(['screenshot_attempt', 'blocked_shortcut']);
    expect(v?.signals[0].details).toEqual({ keys: 'PrintScreen' });
  });

  it('blocks save, print and view source with Ctrl or Cmd', () => {
    for (const [k, mods, label] of [
      ['s', { ctrlKey: true }, 'Ctrl+S'],
      ['p', { metaKey: true }, 'Cmd+P'],
      ['u', { ctrlKey: true }, 'Ctrl+U'],
    ] as const) {
      const v = classifyKey(key(k, mods));
      expect(v).toEqual({ block: true, signals: [{ type: 'blocked_shortcut', phase: 'instant', details: { keys: label } }] });
    }
  });

  it('blocks the developer tools keys', () => {
    expect(classifyKey(key('F12'))?.signals[0].details).toEqual({ keys: 'F12', devtools: true });
    for (const k of ['I', 'J', 'C']) {
      const v = classifyKey(key(k, { ctrlKey: true, shiftKey: true }));
      expect(v?.block).toBe(true);
      expect(v?.signals[0]).toMatchObject({ type: 'blocked_shortcut', details: { keys: `Ctrl+Shift+${k}`, devtools: true } });
    }
    expect(classifyKey(key('i', { metaKey: true, altKey: true }))?.signals[0].details).toMatchObject({ devtools: true });
  });

  it('reports macOS screenshot keys without pretending to block them', () => {
    const v = classifyKey({ key: '#', code: 'Digit3', metaKey: true, shiftKey: true, ctrlKey: false, altKey: false });
    expect(v).toEqual({ block: false, signals: [{ type: 'screenshot_attempt', phase: 'instant', details: { keys: 'Cmd+Shift+3' } }] });
  });

  it('leaves ordinary typing and copy/paste keys alone (the clipboard events report those)', () => {
    for (const k of [key('a'), key('S'), key('c', { ctrlKey: true }), key('v', { ctrlKey: true }), key('Enter'), key('s', { altKey: true })]) {
      expect(classifyKey(k)).toBeNull();
    }
  });
});

describe('AwayState', () => {
  it('makes one start and one end of a tab switch that fires blur and visibilitychange', () => {
    const away = new AwayState();
    expect(away.update({ focused: false })).toEqual({ type: 'tab_switch', phase: 'start', details: { reason: 'blur' } });
    expect(away.update({ hidden: true })).toBeNull();
    expect(away.update({ hidden: false })).toBeNull(); // still without focus
    expect(away.update({ focused: true })).toEqual({ type: 'tab_switch', phase: 'end' });
    expect(away.update({ focused: true })).toBeNull();
  });

  it('says the tab was hidden when it was', () => {
    const away = new AwayState();
    expect(away.update({ hidden: true })?.details).toEqual({ reason: 'hidden' });
  });
});

describe('Condition', () => {
  it('sends start and end only on changes', () => {
    const c = new Condition('fullscreen_exit');
    expect(c.set(false)).toBeNull();
    expect(c.set(true)).toEqual({ type: 'fullscreen_exit', phase: 'start', details: undefined });
    expect(c.set(true)).toBeNull();
    expect(c.set(false)).toEqual({ type: 'fullscreen_exit', phase: 'end' });
  });
});

describe('devtoolsLikelyOpen', () => {
  it('sees a docked panel, not the browser toolbars', () => {
    const closed = { outerWidth: 1366, innerWidth: 1366, outerHeight: 768, innerHeight: 660 };
    expect(devtoolsLikelyOpen(closed)).toBe(false);
    expect(devtoolsLikelyOpen({ ...closed, innerWidth: 900 })).toBe(true);
    expect(devtoolsLikelyOpen({ ...closed, innerHeight: 400 })).toBe(true);
    expect(devtoolsLikelyOpen({ outerWidth: 0, innerWidth: 1366, outerHeight: 0, innerHeight: 768 })).toBe(false);
  });
});

describe('events', () => {
  it('builds the event the server takes, with the snapshot of a warning', () => {
    const at = new Date('2025-03-01T10:00:05Z');
    expect(toEvent({ type: 'copy_paste', phase: 'instant', details: { action: 'paste' } }, at, 'ev-1', 'cam-1')).toEqual({
      client_id: 'ev-1',
      type: 'copy_paste',
      phase: 'instant',
      at: '2025-03-01T10:00:05.000Z',
      details: { action: 'paste' },
      snapshot_id: 'cam-1',
    });
    expect(toEvent({ type: 'tab_switch', phase: 'end' }, at, 'ev-2')).not.toHaveProperty('snapshot_id');
    expect(wantsSnapshot({ type: 'tab_switch', phase: 'start' })).toBe(true);
    expect(wantsSnapshot({ type: 'tab_switch', phase: 'end' })).toBe(false);
  });

  it('makes client ids the server accepts, all different', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newClientId('cam')));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/);
  });

  it('words each warning for the student', () => {
    expect(warningText({ type: 'copy_paste', phase: 'instant', details: { action: 'paste' } })).toBe(
      'Pasting is not allowed during the exam.',
    );
    expect(warningText({ type: 'blocked_shortcut', phase: 'instant', details: { keys: 'Ctrl+S' } })).toBe(
      'The shortcut Ctrl+S is blocked during the exam.',
    );
  });
});

describe('addWarning', () => {
  it('adds newest first and merges a burst of the same warning into one line', () => {
    let log = addWarning([], { type: 'right_click', phase: 'instant' }, 1000).log;
    const second = addWarning(log, { type: 'right_click', phase: 'instant' }, 2000);
    expect(second.merged).toBe(true);
    log = second.log;
    expect(log).toHaveLength(1);
    expect(log[0].count).toBe(2);
    log = addWarning(log, { type: 'tab_switch', phase: 'start' }, 2500).log;
    const later = addWarning(log, { type: 'tab_switch', phase: 'start' }, 9000);
    expect(later.merged).toBe(false);
    expect(later.log.map((w) => [w.type, w.count])).toEqual([
      ['tab_switch', 1],
      ['tab_switch', 1],
      ['right_click', 2],
    ]);
  });
});
