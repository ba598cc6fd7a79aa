import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, makeMe, renderWithProviders } from '../../../test/utils';
import { liveRow, requested, stubFetch } from '../testData';
import { LIVE_REFRESH_MS, LiveSessionsPage } from './LiveSessionsPage';

const LIVE = '/api/v1/exams/e1/live';
const exam = (url: URL) =>
  url.pathname === '/api/v1/exams/e1' ? jsonResponse({ id: 'e1', title: 'Waves Quiz', course: null, duration_minutes: 20 }) : undefined;

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/exams/:examId/live" element={<LiveSessionsPage />} />
      <Route path="/attempts/:attemptId" element={<p>attempt page</p>} />
    </Routes>,
    { me: makeMe('teacher'), route: '/exams/e1/live' },
  );
}

const names = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('link')[0]!.textContent);

describe('LiveSessionsPage', () => {
  it('lists sessions riskiest first with the last event, severity, risk tier, Cal, last seen and status', async () => {
    stubFetch(exam, (url) =>
      url.pathname === LIVE
        ? jsonResponse([
            liveRow({ attempt_id: 'a2', roll_number: 'S1002', name: 'Alan Turing', live_risk: 81, tier: 'critical', severity: 'high', last_event_label: 'Phone detected' }),
            liveRow(),
            liveRow({ attempt_id: 'a3', roll_number: 'S1003', name: 'Grace Hopper', live_risk: 0, tier: 'low', severity: '', last_event_type: '', last_event_label: '', last_event_at: null, violations: 0, cal_status: 'skipped', status: 'submitted' }),
          ])
        : undefined,
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
    const alan = within(table).getByText('Alan Turing').closest('tr')!;
    expect(within(alan).getByText('81').closest('.mantine-Badge-root')).toHaveStyle({ '--badge-color': 'var(--mantine-color-red-light-color)' });
    const grace = within(within(table).getByText('Grace Hopper').closest('tr')!).getAllByRole('cell');
    expect(grace[1]).toHaveTextContent('No events');
    expect(grace[4]).toHaveTextContent('Skipped');
    expect(screen.getByText(/2 active · 3 in all/)).toBeInTheDocument();

    // Least risky first, then back.
    await user.click(screen.getByRole('button', { name: 'Risk' }));
    expect(names(table)).toEqual(['Grace Hopper', 'Ada Lovelace', 'Alan Turing']);
    await user.click(screen.getByRole('button', { name: 'Session' }));
    expect(names(table)).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);

    // A row opens the attempt's proctoring review.
    await user.click(within(table).getByText('Tab switch'));
    expect(await screen.findByText('attempt page')).toBeInTheDocument();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks again every 10 seconds', async () => {
    expect(LIVE_REFRESH_MS).toBe(10_000);
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date'] });
    let calls = 0;
    const fetchMock = stubFetch(exam, (url) => {
      if (url.pathname !== LIVE) return undefined;
      calls += 1;
      return jsonResponse(calls === 1 ? [liveRow()] : [liveRow({ live_risk: 77, tier: 'critical' })]);
    });
    renderPage();
    const table = await screen.findByRole('table', { name: 'Live sessions' });
    await within(table).findByText('40');
    expect(requested(fetchMock, LIVE)).toHaveLength(1);
    await act(() => vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS + 100));
    await waitFor(() => expect(requested(fetchMock, LIVE)).toHaveLength(2));
    expect(await within(table).findByText('77')).toBeInTheDocument();
  });

  it('says when nobody has started, and shows a load error in words', async () => {
    stubFetch(exam, (url) => (url.pathname === LIVE ? jsonResponse([]) : undefined));
    const first = renderPage();
    expect(await screen.findByText(/Nobody has started this exam yet/)).toBeInTheDocument();
    first.unmount();

    stubFetch(exam, (url) =>
      url.pathname === LIVE ? jsonResponse({ error: { code: 'not_found', message: 'Exam not found.' } }, 404) : undefined,
    );
    renderPage();
    const alert = (await screen.findByText('Could not load the sessions')).closest('[role="alert"]')!;
    expect(alert).toHaveTextContent('Exam not found.');
  });
});
