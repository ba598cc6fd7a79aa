import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeMe, renderWithProviders } from '../../../../test/utils';
import { fakeApi, makeExam } from '../../testData';
import { InvitesTab } from './InvitesTab';

const groups = [{ id: 'g1', name: 'Year 10', description: '', member_count: 2, created_at: '2026-01-01T00:00:00Z' }];

describe('invite students', { timeout: 30_000 }, () => {
  it('invites a group and lists each personal link, with a copy button for those without email', async () => {
    const api = fakeApi({
      'GET /groups': groups,
      'GET /students': { items: [], total: 0, page: 1, page_size: 20 },
      'POST /exams/ex1/invites': {
        invited: 2,
        emailed: 1,
        links: [
          { student_id: 's1', roll_number: 'S1', name: 'Ada Lovelace', email: 'ada@example.com', url: 'https://procta.example/take/ex1?invite=inv_s1.x' },
          { student_id: 's2', roll_number: 'S2', name: 'Alan Turing', email: null, url: '/take/ex1?invite=inv_s2.y' },
        ],
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<InvitesTab exam={makeExam({ status: 'published' })} />, { me: makeMe('teacher') });

    const send = screen.getByRole('button', { name: 'Send invites' });
    expect(send).toBeDisabled();
    await user.click(screen.getByRole('combobox', { name: 'Groups' }));
    await user.click(await screen.findByRole('option', { name: 'Year 10 (2)', hidden: true }));
    await user.click(send);

    await waitFor(() => expect(api.sent('POST', '/exams/ex1/invites')).toHaveLength(1));
    expect(api.sent('POST', '/exams/ex1/invites')[0]!.body).toEqual({ student_ids: [], group_ids: ['g1'] });
    expect(await screen.findByText(/2 students invited, 1 by email/)).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Invited students' });
    expect(within(table).getAllByText('No email: copy the link').length).toBeGreaterThan(0);
    expect(within(table).getByRole('button', { name: 'Copy link of Alan Turing' })).toBeInTheDocument();
    // A path from the API is shown as a full address a student can open.
    expect(within(table).getByText(`${window.location.origin}/take/ex1?invite=inv_s2.y`)).toBeInTheDocument();
  });

  it('asks to publish first', () => {
    fakeApi({ 'GET /groups': groups, 'GET /students': { items: [], total: 0, page: 1, page_size: 20 } });
    renderWithProviders(<InvitesTab exam={makeExam({ status: 'draft' })} />, { me: makeMe('teacher') });
    expect(screen.getByText('Publish the exam first: invites can only be sent for a published exam.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send invites' })).toBeDisabled();
  });
});
