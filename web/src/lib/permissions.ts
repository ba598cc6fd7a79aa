import type { Me, Role } from '../api/types';

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  teacher: 'Teacher',
};

export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((value) => ({
  value,
  label: ROLE_LABELS[value],
}));

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role;
}

/** Owners and admins manage the organization (members, settings, audit log). */
export function isOrgAdmin(me: Me | null | undefined): boolean {
  const role = me?.current_org?.role;
  return role === 'owner' || role === 'admin';
}

export function isSuperadmin(me: Me | null | undefined): boolean {
  return !!me?.user.is_superadmin;
}
