import { IDBFactory } from 'fake-indexeddb';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
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

function renderJoin(route: string) {
  renderWithProviders(
    <Routes>
      <Route path="/take/:examId" element={<JoinPage />} />
      <Route path="/take/:examId/session" element={<p>exam session</p>} />
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
});
