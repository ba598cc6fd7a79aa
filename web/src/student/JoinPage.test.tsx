import { IDBFactory } from 'fake-indexeddb';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import type { ExamInfo } from '../api/types';
import { jsonResponse, renderWithProviders } from '../test/utils';
import { JoinPage } from './JoinPage';
import { makeSession } from './testData';

const INFO: ExamInfo = {
  id: 'ex1',
  title: 'Algebra quiz',
  instructions: '',
  org_name: 'Northwind Academy',
  duration_minutes: 30,
  window_start: null,
  window_end: null,
  needs_access_code: true,
  rules_allowed: [],
  rules_prohibited: [],
  question_count: 3,
  mode: 'auto',
  screen_required: false,
  room_camera_required: false,
  invited_name: null,
};

/** Stands in for the submitted page: shows the state it was given. */
function SubmittedProbe() {
  return <pre data-testid="submitted-state">{JSON.stringify(useLocation().state)}</pre>;
}

function renderJoin(route: string) {
  renderWithProviders(
    <Routes>
      <Route path="/take/:examId" element={<JoinPage />} />
      <Route path="/take/:examId/session" element={<p>exam session</p>} />
      <Route path="/take/:examId/submitted" element={<SubmittedProbe />} />
    </Routes>,
    { route },
  );
}

describe('JoinPage', () => {
  it('joins from a personal invite link without roll number or access code', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    const joins: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === 'POST') {
          joins.push(JSON.parse(String(init.body)));
          return jsonResponse({ ...makeSession(), token: 'at_x', resumed: false }, 201);
        }
        expect(url).toContain('invite=inv_abc');
        return jsonResponse({ ...INFO, invited_name: 'Ada Lovelace' });
      }),
    );
    renderJoin('/take/ex1?invite=inv_abc');

    expect(await screen.findByText('Ada Lovelace', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByLabelText(/Roll number/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/Access code/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Start exam' }));
    expect(await screen.findByText('exam session')).toBeInTheDocument();
    expect(joins).toEqual([{ exam_id: 'ex1', invite: 'inv_abc', access_code: '' }]);
  });

  it('explains a link that is not valid and falls back to the roll-number form', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.includes('invite=')
          ? jsonResponse({ error: { code: 'invalid_invite', message: 'This invite link is not valid for this exam.' } }, 400)
          : jsonResponse({ ...INFO, id: 'ex2' }),
      ),
    );
    renderJoin('/take/ex2?invite=inv_forged'); // ex1 has a session stored by the test above

    // Two requests (with the invite, then without): allow for a slow machine.
    const reason = await screen.findByText('This invite link is not valid for this exam.', {}, { timeout: 5000 });
    expect(reason).toBeInTheDocument();
    expect(screen.getByLabelText(/Roll number/)).toBeInTheDocument();
    expect(screen.getByLabelText(/Access code/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Start exam' })).toBeEnabled());
  });

  describe('an exam already submitted', () => {
    const ALREADY = { error: { code: 'already_submitted', message: 'You have already submitted this exam.' } };

    /** The exam ex3 (no session kept on this device), a join answered 409 already_submitted and
     * result-access answered by `access`. */
    function stubServer(access: () => Response) {
      vi.stubGlobal('indexedDB', new IDBFactory());
      const sent: { url: string; body: unknown }[] = [];
      vi.stubGlobal(
        'fetch',
        vi.fn(async (url: string, init?: RequestInit) => {
          if (init?.method !== 'POST')
            return jsonResponse({ ...INFO, id: 'ex3', ...(url.includes('invite=') ? { invited_name: 'Ada Mensah' } : {}) });
          sent.push({ url, body: JSON.parse(String(init.body)) });
          return url.endsWith('/exam-sessions/result-access') ? access() : jsonResponse(ALREADY, 409);
        }),
      );
      return sent;
    }

    /** Back with the personal invite link: one click on Start exam. */
    async function joinAgain() {
      sessionStorage.clear();
      renderJoin('/take/ex3?invite=inv_s17.mac');
      expect(await screen.findByText(/You were invited as/, {}, { timeout: 5000 })).toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: 'Start exam' }));
      expect(await screen.findByText('You have already submitted this exam.')).toBeInTheDocument();
      expect(screen.queryByText('Could not start the exam')).not.toBeInTheDocument();
    }

    it('opens the result with the personal invite', async () => {
      const sent = stubServer(() => jsonResponse({ attempt_id: 'att9', exam_id: 'ex3', token: 'at_result' }));
      await joinAgain();
      await userEvent.click(screen.getByRole('button', { name: 'See your result' }));

      const state = JSON.parse((await screen.findByTestId('submitted-state')).textContent!);
      expect(state).toEqual({ attemptId: 'att9', token: 'at_result', title: 'Algebra quiz' });
      const body = { exam_id: 'ex3', invite: 'inv_s17.mac', access_code: '' };
      expect(sent).toEqual([
        { url: '/api/v1/exam-sessions', body },
        { url: '/api/v1/exam-sessions/result-access', body },
      ]);
      // Kept for this tab, so that a reload of the submitted page still shows the result.
      expect(JSON.parse(sessionStorage.getItem('procta:result:ex3')!)).toEqual({ attemptId: 'att9', token: 'at_result' });
    });

    it('asks for the invite link when the student came with a roll number', async () => {
      const sent = stubServer(() => jsonResponse({}, 500));
      sessionStorage.clear();
      renderJoin('/take/ex3');
      await userEvent.type(await screen.findByLabelText(/Roll number/, {}, { timeout: 5000 }), ' R-17 ');
      await userEvent.type(screen.getByLabelText(/Access code/), 'K3Y');
      await userEvent.click(screen.getByRole('button', { name: 'Start exam' }));
      expect(await screen.findByText('You have already submitted this exam.')).toBeInTheDocument();
      expect(screen.getByText(/open the personal invite link/)).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'See your result' })).not.toBeInTheDocument();
      expect(sent.map((s) => s.url)).toEqual(['/api/v1/exam-sessions']);
    });

    it('says when the results are not released yet', async () => {
      stubServer(() =>
        jsonResponse({ error: { code: 'results_not_released', message: 'Results are not released yet.' } }, 409),
      );
      await joinAgain();
      await userEvent.click(screen.getByRole('button', { name: 'See your result' }));
      expect(
        await screen.findByText('Your teacher has not released the results yet. Check back later.'),
      ).toBeInTheDocument();
      expect(screen.queryByTestId('submitted-state')).not.toBeInTheDocument();
      expect(sessionStorage.getItem('procta:result:ex3')).toBeNull();
    });

    it("shows the server's message when there is no result", async () => {
      stubServer(() =>
        jsonResponse({ error: { code: 'no_result', message: 'There is no finished attempt of yours to show.' } }, 409),
      );
      await joinAgain();
      await userEvent.click(screen.getByRole('button', { name: 'See your result' }));
      expect(await screen.findByText('There is no finished attempt of yours to show.')).toBeInTheDocument();
      expect(screen.queryByTestId('submitted-state')).not.toBeInTheDocument();
    });
  });
});
