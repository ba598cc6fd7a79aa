import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeMe, renderWithProviders } from '../../../../test/utils';
import { fakeApi, makeExam, makeItem } from '../../testData';
import type { ExamItems, ItemIn } from '../../types';
import { QuestionsTab } from './QuestionsTab';

const exam = makeExam({
  items: [makeItem('q1', 'Solve 2x = 4', 2, 1), makeItem('q2', 'Factor x² − 1', 3, 2), makeItem('q3', 'Expand (x+1)²', 1, 3)],
  question_count: 3,
});

function stems(): string[] {
  const list = screen.getByRole('list', { name: 'Exam questions' });
  return within(list)
    .getAllByRole('listitem')
    .map((li) => li.textContent ?? '')
    .map((text) => /(Solve|Factor|Expand)/.exec(text)?.[1] ?? text);
}

/** The answer of PUT /exams/ex1/questions: the items as saved. */
function saved(body: unknown): ExamItems {
  const items = (body as { items: ItemIn[] }).items;
  const byId = new Map(exam.items.map((i) => [i.question!.id, i]));
  return {
    items: items.map((item, index) =>
      item.question_id
        ? { ...byId.get(item.question_id)!, position: index + 1 }
        : { position: index + 1, kind: 'pool', question: null, pool_tags: item.pool_tags, pool_count: item.pool_count, matching_count: 7 },
    ),
    question_count: items.reduce((n, i) => n + (i.question_id ? 1 : i.pool_count), 0),
  };
}

describe('exam questions', { timeout: 30_000 }, () => {
  it('reorders with the keyboard, keeps the focus on the moved question, and saves the order', async () => {
    const api = fakeApi({ 'PUT /exams/ex1/questions': saved });
    const user = userEvent.setup();
    renderWithProviders(<QuestionsTab exam={exam} />, { me: makeMe('teacher') });

    expect(screen.getByText(/Total points: 6/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save questions' })).toBeDisabled();

    // Keyboard only: focus "move down" on the first question, press Enter twice.
    screen.getByRole('button', { name: /^Move item 1 down/ }).focus();
    await user.keyboard('{Enter}');
    expect(stems()).toEqual(['Factor', 'Solve', 'Expand']);
    expect(document.activeElement).toHaveAccessibleName(/^Move item 2 down: Solve/);
    await user.keyboard('{Enter}');
    expect(stems()).toEqual(['Factor', 'Expand', 'Solve']);
    // At the bottom "down" is disabled, so the focus moves to "up" of the same question.
    expect(document.activeElement).toHaveAccessibleName(/^Move item 3 up: Solve/);

    await user.click(screen.getByRole('button', { name: /^Remove item 2/ }));
    expect(stems()).toEqual(['Factor', 'Solve']);
    expect(screen.getByText(/Total points: 5/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save questions' }));
    await waitFor(() => expect(api.sent('PUT', '/exams/ex1/questions')).toHaveLength(1));
    expect(api.sent('PUT', '/exams/ex1/questions')[0]!.body).toEqual({
      items: [
        { question_id: 'q2', pool_tags: [], pool_count: 0 },
        { question_id: 'q1', pool_tags: [], pool_count: 0 },
      ],
    });
    expect(await screen.findByText('All questions saved.')).toBeInTheDocument();
  });

  it('adds a random pool by tag and shows the error in words when the bank is too small', async () => {
    const api = fakeApi({
      'GET /questions/tags': [{ tag: 'algebra', count: 12 }],
      'PUT /exams/ex1/questions': new Response(
        JSON.stringify({
          error: {
            code: 'pool_too_small',
            message: 'Item 4 draws 20 questions tagged algebra, but only 9 such questions exist (besides those picked one by one).',
          },
        }),
        { status: 400, headers: { 'Content-Type': 'application/json' } },
      ),
    });
    const user = userEvent.setup();
    renderWithProviders(<QuestionsTab exam={exam} />, { me: makeMe('teacher') });

    await user.click(screen.getByRole('button', { name: 'Add random pool' }));
    const tags = await screen.findByRole('combobox', { name: 'Tags' });
    expect(tags).toHaveFocus();
    await user.click(tags);
    // The list is still fading in (jsdom runs no transitions): it counts as hidden.
    await user.click(await screen.findByRole('option', { name: 'algebra (12)', hidden: true }));
    const count = screen.getByRole('textbox', { name: 'Questions to draw' });
    await user.clear(count);
    await user.type(count, '20');
    await user.click(screen.getByRole('button', { name: 'Add pool' }));

    expect(await screen.findByText('Draw 20 questions tagged algebra')).toBeInTheDocument();
    expect(screen.getByText(/23 questions per student/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save questions' }));

    expect(await screen.findByText(/only 9 such questions exist/)).toBeInTheDocument();
    expect(api.sent('PUT', '/exams/ex1/questions')[0]!.body).toEqual({
      items: [
        { question_id: 'q1', pool_tags: [], pool_count: 0 },
        { question_id: 'q2', pool_tags: [], pool_count: 0 },
        { question_id: 'q3', pool_tags: [], pool_count: 0 },
        { question_id: null, pool_tags: ['algebra'], pool_count: 20 },
      ],
    });
  });
});
