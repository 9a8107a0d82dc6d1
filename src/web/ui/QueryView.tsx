// Renders a query's data, with a skeleton while it loads and an error with retry when it fails.
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { LoadingSkeleton } from './LoadingSkeleton';

export function QueryView<T>({ query, rows, children }: { query: UseQueryResult<T>; rows?: number; children: (data: T) => ReactNode }) {
  if (query.isPending) return <LoadingSkeleton rows={rows} />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  return <>{children(query.data)}</>;
}
