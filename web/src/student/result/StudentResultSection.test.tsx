import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StudentAppeal, StudentResult } from '../../api/types';
import { jsonResponse, renderWithProviders } from '../../test/utils';
import { SubmittedPage, type SubmittedState } from '../SubmittedPage';

const RESULT = '/api/v1/exam-sessions/att1/result';
const APPEAL = '/api/v1/exam-sessions/att1/appeal';

function makeResult(overrides: Partial<StudentResult> = {}): StudentResult {
  return {
    exam_title: 'Algebra quiz',
    status: 'submitted',
    score: 8,
    max_score: 10,
    integrity: 82.4,
    risk_tier: 'low',
    review: { status: 'approved', comment: 'Looks fine; one tab switch confirmed.', by: 'Tess Teacher', at: '2026-03-02T10:00:00Z' },
    flags: [
      {
        type: 'tab_switch',
        label: 'Tab switch',
        severity: 'medium',
        started_at: '2026-03-01T09:05:00Z',
        duration_seconds: 42,
        decision: 'confirmed',
        comment: 'You left the exam for 42 seconds.',
        snapshots: ['m1', 'm2'],
      },
    ],
    appeal: null,
    can_appeal: true,
    ...overrides,
  };
}

function appeal(overrides: Partial<StudentAppeal> = {}): StudentAppeal {
  return {
    id: 'ap1',
    attempt_id: 'att1',
    comment: 'My cat walked over the keyboard.',
    status: 'open',
    resolution: '',
    created_at: '2026-03-02T11:00:00Z',
    resolved_by: null,
    resolved_at: null,
    ...overrides,
  };
}

type Handler = (url: URL, init: RequestInit) => Response | undefined;

function stub(...handlers: Handler[]) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init = {}) => {
    const url = new URL(String(input), 'http://localhost');
    for (const handle of handlers) {
      const res = handle(url, init);
      if (res) return res;
    }
    return jsonResponse({ error: { code: 'not_found', message: `No stub for ${url.pathname}` } }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const image: Handler = (url) =>
  url.pathname.startsWith(`${RESULT}/media/`)
    ? new Response(new Uint8Array([0xff, 0xd8, 0xff]), { status: 200, headers: { 'Content-Type': 'image/jpeg' } })
    : undefined;

const notReleased = () =>
  jsonResponse({ error: { code: 'results_not_released', message: 'Results are not released yet.' } }, 409);

function renderSubmitted(state: Partial<SubmittedState> = {}) {
  const full: SubmittedState = { status: 'submitted', title: 'Algebra quiz', attemptId: 'att1', token: 'at_secret', ...state };
  return renderWithProviders(
    <Routes>
      <Route path="/take/:examId/submitted" element={<SubmittedPage />} />
    </Routes>,
    { route: { pathname: '/take/ex1/submitted', state: full } as unknown as string },
  );
}

const authOf = (init: RequestInit | undefined) => new Headers(init?.headers).get('Authorization');

beforeAll(() => {
  // jsdom has no `document.fonts`, which Mantine's autosizing Textarea listens to.
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', {
      configurable: true,
      value: { addEventListener: () => {}, removeEventListener: () => {} },
    });
  }
});

beforeEach(() => {
  // jsdom makes no object URLs: the evidence pictures get this one.
  URL.createObjectURL = vi.fn(() => 'blob:evidence');
  URL.revokeObjectURL = vi.fn();
});

describe('Your result, on the submitted page', () => {
  it('says the results are not released yet, and checks again on request', async () => {
    let released = false;
    const fetchMock = stub((url) =>
      url.pathname === RESULT ? (released ? jsonResponse(makeResult({ flags: [], can_appeal: false })) : notReleased()) : undefined,
    );
    const user = userEvent.setup();
    renderSubmitted();

    const section = await screen.findByRole('region', { name: 'Your result' });
    expect(await within(section).findByText('Your teacher has not released the results yet. Check back later.')).toBeInTheDocument();
    expect(authOf(fetchMock.mock.calls[0]![1])).toBe('Bearer at_secret');

    released = true;
    await user.click(within(section).getByRole('button', { name: 'Check again' }));
    expect(await within(section).findByText('82 / 100')).toBeInTheDocument();
    expect(within(section).getByText('No flags count against this attempt.')).toBeInTheDocument();
    expect(within(section).queryByRole('form', { name: 'Appeal this result' })).not.toBeInTheDocument();
  });

  it('shows the score, the review, each flag with its evidence, and files an appeal', async () => {
    const fetchMock = stub(
      (url) => (url.pathname === RESULT ? jsonResponse(makeResult()) : undefined),
      image,
      (url, init) =>
        url.pathname === APPEAL && init.method === 'POST'
          ? jsonResponse(appeal({ comment: (JSON.parse(String(init.body)) as { comment: string }).comment }), 201)
          : undefined,
    );
    const user = userEvent.setup();
    renderSubmitted();

    const section = await screen.findByRole('region', { name: 'Your result' });
    expect(await within(section).findByText('8 / 10')).toBeInTheDocument();
    expect(within(section).getByText('80%')).toBeInTheDocument();
    expect(within(section).getByText('82 / 100')).toBeInTheDocument();
    const review = within(section).getByRole('region', { name: /^Review/ });
    expect(within(review).getByText('Approved')).toBeInTheDocument();
    expect(within(review).getByText('Looks fine; one tab switch confirmed.')).toBeInTheDocument();
    expect(within(review).getByText(/Reviewed by Tess Teacher/)).toBeInTheDocument();

    expect(within(section).getByText('A flag is not an accusation; your teacher reviewed each one.', { exact: false })).toBeInTheDocument();
    const flags = within(section).getAllByRole('listitem');
    expect(flags).toHaveLength(1);
    expect(flags[0]).toHaveTextContent('Tab switch');
    expect(flags[0]).toHaveTextContent('for 42 s');
    expect(flags[0]).toHaveTextContent('Confirmed by your teacher');
    expect(flags[0]).toHaveTextContent('You left the exam for 42 seconds.');
    const pictures = await within(flags[0]!).findAllByRole('img', { name: /^Evidence \d for Tab switch/ });
    expect(pictures).toHaveLength(2);
    expect(pictures[0]).toHaveAttribute('src', 'blob:evidence');
    const media = fetchMock.mock.calls.filter(([u]) => String(u).includes('/result/media/'));
    expect(media.map(([u]) => String(u))).toEqual([`${RESULT}/media/m1`, `${RESULT}/media/m2`]);
    expect(authOf(media[0]![1])).toBe('Bearer at_secret');

    const form = within(section).getByRole('form', { name: 'Appeal this result' });
    await user.click(within(form).getByRole('button', { name: 'Send appeal' }));
    expect(await within(form).findByText('Tell your teacher why you are appealing')).toBeInTheDocument();
    expect(fetchMock.mock.calls.filter(([u]) => String(u) === APPEAL)).toHaveLength(0);

    await user.type(within(form).getByRole('textbox', { name: /Why are you appealing/ }), '  My cat walked over the keyboard. ');
    await user.click(within(form).getByRole('button', { name: 'Send appeal' }));
    await waitFor(() => expect(fetchMock.mock.calls.filter(([u]) => String(u) === APPEAL)).toHaveLength(1));
    const [, sent] = fetchMock.mock.calls.find(([u]) => String(u) === APPEAL)!;
    expect(JSON.parse(String(sent!.body))).toEqual({ comment: 'My cat walked over the keyboard.' });
    expect(authOf(sent)).toBe('Bearer at_secret');

    const status = await within(section).findByRole('region', { name: /^Your appeal/ });
    expect(within(status).getByText('With your teacher')).toBeInTheDocument();
    expect(within(status).getByText('My cat walked over the keyboard.')).toBeInTheDocument();
    expect(within(section).queryByRole('form', { name: 'Appeal this result' })).not.toBeInTheDocument();
  });

  it('says so when an appeal was filed already', async () => {
    let filed = false;
    stub(
      (url) =>
        url.pathname === RESULT
          ? jsonResponse(makeResult({ flags: [], ...(filed ? { appeal: appeal(), can_appeal: false } : {}) }))
          : undefined,
      (url, init) => {
        if (url.pathname !== APPEAL || init.method !== 'POST') return undefined;
        filed = true;
        return jsonResponse({ error: { code: 'appeal_exists', message: 'You have appealed already.' } }, 409);
      },
    );
    const user = userEvent.setup();
    renderSubmitted();

    const form = await screen.findByRole('form', { name: 'Appeal this result' });
    await user.type(within(form).getByRole('textbox', { name: /Why are you appealing/ }), 'Please look again.');
    await user.click(within(form).getByRole('button', { name: 'Send appeal' }));
    expect(await screen.findByRole('region', { name: /^Your appeal/ })).toHaveTextContent('My cat walked over the keyboard.');
  });

  it("shows a resolved appeal's outcome and the teacher's answer", async () => {
    stub((url) =>
      url.pathname === RESULT
        ? jsonResponse(
            makeResult({
              flags: [],
              review: { status: 'declined', comment: '', by: null, at: null },
              appeal: appeal({
                status: 'upheld',
                resolution: 'You are right: the second face was a poster. I cleared the flag.',
                resolved_by: 'u1',
                resolved_at: '2026-03-03T09:00:00Z',
              }),
              can_appeal: false,
            }),
          )
        : undefined,
    );
    renderSubmitted();

    const status = await screen.findByRole('region', { name: /^Your appeal/ });
    expect(within(status).getAllByText(/Upheld/).length).toBeGreaterThan(0);
    expect(within(status).getByText('Outcome: Upheld')).toBeInTheDocument();
    expect(within(status).getByText('You are right: the second face was a poster. I cleared the flag.')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: /^Review/ })).toHaveTextContent('Declined');
    expect(screen.queryByRole('form', { name: 'Appeal this result' })).not.toBeInTheDocument();
  });

  it('shows a rejected appeal as rejected', async () => {
    stub((url) =>
      url.pathname === RESULT
        ? jsonResponse(makeResult({ flags: [], appeal: appeal({ status: 'rejected', resolution: 'The recording shows a second person.' }), can_appeal: false }))
        : undefined,
    );
    renderSubmitted();
    const status = await screen.findByRole('region', { name: /^Your appeal/ });
    expect(within(status).getByText('Outcome: Rejected')).toBeInTheDocument();
    expect(within(status).getByText('The recording shows a second person.')).toBeInTheDocument();
  });

  it('asks nothing without the attempt token', async () => {
    const fetchMock = stub();
    renderSubmitted({ attemptId: undefined, token: undefined });
    expect(await screen.findByText('Your exam has been submitted.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Your result' })).not.toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
