import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useTeacherSocket } from '../../../api/teacherSocket';
import { jsonResponse, makeMe, renderWithProviders } from '../../../test/utils';
import { requested, stubFetch } from '../testData';
import { LiveSessionsPage } from './LiveSessionsPage';
import { chatMessage, FakeSocket, liveAlert, liveRow, liveTriage, proctorAction, stubDocumentFonts } from './testData';

const LIVE = '/api/v1/exams/e1/live';
const ALERTS = '/api/v1/live/alerts';
type Handler = Parameters<typeof stubFetch>[0];

const exam: Handler = (url) =>
  url.pathname === '/api/v1/exams/e1' ? jsonResponse({ id: 'e1', title: 'Waves Quiz', course: null, duration_minutes: 20 }) : undefined;
const get = (path: string, body: unknown): Handler => (url, init) =>
  url.pathname === path && (init.method ?? 'GET') === 'GET' ? jsonResponse(body) : undefined;

/** The page as AppLayout hosts it: with the teacher socket connected (a fresh stream per test). */
let stream = 0;
function WithSocket({ id, children }: { id: string; children: ReactNode }) {
  useTeacherSocket(true, id);
  return children;
}

function renderPage(route = '/exams/e1/live') {
  stream += 1;
  return renderWithProviders(
    <WithSocket id={`o1-${stream}`}>
      <Routes>
        <Route path="/exams/:examId/live" element={<LiveSessionsPage />} />
        <Route path="/attempts/:attemptId" element={<p>attempt page</p>} />
      </Routes>
    </WithSocket>,
    { me: makeMe('teacher'), route },
  );
}

const socket = () => FakeSocket.latest();
/** A message from the server; Query tells the page on its next tick, so wait for it. */
const send = (message: unknown) =>
  act(async () => {
    socket().receive(message);
    await new Promise((r) => setTimeout(r, 0));
  });

const names = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(within(r).getAllByRole('cell')[0]!).getAllByRole('button')[0]!.textContent);

/**
 * Choose an item of Ada's row menu. (jsdom has no layout, so floating-ui may think the
 * menu's button is scrolled away and hide the dropdown: look among hidden items too.)
 */
async function pick(user: ReturnType<typeof userEvent.setup>, item: string) {
  await user.click(screen.getByRole('button', { name: 'Actions for Ada Lovelace' }));
  await user.click(await screen.findByRole('menuitem', { name: item, hidden: true }));
}

const body = (fetchMock: ReturnType<typeof stubFetch>, path: string) =>
  fetchMock.mock.calls
    .filter(([input, init]) => new URL(String(input), 'http://localhost').pathname === path && init?.method === 'POST')
    .map(([, init]) => JSON.parse(String(init!.body)) as unknown);

beforeEach(() => {
  // Toasts live in a store shared by every test: start each one with none.
  notifications.clean();
  stubDocumentFonts();
  FakeSocket.instances = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});

describe('LiveSessionsPage', { timeout: 30_000 }, () => {
  it('lists sessions riskiest first with every column, sorts, filters by tier, and opens the triage panel', async () => {
    stubFetch(
      exam,
      get(LIVE, [
        liveRow({ attempt_id: 'a2', roll_number: 'S1002', name: 'Alan Turing', live_risk: 81, tier: 'critical', severity: 'high', last_event_label: 'Phone detected' }),
        liveRow(),
        liveRow({ attempt_id: 'a3', roll_number: 'S1003', name: 'Grace Hopper', live_risk: 0, tier: 'low', severity: '', last_event_type: '', last_event_label: '', last_event_at: null, violations: 0, cal_status: 'skipped', status: 'submitted' }),
      ]),
      get(ALERTS, []),
      get('/api/v1/attempts/a1/live', liveTriage()),
    );
    const user = userEvent.setup();
    renderPage();

    const table = await screen.findByRole('table', { name: 'Live sessions' });
    await within(table).findByText('Alan Turing');
    expect(screen.getByRole('heading', { name: 'Waves Quiz — live sessions' })).toBeInTheDocument();
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Session',
      'Last Event',
      'Severity',
      'Risk',
      'Cal',
      'Last Seen',
      'Status',
      'Actions',
    ]);
    expect(names(table)).toEqual(['Alan Turing', 'Ada Lovelace', 'Grace Hopper']);
    expect(screen.getByRole('columnheader', { name: 'Risk' })).toHaveAttribute('aria-sort', 'descending');

    const ada = within(within(table).getByText('Ada Lovelace').closest('tr')!).getAllByRole('cell');
    expect(ada[0]).toHaveTextContent('S1001 · 3 violations');
    expect(ada[1]).toHaveTextContent('Tab switch');
    expect(ada[1]).toHaveTextContent('3 min ago');
    expect(ada[2]).toHaveTextContent('Medium');
    expect(ada[3]).toHaveTextContent('40');
    expect(ada[4]).toHaveTextContent('OK');
    expect(ada[5]).toHaveTextContent('just now');
    expect(ada[6]).toHaveTextContent('In progress');
    expect(within(ada[7]!).getByRole('button', { name: 'Actions for Ada Lovelace' })).toBeInTheDocument();
    const alan = within(table).getByText('Alan Turing').closest('tr')!;
    expect(within(alan).getByText('81').closest('.mantine-Badge-root')).toHaveStyle({ '--badge-color': 'var(--mantine-color-red-light-color)' });
    const grace = within(within(table).getByText('Grace Hopper').closest('tr')!).getAllByRole('cell');
    expect(grace[1]).toHaveTextContent('No events');
    expect(grace[4]).toHaveTextContent('Skipped');
    expect(screen.getByText(/2 active · 3 in all/)).toBeInTheDocument();

    // Least risky first, then by name.
    await user.click(screen.getByRole('button', { name: 'Risk' }));
    expect(names(table)).toEqual(['Grace Hopper', 'Ada Lovelace', 'Alan Turing']);
    await user.click(screen.getByRole('button', { name: 'Session' }));
    expect(names(table)).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);

    // Tiers: High takes High and Critical; Medium is Moderate.
    await user.click(screen.getByRole('radio', { name: 'High' }));
    expect(names(table)).toEqual(['Alan Turing']);
    await user.click(screen.getByRole('radio', { name: 'Medium' }));
    expect(names(table)).toEqual(['Ada Lovelace']);
    await user.click(screen.getByRole('radio', { name: 'Low' }));
    expect(names(table)).toEqual(['Grace Hopper']);
    await user.click(screen.getByRole('radio', { name: 'All' }));

    // A row opens the triage panel, not another page.
    await user.click(within(table).getByText('Tab switch'));
    const panel = await screen.findByRole('dialog');
    expect(await within(panel).findByText('3 of 8 answered')).toBeInTheDocument();
    expect(screen.queryByText('attempt page')).not.toBeInTheDocument();
  });

  it('streams: a session message replaces or adds a row, an alert tops the feed, and the indicator follows the socket', async () => {
    const fetchMock = stubFetch(exam, get(LIVE, [liveRow()]), get(ALERTS, [liveAlert()]));
    renderPage();
    const table = await screen.findByRole('table', { name: 'Live sessions' });
    await within(table).findByText('40');
    expect(screen.getByRole('status')).toHaveTextContent('Connecting…');
    act(() => socket().open());
    expect(screen.getByRole('status')).toHaveTextContent('Streaming');

    // The same attempt: its row is replaced.
    await send({ id: '1-0', type: 'session', row: liveRow({ live_risk: 77, tier: 'critical', last_event_label: 'Phone detected', status: 'paused', version: 2 }) });
    const ada = within(table).getByText('Ada Lovelace').closest('tr')!;
    expect(within(ada).getByText('77')).toBeInTheDocument();
    expect(within(ada).getByText('Phone detected')).toBeInTheDocument();
    expect(within(ada).getByText('Paused')).toBeInTheDocument();
    // A newcomer to this exam is added; another exam's row is not ours.
    const longAgo = new Date(Date.now() - 3_600_000).toISOString();
    await send({ id: '1-1', type: 'session', row: liveRow({ attempt_id: 'a9', name: 'Niels Bohr', roll_number: 'S1009', live_risk: 5, tier: 'low', last_seen_at: longAgo }) });
    await send({ type: 'session', row: liveRow({ attempt_id: 'x1', exam_id: 'e2', name: 'Marie Curie' }) });
    expect(names(table)).toEqual(['Ada Lovelace', 'Niels Bohr']);
    expect(within(table).queryByText('Marie Curie')).not.toBeInTheDocument();
    // A row read before Ada's change (a lower version) is stale: the newer one stays.
    await send({ id: '1-2', type: 'session', row: liveRow({ live_risk: 12, tier: 'low', status: 'in_progress', version: 1 }) });
    const adaNow = within(table).getByText('Ada Lovelace').closest('tr')!;
    expect(within(adaNow).getByText('77')).toBeInTheDocument();
    expect(within(adaNow).getByText('Paused')).toBeInTheDocument();

    // A heartbeat patches Last Seen and the clock of a shown row; it never adds one.
    const niels = () => within(table).getByText('Niels Bohr').closest('tr')!;
    expect(within(niels()).queryByText('just now')).not.toBeInTheDocument();
    const beat = { exam_id: 'e1', status: 'in_progress', deadline_at: '2026-03-01T10:00:00Z', paused_at: null };
    await send({ type: 'seen', row: { ...beat, attempt_id: 'a9', last_seen_at: new Date().toISOString() } });
    await send({ type: 'seen', row: { ...beat, attempt_id: 'a77', last_seen_at: new Date().toISOString() } });
    expect(names(table)).toEqual(['Ada Lovelace', 'Niels Bohr']);
    expect(within(niels()).getByText('just now')).toBeInTheDocument();

    // Alerts: newest on top.
    const feed = screen.getByRole('list', { name: 'Alerts' });
    expect(within(feed).getAllByRole('listitem')).toHaveLength(1);
    await send({ id: '1-2', type: 'alert', alert: liveAlert({ id: 'f9', message: 'Multiple faces detected', severity: 'high', started_at: new Date().toISOString() }) });
    await send({ id: '1-3', type: 'alert', alert: liveAlert({ id: 'f10', exam_id: 'e2', message: 'Not ours' }) });
    const items = within(feed).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Multiple faces detected');
    expect(items[0]).toHaveTextContent('High · Ada Lovelace (S1001) · Waves Quiz');
    expect(items[0]).toHaveTextContent('just now');
    expect(items[1]).toHaveTextContent('Left the exam tab');

    // No polling: the table was asked for once.
    expect(requested(fetchMock, LIVE)).toHaveLength(1);

    act(() => socket().drop(1006));
    expect(screen.getByRole('status')).toHaveTextContent('Reconnecting…');

    // "resync" (the server cannot replay): the table and the alerts are reloaded.
    await act(() => new Promise((r) => setTimeout(r, 1100)));
    expect(socket().url).toContain('last_id=1-3');
    act(() => socket().open());
    expect(screen.getByRole('status')).toHaveTextContent('Streaming');
    await send({ type: 'resync' });
    await waitFor(() => expect(requested(fetchMock, LIVE)).toHaveLength(2));
    await waitFor(() => expect(requested(fetchMock, ALERTS)).toHaveLength(2));
    expect(requested(fetchMock, ALERTS)[0]!.searchParams.get('exam_id')).toBe('e1');
  });

  it('warns, pauses and ends from the row menu, posting the action and showing errors', async () => {
    let pause = 0;
    const fetchMock = stubFetch(exam, get(LIVE, [liveRow()]), get(ALERTS, []), (url, init) => {
      if (url.pathname !== '/api/v1/attempts/a1/actions') return undefined;
      const { action, message } = JSON.parse(String(init.body)) as { action: string; message: string };
      if (action === 'pause' && ++pause === 1) {
        return jsonResponse({ error: { code: 'already_paused', message: 'This attempt is already paused.' } }, 409);
      }
      const status = action === 'end' ? 'terminated' : action === 'pause' ? 'paused' : 'in_progress';
      return jsonResponse({ action: proctorAction({ id: `pa-${action}`, action: action as 'warn', message }), row: liveRow({ status, violations: 4 }) });
    });
    const user = userEvent.setup();
    renderPage();
    const table = await screen.findByRole('table', { name: 'Live sessions' });
    await within(table).findByText('Ada Lovelace');

    // Warn: the message is required.
    await pick(user, 'Warn…');
    const warn = await screen.findByRole('dialog', { name: 'Warn Ada Lovelace' });
    await user.click(within(warn).getByRole('button', { name: 'Send warning' }));
    expect(within(warn).getByText('Write something first.')).toBeInTheDocument();
    expect(body(fetchMock, '/api/v1/attempts/a1/actions')).toEqual([]);
    await user.type(within(warn).getByRole('textbox', { name: /Message to the student/ }), 'Eyes on your own screen.');
    await user.click(within(warn).getByRole('button', { name: 'Send warning' }));
    expect(await screen.findByText('Warning sent to Ada Lovelace.')).toBeInTheDocument();
    expect(body(fetchMock, '/api/v1/attempts/a1/actions')).toEqual([{ action: 'warn', message: 'Eyes on your own screen.' }]);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Warn Ada Lovelace' })).not.toBeInTheDocument());
    expect(within(table).getByText(/4 violations/)).toBeInTheDocument();

    // Pause: at once; a refusal is shown in words.
    await pick(user, 'Pause');
    expect(await screen.findByText('This attempt is already paused.')).toBeInTheDocument();
    expect(screen.getByText('Could not pause the exam')).toBeInTheDocument();
    await pick(user, 'Pause');
    await waitFor(() => expect(within(table).getByText('Paused')).toBeInTheDocument());
    expect(body(fetchMock, '/api/v1/attempts/a1/actions').slice(1)).toEqual([
      { action: 'pause', message: '' },
      { action: 'pause', message: '' },
    ]);

    // End: a reason, then a confirmation.
    await pick(user, 'End…');
    const end = await screen.findByRole('dialog', { name: 'End Ada Lovelace’s attempt' });
    await user.type(within(end).getByRole('textbox', { name: /Reason/ }), 'Someone was helping.');
    await user.click(within(end).getByRole('button', { name: 'End attempt…' }));
    expect(within(end).getByText('End this attempt now?')).toBeInTheDocument();
    expect(body(fetchMock, '/api/v1/attempts/a1/actions')).toHaveLength(3);
    await user.click(within(end).getByRole('button', { name: 'Yes, end the attempt' }));
    expect(await screen.findByText('Ada Lovelace’s attempt was ended and submitted.')).toBeInTheDocument();
    expect(body(fetchMock, '/api/v1/attempts/a1/actions')[3]).toEqual({ action: 'end', message: 'Someone was helping.' });
    await waitFor(() => expect(within(table).getByText('Terminated')).toBeInTheDocument());
  });

  it('shows the triage panel: snapshots, risk line, progress, time left, calibration, identity, timelines; an alert opens it too', async () => {
    let triage = liveTriage();
    const fetchMock = stubFetch(
      exam,
      get(LIVE, [liveRow()]),
      get(ALERTS, [liveAlert()]),
      (url) => (url.pathname === '/api/v1/attempts/a1/live' ? jsonResponse(triage) : undefined),
      get('/api/v1/attempts/a1/proctoring', {
        attempt_id: 'a1',
        flags: [
          {
            id: 'f1', type: 'tab_switch', label: 'Tab switch', source: 'browser', severity: 'medium', weight: 10,
            started_at: '2026-03-01T09:05:00Z', ended_at: '2026-03-01T09:05:42Z', duration_seconds: 42, open: false,
            event_count: 2, confidence: 1, suggestion: 'confirm', decision: 'undecided', decided_by: null, decided_at: null,
            snapshots: ['m-cam'], details: {},
          },
        ],
        media: [{ id: 'm-cam', kind: 'webcam', taken_at: '2026-03-01T09:05:01Z', width: 640, height: 480, size: 1000 }],
      }),
    );
    const user = userEvent.setup();
    renderPage();
    act(() => socket().open());
    const feed = await screen.findByRole('list', { name: 'Alerts' });
    await user.click(within(feed).getByRole('button', { name: /Left the exam tab/ }));

    const panel = await screen.findByRole('dialog');
    // Opened from an alert: on the flags.
    expect(await within(panel).findByText('42s · Browser', { exact: false })).toBeInTheDocument();
    expect(within(panel).getByText('Tab switch')).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: /Enlarge the evidence/ })).toBeInTheDocument();

    await user.click(within(panel).getByRole('tab', { name: 'Overview' }));
    expect(await within(panel).findByText('3 of 8 answered')).toBeInTheDocument();
    expect(within(panel).getByText('12m 34s left')).toBeInTheDocument();
    expect(within(panel).getByText('Your face is too dark: add light in front of you.')).toBeInTheDocument();
    expect(within(panel).getByText('Match: yes')).toBeInTheDocument();
    expect(within(panel).getByRole('img', { name: /Live risk .* now 40, peak 55/ })).toBeInTheDocument();
    expect(within(panel).getByRole('img', { name: 'webcam snapshot' })).toHaveAttribute('src', '/api/v1/attempts/a1/media/m-cam');
    expect(within(panel).getByRole('img', { name: 'screen snapshot' })).toHaveAttribute('src', '/api/v1/attempts/a1/media/m-screen');
    expect(within(panel).getByText('No room snapshot')).toBeInTheDocument();
    expect(within(panel).getByRole('img', { name: 'ID photo' })).toHaveAttribute('src', '/api/v1/attempts/a1/media/m-id');

    await user.click(within(panel).getByRole('tab', { name: /Actions/ }));
    expect(within(panel).getByText('Tess Teacher')).toBeInTheDocument();
    expect(within(panel).getByText('“Eyes on your screen, please.”')).toBeInTheDocument();
    expect(within(panel).getByText('Not acknowledged yet')).toBeInTheDocument();

    // A change to this attempt refreshes the panel.
    const before = requested(fetchMock, '/api/v1/attempts/a1/live').length;
    await send({ id: '2-0', type: 'alert', alert: liveAlert({ id: 'f2', message: 'Gaze away' }) });
    await waitFor(() => expect(requested(fetchMock, '/api/v1/attempts/a1/live').length).toBeGreaterThan(before));

    // Paused: the clock says so.
    await user.click(within(panel).getByRole('tab', { name: 'Overview' }));
    triage = liveTriage({ row: liveRow({ status: 'paused' }) });
    await send({ id: '2-1', type: 'session', row: liveRow({ status: 'paused' }) });
    await waitFor(() => expect(within(panel).getByText('Time left').parentElement).toHaveTextContent('Time leftPaused'));
    expect(within(panel).getByRole('button', { name: 'Resume' })).toBeInTheDocument();

    // Escape in a dialog over the panel closes the dialog only.
    await user.click(within(panel).getByRole('button', { name: 'Warn' }));
    expect(await screen.findByRole('dialog', { name: 'Warn Ada Lovelace' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Warn Ada Lovelace' })).not.toBeInTheDocument());
    expect(panel).toBeInTheDocument();
    expect(within(panel).getByText('Time left')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('keeps a row streamed while the table was loading when the table is older', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowTable: Handler = (url, init) =>
      url.pathname === LIVE && (init.method ?? 'GET') === 'GET'
        ? gate.then(() => jsonResponse([liveRow({ live_risk: 10, tier: 'low', version: 3 })]))
        : undefined;
    stubFetch(exam, slowTable, get(ALERTS, []));
    renderPage();
    act(() => socket().open());
    await send({ id: '1-0', type: 'session', row: liveRow({ live_risk: 66, tier: 'high', version: 4 }) });
    release();
    const table = await screen.findByRole('table', { name: 'Live sessions' });
    const ada = (await within(table).findByText('Ada Lovelace')).closest('tr')!;
    expect(within(ada).getByText('66')).toBeInTheDocument();
  });

  it('chats with a student: unread badge, history, live messages, sending, and a rate-limit error', async () => {
    let sent = 0;
    const fetchMock = stubFetch(
      exam,
      get(LIVE, [liveRow()]),
      get(ALERTS, []),
      get('/api/v1/attempts/a1/live', liveTriage()),
      get('/api/v1/attempts/a1/proctoring', { attempt_id: 'a1', flags: [], media: [] }),
      get('/api/v1/attempts/a1/chat', [chatMessage({ id: 'c0', sender: 'proctor', name: 'Tess Teacher', text: 'Hello Ada' }), chatMessage()]),
      (url, init) => {
        if (url.pathname !== '/api/v1/attempts/a1/chat' || init.method !== 'POST') return undefined;
        sent += 1;
        if (sent > 1) return jsonResponse({ error: { code: 'chat_rate_limited', message: 'Too many messages: at most 20 in 10 seconds.' } }, 429);
        const { text } = JSON.parse(String(init.body)) as { text: string };
        return jsonResponse(chatMessage({ id: 'c5', sender: 'proctor', name: 'Tess Teacher', text }), 201);
      },
    );
    const user = userEvent.setup();
    renderPage();
    const table = await screen.findByRole('table', { name: 'Live sessions' });
    await within(table).findByText('Ada Lovelace');
    act(() => socket().open());

    await send({ type: 'chat', message: chatMessage(), attempt_id: 'a1', exam_id: 'e1' });
    const badge = await within(table).findByLabelText('1 unread message from Ada Lovelace');
    await user.click(screen.getByRole('button', { name: 'Actions for Ada Lovelace (1 unread)' }));
    expect(await screen.findByRole('menuitem', { name: /Chat/ })).toHaveTextContent('1');
    await user.keyboard('{Escape}');
    await user.click(badge);

    const panel = await screen.findByRole('dialog');
    const thread = await within(panel).findByRole('list', { name: 'Chat with Ada Lovelace' });
    expect(within(thread).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('Hello Ada'),
      expect.stringContaining('My camera froze'),
    ]);
    await waitFor(() => expect(within(table).queryByLabelText(/unread message/)).not.toBeInTheDocument());

    // Read as they come while the chat is open; a broadcast joins the thread.
    await send({ type: 'chat', message: chatMessage({ id: 'c3', text: 'Thanks!' }), attempt_id: 'a1', exam_id: 'e1' });
    await send({ type: 'chat', message: chatMessage({ id: 'c4', sender: 'proctor', name: 'Tess Teacher', text: 'Ten minutes left', broadcast: true }), exam_id: 'e1' });
    expect(within(thread).getByText('Thanks!')).toBeInTheDocument();
    expect(within(thread).getByText('Ten minutes left')).toBeInTheDocument();
    expect(within(table).queryByLabelText(/unread message/)).not.toBeInTheDocument();

    const box = within(panel).getByRole('textbox', { name: 'Message to Ada Lovelace' });
    await user.type(box, 'Yes, carry on{Enter}');
    expect(await within(thread).findByText('Yes, carry on')).toBeInTheDocument();
    expect(body(fetchMock, '/api/v1/attempts/a1/chat')).toEqual([{ text: 'Yes, carry on' }]);
    expect(box).toHaveValue('');
    // The socket's echo of our own message is not shown twice.
    await send({ type: 'chat', message: chatMessage({ id: 'c5', sender: 'proctor', name: 'Tess Teacher', text: 'Yes, carry on' }), attempt_id: 'a1', exam_id: 'e1' });
    expect(within(thread).getAllByText('Yes, carry on')).toHaveLength(1);

    await user.type(box, 'Again');
    await user.click(within(panel).getByRole('button', { name: 'Send' }));
    expect(await within(panel).findByText('Too many messages: at most 20 in 10 seconds.')).toBeInTheDocument();
    expect(box).toHaveValue('Again');

    // Back from a dropped connection the feed is replayed, but chat is never kept for
    // replay: the open thread loads again.
    await send({ id: '9-0', type: 'session', row: liveRow() });
    const loads = requested(fetchMock, '/api/v1/attempts/a1/chat').length;
    act(() => socket().drop(1006));
    await act(() => new Promise((r) => setTimeout(r, 1100)));
    expect(socket().url).toContain('last_id=9-0');
    act(() => socket().open());
    await waitFor(() => expect(requested(fetchMock, '/api/v1/attempts/a1/chat')).toHaveLength(loads + 1));
  });

  it('sends a message to everyone', async () => {
    const fetchMock = stubFetch(exam, get(LIVE, [liveRow()]), get(ALERTS, []), (url, init) =>
      url.pathname === '/api/v1/exams/e1/chat' && init.method === 'POST'
        ? jsonResponse(chatMessage({ id: 'b1', sender: 'proctor', broadcast: true, text: 'Five minutes left' }), 201)
        : undefined,
    );
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('Ada Lovelace');
    await user.click(screen.getByRole('button', { name: 'Message everyone' }));
    const dialog = await screen.findByRole('dialog', { name: 'Message everyone' });
    await user.type(within(dialog).getByRole('textbox', { name: /Message/ }), 'Five minutes left');
    await user.click(within(dialog).getByRole('button', { name: 'Send to everyone' }));
    expect(await screen.findByText('Message sent to everyone writing this exam.')).toBeInTheDocument();
    expect(body(fetchMock, '/api/v1/exams/e1/chat')).toEqual([{ text: 'Five minutes left' }]);
  });

  it('says when nobody has started, and shows a load error in words', async () => {
    stubFetch(exam, get(LIVE, []), get(ALERTS, []));
    const first = renderPage();
    expect(await screen.findByText(/Nobody has started this exam yet/)).toBeInTheDocument();
    expect(await screen.findByText(/No alerts yet/)).toBeInTheDocument();
    first.unmount();

    stubFetch(exam, get(ALERTS, []), (url) =>
      url.pathname === LIVE ? jsonResponse({ error: { code: 'not_found', message: 'Exam not found.' } }, 404) : undefined,
    );
    renderPage();
    const alert = (await screen.findByText('Could not load the sessions')).closest('[role="alert"]')!;
    expect(alert).toHaveTextContent('Exam not found.');
  });
});
