import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { jsonResponse, makeMe, renderWithProviders } from '../../test/utils';
import { ExamResultsPage } from './ExamResultsPage';
import { requested, resultRow, stubFetch } from './testData';

const ATTEMPTS = '/api/v1/exams/e1/attempts';

function stubExam(rows = [resultRow()], { released = false, extra = [] as Parameters<typeof stubFetch> } = {}) {
  return stubFetch(
    ...extra,
    (url) =>
      url.pathname === '/api/v1/exams/e1'
        ? jsonResponse({ id: 'e1', title: 'Waves Quiz', course: { id: 'c1', name: 'Physics 101' }, duration_minutes: 20, results_released: released })
        : undefined,
    (url) =>
      url.pathname === '/api/v1/exams/e1/results/summary'
        ? jsonResponse({
            exam_id: 'e1',
            attempts: 3,
            submitted: 2,
            in_progress: 0,
            failed: 1,
            needs_grading: 0,
            average_score_percent: 72.5,
          })
        : undefined,
    (url) =>
      url.pathname === ATTEMPTS ? jsonResponse({ items: rows, total: rows.length, page: 1, page_size: 25 }) : undefined,
    (url, init) =>
      url.pathname === '/api/v1/attempts/verdicts' && init.method === 'POST'
        ? jsonResponse({ updated: (JSON.parse(String(init.body)) as { attempt_ids: string[] }).attempt_ids.length })
        : undefined,
    (url, init) =>
      url.pathname.endsWith('/force-submit') && init.method === 'POST'
        ? jsonResponse({ ...resultRow({ attempt_id: 'a2', status: 'submitted' }), exam_id: 'e1', exam_title: 'Waves Quiz', failure_reason: '', questions: [] })
        : undefined,
  );
}

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/exams/:examId/results" element={<ExamResultsPage />} />
    </Routes>,
    { me: makeMe('teacher'), route: '/exams/e1/results' },
  );
}

describe('ExamResultsPage', () => {
  it('shows the columns, the summary, violations, risk in its tier colour, Cal and a dash where a figure is missing', async () => {
    stubExam([
      resultRow(),
      resultRow({
        attempt_id: 'a2',
        roll_number: 'S1002',
        name: 'Alan Turing',
        risk_score: 62,
        risk_tier: 'high',
        violations: 4,
        calibration: 'ok',
        verdict: 'escalate',
      }),
    ]);
    renderPage();

    const table = await screen.findByRole('table', { name: 'Results' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['', 'Roll #', 'Name', 'Score %', 'Violations', 'Risk Score', 'Cal', 'Time', 'Submitted', 'Review', 'Actions']);
    expect(within(table).getByRole('checkbox', { name: 'Select all attempts on this page' })).toBeInTheDocument();
    const ada = (await within(table).findByText('Ada Lovelace')).closest('tr')!;
    const cells = within(ada).getAllByRole('cell');
    expect(cells[4]).toHaveTextContent('0');
    expect(cells[5]).toHaveTextContent('—');
    expect(cells[6]).toHaveTextContent('—');
    expect(cells[7]).toHaveTextContent('12m 34s');
    const alan = within(within(table).getByText('Alan Turing').closest('tr')!).getAllByRole('cell');
    expect(alan[4]).toHaveTextContent('4');
    expect(alan[5]).toHaveTextContent('62');
    expect(alan[5]).toHaveTextContent('High');
    expect(alan[5]).toHaveTextContent('Escalated');
    expect(within(alan[5]!).getByText('62').closest('.mantine-Badge-root')).toHaveStyle({ '--badge-color': 'var(--mantine-color-orange-light-color)' });
    expect(alan[6]).toHaveTextContent('OK');
    expect(await screen.findByText('72.5%')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Waves Quiz — results' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Live sessions' })).toHaveAttribute('href', '/exams/e1/live');
  });

  it('sorts by risk and by violations, worst first', async () => {
    const fetchMock = stubExam();
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('Ada Lovelace');

    await user.click(screen.getByRole('button', { name: 'Risk Score' }));
    await waitFor(() => expect(requested(fetchMock, ATTEMPTS).at(-1)!.searchParams.get('sort')).toBe('risk'));
    expect(requested(fetchMock, ATTEMPTS).at(-1)!.searchParams.get('order')).toBe('desc');

    await user.click(screen.getByRole('button', { name: 'Violations' }));
    await waitFor(() => expect(requested(fetchMock, ATTEMPTS).at(-1)!.searchParams.get('sort')).toBe('violations'));
    expect(requested(fetchMock, ATTEMPTS).at(-1)!.searchParams.get('order')).toBe('desc');
  });

  it('clears or escalates the ticked attempts together, after confirmation', async () => {
    const fetchMock = stubExam([
      resultRow(),
      resultRow({ attempt_id: 'a2', roll_number: 'S1002', name: 'Alan Turing' }),
      resultRow({ attempt_id: 'a3', roll_number: 'S1003', name: 'Grace Hopper' }),
    ]);
    const verdicts = () => fetchMock.mock.calls.filter(([u]) => String(u).endsWith('/api/v1/attempts/verdicts'));
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('Ada Lovelace');
    expect(screen.queryByRole('region', { name: 'Bulk verdict' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: "Select Ada Lovelace's attempt" }));
    await user.click(screen.getByRole('checkbox', { name: "Select Grace Hopper's attempt" }));
    const bar = screen.getByRole('region', { name: 'Bulk verdict' });
    expect(bar).toHaveTextContent('2 attempts selected');
    expect(screen.getByRole('checkbox', { name: 'Select all attempts on this page' })).toHaveAttribute('data-indeterminate', 'true');

    await user.click(within(bar).getByRole('button', { name: 'Escalate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Escalate attempts' });
    expect(dialog).toHaveTextContent('Escalate 2 attempts?');
    expect(verdicts()).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }));

    await waitFor(() => expect(verdicts()).toHaveLength(1));
    expect(JSON.parse(String(verdicts()[0]![1]!.body))).toEqual({ attempt_ids: ['a1', 'a3'], verdict: 'escalate' });
    expect(await screen.findByText('2 attempts escalated.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Bulk verdict' })).not.toBeInTheDocument());
    // The table is asked again for the new scores.
    expect(requested(fetchMock, ATTEMPTS).length).toBeGreaterThan(1);

    await user.click(screen.getByRole('checkbox', { name: 'Select all attempts on this page' }));
    expect(screen.getByRole('region', { name: 'Bulk verdict' })).toHaveTextContent('3 attempts selected');
    await user.click(screen.getByRole('button', { name: 'Deselect' }));
    expect(screen.queryByRole('region', { name: 'Bulk verdict' })).not.toBeInTheDocument();
  });

  it('sorts on the server when a column heading is clicked', async () => {
    const fetchMock = stubExam();
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('Ada Lovelace');
    expect(requested(fetchMock, ATTEMPTS).at(-1)!.searchParams.get('sort')).toBe('roll_number');

    await user.click(screen.getByRole('button', { name: 'Score %' }));
    await waitFor(() => expect(requested(fetchMock, ATTEMPTS).at(-1)!.searchParams.get('sort')).toBe('score'));
    expect(requested(fetchMock, ATTEMPTS).at(-1)!.searchParams.get('order')).toBe('desc');
    expect(screen.getByRole('columnheader', { name: 'Score %' })).toHaveAttribute('aria-sort', 'descending');

    await user.click(screen.getByRole('button', { name: 'Score %' }));
    await waitFor(() => expect(requested(fetchMock, ATTEMPTS).at(-1)!.searchParams.get('order')).toBe('asc'));

    await user.click(screen.getByRole('button', { name: 'Name' }));
    await waitFor(() => expect(requested(fetchMock, ATTEMPTS).at(-1)!.searchParams.get('sort')).toBe('name'));
    expect(requested(fetchMock, ATTEMPTS).at(-1)!.searchParams.get('order')).toBe('asc');
  });

  it('filters by search text and status on the server', async () => {
    const fetchMock = stubExam();
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('Ada Lovelace');

    await user.type(screen.getByLabelText('Search'), 'S1001');
    await waitFor(() => expect(requested(fetchMock, ATTEMPTS).at(-1)!.searchParams.get('q')).toBe('S1001'));

    await user.click(screen.getByLabelText('Status'));
    await user.click(await screen.findByRole('option', { name: 'Failed', hidden: true }));
    await waitFor(() => expect(requested(fetchMock, ATTEMPTS).at(-1)!.searchParams.get('status')).toBe('failed'));
    expect(requested(fetchMock, ATTEMPTS).at(-1)!.searchParams.get('q')).toBe('S1001');
  });

  it('force-submits a failed attempt after confirmation, and offers it only where allowed', async () => {
    const fetchMock = stubExam([
      resultRow(),
      resultRow({ attempt_id: 'a2', roll_number: 'S1002', name: 'Alan Turing', status: 'failed', submitted_at: null }),
      // Still writing, deadline far ahead: nothing to force.
      resultRow({ attempt_id: 'a3', roll_number: 'S1003', name: 'Grace Hopper', status: 'in_progress', deadline_at: '2999-01-01T00:00:00', submitted_at: null }),
    ]);
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('Ada Lovelace');

    expect(screen.getAllByRole('button', { name: 'Force submit' })).toHaveLength(1);
    const alan = screen.getByText('Alan Turing').closest('tr')!;
    await user.click(within(alan).getByRole('button', { name: 'Force submit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Force submit' });
    expect(dialog).toHaveTextContent("Submit Alan Turing's attempt (S1002) now?");
    expect(requested(fetchMock, '/api/v1/attempts')).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Force submit' }));
    await waitFor(() => expect(requested(fetchMock, '/api/v1/attempts/a2/force-submit')).toHaveLength(1));
    expect(await screen.findByText("Alan Turing's attempt was submitted and graded.")).toBeInTheDocument();
  });
  it('offers the exports as downloads and links the review queue', async () => {
    stubExam();
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('Ada Lovelace');

    expect(screen.getByRole('link', { name: 'Review queue' })).toHaveAttribute('href', '/review?exam_id=e1');
    await user.click(screen.getByRole('button', { name: 'Export' }));
    const downloads: Record<string, string> = {
      'Results CSV': '/api/v1/exams/e1/results.csv',
      'Flags CSV': '/api/v1/exams/e1/flags.csv',
      'Exam summary PDF': '/api/v1/exams/e1/report.pdf',
    };
    for (const [name, href] of Object.entries(downloads)) {
      const item = await screen.findByRole('menuitem', { name, hidden: true });
      expect(item).toHaveAttribute('href', href);
      expect(item).toHaveAttribute('download');
    }
  });

  it('releases the results to students and takes them back', async () => {
    const fetchMock = stubExam([resultRow()], {
      extra: [
        (url, init) =>
          url.pathname === '/api/v1/exams/e1/release' && init.method === 'POST'
            ? jsonResponse({ exam_id: 'e1', results_released: (JSON.parse(String(init.body)) as { released: boolean }).released })
            : undefined,
      ],
    });
    const releases = () => fetchMock.mock.calls.filter(([u]) => String(u).endsWith('/api/v1/exams/e1/release'));
    const user = userEvent.setup();
    renderPage();

    const release = await screen.findByRole('switch', { name: 'Release results to students' });
    expect(release).not.toBeChecked();
    expect(screen.getByText('Students cannot see their results yet.')).toBeInTheDocument();
    await user.hover(screen.getByRole('img', { name: 'About releasing results' }));
    expect(await screen.findByText('Students see their score, the flags that count and their evidence, and may appeal once')).toBeInTheDocument();

    await user.click(release);
    await waitFor(() => expect(releases()).toHaveLength(1));
    expect(JSON.parse(String(releases()[0]![1]!.body))).toEqual({ released: true });
    await waitFor(() => expect(release).toBeChecked());
    expect(await screen.findByText('Results released: students can see them now.')).toBeInTheDocument();

    await user.click(release);
    await waitFor(() => expect(releases()).toHaveLength(2));
    expect(JSON.parse(String(releases()[1]![1]!.body))).toEqual({ released: false });
    await waitFor(() => expect(release).not.toBeChecked());
  });

  it('starts the release switch from the exam', async () => {
    stubExam([resultRow()], { released: true });
    renderPage();
    expect(await screen.findByRole('switch', { name: 'Release results to students' })).toBeChecked();
  });

  it('shows each finished attempt’s review: approved, declined or pending', async () => {
    stubExam([
      resultRow({ review_status: 'approved' }),
      resultRow({ attempt_id: 'a2', roll_number: 'S1002', name: 'Alan Turing', review_status: 'declined' }),
      resultRow({ attempt_id: 'a3', roll_number: 'S1003', name: 'Grace Hopper' }),
      resultRow({ attempt_id: 'a4', roll_number: 'S1004', name: 'Edsger Dijkstra', status: 'in_progress', submitted_at: null, deadline_at: '2999-01-01T00:00:00' }),
    ]);
    renderPage();
    const table = await screen.findByRole('table', { name: 'Results' });
    const reviewOf = (name: string) => within(within(table).getByText(name).closest('tr')!).getAllByRole('cell')[9]!;

    expect(await within(table).findByText('Ada Lovelace')).toBeInTheDocument();
    expect(reviewOf('Ada Lovelace')).toHaveTextContent('Approved');
    expect(within(reviewOf('Ada Lovelace')).getByText('Approved').closest('.mantine-Badge-root')).toHaveStyle({
      '--badge-color': 'var(--mantine-color-green-light-color)',
    });
    expect(reviewOf('Alan Turing')).toHaveTextContent('Declined');
    expect(reviewOf('Grace Hopper')).toHaveTextContent('Pending');
    expect(reviewOf('Edsger Dijkstra')).toHaveTextContent('—');
  });

  it('shows the AI summary when there is one, and folds it away', async () => {
    stubExam([resultRow()], {
      extra: [
        (url) =>
          url.pathname === '/api/v1/exams/e1/summary'
            ? jsonResponse({ text: 'Most attempts were clean. Two need a look.', source: 'llm' })
            : undefined,
      ],
    });
    const user = userEvent.setup();
    renderPage();

    const card = await screen.findByRole('region', { name: 'AI summary' });
    expect(within(card).getByText('Most attempts were clean. Two need a look.')).toBeVisible();
    expect(within(card).getByText('Written by AI')).toBeInTheDocument();
    const toggle = within(card).getByRole('button', { name: 'Hide' });
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(card).getByRole('button', { name: 'Show' })).toBeInTheDocument();
  });

  it('leaves the AI summary out when the server has none', async () => {
    stubExam();
    renderPage();
    await screen.findByText('Ada Lovelace');
    await screen.findByText('72.5%');
    expect(screen.queryByRole('region', { name: 'AI summary' })).not.toBeInTheDocument();
  });
});
