import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { Proctoring } from '../../../api/types';
import { jsonResponse, makeMe, renderWithProviders } from '../../../test/utils';
import { AttemptPage } from '../AttemptPage';
import { attemptDetail, proctorFlag, proctoringRecord, requested, stubFetch } from '../testData';

const RECORD = '/api/v1/attempts/a1/proctoring';

function renderPage(route = '/attempts/a1?tab=proctoring') {
  return renderWithProviders(
    <Routes>
      <Route path="/attempts/:attemptId" element={<AttemptPage />} />
    </Routes>,
    { me: makeMe('teacher'), route },
  );
}

/** A fake server that keeps one proctoring record and changes it as the real one would. */
function fakeServer(start: Proctoring = proctoringRecord()) {
  let record = start;
  const fetchMock = stubFetch(
    (url) => (url.pathname === '/api/v1/attempts/a1' ? jsonResponse(attemptDetail({ violations: record.scores.violations })) : undefined),
    (url) => (url.pathname === RECORD ? jsonResponse(record) : undefined),
    (url, init) => {
      const decided = url.pathname.match(/^\/api\/v1\/flags\/(\w+)\/decision$/);
      const many = url.pathname === '/api/v1/flags/decisions';
      if ((!decided && !many) || init.method !== 'POST') return undefined;
      const body = JSON.parse(String(init.body)) as { decision: 'confirmed' | 'dismissed' | 'undecided'; flag_ids?: string[] };
      const ids = many ? body.flag_ids! : [decided![1]!];
      const flags = record.flags.map((f) =>
        ids.includes(f.id) ? { ...f, decision: body.decision, decided_by: body.decision === 'undecided' ? null : 'Tess Teacher' } : f,
      );
      const confirmed = flags.filter((f) => f.decision === 'confirmed').length;
      record = { ...record, flags, scores: { ...record.scores, integrity: 72 - 5 * confirmed, risk: 28 + 5 * confirmed } };
      return jsonResponse({ updated: ids.length });
    },
    (url, init) => {
      if (url.pathname !== '/api/v1/attempts/a1/verdict' || init.method !== 'POST') return undefined;
      const { verdict } = JSON.parse(String(init.body)) as { verdict: 'none' | 'clear' | 'escalate' };
      record = {
        ...record,
        scores: {
          ...record.scores,
          verdict,
          verdict_by: verdict === 'none' ? null : 'Tess Teacher',
          verdict_at: verdict === 'none' ? null : '2026-03-02T10:00:00Z',
          integrity: verdict === 'clear' ? 100 : 72,
          risk: verdict === 'clear' ? 0 : 28,
          risk_tier: verdict === 'clear' ? 'low' : 'moderate',
        },
      };
      return jsonResponse({ updated: 1 });
    },
  );
  return fetchMock;
}

const body = (fetchMock: ReturnType<typeof stubFetch>, path: string) =>
  JSON.parse(String(fetchMock.mock.calls.filter(([u]) => String(u).endsWith(path)).at(-1)![1]!.body));

describe('the attempt’s Proctoring tab', () => {
  it('shows the scores, the flags with their hints, consent, calibration, identity and recordings', async () => {
    fakeServer();
    const user = userEvent.setup();
    renderPage();

    expect(await screen.findByTestId('integrity')).toHaveTextContent('72');
    const scores = screen.getByRole('region', { name: 'Scores' });
    expect(scores).toHaveTextContent('28 · Moderate');
    expect(scores).toHaveTextContent('13 · Low');
    expect(screen.getByTestId('verdict')).toHaveTextContent('No verdict');
    expect(screen.getByRole('tab', { name: /Proctoring/ })).toHaveAttribute('aria-selected', 'true');

    const flags = screen.getByRole('table', { name: 'Flags' });
    const tab = within(flags).getByText('Tab switch').closest('tr')!;
    expect(tab).toHaveTextContent('Browser');
    expect(tab).toHaveTextContent('42s');
    expect(tab).toHaveTextContent('100%');
    expect(tab).toHaveTextContent('Likely real');
    const gaze = within(flags).getByText('Gaze deviation').closest('tr')!;
    expect(gaze).toHaveTextContent('AI');
    expect(gaze).toHaveTextContent('Instant');
    expect(gaze).toHaveTextContent('20%');
    expect(gaze).toHaveTextContent('Likely noise');
    expect(screen.getByText(/a suggestion is never a decision/)).toBeInTheDocument();

    const consent = screen.getByRole('region', { name: 'Consent and calibration' });
    expect(consent).toHaveTextContent('recordings kept 30 days');
    expect(consent).toHaveTextContent('Webcam snapshots every 10 seconds');
    expect(consent).toHaveTextContent('Poor');
    expect(consent).toHaveTextContent('Your face is too dark');
    const identity = screen.getByRole('region', { name: 'Identity' });
    expect(within(identity).getByRole('img', { name: 'ID photo' })).toHaveAttribute('src', '/api/v1/attempts/a1/media/m-id');
    expect(within(identity).getByRole('img', { name: 'Selfie' })).toHaveAttribute('src', '/api/v1/attempts/a1/media/m-selfie');
    const strip = screen.getByRole('list', { name: 'Snapshots' });
    expect(within(strip).getAllByRole('listitem')).toHaveLength(2);

    // A flag's snapshot opens large.
    await user.click(within(tab).getByRole('button', { name: /Enlarge the webcam snapshot/ }));
    const dialog = await screen.findByRole('dialog', { name: /Webcam/ });
    expect(within(dialog).getByRole('img')).toHaveAttribute('src', '/api/v1/attempts/a1/media/m-cam');
    await user.click(within(dialog).getByRole('switch', { name: 'Show the faces the AI found' }));
    expect(within(dialog).getByRole('img')).toHaveAttribute('src', '/api/v1/attempts/a1/media/m-cam?boxes=true');
  });

  it('confirms a flag, shows who decided, updates the scores at once, and undoes it', async () => {
    const fetchMock = fakeServer();
    const user = userEvent.setup();
    renderPage();
    const flags = await screen.findByRole('table', { name: 'Flags' });

    await user.click(within(flags).getByRole('button', { name: /^Confirm Tab switch/ }));
    await waitFor(() => expect(requested(fetchMock, '/api/v1/flags/f1/decision')).toHaveLength(1));
    expect(body(fetchMock, '/flags/f1/decision')).toEqual({ decision: 'confirmed' });
    const row = within(flags).getByText('Tab switch').closest('tr')!;
    expect(await within(row).findByText('Confirmed')).toBeInTheDocument();
    expect(row).toHaveTextContent('by Tess Teacher');
    expect(screen.getByTestId('integrity')).toHaveTextContent('67');

    await user.click(within(row).getByRole('button', { name: /^Undo the decision on Tab switch/ }));
    await waitFor(() => expect(body(fetchMock, '/flags/f1/decision')).toEqual({ decision: 'undecided' }));
    expect(await within(row).findByRole('button', { name: /^Confirm Tab switch/ })).toBeInTheDocument();
    expect(screen.getByTestId('integrity')).toHaveTextContent('72');
  });

  it('dismisses the ticked flags together', async () => {
    const fetchMock = fakeServer(
      proctoringRecord({ flags: [proctorFlag(), proctorFlag({ id: 'f2', label: 'Fullscreen exit' }), proctorFlag({ id: 'f3', label: 'Right click' })] }),
    );
    const user = userEvent.setup();
    renderPage();
    const flags = await screen.findByRole('table', { name: 'Flags' });
    const dismiss = screen.getByRole('button', { name: 'Dismiss selected' });
    expect(dismiss).toBeDisabled();

    await user.click(within(flags).getByRole('checkbox', { name: /^Select Tab switch/ }));
    await user.click(within(flags).getByRole('checkbox', { name: /^Select Right click/ }));
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    await user.click(dismiss);

    await waitFor(() => expect(requested(fetchMock, '/api/v1/flags/decisions')).toHaveLength(1));
    expect(body(fetchMock, '/flags/decisions')).toEqual({ flag_ids: ['f1', 'f3'], decision: 'dismissed' });
    expect(await screen.findByText('2 flags dismissed.')).toBeInTheDocument();
    expect(within(flags).getAllByText('Dismissed')).toHaveLength(2);

    // The filter shows the undecided one alone.
    await user.click(screen.getByRole('radio', { name: 'Undecided' }));
    expect(within(flags).getByText('Fullscreen exit')).toBeInTheDocument();
    expect(within(flags).queryByText('Right click')).not.toBeInTheDocument();
  });

  it('sets a verdict, says who set it, and resets it', async () => {
    const fetchMock = fakeServer();
    const user = userEvent.setup();
    renderPage();
    const scores = await screen.findByRole('region', { name: 'Scores' });

    await user.click(within(scores).getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(body(fetchMock, '/attempts/a1/verdict')).toEqual({ verdict: 'clear' }));
    await waitFor(() => expect(screen.getByTestId('verdict')).toHaveTextContent('Cleared'));
    expect(scores).toHaveTextContent('Set by Tess Teacher');
    expect(screen.getByTestId('integrity')).toHaveTextContent('100');
    expect(within(scores).getByRole('button', { name: 'Clear' })).toBeDisabled();

    await user.click(within(scores).getByRole('button', { name: 'Reset' }));
    await waitFor(() => expect(screen.getByTestId('verdict')).toHaveTextContent('No verdict'));
    expect(body(fetchMock, '/attempts/a1/verdict')).toEqual({ verdict: 'none' });
  });

  it('says when nothing was flagged or recorded, and shows a load error in words', async () => {
    fakeServer(proctoringRecord({ flags: [], media: [], selfie_id: null, id_document_id: null, consent: null, cal_status: '' }));
    renderPage();
    expect(await screen.findByText('No flags: nothing suspicious was recorded during this attempt.')).toBeInTheDocument();
    expect(screen.getByText('No snapshots or clips were recorded for this attempt.')).toBeInTheDocument();
    expect(screen.getByText('Not given: nothing was recorded.')).toBeInTheDocument();
    expect(screen.getByText('Not done')).toBeInTheDocument();
  });

  it('shows the API’s error when the record cannot be loaded', async () => {
    stubFetch(
      (url) => (url.pathname === '/api/v1/attempts/a1' ? jsonResponse(attemptDetail()) : undefined),
      (url) => (url.pathname === RECORD ? jsonResponse({ error: { code: 'boom', message: 'Storage is down.' } }, 503) : undefined),
    );
    renderPage();
    const alert = (await screen.findByText('Could not load the proctoring record')).closest('[role="alert"]')!;
    expect(alert).toHaveTextContent('Storage is down.');
  });
});
