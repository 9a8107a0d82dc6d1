// Gate for signed-in pages: loads /me, sends signed-out visitors to sign-in (remembering where they were going)
// unless the page also has something to show them (`signedOut`).
import { Container } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { isApiError } from '../lib/api';
import { useMe } from '../lib/session';
import type { Me } from '../lib/types';
import { ErrorAlert } from './ErrorAlert';
import { LoadingSkeleton } from './LoadingSkeleton';

export function RequireMe({ children, signedOut }: { children: (me: Me) => ReactNode; signedOut?: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (isApiError(me.error, 401)) {
    if (signedOut) return <>{signedOut}</>;
    const here = location.pathname + location.search;
    return <Navigate to={here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`} replace />;
  }
  if (me.data) return <>{children(me.data)}</>;
  return (
    <Container component="main" size="sm" py="xl">
      {me.isError ? <ErrorAlert error={me.error} onRetry={() => void me.refetch()} retrying={me.isFetching} /> : <LoadingSkeleton />}
    </Container>
  );
}
