import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { jsonResponse, makeMe, renderWithProviders } from '../../test/utils';
import { StudentHistoryPage } from './StudentHistoryPage';
import { requested, stubFetch } from './testData';

const HISTORY = '/api/v1/student-history';

const row = (over: Record<string, unknown> = {}) => ({
  student_id: 's1',
  roll_number: 'S1001',
  name: 'Ada Lovelace',
  exams: 2,
  avg_score_percent: 81.5,
  last_risk: null,
  last_exam_title: 'Waves Quiz',
  last_exam_at: '2026-03-01T09:12:00',
  ...over,
});

describe('StudentHistoryPage', () => {
  it('lists students with a dash for a missing risk, searches on the server, and opens a student', async () => {
    const fetchMock = stubFetch((url) =>
      url.pathname === HISTORY
        ? jsonResponse({
            items: [row(), row({ student_id: 's2', roll_number: 'S1002', name: 'Alan Turing', last_risk: 31 })],
            total: 2,
            page: 1,
            page_size: 25,
          })
        : undefined,
    );
    const user = userEvent.setup();
    renderWithProviders(
      <Routes>
        <Route path="/history" element={<StudentHistoryPage />} />
        <Route path="/history/:studentId" element={<p>student page</p>} />
      </Routes>,
      { me: makeMe('teacher'), route: '/history' },
    );

    const table = await screen.findByRole('table', { name: 'Student history' });
    const ada = (await within(table).findByRole('link', { name: 'Ada Lovelace' })).closest('tr')!;
    expect(within(ada).getAllByRole('cell')[4]).toHaveTextContent('—');
    expect(within(ada).getAllByRole('cell')[3]).toHaveTextContent('81.5%');
    const alan = within(table).getByRole('link', { name: 'Alan Turing' }).closest('tr')!;
    expect(within(alan).getAllByRole('cell')[4]).toHaveTextContent('31');

    await user.type(screen.getByLabelText('Search students'), 'turing');
    await waitFor(() => expect(requested(fetchMock, HISTORY).at(-1)!.searchParams.get('q')).toBe('turing'));

    await user.click(within(alan).getByText('S1002', { selector: 'td' }));
    expect(await screen.findByText('student page')).toBeInTheDocument();
  });
});
