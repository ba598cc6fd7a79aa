import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReviewQueueItem } from '../../api/types';
import { jsonResponse, makeMe, renderWithProviders } from '../../test/utils';
import { requested, stubFetch } from '../results/testData';
import { ReviewQueuePage } from './ReviewQueuePage';
import { queueItem, stubDocumentFonts } from './testData';

function Where() {
  const { pathname, search } = useLocation();
  return <p data-testid="where">{pathname + search}</p>;
}

function renderPage(route = '/review') {
  return renderWithProviders(
    <Routes>
      <Route path="/review" element={<ReviewQueuePage />} />
      <Route path="/review/:attemptId" element={<Where />} />
    </Routes>,
    { me: makeMe('teacher'), route },
  );
}

const EXAMS = {
  items: [
    { id: 'e1', title: 'Waves Quiz' },
    { id: 'e2', title: 'Optics Final' },
  ],
  total: 2,
  page: 1,
  page_size: 200,
};

function fakeServer(rows: ReviewQueueItem[]) {
  let items = rows;
  return stubFetch(
    (url) => (url.pathname === '/api/v1/exams' ? jsonResponse(EXAMS) : undefined),
    (url) => {
      if (url.pathname !== '/api/v1/reviews') return undefined;
      const status = url.searchParams.get('status') ?? 'pending';
      const shown = items.filter((r) => status === 'all' || r.review_status === status);
      return jsonResponse({ items: shown, total: shown.length, page: 1, page_size: 25 });
    },
    (url, init) => {
      if (url.pathname !== '/api/v1/attempts/reviews' || init.method !== 'POST') return undefined;
      const body = JSON.parse(String(init.body)) as { attempt_ids: string[]; status: 'approved' | 'declined' };
      items = items.map((r) => (body.attempt_ids.includes(r.attempt_id) ? { ...r, review_status: body.status } : r));
      return jsonResponse({ updated: body.attempt_ids.length });
    },
  );
}

const ROWS = [
  queueItem({ appeal_status: 'open', risk_score: 80, risk_tier: 'critical', undecided: 3 }),
  queueItem({ attempt_id: 'a2', name: 'Alan Turing', roll_number: 'S1002', risk_score: 10, risk_tier: 'low', undecided: 0 }),
  queueItem({ attempt_id: 'a3', name: 'Grace Hopper', roll_number: 'S1003', exam_id: 'e2', exam_title: 'Optics Final' }),
];

describe('the review queue', () => {
  beforeEach(() => stubDocumentFonts());

  it('lists pending attempts with risk, undecided flags, review and appeal badges', async () => {
    const fetchMock = fakeServer(ROWS);
    renderPage();
    const table = await screen.findByRole('table', { name: 'Review queue' });
    const ada = (await within(table).findByText('Ada Lovelace')).closest('tr')!;
    expect(ada).toHaveTextContent('Roll S1001');
    expect(ada).toHaveTextContent('Waves Quiz');
    expect(ada).toHaveTextContent('80 · Critical');
    expect(ada).toHaveTextContent('Pending');
    expect(ada).toHaveTextContent('Appeal open');
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    const asked = requested(fetchMock, '/api/v1/reviews').at(-1)!;
    expect(asked.searchParams.get('status')).toBe('pending');
    expect(asked.searchParams.get('tier')).toBeNull();
  });

  it('filters by exam, tier and status through the API', async () => {
    const fetchMock = fakeServer(ROWS);
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('Ada Lovelace');

    await user.click(screen.getByRole('radio', { name: 'High' }));
    await waitFor(() => expect(requested(fetchMock, '/api/v1/reviews').at(-1)!.searchParams.get('tier')).toBe('high'));
    await user.click(screen.getByRole('radio', { name: 'Declined' }));
    await waitFor(() => expect(requested(fetchMock, '/api/v1/reviews').at(-1)!.searchParams.get('status')).toBe('declined'));
    expect(await screen.findByText('No attempts match these filters.')).toBeInTheDocument();

    await user.click(screen.getByLabelText('Exam'));
    await user.click(await screen.findByRole('option', { name: 'Optics Final', hidden: true }));
    await waitFor(() => expect(requested(fetchMock, '/api/v1/reviews').at(-1)!.searchParams.get('exam_id')).toBe('e2'));
    const last = requested(fetchMock, '/api/v1/reviews').at(-1)!;
    expect(last.searchParams.get('tier')).toBe('high');
    expect(last.searchParams.get('status')).toBe('declined');
  });

  it('approves several attempts at once with a comment', async () => {
    const fetchMock = fakeServer(ROWS);
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('Ada Lovelace');

    await user.click(screen.getByRole('checkbox', { name: 'Select Ada Lovelace' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Alan Turing' }));
    const bar = screen.getByRole('region', { name: 'Bulk review' });
    expect(bar).toHaveTextContent('2 attempts selected');
    await user.click(within(bar).getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve the selected attempts?' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Comment' }), 'Clean');
    await user.click(within(dialog).getByRole('button', { name: 'Approve 2' }));

    await waitFor(() => expect(requested(fetchMock, '/api/v1/attempts/reviews')).toHaveLength(1));
    const call = fetchMock.mock.calls.find(([u]) => String(u).endsWith('/attempts/reviews'))!;
    expect(JSON.parse(String(call[1]!.body))).toEqual({ attempt_ids: ['a1', 'a2'], status: 'approved', comment: 'Clean' });
    // Approved attempts leave the pending queue.
    await waitFor(() => expect(screen.queryByText('Ada Lovelace')).not.toBeInTheDocument());
    expect(screen.getByText('Grace Hopper')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Bulk review' })).not.toBeInTheDocument();
  });

  it('opens an attempt on a row click, keeping the exam filter', async () => {
    fakeServer(ROWS);
    const user = userEvent.setup();
    renderPage('/review?exam_id=e1');
    await user.click(await screen.findByText('Roll S1001'));
    expect(await screen.findByTestId('where')).toHaveTextContent('/review/a1?exam_id=e1');
  });

  it('says when nothing is waiting', async () => {
    fakeServer([]);
    renderPage();
    expect(await screen.findByText('Nothing to review: every finished attempt has been reviewed.')).toBeInTheDocument();
  });
});
