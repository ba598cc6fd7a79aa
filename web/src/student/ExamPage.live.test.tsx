import { IDBFactory } from 'fake-indexeddb';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderWithProviders } from '../test/utils';
import { examStore } from './db';
import { ExamPage } from './ExamPage';
import { FakeSocket, stubDocumentFonts } from './live/testing';
import { SubmittedPage } from './SubmittedPage';
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

const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

afterEach(() => FakeSocket.reset());
// One database for the file: the page keeps its store open across tests.
const idb = new IDBFactory();

/** The exam page with a stored session, a fake server and a fake socket. */
async function openExam(live: Record<string, unknown> = {}) {
  vi.stubGlobal('indexedDB', idb);
  vi.stubGlobal('WebSocket', FakeSocket);
  stubDocumentFonts();
  const session = makeSession({ server_now: iso(0), deadline_at: iso(1800_000), remaining_seconds: 1800 });
  const store = await examStore();
  await store.saveSession({ attempt_id: 'att1', exam_id: 'ex1', token: 'at_x', session, clock_offset_ms: 0 });

  const state = {
    live: {
      status: 'in_progress',
      remaining_seconds: 1800,
      deadline_at: session.deadline_at,
      paused_at: null as string | null,
      end_reason: '',
      warnings: [] as unknown[],
      chat: [] as unknown[],
      ...live,
    },
  };
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    if (url.endsWith('/live')) return jsonResponse(state.live);
    if (url.includes('/ack')) return jsonResponse(null, 204);
    if (url.endsWith('/result')) {
      return jsonResponse({ error: { code: 'results_not_released', message: 'Results are not released yet.' } }, 409);
    }
    // The session and the heartbeat: the same clock as /live.
    const { status, deadline_at, paused_at, remaining_seconds } = state.live;
    const timing = { status, deadline_at, paused_at, remaining_seconds, server_now: iso(0), started_at: session.started_at };
    return jsonResponse(method === 'GET' ? { ...session, ...timing } : timing);
  });
  vi.stubGlobal('fetch', fetchMock);

  renderWithProviders(
    <Routes>
      <Route path="/take/:examId/session" element={<ExamPage />} />
      <Route path="/take/:examId/submitted" element={<SubmittedPage />} />
    </Routes>,
    { route: '/take/ex1/session' },
  );
  expect(await screen.findByRole('heading', { name: 'Question 1 of 3' }, { timeout: 5000 })).toBeInTheDocument();
  await waitFor(() => expect(FakeSocket.all.length).toBeGreaterThan(0));
  // The page has heard from the server (its answer could otherwise land after a pause below).
  await waitFor(() => expect(fetchMock.mock.calls.some(([u]) => String(u).endsWith('/exam-sessions/att1'))).toBe(true));
  await waitFor(() => expect(screen.getByRole('timer')).toHaveAccessibleName(/^Time left: (29|30) minutes/));
  const socket = FakeSocket.last;
  socket.open();
  expect(JSON.parse(socket.sent[0])).toEqual({ token: 'at_x' });
  socket.receive({ type: 'ready', status: 'in_progress' });
  return { socket, state, fetchMock };
}

describe('ExamPage, live with the proctor', { timeout: 20_000 }, () => {
  it("blocks the page with the proctor's warning until the student acknowledges it", async () => {
    const { socket, fetchMock } = await openExam({
      warnings: [{ id: 'w0', message: 'Sent while you were offline.', at: iso(-60_000) }],
    });
    // The pending one from /live first, then the pushed one.
    const first = await screen.findByRole('dialog', { name: 'Message from your proctor' });
    expect(first).toHaveTextContent('Sent while you were offline.');
    socket.receive({ type: 'warning', warning: { id: 'w1', message: 'Keep your eyes on the screen.' } });
    expect(within(first).getByText(/1 more after this/)).toBeInTheDocument();

    await userEvent.keyboard('{Escape}'); // cannot be dismissed otherwise
    expect(screen.getByRole('dialog', { name: 'Message from your proctor' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'I understand' }));
    expect(await within(screen.getByRole('dialog')).findByText('Keep your eyes on the screen.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'I understand' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Message from your proctor' })).toBeNull());

    const acks = fetchMock.mock.calls.filter(([u, i]) => String(u).includes('/ack') && i?.method === 'POST');
    expect(acks.map(([u]) => String(u))).toEqual([
      '/api/v1/exam-sessions/att1/warnings/w0/ack',
      '/api/v1/exam-sessions/att1/warnings/w1/ack',
    ]);
    const log = screen.getByRole('region', { name: 'Warning log' });
    expect(within(log).getAllByText('Warning from your proctor')).toHaveLength(2);
  });

  it('covers the exam and stops the clock while paused; resumes on the new deadline', async () => {
    const { socket, state } = await openExam();
    // One instant for both ends, so that exactly 20 minutes stand between them.
    const pausedAt = Date.now();
    const at = (ms: number) => new Date(pausedAt + ms).toISOString();
    state.live = { ...state.live, status: 'paused', paused_at: at(0), deadline_at: at(1200_000), remaining_seconds: 1200 };
    socket.receive({ type: 'paused' });

    expect(await screen.findByText(/Your exam is paused by the proctor\. Your time is stopped; your answers are kept\./)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('timer')).toHaveAccessibleName('Time left: 20 minutes, paused'));
    expect(screen.getByRole('main')).toHaveAttribute('inert');
    expect(screen.getByRole('button', { name: 'Submit exam' })).toBeDisabled();
    // Chat stays open to the student.
    expect(screen.getByRole('button', { name: 'Chat with proctor' })).toBeEnabled();

    const deadline = iso(1200_000);
    state.live = { ...state.live, status: 'in_progress', paused_at: null, deadline_at: deadline, remaining_seconds: 1200 };
    socket.receive({ type: 'resumed', deadline_at: deadline });
    await waitFor(() => expect(screen.queryByText(/Your exam is paused by the proctor/)).toBeNull());
    expect(screen.getByRole('main')).not.toHaveAttribute('inert');
    await waitFor(() => expect(screen.getByRole('timer')).toHaveAccessibleName(/^Time left: (19 minutes 5\d seconds|20 minutes)$/));
  });

  it('ends the exam with the proctor’s reason', async () => {
    sessionStorage.clear();
    const { socket, fetchMock } = await openExam();
    socket.receive({ type: 'ended', reason: 'A phone was on the desk.' });
    expect(await screen.findByRole('heading', { name: 'Your proctor ended this exam' })).toBeInTheDocument();
    expect(screen.getByText('A phone was on the desk.')).toBeInTheDocument();
    expect(screen.getByText('Your answers so far were submitted.')).toBeInTheDocument();
    // The stored token is deleted with the session: the submitted page got it (and this tab keeps it).
    expect(JSON.parse(sessionStorage.getItem('procta:result:ex1')!)).toEqual({ attemptId: 'att1', token: 'at_x' });
    const result = await screen.findByRole('region', { name: 'Your result' });
    expect(
      await within(result).findByText('Your teacher has not released the results yet. Check back later.'),
    ).toBeInTheDocument();
    const asked = fetchMock.mock.calls.find(([u]) => String(u).endsWith('/exam-sessions/att1/result'));
    expect(new Headers(asked?.[1]?.headers).get('Authorization')).toBe('Bearer at_x');
  });

  it('counts unread chat messages from the proctor until the chat is opened', async () => {
    const { socket } = await openExam({
      chat: [{ id: 'c0', at: iso(-30_000), sender: 'proctor', name: 'Ms Proctor', text: 'Welcome', broadcast: true }],
    });
    expect(await screen.findByRole('button', { name: 'Chat with proctor, 1 unread' })).toBeInTheDocument();
    socket.receive({
      type: 'chat',
      message: { id: 'c1', at: iso(0), sender: 'proctor', name: 'Ms Proctor', text: 'Are you OK?', broadcast: false },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Chat with proctor, 2 unread' }));
    const drawer = await screen.findByRole('dialog', { name: 'Chat with your proctor' });
    expect(within(drawer).getByText('Are you OK?')).toBeInTheDocument();
    expect(within(drawer).getByText('To everyone')).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(await screen.findByRole('button', { name: 'Chat with proctor' })).toBeInTheDocument();
  });
});
