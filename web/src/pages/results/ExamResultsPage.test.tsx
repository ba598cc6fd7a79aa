import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { jsonResponse, makeMe, renderWithProviders } from '../../test/utils';
import { ExamResultsPage } from './ExamResultsPage';
import { requested, resultRow, stubFetch } from './testData';

const ATTEMPTS = '/api/v1/exams/e1/attempts';

function stubExam(rows = [resultRow()]) {
  return stubFetch(
    (url) =>
      url.pathname === '/api/v1/exams/e1'
        ? jsonResponse({ id: 'e1', title: 'Waves Quiz', course: { id: 'c1', name: 'Physics 101' }, duration_minutes: 20 })
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
  it('shows the columns, the summary, and a dash where proctoring figures are missing', async () => {
    stubExam([resultRow(), resultRow({ attempt_id: 'a2', roll_number: 'S1002', name: 'Alan Turing', risk_score: 62, violations: 4, calibration: 'ok' })]);
    renderPage();

    const table = await screen.findByRole('table', { name: 'Results' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Roll #', 'Name', 'Score %', 'Violations', 'Risk Score', 'Cal', 'Time', 'Submitted', 'Actions']);
    const ada = (await within(table).findByText('Ada Lovelace')).closest('tr')!;
    const cells = within(ada).getAllByRole('cell');
    expect(cells[3]).toHaveTextContent('—');
    expect(cells[4]).toHaveTextContent('—');
    expect(cells[5]).toHaveTextContent('—');
    expect(cells[6]).toHaveTextContent('12m 34s');
    const alan = within(table).getByText('Alan Turing').closest('tr')!;
    expect(within(alan).getAllByRole('cell')[4]).toHaveTextContent('62');
    expect(within(alan).getAllByRole('cell')[3]).toHaveTextContent('4');
    expect(await screen.findByText('72.5%')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Waves Quiz — results' })).toBeInTheDocument();
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
});
