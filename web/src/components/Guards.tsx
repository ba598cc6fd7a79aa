import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useMe } from '../api/queries';
import { isOrgAdmin, isSuperadmin } from '../lib/permissions';
import { ErrorAlert } from './ErrorAlert';
import { FullPageLoader } from './FullPageLoader';
import { Container } from '@mantine/core';

/** Signed-out visitors go to /signin (and come back after). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data: me, isPending, error } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageLoader />;
  if (error && me === undefined) {
    return (
      <Container size="sm" py="xl">
        <ErrorAlert error={error} title="Could not load your account" />
      </Container>
    );
  }
  if (!me) {
    const from = location.pathname + location.search;
    return <Navigate to="/signin" replace state={{ from }} />;
  }
  return <>{children}</>;
}

/** Where a guard sends someone who may not see a page; the dashboard says why. */
export interface DeniedState {
  denied: 'org_admin' | 'superadmin';
}

/** Owners and admins only; everyone else goes back to the dashboard. */
export function RequireOrgAdmin() {
  const { data: me } = useMe();
  const state: DeniedState = { denied: 'org_admin' };
  return isOrgAdmin(me) ? <Outlet /> : <Navigate to="/dashboard" replace state={state} />;
}

export function RequireSuperadmin() {
  const { data: me } = useMe();
  const state: DeniedState = { denied: 'superadmin' };
  return isSuperadmin(me) ? <Outlet /> : <Navigate to="/dashboard" replace state={state} />;
}
