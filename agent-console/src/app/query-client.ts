// The one QueryClient: sensible retries (never for 4xx answers) and one place that reacts to a lost
// session — any 401 outside sign-in forgets the user, and the router takes them to the login page.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/http';
import { sessionKey } from '../api/query-keys';
import { forgetSession } from '../features/auth/session';

export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (!isApiError(error) || error.code !== 'unauthenticated') return;
    if (queryClient.getQueryData(sessionKey)) forgetSession(queryClient);
  };

  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failures, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failures < 2;
        },
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
