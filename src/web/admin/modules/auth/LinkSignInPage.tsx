// One-time sign-in link printed by the CLI (/admin/link/:token): signs in once, or says the link is spent.
import { Anchor, Group, Loader, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { auth } from '../../../lib/session';
import { CenteredPage } from '../../../ui/CenteredPage';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { text } from '../../text';

export function LinkSignInPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signIn = useMutation({
    mutationFn: () => auth.signInWithLink(token),
    onSuccess: () => {
      queryClient.removeQueries();
      navigate('/', { replace: true });
    },
  });
  // The token works once: never send it twice (React's strict mode runs effects twice in development).
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    signIn.mutate();
  }, [signIn]);

  if (isApiError(signIn.error, 404) || isApiError(signIn.error, 410)) {
    return (
      <CenteredPage title={text.link.expiredTitle}>
        <Text>{text.link.expiredBody}</Text>
        <Anchor component={Link} to="/sign-in">
          {text.link.signIn}
        </Anchor>
      </CenteredPage>
    );
  }
  return (
    <CenteredPage title={text.link.signingIn}>
      {signIn.isError ? (
        <ErrorAlert error={signIn.error} onRetry={() => signIn.mutate()} />
      ) : (
        <Group justify="center" py="md">
          <Loader aria-label={text.link.signingIn} />
        </Group>
      )}
    </CenteredPage>
  );
}
