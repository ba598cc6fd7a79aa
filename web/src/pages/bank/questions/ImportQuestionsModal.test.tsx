import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeMe, renderWithProviders } from '../../../test/utils';
import { fileInput, jsonResponse, sent, stubApi } from '../testing';
import { ImportQuestionsModal } from './ImportQuestionsModal';

const refused = jsonResponse(
  {
    error: {
      code: 'import_has_errors',
      message: '2 of 5 questions have errors, so nothing was imported. Fix them, or import only the valid ones.',
      details: {
        imported: 0,
        question_ids: [],
        valid: 3,
        errors: [
          { row: 3, file: null, errors: ["answer: 'E' is not an option letter (A to B)"] },
          { row: 5, file: null, errors: ['points: Input should be greater than 0', 'tags: a tag must not contain |'] },
        ],
      },
    },
  },
  422,
);

describe('ImportQuestionsModal', () => {
  it('shows each bad row in words, imports nothing, then imports the valid rows on request', async () => {
    const { calls } = stubApi([
      ['POST', /^\/questions\/import\.csv$/, refused],
      [
        'POST',
        /^\/questions\/import\.csv\?valid_only=true$/,
        jsonResponse({ imported: 3, question_ids: ['a', 'b', 'c'], errors: [{ row: 3, file: null, errors: ['bad'] }, { row: 5, file: null, errors: ['bad'] }] }),
      ],
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ImportQuestionsModal onClose={() => {}} />, { me: makeMe() });
    const dialog = within(await screen.findByRole('dialog', { name: 'Import questions' }));

    expect(dialog.getByRole('button', { name: 'Import' })).toBeDisabled();
    await user.upload(fileInput(), new File(['type,stem\n'], 'bank.csv', { type: 'text/csv' }));
    await user.click(dialog.getByRole('button', { name: 'Import' }));

    expect(await dialog.findByText('Nothing was imported')).toBeInTheDocument();
    expect(dialog.getByText(/2 of 5 questions have errors/)).toBeInTheDocument();
    const report = within(dialog.getByRole('table', { name: 'Rows with errors' }));
    expect(report.getByText("answer: 'E' is not an option letter (A to B)")).toBeInTheDocument();
    expect(report.getByText('points: Input should be greater than 0')).toBeInTheDocument();
    expect(report.getByText('tags: a tag must not contain |')).toBeInTheDocument();
    const upload = sent(calls, 'POST', /import\.csv/)[0]!;
    expect(upload.body).toBeInstanceOf(FormData);
    expect(((upload.body as FormData).get('file') as File).name).toBe('bank.csv');

    await user.click(dialog.getByRole('button', { name: 'Import the 3 valid questions' }));
    expect(await dialog.findByText('Import finished')).toBeInTheDocument();
    expect(dialog.getByText(/3 questions added to the bank\. 2 rows with errors were skipped/)).toBeInTheDocument();
    await waitFor(() => expect(sent(calls, 'POST', /valid_only=true/)).toHaveLength(1));
  });

  it('shows a problem with the whole file as an error message, with no row report', async () => {
    stubApi([
      [
        'POST',
        /^\/questions\/import\.qti$/,
        jsonResponse({ error: { code: 'invalid_qti', message: 'The file is neither a zip package nor a QTI 3.0 assessment item.' } }, 400),
      ],
    ]);
    const user = userEvent.setup();
    renderWithProviders(<ImportQuestionsModal onClose={() => {}} />, { me: makeMe() });
    const dialog = within(await screen.findByRole('dialog', { name: 'Import questions' }));

    await user.click(dialog.getByText('QTI 3.0'));
    expect(dialog.getByText('QTI 3.0 package')).toBeInTheDocument();
    await user.upload(fileInput(), new File(['<x/>'], 'item.xml', { type: 'text/xml' }));
    await user.click(dialog.getByRole('button', { name: 'Import' }));

    expect(await dialog.findByText('The file is neither a zip package nor a QTI 3.0 assessment item.')).toBeInTheDocument();
    expect(dialog.queryByRole('button', { name: /valid/ })).not.toBeInTheDocument();
  });
});
