import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeMe, renderWithProviders } from '../../test/utils';
import { fakeApi } from '../exams/testData';
import { RetentionSection } from './RetentionSection';

const ORG = {
  id: 'o1',
  name: 'Acme School',
  slug: 'acme',
  plan: 'trial',
  status: 'active',
  trial_ends_at: null,
  created_at: '2025-01-01T00:00:00Z',
  retention_days: 30,
  screenshot_retention_days: 7,
};

describe('Data retention settings', () => {
  it("shows the organization's periods and saves both with PATCH /orgs/current", async () => {
    const api = fakeApi({
      'GET /orgs/current': ORG,
      'PATCH /orgs/current': (body) => ({ ...ORG, ...(body as object) }),
    });
    const user = userEvent.setup();
    renderWithProviders(<RetentionSection />, { me: makeMe('owner') });

    const snapshots = await screen.findByRole('textbox', { name: /^Keep webcam and screen snapshots for/ });
    const recordings = screen.getByRole('textbox', { name: /^Keep recordings, audio clips and ID photos for/ });
    expect(snapshots).toHaveValue('7');
    expect(recordings).toHaveValue('30');
    expect(screen.getByRole('button', { name: 'Save retention' })).toBeDisabled();

    await user.clear(snapshots);
    await user.type(snapshots, '14');
    await user.clear(recordings);
    await user.type(recordings, '90');
    await user.click(screen.getByRole('button', { name: 'Save retention' }));

    await waitFor(() => expect(api.sent('PATCH', '/orgs/current')).toHaveLength(1));
    expect(api.sent('PATCH', '/orgs/current')[0]!.body).toEqual({ screenshot_retention_days: 14, retention_days: 90 });
    expect(await screen.findByText('Data retention saved.')).toBeInTheDocument();
  });

  it('sends nothing when a period is out of range', async () => {
    const api = fakeApi({ 'GET /orgs/current': ORG });
    const user = userEvent.setup();
    renderWithProviders(<RetentionSection />, { me: makeMe('owner') });

    const recordings = await screen.findByRole('textbox', { name: /^Keep recordings/ });
    await user.clear(recordings);
    await user.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(await screen.findByText('Enter a number of days from 1 to 3650')).toBeInTheDocument();
    expect(api.sent('PATCH', '/orgs/current')).toHaveLength(0);
  });

  it('does not turn a period of 0 days into 1 day silently', async () => {
    const api = fakeApi({ 'GET /orgs/current': ORG });
    const user = userEvent.setup();
    renderWithProviders(<RetentionSection />, { me: makeMe('owner') });

    const snapshots = await screen.findByRole('textbox', { name: /^Keep webcam/ });
    await user.clear(snapshots);
    await user.type(snapshots, '0');
    await user.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(await screen.findByText('Enter a number of days from 1 to 3650')).toBeInTheDocument();
    expect(snapshots).toHaveValue('0');
    expect(api.sent('PATCH', '/orgs/current')).toHaveLength(0);
  });
});
