import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, renderWithProviders } from '../../../test/utils';
import { fakeApi } from '../testData';
import { ToolsPage } from './ToolsPage';

describe('Tools hub', () => {
  it('links every tool and shows the registered students count', async () => {
    fakeApi({ 'GET /students/count': { total: 1234, mine: 56 } });
    renderWithProviders(<ToolsPage />, { me: makeMe('teacher') });

    const links: Record<string, string> = {
      'Exam access codes': '/tools/access-codes',
      'Schedule exams': '/tools/schedule',
      'Student groups': '/groups',
      'Exam templates': '/exam-templates',
      'Failed sessions': '/failed-sessions',
      'Registered students': '/students',
    };
    for (const [name, href] of Object.entries(links)) {
      expect(screen.getByRole('link', { name: new RegExp(`^${name}`) })).toHaveAttribute('href', href);
    }
    expect(await screen.findByText((1234).toLocaleString())).toBeInTheDocument();
    expect(screen.getByText(`${(56).toLocaleString()} through your link`)).toBeInTheDocument();
  });

  it('says so when the count cannot be loaded', async () => {
    fakeApi({});
    renderWithProviders(<ToolsPage />, { me: makeMe('teacher') });
    expect(await screen.findByText('Could not load the count.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^Registered students/ })).toHaveAttribute('href', '/students');
  });
});
