// /activate/:token, the link of the invitation email. Opened once: a fresh link signs in at once; an older one asks
// for the code we email; a used one leads to sign-in; a dead one explains why and how to get in; someone else's
// session is signed out only when the person says so.
import { Button, Group, List, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { useMe } from '../../../lib/session';
import { CenteredPage } from '../../../ui/CenteredPage';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { CodeConfirm } from '../../CodeConfirm';
import { t } from './messages';
import { useSignOutHere, useStartSession } from '../me/api';
import { type ActivationAnswer, type ActivationBrand, useActivation, useSendSignInCode, useSignInWithCode } from './api';

type View =
  | { kind: 'opening' }
  | { kind: 'code'; email: string; brand: ActivationBrand }
  | { kind: 'active'; email: string; brand: ActivationBrand }
  | { kind: 'signInCode'; email: string; brand: ActivationBrand }
  | { kind: 'dead' }
  | { kind: 'someoneElse' }
  | { kind: 'failed'; error: unknown };

/** How an error of the activation routes changes the page; null when it is not one of the expected answers. */
function viewForError(error: unknown): View | null {
  if (isApiError(error, 404)) return { kind: 'dead' };
  if (isApiError(error, 409)) return { kind: 'someoneElse' };
  return null;
}

/** The sign-in page of the invitation's operator: its brand, not Atrium's. */
const signInOf = (brand: ActivationBrand) => `/sign-in?o=${encodeURIComponent(brand.organizationId)}`;

export function ActivationPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const activation = useActivation(token);
  const sendSignInCode = useSendSignInCode();
  const signIn = useSignInWithCode();
  const startSession = useStartSession();
  const [view, setView] = useState<View>({ kind: 'opening' });

  /** Signed in: forget the previous person's data, greet with the location's name, go home. */
  const signedIn = useCallback(
    async (locationId?: string) => {
      const fresh = await startSession();
      const location = fresh?.memberships.find((membership) => membership.locationId === locationId)?.locationName;
      notifySuccess(location ? t('welcome', { location }) : t('welcomeNoLocation'));
      navigate('/', { replace: true });
    },
    [navigate, startSession],
  );

  const apply = useCallback(
    (answer: ActivationAnswer) => {
      if (answer.status === 'signed_in') return signedIn(answer.locationId);
      setView({ kind: answer.status === 'code_required' ? 'code' : 'active', email: answer.email, brand: answer.brand });
    },
    [signedIn],
  );

  const open = useCallback(
    (request: Promise<ActivationAnswer>, isCurrent: () => boolean = () => true) =>
      request.then(
        (answer) => {
          if (isCurrent()) void apply(answer);
        },
        (error: unknown) => {
          if (isCurrent()) setView(viewForError(error) ?? { kind: 'failed', error });
        },
      ),
    [apply],
  );

  // Only a new token opens again: callbacks that change identity (navigate after a location change) must not.
  const openFirst = useEffectEvent((isCurrent: () => boolean) => void open(activation.openFirst(), isCurrent));
  // biome-ignore lint/correctness/useExhaustiveDependencies: openFirst is an effect event, read at run time on purpose
  useEffect(() => {
    let current = true;
    openFirst(() => current);
    return () => {
      current = false;
    };
  }, [token]);

  const retry = () => {
    setView({ kind: 'opening' });
    void open(activation.open());
  };

  switch (view.kind) {
    case 'opening':
      return (
        <CenteredPage title={t('opening')}>
          <Group justify="center" py="md">
            <Loader aria-label={t('opening')} />
          </Group>
        </CenteredPage>
      );

    case 'code':
      return (
        <CenteredPage title={t('codeTitle')} brand={view.brand}>
          <CodeConfirm
            intro={t('codeSent', { email: view.email })}
            submitLabel={t('activate')}
            submit={async (code) => {
              try {
                await apply(await activation.verify.mutateAsync(code));
              } catch (error) {
                const next = viewForError(error);
                if (!next) throw error;
                setView(next);
              }
            }}
            resendLabel={t('resend')}
            resentMessage={t('resent')}
            resend={async () => {
              const answer = await activation.open();
              if (answer.status !== 'code_required') await apply(answer);
            }}
          />
        </CenteredPage>
      );

    case 'active': {
      // Already signed in as this person: nothing to ask.
      if (me.data && me.data.user.email.toLowerCase() === view.email.toLowerCase()) return <Navigate to="/" replace />;
      return <AlreadyActive email={view.email} brand={view.brand} onCodeSent={() => setView({ kind: 'signInCode', email: view.email, brand: view.brand })} />;
    }

    case 'signInCode':
      return (
        <CenteredPage title={t('activeTitle')} brand={view.brand}>
          <CodeConfirm
            intro={t('signInCodeSent', { email: view.email })}
            submitLabel={t('signIn')}
            submit={async (code) => {
              await signIn.mutateAsync({ email: view.email, code });
              await signedIn();
            }}
            resendLabel={t('resend')}
            resentMessage={t('resent')}
            resend={() => sendSignInCode.mutateAsync(view.email)}
            backLabel={t('otherEmail')}
            onBack={() => navigate(signInOf(view.brand))}
          />
        </CenteredPage>
      );

    case 'dead':
      return (
        <CenteredPage title={t('deadTitle')}>
          <Text>{t('deadBody')}</Text>
          <List spacing={4}>
            <List.Item>{t('deadWithdrawn')}</List.Item>
            <List.Item>{t('deadEmailChanged')}</List.Item>
            <List.Item>{t('deadIncomplete')}</List.Item>
          </List>
          <Text>{t('deadNewer')}</Text>
          <Text>{t('deadSignIn')}</Text>
          <Button component={Link} to="/sign-in" size="lg" fullWidth>
            {t('signInWithEmail')}
          </Button>
        </CenteredPage>
      );

    case 'someoneElse':
      return <SomeoneElse email={me.data?.user.email} onSignedOut={retry} />;

    case 'failed':
      return (
        <CenteredPage title={t('failedTitle')}>
          <ErrorAlert error={view.error} onRetry={retry} />
        </CenteredPage>
      );
  }
}

function AlreadyActive({ email, brand, onCodeSent }: { email: string; brand: ActivationBrand; onCodeSent: () => void }) {
  const sendCode = useSendSignInCode();
  const send = () => {
    if (sendCode.isPending) return;
    sendCode.mutate(email, { onSuccess: onCodeSent, onError: notifyError });
  };
  return (
    <CenteredPage title={t('activeTitle')} brand={brand}>
      <Text>{t('activeBody', { email })}</Text>
      <Stack gap="xs">
        <Button size="lg" fullWidth loading={sendCode.isPending} onClick={send}>
          {t('sendSignInCode')}
        </Button>
        <Button component={Link} to={signInOf(brand)} variant="subtle" size="md" disabled={sendCode.isPending}>
          {t('otherEmail')}
        </Button>
      </Stack>
    </CenteredPage>
  );
}

function SomeoneElse({ email, onSignedOut }: { email?: string; onSignedOut: () => void }) {
  const signOut = useSignOutHere();
  const leave = () => {
    if (signOut.isPending) return;
    signOut.mutate(undefined, { onSuccess: onSignedOut, onError: notifyError });
  };
  return (
    <CenteredPage title={t('otherTitle')}>
      <Text>{email ? t('otherBody', { email }) : t('otherBodyUnknown')}</Text>
      <Stack gap="xs">
        <Button size="lg" fullWidth loading={signOut.isPending} onClick={leave}>
          {t('signOutAndContinue')}
        </Button>
        <Button component={Link} to="/" variant="subtle" size="md" disabled={signOut.isPending}>
          {t('stay')}
        </Button>
      </Stack>
    </CenteredPage>
  );
}
