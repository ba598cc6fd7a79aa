import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeMe, renderWithProviders } from '../../../test/utils';
import { fileInput, jsonResponse, sent, stubApi } from '../testing';
import { ImportRosterModal } from './ImportRosterModal';

const roster = () => new File(['roll_number,name,email\n'], 'roster.csv', { type: 'text/csv' });

describe('ImportRosterModal', () => {
  it('checks the file first; with bad rows nothing is imported until "Import the valid rows"', async () => {
    const { calls } = stubApi([
      [
        'POST',
        /^\/students\/import\?dry_run=true$/,
        jsonResponse({
          imported: 37,
          updated: 0,
          errors: [
            { row: 4, errors: ['email “ada@” is not a valid email address'] },
            { row: 9, errors: ['name is missing', 'roll number S1 is also on row 2'] },
          ],
        }),
      ],
      ['POST', /^\/students\/import\?valid_only=true$/, jsonResponse({ imported: 37, updated: 0, errors: [] })],
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ImportRosterModal onClose={() => {}} />, { me: makeMe() });
    const dialog = within(await screen.findByRole('dialog', { name: 'Import students' }));

    await user.upload(fileInput(), roster());
    await user.click(dialog.getByRole('button', { name: 'Import' }));

    expect(await dialog.findByText('Nothing was imported')).toBeInTheDocument();
    expect(dialog.getByText(/2 rows of the file have errors\. The other 37 rows are fine/)).toBeInTheDocument();
    const report = within(dialog.getByRole('table', { name: 'Rows with errors' }));
    expect(report.getByText('email “ada@” is not a valid email address')).toBeInTheDocument();
    expect(report.getByText('name is missing')).toBeInTheDocument();
    expect(report.getByText('roll number S1 is also on row 2')).toBeInTheDocument();
    // Only the dry run has been sent so far.
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/students/import?dry_run=true']);

    await user.click(dialog.getByRole('button', { name: 'Import the 37 valid rows' }));
    expect(await dialog.findByText('Import finished')).toBeInTheDocument();
    expect(dialog.getByText('37 students added.')).toBeInTheDocument();
    expect(sent(calls, 'POST', /valid_only=true/)).toHaveLength(1);
  });

  it('imports a clean file straight after the check, updating known roll numbers when asked', async () => {
    const { calls } = stubApi([
      ['POST', /^\/students\/import\?update_existing=true&dry_run=true$/, jsonResponse({ imported: 2, updated: 1, errors: [] })],
      ['POST', /^\/students\/import\?update_existing=true$/, jsonResponse({ imported: 2, updated: 1, errors: [] })],
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ImportRosterModal onClose={() => {}} />, { me: makeMe() });
    const dialog = within(await screen.findByRole('dialog', { name: 'Import students' }));

    await user.upload(fileInput(), roster());
    await user.click(dialog.getByRole('checkbox', { name: /Update students whose roll number already exists/ }));
    await user.click(dialog.getByRole('button', { name: 'Import' }));

    expect(await dialog.findByText('2 students added, 1 student updated.')).toBeInTheDocument();
    await waitFor(() => expect(calls).toHaveLength(2));
  });

  it('says what is wrong with a file it cannot read', async () => {
    stubApi([
      [
        'POST',
        /^\/students\/import/,
        jsonResponse({ error: { code: 'bad_header', message: 'Unknown column(s) in the first row: phone.' } }, 400),
      ],
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ImportRosterModal onClose={() => {}} />, { me: makeMe() });
    const dialog = within(await screen.findByRole('dialog', { name: 'Import students' }));
    await user.upload(fileInput(), roster());
    await user.click(dialog.getByRole('button', { name: 'Import' }));
    expect(await dialog.findByText('Unknown column(s) in the first row: phone.')).toBeInTheDocument();
  });
});
