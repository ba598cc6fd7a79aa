/** TanStack Query keys and hooks. */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';
import { adminApi, authApi, orgApi } from './endpoints';
import type { Me } from './types';

export const keys = {
  me: ['me'] as const,
  sessions: ['auth', 'sessions'] as const,
  myAudit: ['auth', 'audit-log'] as const,
  org: ['org', 'current'] as const,
  members: ['org', 'members'] as const,
  invites: ['org', 'invites'] as const,
  orgAudit: ['org', 'audit-log'] as const,
  apiKeys: ['org', 'api-keys'] as const,
  adminOrgs: ['admin', 'orgs'] as const,
};

/** The signed-in user, or null when signed out. */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await authApi.me(signal);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: ({ signal }) => fetchMe(signal), staleTime: 60_000 });
}

/**
 * Store a fresh Me and drop every other cached query: they belong to the previous
 * user or organization.
 */
export function setSignedIn(qc: QueryClient, me: Me | null) {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  qc.setQueryData(keys.me, me);
}

/** After switching organization: keep the new Me, refetch what is on screen, forget the rest. */
export function switchedOrg(qc: QueryClient, me: Me) {
  qc.setQueryData(keys.me, me);
  void qc.resetQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
}

export function useSetMe() {
  const qc = useQueryClient();
  return (me: Me | null) => setSignedIn(qc, me);
}

export const useSessions = () => useQuery({ queryKey: keys.sessions, queryFn: authApi.sessions });
export const useMyAuditLog = () => useQuery({ queryKey: keys.myAudit, queryFn: authApi.auditLog });
export const useOrg = (enabled = true) => useQuery({ queryKey: keys.org, queryFn: orgApi.current, enabled });
export const useMembers = (enabled = true) =>
  useQuery({ queryKey: keys.members, queryFn: orgApi.members, enabled });
export const useInvites = () => useQuery({ queryKey: keys.invites, queryFn: orgApi.invites });
export const useOrgAuditLog = () => useQuery({ queryKey: keys.orgAudit, queryFn: orgApi.auditLog });
export const useApiKeys = () => useQuery({ queryKey: keys.apiKeys, queryFn: orgApi.apiKeys });
export const useAdminOrgs = () => useQuery({ queryKey: keys.adminOrgs, queryFn: adminApi.orgs });
