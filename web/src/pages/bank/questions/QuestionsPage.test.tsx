import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeMe, renderWithProviders } from '../../../test/utils';
import { fill, jsonResponse, sent, stubApi, stubDocumentFonts, type Route } from '../testing';
import type { Question } from '../types';
import { QuestionsPage } from './QuestionsPage';

stubDocumentFonts();

const question = (over: Partial<Question>): Question => ({
  id: 'q1',
  type: 'essay',
  stem: 'Explain resonance.',
  options: [],
  answer: null,
  points: 5,
  partial_credit: false,
  explanation: '',
  tags: ['waves'],
  version: 1,
  created_by_id: 'u1',
  created_at: '2026-03-01T10:00:00Z',
  updated_at: null,
  ...over,
});

const page = (items: Question[]) => jsonResponse({ items, total: items.length, page: 1, page_size: 25 });

function listRoutes(items: Question[]): Route[] {
  return [
    ['GET', /^\/questions\/tags$/, () => jsonResponse([{ tag: 'mechanics', count: 3 }, { tag: 'waves', count: 2 }])],
    ['GET', /^\/questions(\?|$)/, () => page(items)],
  ];
}

describe('QuestionsPage', () => {
  it('filters by words, type and tags through the API', async () => {
    const { calls } = stubApi(listRoutes([question({})]));
    const user = userEvent.setup();
    renderWithProviders(<QuestionsPage />, { me: makeMe() });

    expect(await screen.findByText('Explain resonance.')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'waves (2)' }));
    await fill(user, screen.getByLabelText('Search'), 'reson');
    await user.click(screen.getByLabelText('Type'));
    await user.click(await screen.findByRole('option', { name: 'Essay', hidden: true }));

    await waitFor(() => {
      const last = sent(calls, 'GET', /^\/questions\?/).at(-1)!.url;
      expect(last).toContain('q=reson');
      expect(last).toContain('tag=waves');
      expect(last).toContain('type=essay');
    });
  });

  it('adds a multiple-choice question with partial credit', async () => {
    const routes = listRoutes([]);
    routes.push(['POST', /^\/questions$/, jsonResponse(question({ id: 'q9' }), 201)]);
    const { calls } = stubApi(routes);
    const user = userEvent.setup();
    renderWithProviders(<QuestionsPage />, { me: makeMe() });

    await user.click(screen.getByRole('button', { name: 'Add question' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add question' });
    const form = within(dialog);

    // Nothing filled in: the problems are said in words and nothing is sent.
    await user.click(form.getByRole('button', { name: 'Add question' }));
    expect(await form.findByText('Write the question')).toBeInTheDocument();
    expect(form.getByText('Option 1 is empty: write it or remove it')).toBeInTheDocument();
    expect(sent(calls, 'POST', /^\/questions$/)).toHaveLength(0);

    await user.click(form.getByLabelText('Question type'));
    await user.click(await screen.findByRole('option', { name: 'Multiple choice', hidden: true }));
    await fill(user, form.getByLabelText('Question'), 'Which are vectors?');
    await fill(user, form.getByRole('textbox', { name: 'Option 1' }), 'Velocity');
    await fill(user, form.getByRole('textbox', { name: 'Option 2' }), 'Mass');
    await fill(user, form.getByRole('textbox', { name: 'Option 3' }), 'Force');
    await user.click(form.getByRole('button', { name: 'Remove option 4' }));
    await user.click(form.getByRole('checkbox', { name: 'Option 1 is correct' }));
    await user.click(form.getByRole('checkbox', { name: 'Option 3 is correct' }));
    await user.click(form.getByRole('switch', { name: /Partial credit/ }));
    await user.clear(form.getByLabelText('Points'));
    await fill(user, form.getByLabelText('Points'), '2');
    await user.click(form.getByRole('button', { name: 'Add question' }));

    await waitFor(() => expect(sent(calls, 'POST', /^\/questions$/)).toHaveLength(1));
    expect(sent(calls, 'POST', /^\/questions$/)[0]!.body).toEqual({
      type: 'multiple_choice',
      stem: 'Which are vectors?',
      options: [
        { id: 'a', text: 'Velocity' },
        { id: 'b', text: 'Mass' },
        { id: 'c', text: 'Force' },
      ],
      answer: ['a', 'c'],
      points: 2,
      partial_credit: true,
      explanation: '',
      tags: [],
    });
  }, 20_000);

  it('edits a numeric question with PATCH and shows an API error in words', async () => {
    const numeric = question({ id: 'q2', type: 'numeric', stem: 'g in m/s²?', answer: { value: 9.8, tolerance: 0 }, points: 1, tags: [] });
    const routes = listRoutes([numeric]);
    routes.push(['PATCH', /^\/questions\/q2$/, jsonResponse({ error: { code: 'invalid_question', message: 'answer.value: must be a number' } }, 422)]);
    const { calls } = stubApi(routes);
    const user = userEvent.setup();
    renderWithProviders(<QuestionsPage />, { me: makeMe() });

    await user.click(await screen.findByRole('button', { name: 'Edit question: g in m/s²?' }));
    const form = within(await screen.findByRole('dialog', { name: 'Edit question' }));
    expect(form.getByText(/attempts already submitted keep the version the student saw/)).toBeInTheDocument();
    await user.clear(form.getByLabelText('Tolerance (±)'));
    await fill(user, form.getByLabelText('Tolerance (±)'), '0.05');
    await user.click(form.getByRole('button', { name: 'Save question' }));

    expect(await form.findByText('answer.value: must be a number')).toBeInTheDocument();
    expect(sent(calls, 'PATCH', /^\/questions\/q2$/)[0]!.body).toMatchObject({
      type: 'numeric',
      options: [],
      answer: { value: 9.8, tolerance: 0.05 },
    });
  });

  it('asks before deleting and says submitted attempts keep their version', async () => {
    const routes = listRoutes([question({})]);
    routes.push(['DELETE', /^\/questions\/q1$/, new Response(null, { status: 204 })]);
    const { calls } = stubApi(routes);
    const user = userEvent.setup();
    renderWithProviders(<QuestionsPage />, { me: makeMe() });

    await user.click(await screen.findByRole('button', { name: 'Delete question: Explain resonance.' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Delete question' }));
    expect(dialog.getByText(/Attempts already submitted keep the version the student saw/)).toBeInTheDocument();
    expect(sent(calls, 'DELETE', /./)).toHaveLength(0);
    await user.click(dialog.getByRole('button', { name: 'Delete question' }));
    await waitFor(() => expect(sent(calls, 'DELETE', /^\/questions\/q1$/)).toHaveLength(1));
  });
});
