import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useTeacherSocket } from '../../../api/teacherSocket';
import type { ProctorDuty } from '../../../api/types';
import { jsonResponse, makeMe, renderWithProviders } from '../../../test/utils';
import { stubFetch } from '../testData';
import { LiveSessionsPage } from './LiveSessionsPage';
import { FakeSocket, liveAlert, liveRow, proctorDuty, stubDocumentFonts } from './testData';

const LIVE = '/api/v1/exams/e1/live';
const PROCTORS = '/api/v1/exams/e1/proctors';
type Handler = Parameters<typeof stubFetch>[0];

const exam: Handler = (url) =>
  url.pathname === '/api/v1/exams/e1' ? jsonResponse({ id: 'e1', title: 'Waves Quiz', course: null, duration_minutes: 20 }) : undefined;
const get = (path: string, body: unknown): Handler => (url, init) =>
  url.pathname === path && (init.method ?? 'GET') === 'GET' ? jsonResponse(body) : undefined;

const members = get('/api/v1/orgs/current/members', [
  { user_id: 'u1', name: 'Tess Teacher', email: 'tess@example.com', role: 'teacher', joined_at: '2025-01-01T00:00:00Z' },
  { user_id: 'u2', name: 'Pat Proctor', email: 'pat@example.com', role: 'teacher', joined_at: '2025-01-01T00:00:00Z' },
  { user_id: 'u3', name: 'Olga Owner', email: 'olga@example.com', role: 'owner', joined_at: '2025-01-01T00:00:00Z' },
]);
const tess = { user_id: 'u1', name: 'Tess Teacher', email: 'tess@example.com', students: 1 };
const pat = { user_id: 'u2', name: 'Pat Proctor', email: 'pat@example.com', students: 1 };

const rows = [
  liveRow({ proctor_id: 'u1' }),
  liveRow({ attempt_id: 'a2', roll_number: 'S1002', name: 'Alan Turing', live_risk: 81, tier: 'critical', proctor_id: 'u2' }),
];
const alerts = [
  liveAlert(),
  liveAlert({ id: 'f2', attempt_id: 'a2', student_name: 'Alan Turing', roll_number: 'S1002', message: 'Phone detected' }),
];

let stream = 0;
function WithSocket({ id, children }: { id: string; children: ReactNode }) {
  useTeacherSocket(true, id);
  return children;
}

function renderPage() {
  stream += 1;
  return renderWithProviders(
    <WithSocket id={`o1-duty-${stream}`}>
      <Routes>
        <Route path="/exams/:examId/live" element={<LiveSessionsPage />} />
      </Routes>
    </WithSocket>,
    { me: makeMe('teacher'), route: '/exams/e1/live' },
  );
}

const names = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(within(r).getAllByRole('cell')[0]!).getAllByRole('button')[0]!.textContent);

const puts = (fetchMock: ReturnType<typeof stubFetch>) =>
  fetchMock.mock.calls
    .filter(([input, init]) => new URL(String(input), 'http://localhost').pathname === PROCTORS && init?.method === 'PUT')
    .map(([, init]) => JSON.parse(String(init!.body)) as unknown);

beforeEach(() => {
  notifications.clean();
  stubDocumentFonts();
  FakeSocket.instances = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});

describe('Live sessions: proctors on duty', { timeout: 30_000 }, () => {
  it('shows me my own students first (Mine), everyone on request, and each row’s proctor', async () => {
    stubFetch(exam, members, get(LIVE, rows), get('/api/v1/live/alerts', alerts), get(PROCTORS, proctorDuty({ proctors: [tess, pat], active_students: 2 })));
    const user = userEvent.setup();
    renderPage();
    const table = await screen.findByRole('table', { name: 'Live sessions' });

    // I am on duty: Mine is the default; the table and the alerts hold my students only.
    const scope = await screen.findByRole('radiogroup', { name: 'Whose sessions' });
    await waitFor(() => expect(within(scope).getByRole('radio', { name: 'Mine' })).toBeChecked());
    await within(table).findByText('Ada Lovelace');
    expect(names(table)).toEqual(['Ada Lovelace']);
    expect(screen.getByText('1 active · 1 assigned to you')).toBeInTheDocument();
    const feed = screen.getByRole('list', { name: 'Alerts' });
    expect(within(feed).getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringContaining('Left the exam tab')]);
    expect(within(table).queryByText(/Proctor:/)).not.toBeInTheDocument();

    // Everyone: the whole exam, each row naming its proctor.
    await user.click(within(scope).getByRole('radio', { name: 'Everyone' }));
    expect(names(table)).toEqual(['Alan Turing', 'Ada Lovelace']);
    expect(screen.getByText('2 active · 2 in all')).toBeInTheDocument();
    expect(within(within(table).getByText('Alan Turing').closest('tr')!).getByText('Proctor: Pat Proctor')).toBeInTheDocument();
    expect(within(within(table).getByText('Ada Lovelace').closest('tr')!).getByText('Proctor: you')).toBeInTheDocument();
    expect(within(feed).getAllByRole('listitem')).toHaveLength(2);

    // A student handed to me over the socket joins Mine.
    await user.click(within(scope).getByRole('radio', { name: 'Mine' }));
    act(() => FakeSocket.latest().open());
    await act(async () => {
      FakeSocket.latest().receive({ id: '1-0', type: 'session', row: { ...rows[1], proctor_id: 'u1' } });
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(names(table)).toEqual(['Alan Turing', 'Ada Lovelace']);
  });

  it('defaults to Everyone when I am not on duty, and has no toggle when nobody is', async () => {
    stubFetch(exam, members, get(LIVE, [{ ...rows[0]!, proctor_id: 'u3' }, rows[1]]), get('/api/v1/live/alerts', alerts), get(PROCTORS, proctorDuty({ proctors: [pat] })));
    const first = renderPage();
    const table = await screen.findByRole('table', { name: 'Live sessions' });
    const scope = await screen.findByRole('radiogroup', { name: 'Whose sessions' });
    expect(within(scope).getByRole('radio', { name: 'Everyone' })).toBeChecked();
    await within(table).findByText('Alan Turing');
    expect(names(table)).toEqual(['Alan Turing', 'Ada Lovelace']);
    expect(within(within(table).getByText('Alan Turing').closest('tr')!).getByText('Proctor: Pat Proctor')).toBeInTheDocument();
    // Ada is still with someone who has left the roster: the members list names her.
    expect(await within(table).findByText('Proctor: Olga Owner')).toBeInTheDocument();
    await userEvent.setup().click(within(scope).getByRole('radio', { name: 'Mine' }));
    expect(await within(table).findByText(/No session is assigned to you yet/)).toBeInTheDocument();
    first.unmount();

    stubFetch(exam, get(LIVE, [liveRow()]), get('/api/v1/live/alerts', []), get(PROCTORS, proctorDuty()));
    renderPage();
    const again = await screen.findByRole('table', { name: 'Live sessions' });
    await within(again).findByText('Ada Lovelace');
    expect(screen.queryByRole('radiogroup', { name: 'Whose sessions' })).not.toBeInTheDocument();
    expect(within(again).queryByText(/Proctor:/)).not.toBeInTheDocument();
  });

  it('puts members on duty with a ratio, shows the roster and how many more proctors the ratio asks for', async () => {
    let duty: ProctorDuty = proctorDuty({ students_per_proctor: 1, proctors: [{ ...pat, students: 3 }], active_students: 3, proctors_needed: 2 });
    let refuse = true;
    const fetchMock = stubFetch(exam, members, get(LIVE, rows), get('/api/v1/live/alerts', []), get(PROCTORS, duty), (url, init) => {
      if (url.pathname !== PROCTORS || init.method !== 'PUT') return undefined;
      if (refuse) {
        refuse = false;
        return jsonResponse({ error: { code: 'not_a_member', message: 'Not members of this organization: u3.' } }, 400);
      }
      duty = proctorDuty({ students_per_proctor: 2, proctors: [{ ...pat, students: 2 }, { ...tess, students: 1 }], active_students: 3 });
      return jsonResponse(duty);
    });
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('Alan Turing');

    await user.click(screen.getByRole('button', { name: 'Proctors (1 on duty)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Proctors on duty' });
    const roster = within(dialog).getByRole('table', { name: 'On duty' });
    expect(within(roster).getByRole('row')).toHaveTextContent('Pat Proctorpat@example.com3 students');
    expect(within(dialog).getByText('3 students writing · at most 1 per proctor')).toBeInTheDocument();
    expect(within(dialog).getByRole('alert')).toHaveTextContent('The ratio asks for 2 more proctors');

    // Add myself (found by email), ask for two per proctor, save.
    const picker = within(dialog).getByRole('combobox', { name: 'Proctors' });
    await user.click(picker);
    await user.type(picker, 'tess@');
    await user.click(await screen.findByRole('option', { name: /Tess Teacher \(you\)/, hidden: true }));
    const ratio = within(dialog).getByRole('textbox', { name: 'Students per proctor' });
    await user.clear(ratio);
    await user.type(ratio, '2');

    // Refused: said in the dialog, which stays open.
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Not members of this organization: u3.')).toBeInTheDocument();
    expect(within(dialog).getByText('Proctors not saved')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('2 proctors on duty; students shared out.')).toBeInTheDocument();
    expect(puts(fetchMock)).toEqual([
      { user_ids: ['u2', 'u1'], students_per_proctor: 2 },
      { user_ids: ['u2', 'u1'], students_per_proctor: 2 },
    ]);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // Now on duty myself: the page switches to my students.
    expect(within(await screen.findByRole('radiogroup', { name: 'Whose sessions' })).getByRole('radio', { name: 'Mine' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Proctors (2 on duty)' })).toBeInTheDocument();
  });
});
