import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderWithProviders } from '../test/utils';
import { stubDocumentFonts } from './live/testing';
import { SubmittedPage, type SubmittedState } from './SubmittedPage';

const NOT_RELEASED = 'Your teacher has not released the results yet. Check back later.';

function stubResult() {
  const fetchMock = vi.fn<typeof fetch>(async () =>
    jsonResponse({ error: { code: 'results_not_released', message: 'Results are not released yet.' } }, 409),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function renderSubmitted(state: SubmittedState | null) {
  return renderWithProviders(
    <Routes>
      <Route path="/take/:examId/submitted" element={<SubmittedPage />} />
    </Routes>,
    { route: { pathname: '/take/ex1/submitted', state } as unknown as string },
  );
}

const authOf = (init: RequestInit | undefined) => new Headers(init?.headers).get('Authorization');

beforeEach(() => {
  sessionStorage.clear();
  stubDocumentFonts();
});

describe('SubmittedPage', () => {
  it('after a reload without its state, shows the result with what this tab kept', async () => {
    sessionStorage.setItem('procta:result:ex1', JSON.stringify({ attemptId: 'att1', token: 'at_kept' }));
    const fetchMock = stubResult();
    renderSubmitted(null);

    expect(screen.getByRole('heading', { name: 'Exam submitted' })).toBeInTheDocument();
    expect(screen.getByText('Your exam has been submitted.')).toBeInTheDocument();
    expect(screen.queryByText('Go to the exam page')).not.toBeInTheDocument();
    const section = await screen.findByRole('region', { name: 'Your result' });
    expect(await within(section).findByText(NOT_RELEASED)).toBeInTheDocument();
    expect(String(fetchMock.mock.calls[0]![0])).toBe('/api/v1/exam-sessions/att1/result');
    expect(authOf(fetchMock.mock.calls[0]![1])).toBe('Bearer at_kept');
  });

  it("fills in the credentials missing from the page's state", async () => {
    sessionStorage.setItem('procta:result:ex1', JSON.stringify({ attemptId: 'att1', token: 'at_kept' }));
    const fetchMock = stubResult();
    renderSubmitted({ status: 'auto_submitted', title: 'Algebra quiz', answered: 2, total: 3 });

    expect(screen.getByRole('heading', { name: 'Submitted' })).toBeInTheDocument();
    expect(screen.getByText('Time ran out, so your exam was submitted automatically.')).toBeInTheDocument();
    expect(screen.getByText('You answered 2 of 3 questions.')).toBeInTheDocument();
    await screen.findByRole('region', { name: 'Your result' });
    expect(authOf(fetchMock.mock.calls[0]![1])).toBe('Bearer at_kept');
  });

  it('prefers the credentials in its state', async () => {
    sessionStorage.setItem('procta:result:ex1', JSON.stringify({ attemptId: 'old', token: 'at_old' }));
    const fetchMock = stubResult();
    renderSubmitted({ attemptId: 'att2', token: 'at_new', title: 'Algebra quiz' });

    // Back from the join page: how the attempt ended is not known.
    expect(screen.getByRole('heading', { name: 'Exam submitted' })).toBeInTheDocument();
    expect(screen.getByText('Algebra quiz')).toBeInTheDocument();
    await screen.findByRole('region', { name: 'Your result' });
    expect(String(fetchMock.mock.calls[0]![0])).toBe('/api/v1/exam-sessions/att2/result');
    expect(authOf(fetchMock.mock.calls[0]![1])).toBe('Bearer at_new');
  });

  it('without state or kept credentials, points back to the exam page', () => {
    const fetchMock = stubResult();
    sessionStorage.setItem('procta:result:other', JSON.stringify({ attemptId: 'att1', token: 'at_x' }));
    renderSubmitted(null);

    expect(screen.getByRole('heading', { name: 'No exam in progress' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the exam page' })).toHaveAttribute('href', '/take/ex1');
    expect(screen.queryByRole('region', { name: 'Your result' })).not.toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
