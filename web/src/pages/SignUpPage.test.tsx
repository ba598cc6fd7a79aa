import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, makeMe, renderWithProviders } from '../test/utils';
import { SignUpPage } from './SignUpPage';

const page = (
  <Routes>
    <Route path="/signup" element={<SignUpPage />} />
    <Route path="/dashboard" element={<p>dashboard home</p>} />
  </Routes>
);

describe('SignUpPage', () => {
  it('shows validation messages and sends nothing when the form is invalid', async () => {
    const fetchMock = vi.fn<typeof fetch>();
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(page, { route: '/signup' });

    expect(screen.getByRole('heading', { name: 'Start free trial' })).toBeInTheDocument();
    expect(screen.getByText('At least 10 characters')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('Organization name is required')).toBeInTheDocument();
    expect(screen.getByText('Your name is required')).toBeInTheDocument();
    expect(screen.getByText('Enter a valid email address')).toBeInTheDocument();
    expect(screen.getByText('Password must be at least 10 characters')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('signs up and goes to the dashboard; server errors are shown', async () => {
    const fetchMock = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(jsonResponse({ error: { code: 'email_taken', message: 'That email is already registered.' } }, 409))
      .mockResolvedValueOnce(jsonResponse(makeMe('owner'), 201));
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(page, { route: '/signup' });

    await user.type(screen.getByLabelText('Organization name'), 'Acme School');
    await user.type(screen.getByLabelText('Your name'), 'Tess Teacher');
    await user.type(screen.getByLabelText('Email'), 'tess@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('That email is already registered.')).toBeInTheDocument();
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1]!.body))).toEqual({
      org_name: 'Acme School',
      name: 'Tess Teacher',
      email: 'tess@example.com',
      password: 'correct horse battery',
    });

    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(screen.getByText('dashboard home')).toBeInTheDocument());
  });
});
