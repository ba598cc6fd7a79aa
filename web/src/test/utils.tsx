import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { Providers, createQueryClient } from '../Providers';
import { keys } from '../api/queries';
import type { Me, Role } from '../api/types';

export function makeMe(role: Role | null = 'teacher', overrides: Partial<Me['user']> = {}): Me {
  return {
    user: {
      id: 'u1',
      name: 'Tess Teacher',
      email: 'tess@example.com',
      is_superadmin: false,
      two_factor_enabled: false,
      created_at: '2025-01-01T00:00:00Z',
      ...overrides,
    },
    current_org: role ? { id: 'o1', name: 'Acme School', slug: 'acme', role } : null,
    memberships: role ? [{ org_id: 'o1', org_name: 'Acme School', org_slug: 'acme', role }] : [],
  };
}

/** Render inside Mantine, Query (with `me` preloaded, so no /auth/me request) and a router. */
export function renderWithProviders(ui: ReactElement, { me = null as Me | null, route = '/' } = {}) {
  const client = createQueryClient();
  client.setQueryData(keys.me, me);
  client.setDefaultOptions({ queries: { retry: false, staleTime: Infinity } });
  const result = render(
    <Providers client={client}>
      <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
    </Providers>,
  );
  return { ...result, client };
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}
