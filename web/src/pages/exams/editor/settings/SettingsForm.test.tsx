import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { jsonResponse, makeMe, renderWithProviders } from '../../../../test/utils';
import { ExamEditorPage } from '../../ExamEditorPage';
import { NewExamPage } from '../../NewExamPage';
import { fakeApi, makeExam, stubDocumentFonts } from '../../testData';

function Where() {
  const location = useLocation();
  return <p>at {location.pathname + location.search}</p>;
}

const pages = (
  <Routes>
    <Route path="/exams/new" element={<NewExamPage />} />
    <Route path="/exams/:examId" element={<ExamEditorPage />} />
    <Route path="*" element={<Where />} />
  </Routes>
);

const lists = { 'GET /courses': [], 'GET /groups': [] };

beforeAll(stubDocumentFonts);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('new exam form', { timeout: 30_000 }, () => {
  it('sends the window in UTC, an empty access code as none, and opens the questions', async () => {
    // Students' times are typed in the teacher's zone: 09:30 in Kolkata is 04:00 UTC.
    vi.stubEnv('TZ', 'Asia/Kolkata');
    const api = fakeApi({ ...lists, 'POST /exams': makeExam({ id: 'new1', title: 'Optics quiz' }) });
    const user = userEvent.setup();
    renderWithProviders(<Routes><Route path="/exams/new" element={<NewExamPage />} /><Route path="*" element={<Where />} /></Routes>, {
      me: makeMe('teacher'),
      route: '/exams/new',
    });

    await user.type(screen.getByRole('textbox', { name: /^Title/ }), '  Optics quiz ');
    const duration = screen.getByRole('textbox', { name: /^Duration/ });
    await user.clear(duration);
    await user.type(duration, '45');
    fireEvent.change(screen.getByLabelText('Opens at'), { target: { value: '2026-05-04T09:30' } });
    fireEvent.change(screen.getByLabelText('Closes at'), { target: { value: '2026-05-04T11:00' } });
    await user.click(screen.getByRole('button', { name: 'Add allowed rule' }));
    await user.type(screen.getByLabelText('Allowed rule 1'), 'A calculator');
    await user.click(screen.getByRole('button', { name: 'Add prohibited rule' }));
    await user.click(screen.getByRole('button', { name: 'Create exam' }));

    expect(await screen.findByText('at /exams/new1?tab=questions')).toBeInTheDocument();
    const [create] = api.sent('POST', '/exams');
    expect(create!.body).toEqual({
      title: 'Optics quiz',
      instructions: '',
      course_id: null,
      duration_minutes: 45,
      window_start: '2026-05-04T04:00:00.000Z',
      window_end: '2026-05-04T05:30:00.000Z',
      access_code: '',
      group_ids: [],
      mode: 'auto',
      rules_allowed: ['A calculator'],
      rules_prohibited: [],
      flag_settings: {},
      room_camera_required: false,
      screen_recording_required: false,
      record_video: false,
      snapshot_interval_s: 10,
      screen_interval_s: 30,
      shuffle_questions: true,
      shuffle_options: true,
      status: 'draft',
    });
  });

  it('says what is wrong and sends nothing when the exam closes before it opens', async () => {
    const api = fakeApi(lists);
    const user = userEvent.setup();
    renderWithProviders(pages, { me: makeMe('teacher'), route: '/exams/new' });

    await user.click(screen.getByRole('button', { name: 'Create exam' }));
    expect(await screen.findByText('Give the exam a title')).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: /^Title/ }), 'Optics quiz');
    fireEvent.change(screen.getByLabelText('Opens at'), { target: { value: '2026-05-04T09:30' } });
    fireEvent.change(screen.getByLabelText('Closes at'), { target: { value: '2026-05-04T09:00' } });
    await user.click(screen.getByRole('button', { name: 'Create exam' }));

    expect(await screen.findByText('The exam must close after it opens')).toBeInTheDocument();
    expect(screen.getByLabelText('Closes at')).toHaveAttribute('aria-invalid', 'true');
    expect(api.sent('POST', '/exams')).toHaveLength(0);
  });
});

describe('exam settings', { timeout: 30_000 }, () => {
  it('shows the groups rule, saves a cleared code as none and only the changed flags', async () => {
    const exam = makeExam();
    const api = fakeApi({
      ...lists,
      'GET /exams/ex1': exam,
      'PATCH /exams/ex1': (body) => ({ ...exam, ...(body as object), has_access_code: false }),
    });
    const user = userEvent.setup();
    renderWithProviders(pages, { me: makeMe('teacher'), route: '/exams/ex1' });

    expect(await screen.findByText('All students can access this exam')).toBeInTheDocument();
    expect(screen.getByText(`${window.location.origin}/take/ex1`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove the access code' }));
    await user.click(screen.getByRole('switch', { name: 'Watch for Tab switch' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    await waitFor(() => expect(api.sent('PATCH', '/exams/ex1')).toHaveLength(1));
    const body = api.sent('PATCH', '/exams/ex1')[0]!.body as Record<string, unknown>;
    expect(body.access_code).toBe('');
    expect(body.flag_settings).toEqual({ tab_switch: { enabled: false, weight: 10 } });
    expect(body.window_start).toBeNull();
    expect(body).not.toHaveProperty('status');
    expect(await screen.findByText('All settings saved.')).toBeInTheDocument();
  });

  it('records video when asked, and always in Record and review mode', async () => {
    const exam = makeExam({ mode: 'record_review' });
    const api = fakeApi({
      ...lists,
      'GET /exams/ex1': exam,
      'PATCH /exams/ex1': (body) => ({ ...exam, ...(body as object) }),
    });
    const user = userEvent.setup();
    renderWithProviders(pages, { me: makeMe('teacher'), route: '/exams/ex1' });

    const record = await screen.findByRole('switch', { name: /^Record webcam and screen video/ });
    expect(record).toBeChecked();
    expect(record).toBeDisabled();
    expect(screen.getByText('Always on in Record and review mode.')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: /^Automatic/ }));
    expect(record).not.toBeChecked();
    expect(record).toBeEnabled();
    await user.click(record);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    await waitFor(() => expect(api.sent('PATCH', '/exams/ex1')).toHaveLength(1));
    const body = api.sent('PATCH', '/exams/ex1')[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({ mode: 'auto', record_video: true });
  });

  it('puts a validation error from the API next to its field', async () => {
    fakeApi({
      ...lists,
      'GET /exams/ex1': makeExam(),
      'PATCH /exams/ex1': jsonResponse(
        {
          error: {
            code: 'validation_error',
            message: 'duration_minutes: Input should be less than or equal to 1440',
            details: [{ field: 'duration_minutes', message: 'Input should be less than or equal to 1440' }],
          },
        },
        422,
      ),
    });
    const user = userEvent.setup();
    renderWithProviders(pages, { me: makeMe('teacher'), route: '/exams/ex1' });

    await user.type(await screen.findByRole('textbox', { name: /^Instructions/ }), 'Work alone.');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    const duration = screen.getByRole('textbox', { name: /^Duration/ });
    await waitFor(() => expect(duration).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getAllByText(/Input should be less than or equal to 1440/).length).toBeGreaterThan(0);
  });
});
