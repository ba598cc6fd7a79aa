import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/utils';
import { fill, jsonResponse, sent, stubApi } from '../testing';
import { RegisterPage } from './RegisterPage';

const page = (
  <Routes>
    <Route path="/register/:token" element={<RegisterPage />} />
  </Routes>
);
const info = () => jsonResponse({ org_name: 'Northwind Academy', teacher_name: 'Morgan Reyes' });

describe('RegisterPage', () => {
  it('names the teacher, explains bad input in words, and confirms the registration', async () => {
    const { calls } = stubApi([
      ['GET', /^\/register\/tok123$/, info],
      [
        'POST',
        /^\/register\/tok123$/,
        jsonResponse(
          {
            error: {
              code: 'roll_taken',
              message: 'Roll number S1 is already registered with another email address. Check your roll number, or ask your teacher.',
            },
          },
          409,
        ),
      ],
      ['POST', /^\/register\/tok123$/, jsonResponse({ id: 's1', roll_number: 'S2', name: 'Ada Lovelace', email: 'ada@example.com' }, 201)],
    ]);
    const user = userEvent.setup();
    renderWithProviders(page, { route: '/register/tok123' });

    expect(await screen.findByRole('heading', { name: 'Register with Morgan Reyes' })).toBeInTheDocument();
    expect(screen.getAllByText('Northwind Academy').length).toBeGreaterThan(0);

    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByText('Enter your roll number')).toBeInTheDocument();
    expect(screen.getByText('Enter your full name')).toBeInTheDocument();
    expect(screen.getByText('Enter your email address')).toBeInTheDocument();
    await fill(user, screen.getByLabelText(/Email/), 'ada@');
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByText('Enter a valid email address')).toBeInTheDocument();
    expect(sent(calls, 'POST', /./)).toHaveLength(0);

    await fill(user, screen.getByLabelText(/Roll number/), 'S1');
    await fill(user, screen.getByLabelText(/Full name/), 'Ada Lovelace');
    await fill(user, screen.getByLabelText(/Email/), 'example.com');
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByText(/Roll number S1 is already registered with another email address/)).toBeInTheDocument();
    expect(sent(calls, 'POST', /./)[0]!.body).toEqual({ roll_number: 'S1', name: 'Ada Lovelace', email: 'ada@example.com' });

    await user.clear(screen.getByLabelText(/Roll number/));
    await fill(user, screen.getByLabelText(/Roll number/), 'S2');
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByRole('heading', { name: 'You are registered' })).toBeInTheDocument();
    expect(screen.getByText(/on Morgan Reyes’s student list with roll number/)).toBeInTheDocument();
    expect(screen.getByText('S2')).toBeInTheDocument();
  });

  it('says clearly when the link was rotated or never existed', async () => {
    stubApi([
      [
        'GET',
        /^\/register\/old$/,
        jsonResponse({ error: { code: 'link_invalid', message: 'This registration link is not valid. Ask your teacher for the current one.' } }, 404),
      ],
    ]);
    renderWithProviders(page, { route: '/register/old' });
    expect(await screen.findByRole('heading', { name: 'This link does not work' })).toBeInTheDocument();
    expect(screen.getByText(/Ask your teacher for the current link/)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Register' })).not.toBeInTheDocument());
  });
});
