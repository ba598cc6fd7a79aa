import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { jsonResponse, makeMe, renderWithProviders } from '../../test/utils';
import { StudentAttemptsPage } from './StudentAttemptsPage';
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
  last_risk_tier: null,
  last_exam_title: 'Waves Quiz',
  last_exam_at: '2026-03-01T09:12:00',
  ...over,
});

describe('StudentHistoryPage', () => {
  it('lists students with a dash for a missing risk, searches on the server, and opens a student', async () => {
    const fetchMock = stubFetch((url) =>
      url.pathname === HISTORY
        ? jsonResponse({
            items: [row(), row({ student_id: 's2', roll_number: 'S1002', name: 'Alan Turing', last_risk: 31, last_risk_tier: 'moderate' })],
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
    expect(within(alan).getByText('31').closest('.mantine-Badge-root')).toHaveStyle({ '--badge-color': 'var(--mantine-color-yellow-light-color)' });

    await user.type(screen.getByLabelText('Search students'), 'turing');
    await waitFor(() => expect(requested(fetchMock, HISTORY).at(-1)!.searchParams.get('q')).toBe('turing'));

    await user.click(within(alan).getByText('S1002', { selector: 'td' }));
    expect(await screen.findByText('student page')).toBeInTheDocument();
  });

  it('shows each attempt of one student with its violations and risk', async () => {
    stubFetch(
      (url) =>
        url.pathname === '/api/v1/students/s1'
          ? jsonResponse({ id: 's1', roll_number: 'S1001', name: 'Ada Lovelace', email: 'ada@example.com' })
          : undefined,
      (url) =>
        url.pathname === '/api/v1/student-history/s1'
          ? jsonResponse([
              {
                attempt_id: 'a1',
                exam_id: 'e1',
                exam_title: 'Waves Quiz',
                course_name: 'Physics 101',
                status: 'submitted',
                score_percent: 80,
                needs_grading: false,
                violations: 5,
                risk_score: 78,
                risk_tier: 'critical',
                started_at: '2026-03-01T09:00:00Z',
                submitted_at: '2026-03-01T09:20:00Z',
              },
            ])
          : undefined,
    );
    renderWithProviders(
      <Routes>
        <Route path="/history/:studentId" element={<StudentAttemptsPage />} />
      </Routes>,
      { me: makeMe('teacher'), route: '/history/s1' },
    );
    const table = await screen.findByRole('table', { name: 'Attempts' });
    const row = (await within(table).findByRole('link', { name: 'Waves Quiz' })).closest('tr')!;
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Exam',
      'Course',
      'Score',
      'Violations',
      'Risk',
      'Status',
      'Submitted',
      'Attempt',
    ]);
    const cells = within(row).getAllByRole('cell');
    expect(cells[3]).toHaveTextContent('5');
    expect(cells[4]).toHaveTextContent('78');
    expect(within(cells[4]!).getByText('78').closest('.mantine-Badge-root')).toHaveStyle({ '--badge-color': 'var(--mantine-color-red-light-color)' });
  });
});
