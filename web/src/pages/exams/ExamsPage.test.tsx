import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeMe, renderWithProviders } from '../../test/utils';
import { ExamsPage } from './ExamsPage';
import { fakeApi } from './testData';
import type { ExamSummary } from './types';

const summary: ExamSummary = {
  id: 'ex1',
  title: 'Algebra midterm',
  course: { id: 'c1', name: 'Algebra I' },
  status: 'published',
  mode: 'auto',
  duration_minutes: 90,
  window_start: null,
  window_end: null,
  question_count: 12,
  has_access_code: true,
  created_at: '2026-01-01T00:00:00Z',
};

describe('Exams list', { timeout: 30_000 }, () => {
  it('lists exams with their share link, and filters through the API', async () => {
    const api = fakeApi({
      'GET /courses': [{ id: 'c1', name: 'Algebra I', code: 'ALG1', teacher_id: null, teacher_name: null, archived: false, created_at: '2026-01-01T00:00:00Z' }],
      'GET /exams': (_body, url) =>
        url.searchParams.get('q') === 'zzz'
          ? { items: [], total: 0, page: 1, page_size: 20 }
          : { items: [summary], total: 1, page: 1, page_size: 20 },
    });
    const user = userEvent.setup();
    renderWithProviders(<ExamsPage />, { me: makeMe('teacher'), route: '/exams' });

    expect(await screen.findByRole('link', { name: 'Algebra midterm' })).toHaveAttribute('href', '/exams/ex1');
    expect(screen.getAllByRole('button', { name: 'Copy link of Algebra midterm to share with students' }).length).toBeGreaterThan(0);
    expect(screen.getByRole('link', { name: 'New exam' })).toHaveAttribute('href', '/exams/new');

    await user.click(screen.getByLabelText('Status'));
    await user.click(await screen.findByRole('option', { name: 'Published', hidden: true }));
    await waitFor(() => expect(api.calls.at(-1)!.search.get('status')).toBe('published'));

    await user.type(screen.getByLabelText('Search'), 'zzz');
    expect(await screen.findByText('No exams match these filters.')).toBeInTheDocument();
    const last = api.sent('GET', '/exams').at(-1)!;
    expect(Object.fromEntries(last.search)).toEqual({ q: 'zzz', status: 'published', page: '1', page_size: '20' });
  });
});
