// TanStack Query client: no retries for answers that will not change, and a lost session sends everyone back to sign-in.
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';
import { meKey } from './session';

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // A session that expired mid-use: re-checking /me lets the signed-in gate redirect to sign-in.
        if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== meKey[0]) {
          void queryClient.invalidateQueries({ queryKey: meKey });
        }
      },
    }),
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        staleTime: 10_000,
      },
    },
  });
  return queryClient;
}
