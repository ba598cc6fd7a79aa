import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../../test/utils';
import { FakeSocket } from './testing';
import { useLiveChannel } from './useLiveChannel';

function liveBody(over: Record<string, unknown> = {}) {
  return {
    status: 'in_progress',
    remaining_seconds: 1200,
    deadline_at: '2025-03-01T11:00:00Z',
    paused_at: null,
    end_reason: '',
    warnings: [],
    chat: [],
    ...over,
  };
}

afterEach(() => FakeSocket.reset());

function setup(live = liveBody()) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer at_x');
    if (url.endsWith('/live')) return jsonResponse(live);
    return jsonResponse(null, 204);
  });
  vi.stubGlobal('fetch', fetchMock);
  const onState = vi.fn();
  const hook = renderHook(() =>
    useLiveChannel({
      attemptId: 'att1',
      token: 'at_x',
      enabled: true,
      onState,
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
      backoffMs: [5],
    }),
  );
  const liveCalls = () => fetchMock.mock.calls.filter(([u]) => String(u).endsWith('/live')).length;
  return { fetchMock, onState, hook, liveCalls };
}

describe('useLiveChannel', () => {
  it('says hello with the token, reloads /live on every connect, and reconnects after a drop', async () => {
    const { liveCalls, onState } = setup();
    await waitFor(() => expect(onState).toHaveBeenCalledTimes(1)); // on load
    const first = FakeSocket.last;
    expect(first.url).toMatch(/^ws:\/\/.*\/ws\/exam-sessions\/att1$/);
    first.open();
    expect(first.sent).toEqual([JSON.stringify({ token: 'at_x' })]);
    first.receive({ type: 'ready', status: 'in_progress' });
    await waitFor(() => expect(liveCalls()).toBe(2));

    first.drop(1006);
    await waitFor(() => expect(FakeSocket.all).toHaveLength(2));
    FakeSocket.last.open();
    FakeSocket.last.receive({ type: 'ready', status: 'in_progress' });
    await waitFor(() => expect(liveCalls()).toBe(3));
  });

  it('does not reconnect when the server refuses for good', async () => {
    const { hook } = setup();
    FakeSocket.last.open();
    FakeSocket.last.drop(4403);
    await new Promise((r) => setTimeout(r, 30));
    expect(FakeSocket.all).toHaveLength(1);
    expect(hook.result.current.connection).toBe('closed');
  });

  it('queues warnings from /live and the socket, and acknowledges each once', async () => {
    const { hook, fetchMock } = setup(
      liveBody({ warnings: [{ id: 'w1', message: 'First', at: '2025-03-01T10:00:00Z' }] }),
    );
    await waitFor(() => expect(hook.result.current.warnings.map((w) => w.id)).toEqual(['w1']));
    FakeSocket.last.open();
    FakeSocket.last.receive({ type: 'warning', warning: { id: 'w2', message: 'Second' } });
    FakeSocket.last.receive({ type: 'warning', warning: { id: 'w2', message: 'Second' } });
    await waitFor(() => expect(hook.result.current.warnings.map((w) => w.id)).toEqual(['w1', 'w2']));
    hook.result.current.acknowledge('w1');
    await waitFor(() => expect(hook.result.current.warnings.map((w) => w.id)).toEqual(['w2']));
    const ack = fetchMock.mock.calls.find(([u]) => String(u).includes('/warnings/w1/ack'));
    expect(ack?.[1]?.method).toBe('POST');
    expect(hook.result.current.received).toHaveLength(2); // for the warning log
  });
});
