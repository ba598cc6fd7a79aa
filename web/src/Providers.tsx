import type { ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './api/client';
import { keys } from './api/queries';
import { theme } from './theme';

function onAuthLost(qc: QueryClient, err: unknown, queryKey?: readonly unknown[]) {
  // "not_authenticated" anywhere but /auth/me means the session ended (revoked or expired).
  if (err instanceof ApiError && err.status === 401 && err.code === 'not_authenticated' && queryKey?.[0] !== 'me') {
    qc.setQueryData(keys.me, null);
  }
}

export function createQueryClient(): QueryClient {
  const qc: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (err, query) => onAuthLost(qc, err, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (err) => onAuthLost(qc, err) }),
    defaultOptions: {
      queries: {
        retry: (count, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
  return qc;
}

/**
 * Toasts stay clear of the header (organization switcher, account menu): centred just below
 * it on wide screens, at the bottom edge on phones, where the header is the whole top row.
 */
function AppNotifications() {
  const phone = useMediaQuery('(max-width: 47.99em)', false);
  return (
    <Notifications position={phone ? 'bottom-center' : 'top-center'} limit={4} className="app-notifications" />
  );
}

export function Providers({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const qc = client ?? defaultClient;
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <AppNotifications />
      <QueryClientProvider client={qc}>
        {children}
      </QueryClientProvider>
    </MantineProvider>
  );
}

const defaultClient = createQueryClient();
