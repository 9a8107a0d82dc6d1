// One-time sign-in link printed by the CLI (/admin/link/:token): signs in once, or says the link is spent.
import { Anchor, Group, Loader, Text } from '@mantine/core';
import { useEffect, useEffectEvent, useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { CenteredPage } from '../../../ui/CenteredPage';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useSignInWithLink } from './api';
import { t } from './messages';

export function LinkSignInPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const signIn = useSignInWithLink();
  // Failures show on the page (signIn.error).
  const send = () =>
    signIn.mutateAsync(token).then(
      () => navigate('/', { replace: true }),
      () => undefined,
    );
  const sendOnOpen = useEffectEvent(send);
  // The token works once: never send it twice (React's strict mode runs effects twice in development).
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    void sendOnOpen();
  }, []);

  if (isApiError(signIn.error, 404) || isApiError(signIn.error, 410)) {
    return (
      <CenteredPage title={t('expiredTitle')}>
        <Text>{t('expiredBody')}</Text>
        <Anchor component={Link} to="/sign-in">
          {t('signIn')}
        </Anchor>
      </CenteredPage>
    );
  }
  return (
    <CenteredPage title={t('signingIn')}>
      {signIn.isError ? (
        <ErrorAlert error={signIn.error} onRetry={() => void send()} />
      ) : (
        <Group justify="center" py="md">
          <Loader aria-label={t('signingIn')} />
        </Group>
      )}
    </CenteredPage>
  );
}
