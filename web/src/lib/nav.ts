import type { Me } from '../api/types';
import { isOrgAdmin, isSuperadmin } from './permissions';

export interface NavItem {
  label: string;
  to: string;
}

export interface NavGroup {
  /** Heading shown above the group; null for the top group. */
  label: string | null;
  items: NavItem[];
}

/** Sidebar sections the signed-in user may see. Only screens that exist are listed. */
export function navGroups(me: Me | null | undefined): NavGroup[] {
  if (!me) return [];
  const groups: NavGroup[] = [
    {
      label: null,
      items: [
        { label: 'Dashboard', to: '/dashboard' },
        { label: 'Security', to: '/security' },
      ],
    },
    {
      label: 'Teaching',
      items: [
        { label: 'Exams', to: '/exams' },
        { label: 'Questions', to: '/questions' },
        { label: 'Results', to: '/results' },
        { label: 'Live sessions', to: '/live' },
        { label: 'Review', to: '/review' },
        { label: 'Students', to: '/students' },
        { label: 'Student groups', to: '/groups' },
        { label: 'Student history', to: '/history' },
        { label: 'Courses', to: '/courses' },
        { label: 'Tools', to: '/tools' },
      ],
    },
  ];
  if (isOrgAdmin(me)) {
    groups.push({
      label: 'Organization',
      items: [
        { label: 'Members', to: '/org/members' },
        { label: 'Settings', to: '/org/settings' },
        { label: 'Audit log', to: '/org/audit-log' },
      ],
    });
  }
  if (isSuperadmin(me)) {
    groups.push({ label: 'Platform', items: [{ label: 'All organizations', to: '/admin/orgs' }] });
  }
  return groups;
}
