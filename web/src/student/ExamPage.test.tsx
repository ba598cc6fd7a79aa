import { IDBFactory } from 'fake-indexeddb';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderWithProviders } from '../test/utils';
import { ExamStore } from './db';
import { ExamPage } from './ExamPage';
import { FakeSocket } from './live/testing';
import { makeSession } from './testData';

// Proctoring (devices, setup steps) is tested on its own; here it is already running.
vi.mock('./proctoring/useProctoring', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./proctoring/useProctoring')>()),
  useProctoring: () => ({
    stage: { kind: 'running' },
    setup: null,
    markDone: () => undefined,
    kit: null,
    warnings: [],
    fullscreen: true,
    needsFullscreenPrompt: false,
    devices: { camera: true, microphone: true, screen: true },
    begin: () => undefined,
    returnToFullscreen: () => undefined,
    reshareScreen: async () => undefined,
    reconnectCamera: async () => undefined,
    flush: async () => undefined,
    retry: () => undefined,
  }),
}));

function soon(seconds: number) {
  const now = Date.now();
  return {
    server_now: new Date(now).toISOString(),
    deadline_at: new Date(now + seconds * 1000).toISOString(),
    remaining_seconds: seconds,
  };
}

describe('ExamPage', () => {
  it('shows the stored exam with unsent answers on top, then sends them', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    vi.stubGlobal('WebSocket', FakeSocket); // the live channel (tested in ExamPage.live.test.tsx)
    const store = await ExamStore.open(indexedDB);
    const server = makeSession({
      ...soon(1800),
      answers: { q1: { response: 'a', flagged: false, client_seq: 1, saved_at: '2025-03-01T10:00:00Z' } },
    });
    await store.saveSession({ attempt_id: 'att1', exam_id: 'ex1', token: 'at_x', session: server, clock_offset_ms: 0 });
    await store.queueAnswer('att1', 'q1', 'b', true); // edited offline, never sent
    store.close();

    const puts: unknown[] = [];
    const fetchMock = vi.fn(async (_url: string, init?: RequestInit) => {
      expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer at_x');
      if (_url.endsWith('/live')) return jsonResponse({ ...soon(1800), status: 'in_progress', paused_at: null, end_reason: '', warnings: [], chat: [] });
      if (init?.method === 'GET') return jsonResponse(server);
      if (init?.method === 'PUT') {
        const body = JSON.parse(String(init.body));
        puts.push(body);
        return jsonResponse({ question_id: 'q1', client_seq: body.client_seq, saved_at: '2025-03-01T10:05:00Z', applied: true });
      }
      return jsonResponse(soon(1700)); // heartbeat
    });
    vi.stubGlobal('fetch', fetchMock);

    renderWithProviders(
      <Routes>
        <Route path="/take/:examId/session" element={<ExamPage />} />
      </Routes>,
      { route: '/take/ex1/session' },
    );

    expect(await screen.findByRole('heading', { name: 'Question 1 of 3' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'B' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Flag for review' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Question 1, answered, flagged' })).toHaveAttribute('aria-current', 'step');
    await waitFor(() => expect(puts).toEqual([{ response: 'b', flagged: true, client_seq: 2 }]));
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(screen.getByRole('timer')).toHaveAccessibleName(/Time left: (29|30) minutes/);

    // Next question, answer it: stored, sent with a higher client_seq.
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.click(screen.getByRole('radio', { name: 'False' }));
    await waitFor(() => expect(puts).toContainEqual({ response: false, flagged: false, client_seq: 3 }));

    // The submit dialog counts what is unanswered.
    await userEvent.click(screen.getByRole('button', { name: 'Submit exam' }));
    expect(await screen.findByRole('dialog', { name: 'Submit exam?' })).toHaveTextContent('You have answered 2 of 3 questions.');
    expect(screen.getByRole('dialog')).toHaveTextContent('1 question is unanswered.');
  });
});
