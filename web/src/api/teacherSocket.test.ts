import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket, liveRow } from '../pages/results/live/testData';
import { keys } from './queries';
import {
  backoffDelay,
  handleTeacherEvent,
  liveMessage,
  TeacherFeed,
  teacherSocketUrl,
  useLiveMessages,
  useTeacherSocket,
  useTeacherSocketState,
} from './teacherSocket';

describe('teacher socket events', () => {
  it('invalidates members on member.* and invites on invite.*', () => {
    const qc = new QueryClient();
    const spy = vi.spyOn(qc, 'invalidateQueries');

    expect(handleTeacherEvent(qc, { type: 'member.joined', org_id: 'o1', data: {} })).toBe(true);
    expect(spy).toHaveBeenCalledWith({ queryKey: keys.members });
    expect(spy).toHaveBeenCalledWith({ queryKey: keys.invites });

    spy.mockClear();
    expect(handleTeacherEvent(qc, { type: 'invite.created', org_id: 'o1', data: {} })).toBe(true);
    expect(spy).toHaveBeenCalledWith({ queryKey: keys.invites });
    expect(spy).not.toHaveBeenCalledWith({ queryKey: keys.members });

    spy.mockClear();
    expect(handleTeacherEvent(qc, { type: 'attempt.updated' })).toBe(false);
    expect(handleTeacherEvent(qc, { type: 'session' })).toBe(false);
    expect(spy).not.toHaveBeenCalled();
  });

  it('backs off exponentially up to 30 s', () => {
    expect(backoffDelay(0)).toBeLessThanOrEqual(1000);
    expect(backoffDelay(3)).toBeGreaterThanOrEqual(4000);
    expect(backoffDelay(20)).toBeLessThanOrEqual(30_000);
  });

  it('builds the socket address, with the last id when there is one', () => {
    const loc = { protocol: 'https:', host: 'procta.test' } as Location;
    expect(teacherSocketUrl(loc)).toBe('wss://procta.test/ws/teacher');
    expect(teacherSocketUrl(loc, '1700000000000-3')).toBe('wss://procta.test/ws/teacher?last_id=1700000000000-3');
  });

  it('narrows live messages and refuses the rest', () => {
    expect(liveMessage({ type: 'session', row: liveRow() })).toMatchObject({ type: 'session' });
    expect(liveMessage({ type: 'session' })).toBeNull();
    expect(liveMessage({ type: 'alert', alert: { id: 'f1' } })).toMatchObject({ type: 'alert' });
    expect(liveMessage({ type: 'chat', message: { id: 'c1' }, exam_id: 'e1' })).toMatchObject({ type: 'chat' });
    expect(liveMessage({ type: 'resync' })).toEqual({ type: 'resync' });
    expect(liveMessage({ type: 'reconnected' })).toEqual({ type: 'reconnected' });
    expect(liveMessage({ type: 'member.joined' })).toBeNull();
  });
});

describe('TeacherFeed', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const make = () => new TeacherFeed((lastId) => `ws://test/ws/teacher${lastId ? `?last_id=${lastId}` : ''}`);

  it('tracks its state, reconnects with backoff and asks for what it missed with ?last_id=', () => {
    const feed = make();
    const states: string[] = [];
    feed.watchState(() => states.push(feed.getState()));
    const heard: unknown[] = [];
    feed.subscribe((m) => heard.push(m));

    feed.connect('o1');
    expect(feed.getState()).toBe('connecting');
    const first = FakeSocket.latest();
    expect(first.url).toBe('ws://test/ws/teacher');
    first.open();
    expect(feed.getState()).toBe('open');

    first.receive({ id: '100-0', type: 'session', row: liveRow() });
    first.receive({ type: 'session', row: liveRow({ live_risk: 39 }) }); // a repaint: no id
    first.onmessage?.(new MessageEvent('message', { data: 'not json' }));
    expect(heard).toHaveLength(2);
    expect(feed.lastId).toBe('100-0');

    first.drop(1006);
    expect(feed.getState()).toBe('reconnecting');
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    const second = FakeSocket.latest();
    expect(second).not.toBe(first);
    expect(second.url).toBe('ws://test/ws/teacher?last_id=100-0');
    second.open();
    expect(feed.getState()).toBe('open');
    // The server replays the feed; the pages only reload what it does not keep (chat).
    expect(heard).toHaveLength(3);
    expect(heard[2]).toEqual({ type: 'reconnected' });
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);

    feed.disconnect();
    expect(second.closed).toBe(true);
    expect(feed.getState()).toBe('off');
  });

  it('asks the pages to reload when it reconnects with nothing to replay from', () => {
    const feed = make();
    const heard: unknown[] = [];
    feed.subscribe((m) => heard.push(m));
    feed.connect('o1');
    FakeSocket.latest().open();
    FakeSocket.latest().drop();
    vi.advanceTimersByTime(1000);
    FakeSocket.latest().open();
    expect(heard).toEqual([{ type: 'resync' }]);
  });

  it('stops on 4401 and starts a fresh stream for another org', () => {
    const feed = make();
    feed.connect('o1');
    FakeSocket.latest().open();
    FakeSocket.latest().receive({ id: '5-1', type: 'alert', alert: {} });
    FakeSocket.latest().drop(4401);
    expect(feed.getState()).toBe('denied');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);

    feed.connect('o2');
    expect(feed.lastId).toBe('');
    expect(FakeSocket.latest().url).toBe('ws://test/ws/teacher');
    expect(feed.getState()).toBe('connecting');
  });
});

describe('useTeacherSocket', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
    vi.stubGlobal('WebSocket', FakeSocket);
  });

  it('keeps member lists live and shares messages and state with the pages', () => {
    const feed = new TeacherFeed(() => 'ws://test/ws/teacher');
    const qc = new QueryClient();
    const spy = vi.spyOn(qc, 'invalidateQueries');
    const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client: qc }, children);
    const onLive = vi.fn();
    const { result, unmount } = renderHook(
      () => {
        useTeacherSocket(true, 'o1', feed);
        useLiveMessages(onLive, feed);
        return useTeacherSocketState(feed);
      },
      { wrapper },
    );
    expect(result.current).toBe('connecting');
    act(() => FakeSocket.latest().open());
    expect(result.current).toBe('open');

    act(() => FakeSocket.latest().receive({ type: 'member.joined', org_id: 'o1', data: {} }));
    expect(spy).toHaveBeenCalledWith({ queryKey: keys.members });
    expect(onLive).not.toHaveBeenCalled();

    act(() => FakeSocket.latest().receive({ id: '1-0', type: 'session', row: liveRow() }));
    expect(onLive).toHaveBeenCalledWith(expect.objectContaining({ type: 'session', row: expect.objectContaining({ attempt_id: 'a1' }) }));

    act(() => FakeSocket.latest().drop());
    expect(result.current).toBe('reconnecting');
    unmount();
    expect(feed.getState()).toBe('off');
  });
});
