import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { navGroups } from '../lib/nav';
import { makeMe, renderWithProviders } from '../test/utils';
import { RequireOrgAdmin, RequireSuperadmin } from './Guards';
import { SideNav } from './SideNav';

const labels = (me: ReturnType<typeof makeMe>) => navGroups(me).flatMap((g) => g.items.map((i) => i.label));

describe('role-based navigation', () => {
  const TEACHING = [
    'Exams',
    'Questions',
    'Results',
    'Live sessions',
    'Review',
    'Students',
    'Student groups',
    'Student history',
    'Courses',
    'Tools',
  ];

  it('shows teachers the teaching pages but not the organization group', () => {
    expect(labels(makeMe('teacher'))).toEqual(['Dashboard', 'Security', ...TEACHING]);
  });

  it('shows owners and admins the Organization group', () => {
    for (const role of ['owner', 'admin'] as const) {
      expect(labels(makeMe(role))).toEqual([
        'Dashboard',
        'Security',
        ...TEACHING,
        'Members',
        'Settings',
        'Audit log',
      ]);
    }
  });

  it('adds All organizations for superadmins only', () => {
    expect(labels(makeMe('teacher', { is_superadmin: true }))).toContain('All organizations');
    expect(labels(makeMe('owner'))).not.toContain('All organizations');
  });

  it('hides admin links from a teacher in the rendered sidebar', () => {
    renderWithProviders(<SideNav me={makeMe('teacher')} />, { route: '/dashboard' });
    expect(screen.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('href', '/dashboard');
    expect(screen.getByRole('link', { name: 'Security' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Members' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Settings' })).not.toBeInTheDocument();
    expect(screen.queryByText('Organization')).not.toBeInTheDocument();
  });

  it('shows admin links to an admin', () => {
    renderWithProviders(<SideNav me={makeMe('admin')} />, { route: '/org/members' });
    expect(screen.getByRole('link', { name: 'Members' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Audit log' })).toHaveAttribute('href', '/org/audit-log');
  });
});

describe('route guards', () => {
  const routes = (
    <Routes>
      <Route path="/dashboard" element={<p>dashboard home</p>} />
      <Route element={<RequireOrgAdmin />}>
        <Route path="/org/members" element={<p>members screen</p>} />
      </Route>
      <Route element={<RequireSuperadmin />}>
        <Route path="/admin/orgs" element={<p>all orgs screen</p>} />
      </Route>
    </Routes>
  );

  it('redirects a teacher away from org admin screens', () => {
    renderWithProviders(routes, { me: makeMe('teacher'), route: '/org/members' });
    expect(screen.getByText('dashboard home')).toBeInTheDocument();
    expect(screen.queryByText('members screen')).not.toBeInTheDocument();
  });

  it('lets an owner in', () => {
    renderWithProviders(routes, { me: makeMe('owner'), route: '/org/members' });
    expect(screen.getByText('members screen')).toBeInTheDocument();
  });

  it('keeps /admin for superadmins', () => {
    renderWithProviders(routes, { me: makeMe('owner'), route: '/admin/orgs' });
    expect(screen.getByText('dashboard home')).toBeInTheDocument();
  });
});
