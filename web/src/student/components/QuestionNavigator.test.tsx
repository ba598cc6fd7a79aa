import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/utils';
import { navigatorItems } from '../answers';
import { makeSession } from '../testData';
import { QuestionNavigator } from './QuestionNavigator';

describe('QuestionNavigator', () => {
  it('names each button by its state and marks the current one', async () => {
    const { questions } = makeSession();
    const onSelect = vi.fn();
    const items = navigatorItems(questions, { q1: { response: 'a', flagged: false }, q3: { response: null, flagged: true } }, 1);
    renderWithProviders(<QuestionNavigator items={items} onSelect={onSelect} />);

    const nav = screen.getByRole('navigation', { name: 'Questions' });
    expect(nav).toHaveTextContent('1 of 3 answered');
    const first = screen.getByRole('button', { name: 'Question 1, answered' });
    const second = screen.getByRole('button', { name: 'Question 2, not answered' });
    const third = screen.getByRole('button', { name: 'Question 3, not answered, flagged' });
    expect(second).toHaveAttribute('aria-current', 'step');
    expect(first).not.toHaveAttribute('aria-current');
    expect(first).toHaveAttribute('data-answered');
    expect(third).toHaveAttribute('data-flagged');

    await userEvent.click(third);
    expect(onSelect).toHaveBeenCalledWith(2);
    first.focus();
    await userEvent.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith(0);
  });
});
