import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, makeMe, renderWithProviders } from '../../../test/utils';
import { fakeApi } from '../testData';
import { ToolsPage } from './ToolsPage';

describe('Backfill Risk Scores tool', () => {
  it('asks first, then recomputes and reports what it checked and changed', async () => {
    const api = fakeApi({ 'GET /students/count': { total: 3, mine: 0 }, 'POST /tools/backfill-scores': jsonResponse({ checked: 65, changed: 3 }) });
    const user = userEvent.setup();
    renderWithProviders(<ToolsPage />, { me: makeMe('teacher') });

    const card = screen.getByRole('region', { name: 'Backfill Risk Scores' });
    await user.click(within(card).getByRole('button', { name: 'Recompute scores…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Backfill risk scores' });
    expect(api.sent('POST', '/tools/backfill-scores')).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Recompute' }));
    await waitFor(() => expect(api.sent('POST', '/tools/backfill-scores')).toHaveLength(1));
    expect(await within(card).findByText('Checked 65 completed attempts, 3 changed.')).toBeInTheDocument();
  });

  it('shows the error in the dialog when it fails', async () => {
    fakeApi({
      'GET /students/count': { total: 3, mine: 0 },
      'POST /tools/backfill-scores': jsonResponse({ error: { code: 'forbidden', message: 'Only teachers may do this.' } }, 403),
    });
    const user = userEvent.setup();
    renderWithProviders(<ToolsPage />, { me: makeMe('teacher') });
    await user.click(screen.getByRole('button', { name: 'Recompute scores…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Backfill risk scores' });
    await user.click(within(dialog).getByRole('button', { name: 'Recompute' }));
    expect(await within(dialog).findByText('Only teachers may do this.')).toBeInTheDocument();
  });
});
