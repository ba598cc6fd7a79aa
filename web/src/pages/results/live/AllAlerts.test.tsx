import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useTeacherSocket } from '../../../api/teacherSocket';
import { jsonResponse, makeMe, renderWithProviders } from '../../../test/utils';
import { requested, stubFetch } from '../testData';
import { AllAlerts } from './AllAlerts';
import { FakeSocket, liveAlert, stubDocumentFonts } from './testData';

const ALERTS = '/api/v1/live/alerts';

function WithSocket({ children }: { children: ReactNode }) {
  useTeacherSocket(true, 'all-alerts');
  return children;
}

function Where() {
  const loc = useLocation();
  return <p>at {loc.pathname + loc.search}</p>;
}

beforeEach(() => {
  stubDocumentFonts();
  FakeSocket.instances = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});

describe('AllAlerts', () => {
  it('lists every exam’s alerts, adds streamed ones on top, and opens the student’s panel', async () => {
    const fetchMock = stubFetch((url) =>
      url.pathname === ALERTS ? jsonResponse([liveAlert({ exam_title: 'Waves Quiz' })]) : undefined,
    );
    renderWithProviders(
      <WithSocket>
        <Routes>
          <Route path="/live" element={<AllAlerts />} />
          <Route path="/exams/:examId/live" element={<Where />} />
        </Routes>
      </WithSocket>,
      { me: makeMe('teacher'), route: '/live' },
    );
    const feed = await screen.findByRole('list', { name: 'Alerts' });
    expect(within(feed).getAllByRole('listitem')).toHaveLength(1);
    expect(requested(fetchMock, ALERTS)[0]!.searchParams.get('exam_id')).toBeNull();

    await act(async () => {
      FakeSocket.latest().open();
      FakeSocket.latest().receive({
        id: '5-0',
        type: 'alert',
        alert: liveAlert({ id: 'f2', exam_id: 'e7', attempt_id: 'a7', exam_title: 'Optics', message: 'Phone detected' }),
      });
      await new Promise((r) => setTimeout(r, 0));
    });
    const items = within(feed).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Phone detected');
    expect(items[0]).toHaveTextContent('Optics');

    await userEvent.click(within(items[0]!).getByRole('button'));
    expect(await screen.findByText('at /exams/e7/live?attempt=a7&tab=flags')).toBeInTheDocument();
  });
});
