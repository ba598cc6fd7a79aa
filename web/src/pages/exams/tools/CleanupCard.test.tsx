import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, makeMe, renderWithProviders } from '../../../test/utils';
import { fakeApi } from '../testData';
import { cleanupSummary, formatBytes } from './CleanupCard';
import { ToolsPage } from './ToolsPage';

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

describe('Cleanup Screenshots tool', () => {
  it('names the retention periods, asks first, then deletes and reports what it freed', async () => {
    const api = fakeApi({
      'GET /students/count': { total: 3, mine: 0 },
      'GET /orgs/current': ORG,
      'POST /tools/cleanup-media': jsonResponse({ snapshots_deleted: 340, recordings_deleted: 2, thumbnails_kept: 15, bytes_freed: 12_400_000 }),
    });
    const user = userEvent.setup();
    renderWithProviders(<ToolsPage />, { me: makeMe('teacher') });

    const card = screen.getByRole('region', { name: 'Cleanup Screenshots' });
    expect(
      await within(card).findByText(
        'Deletes webcam and screen snapshots older than 7 days, and recordings, audio clips and ID photos older than 30 days (your retention settings). Evidence behind flags keeps a small thumbnail for reports.',
      ),
    ).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Clean up now…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Clean up screenshots' });
    expect(api.sent('POST', '/tools/cleanup-media')).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Delete old media' }));
    await waitFor(() => expect(api.sent('POST', '/tools/cleanup-media')).toHaveLength(1));
    expect(await within(card).findByText('Freed 12.4 MB: 340 snapshots, 2 recordings; 15 thumbnails kept.')).toBeInTheDocument();
  });

  it('still works in general words when the organization cannot be loaded, and shows a failure in the dialog', async () => {
    fakeApi({
      'GET /students/count': { total: 3, mine: 0 },
      'POST /tools/cleanup-media': jsonResponse({ error: { code: 'forbidden', message: 'Only admins may do this.' } }, 403),
    });
    const user = userEvent.setup();
    renderWithProviders(<ToolsPage />, { me: makeMe('teacher') });

    const card = screen.getByRole('region', { name: 'Cleanup Screenshots' });
    expect(await within(card).findByText(/older than your retention settings\./)).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Clean up now…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Clean up screenshots' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete old media' }));
    expect(await within(dialog).findByText('Only admins may do this.')).toBeInTheDocument();
  });

  it('words the result in the right units and numbers', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1_500)).toBe('1.5 KB');
    expect(formatBytes(3_200_000_000)).toBe('3.2 GB');
    expect(cleanupSummary({ snapshots_deleted: 1, recordings_deleted: 0, thumbnails_kept: 1, bytes_freed: 0 })).toBe(
      'Freed 0 bytes: 1 snapshot, 0 recordings; 1 thumbnail kept.',
    );
    expect(cleanupSummary({ snapshots_deleted: 0, recordings_deleted: 0, thumbnails_kept: 0, bytes_freed: 0 })).toBe(
      'Nothing to delete: no media is past its retention period.',
    );
  });
});
