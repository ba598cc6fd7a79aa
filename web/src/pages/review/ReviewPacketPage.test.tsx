import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReviewPacket } from '../../api/types';
import { jsonResponse, makeMe, renderWithProviders } from '../../test/utils';
import { requested, stubFetch } from '../results/testData';
import { ReviewPacketPage } from './ReviewPacketPage';
import { reviewPacket, stubDocumentFonts, stubMedia, warning } from './testData';

const PACKET = '/api/v1/attempts/a1/review';

function renderPage(route = '/review/a1') {
  return renderWithProviders(
    <Routes>
      <Route path="/review/:attemptId" element={<ReviewPacketPage />} />
    </Routes>,
    { me: makeMe('teacher'), route },
  );
}

/** A fake server keeping one packet; `next` is what /reviews/next answers. */
function fakeServer(start: ReviewPacket = reviewPacket(), { next = 'a2' as string | null, summary = true } = {}) {
  let packet = start;
  return stubFetch(
    (url, init) => (url.pathname === PACKET && (init.method ?? 'GET') === 'GET' ? jsonResponse(packet) : undefined),
    (url) =>
      url.pathname === '/api/v1/attempts/a1/summary'
        ? summary
          ? jsonResponse({ text: 'Two tab switches; one confirmed.', source: 'rules' })
          : jsonResponse({ error: { code: 'not_found', message: 'Not Found' } }, 404)
        : undefined,
    (url) => (url.pathname === '/api/v1/reviews/next' ? jsonResponse({ attempt_id: next }) : undefined),
    (url, init) => {
      const m = url.pathname.match(/^\/api\/v1\/flags\/(\w+)\/decision$/);
      if (!m || init.method !== 'POST') return undefined;
      const { decision } = JSON.parse(String(init.body)) as { decision: 'confirmed' | 'dismissed' | 'undecided' };
      const flags = packet.proctoring.flags.map((f) => (f.id === m[1] ? { ...f, decision, decided_by: 'Tess Teacher' } : f));
      packet = { ...packet, proctoring: { ...packet.proctoring, flags, scores: { ...packet.proctoring.scores, integrity: 60, risk: 40 } } };
      return jsonResponse({ updated: 1 });
    },
    (url, init) => {
      if (url.pathname !== '/api/v1/attempts/a1/warnings' || init.method !== 'POST') return undefined;
      const body = JSON.parse(String(init.body)) as { at: string; comment: string };
      const flag = warning({ id: 'w-new', started_at: body.at, ended_at: body.at, comment: body.comment });
      packet = { ...packet, proctoring: { ...packet.proctoring, flags: [...packet.proctoring.flags, flag] } };
      return jsonResponse(flag, 201);
    },
    (url, init) => {
      const m = url.pathname.match(/^\/api\/v1\/attempts\/a1\/warnings\/(\w+)$/);
      if (!m || init.method !== 'DELETE') return undefined;
      packet = { ...packet, proctoring: { ...packet.proctoring, flags: packet.proctoring.flags.filter((f) => f.id !== m[1]) } };
      return jsonResponse(null, 204);
    },
    (url, init) => {
      if (url.pathname !== PACKET || init.method !== 'POST') return undefined;
      const body = JSON.parse(String(init.body)) as { status: 'approved' | 'declined'; comment: string };
      const review = { status: body.status, comment: body.comment, by: 'Tess Teacher', at: '2026-03-02T10:00:00Z' };
      packet = { ...packet, review };
      return jsonResponse(review);
    },
    (url, init) => {
      if (url.pathname !== '/api/v1/attempts/a1/appeal' || init.method !== 'POST') return undefined;
      const body = JSON.parse(String(init.body)) as { status: 'upheld' | 'rejected'; resolution: string };
      const appeal = { ...packet.appeal!, ...body, resolved_by: 'Tess Teacher', resolved_at: '2026-03-02T10:00:00Z' };
      packet = { ...packet, appeal };
      return jsonResponse(appeal);
    },
  );
}

const lastBody = (fetchMock: ReturnType<typeof stubFetch>, path: string, method = 'POST') =>
  JSON.parse(
    String(
      fetchMock.mock.calls.filter(([u, init]) => new URL(String(u), 'http://x').pathname === path && init?.method === method).at(-1)![1]!.body,
    ),
  );

const video = (name: 'Webcam recording' | 'Screen recording') => screen.getByLabelText(name) as HTMLVideoElement;

describe('the review packet', () => {
  beforeEach(() => {
    stubMedia();
    stubDocumentFonts();
  });

  it('shows identity, rules as icons, the recordings with their gap, the summary and the session log in time order', async () => {
    fakeServer();
    renderPage();

    const identity = await screen.findByRole('region', { name: 'Identity' });
    expect(within(identity).getByRole('img', { name: 'ID photo' })).toHaveAttribute('src', '/api/v1/attempts/a1/media/m-id');
    expect(within(identity).getByRole('img', { name: 'Selfie' })).toHaveAttribute('src', '/api/v1/attempts/a1/media/m-selfie');
    expect(within(identity).getByTestId('registered-name')).toHaveTextContent('Ada Lovelace');
    expect(within(identity).getByRole('button', { name: 'Name does not match' })).toBeEnabled();

    const rules = screen.getByRole('region', { name: 'Exam rules' });
    expect(within(rules).getByRole('listitem', { name: 'Allowed: Calculator' })).toBeInTheDocument();
    expect(within(rules).getByRole('listitem', { name: 'Prohibited: Mobile phone' })).toBeInTheDocument();
    expect(within(rules).getAllByRole('listitem')).toHaveLength(5);

    expect(video('Webcam recording')).toHaveAttribute('src', '/api/v1/attempts/a1/recordings/webcam');
    expect(video('Screen recording')).toHaveAttribute('src', '/api/v1/attempts/a1/recordings/screen');
    expect(screen.getByRole('slider', { name: 'Review timeline' })).toHaveAttribute('max', '1800');
    expect(screen.getByRole('note', { name: 'Recording gaps' })).toHaveTextContent('Webcam recording missing 10:00–11:00');
    // At 00:00 the screen recording has not started yet.
    expect(screen.getByTestId('screen-placeholder')).toHaveTextContent('No screen video at this moment');

    expect(await screen.findByText('Two tab switches; one confirmed.')).toBeInTheDocument();

    const log = screen.getByRole('table', { name: 'Session log' });
    const rows = within(log).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^05:00.*Tab switch.*Browser.*Medium.*100%/),
      expect.stringMatching(/^07:00.*Gaze deviation.*AI.*20%.*Dismiss/),
      expect.stringMatching(/^20:00.*Multiple faces.*AI.*High.*95%/),
    ]);
    expect(screen.getByTestId('undecided')).toHaveTextContent('3');
  });

  it('seeks both videos when a log row is clicked, each with its offset', async () => {
    fakeServer();
    const user = userEvent.setup();
    renderPage();
    const log = await screen.findByRole('table', { name: 'Session log' });

    await user.click(within(log).getByText('Tab switch'));
    expect(video('Webcam recording').currentTime).toBe(300);
    expect(video('Screen recording').currentTime).toBe(295);
    expect(screen.getByTestId('player-time')).toHaveTextContent('05:00 / 30:00');
    expect(screen.queryByTestId('screen-placeholder')).not.toBeInTheDocument();

    // Into the webcam's gap: it waits on the first frame after the gap, and says so.
    const slider = screen.getByRole('slider', { name: 'Review timeline' });
    fireEvent.change(slider, { target: { value: '630' } });
    expect(video('Webcam recording').currentTime).toBe(660);
    expect(video('Screen recording').currentTime).toBe(625);
    expect(screen.getByTestId('webcam-placeholder')).toHaveTextContent('Webcam recording missing here');
  });

  it('plays, pauses and sets the speed of both videos together', async () => {
    fakeServer();
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('table', { name: 'Session log' });

    await user.click(within(screen.getByRole('table', { name: 'Session log' })).getByText('Gaze deviation'));
    await user.click(screen.getByRole('button', { name: 'Play' }));
    expect(video('Webcam recording').paused).toBe(false);
    expect(video('Screen recording').paused).toBe(false);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Playback speed' }), '2');
    expect(video('Webcam recording').playbackRate).toBe(2);
    expect(video('Screen recording').playbackRate).toBe(2);
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(video('Webcam recording').paused).toBe(true);
    expect(video('Screen recording').paused).toBe(true);
  });

  it('confirms an AI alert, which joins the Confirmed by Proctor list', async () => {
    const fetchMock = fakeServer();
    const user = userEvent.setup();
    renderPage();
    const log = await screen.findByRole('table', { name: 'Session log' });

    await user.click(within(log).getByRole('button', { name: 'Confirm Multiple faces' }));
    await waitFor(() => expect(requested(fetchMock, '/api/v1/flags/f3/decision')).toHaveLength(1));
    expect(lastBody(fetchMock, '/api/v1/flags/f3/decision')).toEqual({ decision: 'confirmed' });
    const confirmed = screen.getByRole('region', { name: 'Confirmed by Proctor' });
    expect(await within(confirmed).findByText('Multiple faces')).toBeInTheDocument();
    expect(screen.getByTestId('integrity')).toHaveTextContent('60');
    // The video did not move: the button is not a row click.
    expect(video('Webcam recording').currentTime).toBe(0);
  });

  it('adds a warning at the paused moment, with a comment', async () => {
    const fetchMock = fakeServer();
    const user = userEvent.setup();
    renderPage();
    const log = await screen.findByRole('table', { name: 'Session log' });

    await user.click(within(log).getByText('Tab switch')); // 05:00
    await user.click(screen.getByRole('button', { name: 'Play' }));
    await user.click(screen.getByRole('button', { name: 'Add warning' }));
    expect(video('Webcam recording').paused).toBe(true);
    const dialog = await screen.findByRole('dialog', { name: 'Add warning' });
    expect(within(dialog).getByRole('textbox', { name: 'At' })).toHaveValue('05:00');

    await user.click(within(dialog).getByRole('button', { name: 'Save warning' }));
    expect(within(dialog).getByText('Say why you warn.')).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: /Comment/ }), 'Reads from a sheet');
    await user.click(within(dialog).getByRole('button', { name: 'Save warning' }));

    await waitFor(() => expect(requested(fetchMock, '/api/v1/attempts/a1/warnings')).toHaveLength(1));
    expect(lastBody(fetchMock, '/api/v1/attempts/a1/warnings')).toEqual({ at: '2026-03-01T09:05:00.000Z', comment: 'Reads from a sheet' });
    expect(await within(log).findByText('“Reads from a sheet”')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add warning' })).not.toBeInTheDocument());
  });

  it('offers Remove only on the reviewer’s own warnings', async () => {
    const base = reviewPacket();
    const packet = reviewPacket({
      proctoring: {
        ...base.proctoring,
        flags: [
          ...base.proctoring.flags,
          warning({ id: 'w1', comment: 'Mine' }),
          warning({ id: 'w2', comment: 'Theirs', created_by: 'Pat Proctor', created_by_id: 'u2', started_at: '2026-03-01T09:11:00Z' }),
        ],
      },
    });
    const fetchMock = fakeServer(packet);
    const user = userEvent.setup();
    renderPage();
    const log = await screen.findByRole('table', { name: 'Session log' });

    const mine = within(log).getByText('“Mine”').closest('tr')!;
    const theirs = within(log).getByText('“Theirs”').closest('tr')!;
    expect(theirs).toHaveTextContent('Added by Pat Proctor');
    expect(within(theirs).queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
    expect(mine).toHaveTextContent('Added by you');
    expect(within(log).getAllByRole('button', { name: /^Remove/ })).toHaveLength(1);

    await user.click(within(mine).getByRole('button', { name: 'Remove warning: Mine' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove this warning?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([u, init]) => String(u).endsWith('/attempts/a1/warnings/w1') && init?.method === 'DELETE')).toBe(true));
    await waitFor(() => expect(within(log).queryByText('“Mine”')).not.toBeInTheDocument());
  });

  it('sends the review and offers the next session', async () => {
    const fetchMock = fakeServer();
    const user = userEvent.setup();
    renderPage('/review/a1?exam_id=e1');
    const form = await screen.findByRole('region', { name: /^Review/ });

    expect(within(form).getByRole('button', { name: 'Send' })).toBeDisabled();
    await user.click(within(form).getByRole('radio', { name: 'Declined' }));
    await user.type(within(form).getByRole('textbox', { name: /Comment/ }), 'Second person in view');
    await user.click(within(form).getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(lastBody(fetchMock, PACKET)).toEqual({ status: 'declined', comment: 'Second person in view', name_mismatch: false }));
    const next = await within(form).findByRole('link', { name: 'Next session' });
    expect(next).toHaveAttribute('href', '/review/a2?exam_id=e1');
    const asked = requested(fetchMock, '/api/v1/reviews/next').at(-1)!;
    expect(asked.searchParams.get('after')).toBe('a1');
    expect(asked.searchParams.get('exam_id')).toBe('e1');
    expect(await within(form).findByTestId('review-status')).toHaveTextContent('Declined');
  });

  it('says the queue is empty when no session is left', async () => {
    fakeServer(reviewPacket(), { next: null });
    const user = userEvent.setup();
    renderPage();
    const form = await screen.findByRole('region', { name: /^Review/ });
    await user.click(within(form).getByRole('radio', { name: 'Approved' }));
    await user.click(within(form).getByRole('button', { name: 'Send' }));
    expect(await within(form).findByText(/Queue is empty/)).toBeInTheDocument();
  });

  it('declines for a name that does not match, with a comment', async () => {
    const fetchMock = fakeServer();
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Name does not match' }));
    const dialog = await screen.findByRole('dialog', { name: 'Name does not match' });
    await user.type(within(dialog).getByRole('textbox', { name: /Comment/ }), 'ID says Ada Byron');
    await user.click(within(dialog).getByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(lastBody(fetchMock, PACKET)).toEqual({ status: 'declined', comment: 'ID says Ada Byron', name_mismatch: true }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Name does not match' })).not.toBeInTheDocument());
  });

  it('resolves an open appeal only with a resolution', async () => {
    const fetchMock = fakeServer(
      reviewPacket({
        review: { status: 'declined', comment: 'Phone', by: 'Tess Teacher', at: '2026-03-01T12:00:00Z' },
        appeal: {
          id: 'ap1',
          attempt_id: 'a1',
          comment: 'It was my calculator app',
          status: 'open',
          resolution: '',
          created_at: '2026-03-01T13:00:00Z',
          resolved_by: null,
          resolved_at: null,
        },
      }),
    );
    const user = userEvent.setup();
    renderPage();
    const card = await screen.findByRole('region', { name: /^Appeal/ });
    expect(within(card).getByTestId('appeal-comment')).toHaveTextContent('It was my calculator app');
    await user.click(within(card).getByRole('button', { name: 'Uphold' }));
    expect(within(card).getByText('Write a resolution for the student.')).toBeInTheDocument();
    await user.type(within(card).getByRole('textbox', { name: /Resolution/ }), 'Calculator was allowed');
    await user.click(within(card).getByRole('button', { name: 'Uphold' }));
    await waitFor(() =>
      expect(lastBody(fetchMock, '/api/v1/attempts/a1/appeal')).toEqual({ status: 'upheld', resolution: 'Calculator was allowed' }),
    );
    expect(await within(card).findByText(/Upheld by Tess Teacher/)).toBeInTheDocument();
  });

  it('explains an attempt without recordings and hides a missing summary', async () => {
    fakeServer(reviewPacket({ recordings: [] }), { summary: false });
    renderPage();
    expect(await screen.findByText('This attempt has no recordings; its snapshots are in the session log.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Webcam recording')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'AI summary' })).not.toBeInTheDocument());
    expect(screen.getByRole('table', { name: 'Session log' })).toBeInTheDocument();
  });

  it('links the PDF and HTML reports', async () => {
    fakeServer();
    renderPage();
    expect(await screen.findByRole('link', { name: 'PDF report' })).toHaveAttribute('href', '/api/v1/attempts/a1/report.pdf');
    expect(screen.getByRole('link', { name: 'HTML report' })).toHaveAttribute('href', '/api/v1/attempts/a1/report.html');
  });
});
