import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeMe, renderWithProviders } from '../../../test/utils';
import { fill, jsonResponse, sent, stubApi, type Route } from '../testing';
import type { Student } from '../types';
import { StudentsPage } from './StudentsPage';

const ada: Student = {
  id: 's1',
  roll_number: 'S1001',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  teacher_id: 'u1',
  groups: [{ id: 'g1', name: 'Year 10' }],
  created_at: '2026-03-01T10:00:00Z',
};

const routes = (): Route[] => [
  ['GET', /^\/students\/count$/, () => jsonResponse({ total: 40, mine: 35 })],
  ['GET', /^\/students(\?|$)/, () => jsonResponse({ items: [ada], total: 1, page: 1, page_size: 25 })],
  ['GET', /^\/groups$/, () => jsonResponse([{ id: 'g1', name: 'Year 10', description: '', member_count: 1, created_at: '2026-01-01T00:00:00Z' }])],
  ['GET', /^\/orgs\/current\/members$/, () => jsonResponse([])],
];

describe('StudentsPage', () => {
  it('lists the roster and searches through the API', async () => {
    const { calls } = stubApi(routes());
    const user = userEvent.setup();
    renderWithProviders(<StudentsPage />, { me: makeMe() });

    const table = within(await screen.findByRole('table', { name: 'Students' }));
    expect(await table.findByText('Ada Lovelace')).toBeInTheDocument();
    expect(table.getByText('Your link')).toBeInTheDocument();
    expect(screen.getByText('40 students in your organization; 35 registered through your link.')).toBeInTheDocument();

    await fill(user, screen.getByLabelText('Search'), 'S10');
    await user.click(screen.getByRole('switch', { name: 'Only through my link' }));
    await waitFor(() => {
      const last = sent(calls, 'GET', /^\/students\?/).at(-1)!.url;
      expect(last).toContain('q=S10');
      expect(last).toContain('mine=true');
    });
  });

  it('shares the registration link and asks before making a new one', async () => {
    const r = routes();
    r.push(['GET', /^\/registration-link$/, jsonResponse({ url: 'https://procta.test/register/abc', token: 'abc' })]);
    r.push(['POST', /^\/registration-link\/rotate$/, jsonResponse({ url: 'https://procta.test/register/xyz', token: 'xyz' })]);
    const { calls } = stubApi(r);
    const user = userEvent.setup();
    renderWithProviders(<StudentsPage />, { me: makeMe() });

    await user.click(screen.getByRole('button', { name: 'Share with students' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Share with students' }));
    expect(await dialog.findByDisplayValue('https://procta.test/register/abc')).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    expect(dialog.getByText('35')).toBeInTheDocument();

    await user.click(dialog.getByRole('button', { name: 'Make a new link…' }));
    expect(dialog.getByText(/The current link stops working at once/)).toBeInTheDocument();
    expect(sent(calls, 'POST', /rotate/)).toHaveLength(0);
    await user.click(dialog.getByRole('button', { name: 'Make a new link' }));
    expect(await dialog.findByDisplayValue('https://procta.test/register/xyz')).toBeInTheDocument();
    expect(sent(calls, 'POST', /rotate/)).toHaveLength(1);
  });

  it('explains why a student with attempts cannot be deleted', async () => {
    const r = routes();
    r.push([
      'DELETE',
      /^\/students\/s1$/,
      jsonResponse({ error: { code: 'student_has_attempts', message: 'This student has taken exams; deleting them would delete their results.' } }, 409),
    ]);
    stubApi(r);
    const user = userEvent.setup();
    renderWithProviders(<StudentsPage />, { me: makeMe() });

    await user.click(await screen.findByRole('button', { name: 'Delete Ada Lovelace' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Delete student' }));
    await user.click(dialog.getByRole('button', { name: 'Delete student' }));
    expect(await dialog.findByText('This student has taken exams; deleting them would delete their results.')).toBeInTheDocument();
  });
});
