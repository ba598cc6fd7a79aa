import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { jsonResponse, makeMe, renderWithProviders } from '../../test/utils';
import { AttemptPage } from './AttemptPage';
import { attemptDetail, essayQuestion, requested, stubFetch } from './testData';

const GRADE = '/api/v1/attempts/a1/answers/q-essay/grade';

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/attempts/:attemptId" element={<AttemptPage />} />
    </Routes>,
    { me: makeMe('teacher'), route: '/attempts/a1' },
  );
}

const getAttempt = (url: URL, init: RequestInit) =>
  url.pathname === '/api/v1/attempts/a1' && (init.method ?? 'GET') === 'GET' ? jsonResponse(attemptDetail()) : undefined;

describe('AttemptPage', () => {
  it('links the review and the PDF and HTML reports of the attempt', async () => {
    stubFetch(getAttempt);
    renderPage();
    await screen.findByRole('article', { name: 'Question 1' });

    expect(screen.getByRole('link', { name: 'Open review' })).toHaveAttribute('href', '/review/a1');
    const pdf = screen.getByRole('link', { name: 'PDF report' });
    expect(pdf).toHaveAttribute('href', '/api/v1/attempts/a1/report.pdf');
    expect(pdf).toHaveAttribute('download');
    const html = screen.getByRole('link', { name: 'HTML report' });
    expect(html).toHaveAttribute('href', '/api/v1/attempts/a1/report.html');
    expect(html).toHaveAttribute('target', '_blank');
  });

  it('shows each question in the student’s order with the answer, the key and the points', async () => {
    stubFetch(getAttempt);
    renderPage();

    const first = await screen.findByRole('article', { name: 'Question 1' });
    const options = within(first).getByRole('list', { name: 'Options as shown' });
    expect(within(options).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Aair',
      "Ba vacuumStudent's answerCorrect",
    ]);
    expect(within(first).getByText('1 / 1 pts')).toBeInTheDocument();
    const essay = screen.getByRole('article', { name: 'Question 2' });
    expect(within(essay).getByText('When the driving frequency matches the natural one.')).toBeInTheDocument();
    expect(within(essay).getByText('Not graded · 5 pts')).toBeInTheDocument();
    expect(screen.getByText('16.7%')).toBeInTheDocument();
  });

  it('refuses more points than the question is worth, without asking the server', async () => {
    const fetchMock = stubFetch(getAttempt);
    const user = userEvent.setup();
    renderPage();
    const form = within(await screen.findByRole('form', { name: 'Grade question 2' }));

    await user.click(form.getByRole('button', { name: 'Save grade' }));
    expect(await form.findByText('Enter the points to award')).toBeInTheDocument();
    await user.type(form.getByLabelText('Points (0–5)'), '7');
    await user.click(form.getByRole('button', { name: 'Save grade' }));
    expect(await form.findByText('At most 5 points for this question')).toBeInTheDocument();
    expect(requested(fetchMock, GRADE)).toHaveLength(0);
  });

  it('shows the API’s error in words', async () => {
    stubFetch(getAttempt, (url) =>
      url.pathname === GRADE
        ? jsonResponse({ error: { code: 'attempt_not_submitted', message: 'Grade an attempt once it is submitted.' } }, 409)
        : undefined,
    );
    const user = userEvent.setup();
    renderPage();
    const form = within(await screen.findByRole('form', { name: 'Grade question 2' }));
    await user.type(form.getByLabelText('Points (0–5)'), '3');
    await user.click(form.getByRole('button', { name: 'Save grade' }));

    const alert = await form.findByRole('alert');
    expect(alert).toHaveTextContent('Could not save the grade');
    expect(alert).toHaveTextContent('Grade an attempt once it is submitted.');
  });

  it('saves points and a comment, and the score follows', async () => {
    const graded = attemptDetail({
      score: 5,
      score_percent: 83.3,
      needs_grading: false,
      questions: [attemptDetail().questions[0]!, essayQuestion({ awarded: 4, graded_by_teacher: true, feedback: 'Good' })],
    });
    const fetchMock = stubFetch(getAttempt, (url, init) => (url.pathname === GRADE && init.method === 'PUT' ? jsonResponse(graded) : undefined));
    const user = userEvent.setup();
    renderPage();
    const form = within(await screen.findByRole('form', { name: 'Grade question 2' }));
    await user.type(form.getByLabelText('Points (0–5)'), '4');
    await user.type(form.getByLabelText('Comment (optional)'), ' Good ');
    await user.click(form.getByRole('button', { name: 'Save grade' }));

    await waitFor(() => expect(requested(fetchMock, GRADE)).toHaveLength(1));
    expect(JSON.parse(String(fetchMock.mock.calls.find(([u]) => String(u).endsWith(GRADE))![1]!.body))).toEqual({
      points: 4,
      feedback: 'Good',
    });
    expect(await screen.findByText('83.3%')).toBeInTheDocument();
    expect(screen.getByText('4 / 5 pts')).toBeInTheDocument();
  });
});
