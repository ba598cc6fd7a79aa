import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { makeMe, renderWithProviders } from '../../../test/utils';
import { jsonResponse, sent, stubApi } from '../testing';
import type { Student } from '../types';
import { GroupPage } from './GroupPage';

const student = (id: string, roll: string, name: string, groups: Student['groups'] = []): Student => ({
  id,
  roll_number: roll,
  name,
  email: null,
  teacher_id: null,
  groups,
  created_at: '2026-01-01T00:00:00Z',
});
const g1 = { id: 'g1', name: 'Year 10' };
const ada = student('s1', 'S1', 'Ada Lovelace', [g1]);
const alan = student('s2', 'S2', 'Alan Turing');

const page = (
  <Routes>
    <Route path="/groups/:groupId" element={<GroupPage />} />
    <Route path="/groups" element={<p>all groups</p>} />
  </Routes>
);

describe('GroupPage', () => {
  it('adds students picked by a roster search and removes a member', async () => {
    const { calls } = stubApi([
      ['GET', /^\/groups\/g1$/, () => jsonResponse({ ...g1, description: '', member_count: 1, created_at: '2026-01-01T00:00:00Z' })],
      ['GET', /^\/students\?group_id=g1/, () => jsonResponse({ items: [ada], total: 1, page: 1, page_size: 25 })],
      ['GET', /^\/students\?/, () => jsonResponse({ items: [ada, alan], total: 2, page: 1, page_size: 20 })],
      ['POST', /^\/groups\/g1\/members$/, jsonResponse({ ...g1, description: '', member_count: 2, created_at: '2026-01-01T00:00:00Z' })],
      ['DELETE', /^\/groups\/g1\/members\/s1$/, new Response(null, { status: 204 })],
    ]);
    const user = userEvent.setup();
    renderWithProviders(page, { me: makeMe(), route: '/groups/g1' });

    expect(await screen.findByRole('heading', { name: 'Year 10' })).toBeInTheDocument();
    const members = within(await screen.findByRole('table', { name: 'Group members' }));
    expect(await members.findByText('Ada Lovelace')).toBeInTheDocument();

    await user.click(screen.getByPlaceholderText('Name, roll number or email'));
    await user.paste('a');
    await waitFor(() => expect(sent(calls, 'GET', /^\/students\?q=a&/).length).toBeGreaterThan(0));
    expect(await screen.findByRole('option', { name: 'S1 · Ada Lovelace (already in the group)', hidden: true })).toHaveAttribute(
      'data-combobox-disabled',
    );
    await user.click(screen.getByRole('option', { name: 'S2 · Alan Turing', hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Add to group' }));
    await waitFor(() => expect(sent(calls, 'POST', /members$/)).toHaveLength(1));
    expect(sent(calls, 'POST', /members$/)[0]!.body).toEqual({ student_ids: ['s2'] });

    await user.click(members.getByRole('button', { name: 'Remove Ada Lovelace from the group' }));
    await waitFor(() => expect(sent(calls, 'DELETE', /members\/s1$/)).toHaveLength(1));
  });

  it('explains why a group an exam uses cannot be deleted', async () => {
    stubApi([
      ['GET', /^\/groups\/g1$/, () => jsonResponse({ ...g1, description: '', member_count: 1, created_at: '2026-01-01T00:00:00Z' })],
      ['GET', /^\/students\?/, () => jsonResponse({ items: [ada], total: 1, page: 1, page_size: 25 })],
      [
        'DELETE',
        /^\/groups\/g1$/,
        jsonResponse({ error: { code: 'group_in_use', message: 'Exams restricted to this group: Midterm. Remove the group from them first.' } }, 409),
      ],
    ]);
    const user = userEvent.setup();
    renderWithProviders(page, { me: makeMe(), route: '/groups/g1' });

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Delete group' }));
    expect(dialog.getByText(/does not delete its students/)).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Delete group' }));
    expect(await dialog.findByText('Exams restricted to this group: Midterm. Remove the group from them first.')).toBeInTheDocument();
  });
});
