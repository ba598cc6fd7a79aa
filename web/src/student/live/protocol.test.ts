import { describe, expect, it } from 'vitest';
import { mergeChat, mergeWarnings, parseLiveMessage, reconnectDelay, socketUrl } from './protocol';
import type { ChatMessage } from './api';

const msg = (id: string, at: string, over: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  at,
  sender: 'proctor',
  name: 'Ms Proctor',
  text: id,
  broadcast: false,
  ...over,
});

describe('live protocol', () => {
  it('reads the server frames it knows and ignores the rest', () => {
    const now = () => new Date('2025-03-01T10:00:00Z');
    expect(parseLiveMessage('{"type":"ready","status":"paused"}')).toEqual({ type: 'ready', status: 'paused' });
    expect(parseLiveMessage('{"type":"warning","warning":{"id":"w1","message":"Eyes on the screen"}}', now)).toEqual({
      type: 'warning',
      warning: { id: 'w1', message: 'Eyes on the screen', at: '2025-03-01T10:00:00.000Z' },
    });
    expect(parseLiveMessage('{"type":"resumed","deadline_at":"2025-03-01T11:05:00Z"}')).toEqual({
      type: 'resumed',
      deadlineAt: '2025-03-01T11:05:00Z',
    });
    expect(parseLiveMessage('{"type":"ended","reason":"Phone on the desk"}')).toEqual({
      type: 'ended',
      reason: 'Phone on the desk',
    });
    expect(parseLiveMessage('{"type":"chat","message":{"id":"c1","at":"x","sender":"proctor","name":"P","text":"hi"}}')).toMatchObject({
      type: 'chat',
      message: { id: 'c1', broadcast: false },
    });
    expect(parseLiveMessage('{"type":"warning","warning":{}}')).toBeNull();
    expect(parseLiveMessage('{"type":"session"}')).toBeNull();
    expect(parseLiveMessage('not json')).toBeNull();
    expect(parseLiveMessage(new ArrayBuffer(2))).toBeNull();
  });

  it('keeps one chat message per id, oldest first', () => {
    const a = msg('a', '2025-03-01T10:00:00Z');
    const b = msg('b', '2025-03-01T10:01:00Z', { sender: 'student' });
    const c = msg('c', '2025-03-01T10:02:00Z', { broadcast: true });
    expect(mergeChat([a, b], [c, b]).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(mergeChat([c], [a]).map((m) => m.id)).toEqual(['a', 'c']);
  });

  it('queues warnings once, never one already acknowledged', () => {
    const w = (id: string) => ({ id, message: id, at: '2025-03-01T10:00:00Z' });
    const q = mergeWarnings([w('1')], [w('1'), w('2'), w('3')], new Set(['3']));
    expect(q.map((x) => x.id)).toEqual(['1', '2']);
  });

  it('backs off with jitter and builds ws/wss from the page', () => {
    expect(reconnectDelay(0, [1000, 5000], () => 0.5)).toBe(1000);
    expect(reconnectDelay(9, [1000, 5000], () => 0)).toBe(4000);
    expect(socketUrl('att 1', { protocol: 'https:', host: 'procta.example' })).toBe(
      'wss://procta.example/ws/exam-sessions/att%201',
    );
    expect(socketUrl('a', { protocol: 'http:', host: 'localhost:8124' })).toBe('ws://localhost:8124/ws/exam-sessions/a');
  });
});
