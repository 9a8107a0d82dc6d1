// /activate/:token, the link of the invitation email. Opened once: a fresh link signs in at once; an older one asks
// for the code we email; a used one leads to sign-in; a dead one explains why and how to get in; someone else's
// session is signed out only when the person says so.
import { Button, Group, List, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { api, isApiError } from '../../../lib/api';
import { auth, meKey, useMe } from '../../../lib/session';
import type { Me, User } from '../../../lib/types';
import { CenteredPage } from '../../../ui/CenteredPage';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { CodeConfirm } from '../../CodeConfirm';
import { text } from '../../text';

const t = text.activation;

type Answer = { status: 'signed_in'; user: User; locationId: string } | { status: 'code_required'; email: string } | { status: 'sign_in_required'; email: string };

type View =
  | { kind: 'opening' }
  | { kind: 'code'; email: string }
  | { kind: 'active'; email: string }
  | { kind: 'signInCode'; email: string }
  | { kind: 'dead' }
  | { kind: 'someoneElse' }
  | { kind: 'failed'; error: unknown };

const activate = (token: string) => api.post<Answer>('/activation', { token });

// The link is opened once per page load: React's strict mode runs effects twice, and both runs must share one request.
const opening = new Map<string, Promise<Answer>>();
function openOnce(token: string): Promise<Answer> {
  let request = opening.get(token);
  if (!request) {
    request = activate(token);
    opening.set(token, request);
    // Gone once settled, so coming back to the link later asks the server again.
    void request.then(
      () => setTimeout(() => opening.delete(token), 0),
      () => setTimeout(() => opening.delete(token), 0),
    );
  }
  return request;
}

/** How an error of the activation routes changes the page; null when it is not one of the expected answers. */
function viewForError(error: unknown): View | null {
  if (isApiError(error, 404)) return { kind: 'dead' };
  if (isApiError(error, 409)) return { kind: 'someoneElse' };
  return null;
}

export function ActivationPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [view, setView] = useState<View>({ kind: 'opening' });

  /** Signed in: forget the previous person's data, greet with the location's name, go home. */
  const signedIn = useCallback(
    async (locationId?: string) => {
      queryClient.removeQueries();
      const fresh = await queryClient.fetchQuery({ queryKey: meKey, queryFn: () => api.get<Me>('/me') }).catch(() => undefined);
      const location = fresh?.memberships.find((membership) => membership.locationId === locationId)?.locationName;
      notifySuccess(location ? t.welcome(location) : t.welcomeNoLocation);
      navigate('/', { replace: true });
    },
    [navigate, queryClient],
  );

  const apply = useCallback(
    (answer: Answer) => {
      if (answer.status === 'signed_in') return signedIn(answer.locationId);
      setView(answer.status === 'code_required' ? { kind: 'code', email: answer.email } : { kind: 'active', email: answer.email });
    },
    [signedIn],
  );

  const open = useCallback(
    (request: Promise<Answer>, isCurrent: () => boolean = () => true) =>
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
  const openFirst = useEffectEvent((isCurrent: () => boolean) => void open(openOnce(token), isCurrent));
  useEffect(() => {
    let current = true;
    openFirst(() => current);
    return () => {
      current = false;
    };
  }, [token]);

  const retry = () => {
    setView({ kind: 'opening' });
    void open(activate(token));
  };

  switch (view.kind) {
    case 'opening':
      return (
        <CenteredPage title={t.opening}>
          <Group justify="center" py="md">
            <Loader aria-label={t.opening} />
          </Group>
        </CenteredPage>
      );

    case 'code':
      return (
        <CenteredPage title={t.codeTitle}>
          <CodeConfirm
            intro={t.codeSent(view.email)}
            submitLabel={t.activate}
            submit={async (code) => {
              try {
                await apply(await api.post<Answer>('/activation/verify', { token, code }));
              } catch (error) {
                const next = viewForError(error);
                if (!next) throw error;
                setView(next);
              }
            }}
            resendLabel={t.resend}
            resentMessage={t.resent}
            resend={async () => {
              const answer = await activate(token);
              if (answer.status !== 'code_required') await apply(answer);
            }}
          />
        </CenteredPage>
      );

    case 'active': {
      // Already signed in as this person: nothing to ask.
      if (me.data && me.data.user.email.toLowerCase() === view.email.toLowerCase()) return <Navigate to="/" replace />;
      return <AlreadyActive email={view.email} onCodeSent={() => setView({ kind: 'signInCode', email: view.email })} />;
    }

    case 'signInCode':
      return (
        <CenteredPage title={t.activeTitle}>
          <CodeConfirm
            intro={t.signInCodeSent(view.email)}
            submitLabel={t.signIn}
            submit={async (code) => {
              await auth.signIn(view.email, code);
              await signedIn();
            }}
            resendLabel={t.resend}
            resentMessage={t.resent}
            resend={() => auth.requestCode(view.email)}
            backLabel={t.otherEmail}
            onBack={() => navigate('/sign-in')}
          />
        </CenteredPage>
      );

    case 'dead':
      return (
        <CenteredPage title={t.deadTitle}>
          <Text>{t.deadBody}</Text>
          <List spacing={4}>
            {t.deadReasons.map((reason) => (
              <List.Item key={reason}>{reason}</List.Item>
            ))}
          </List>
          <Text>{t.deadNewer}</Text>
          <Text>{t.deadSignIn}</Text>
          <Button component={Link} to="/sign-in" size="lg" fullWidth>
            {t.signInWithEmail}
          </Button>
        </CenteredPage>
      );

    case 'someoneElse':
      return <SomeoneElse email={me.data?.user.email} onSignedOut={retry} />;

    case 'failed':
      return (
        <CenteredPage title={t.failedTitle}>
          <ErrorAlert error={view.error} onRetry={retry} />
        </CenteredPage>
      );
  }
}

function AlreadyActive({ email, onCodeSent }: { email: string; onCodeSent: () => void }) {
  const [sending, setSending] = useState(false);
  const send = async () => {
    if (sending) return;
    setSending(true);
    try {
      await auth.requestCode(email);
      onCodeSent();
    } catch (error) {
      notifyError(error);
      setSending(false);
    }
  };
  return (
    <CenteredPage title={t.activeTitle}>
      <Text>{t.activeBody(email)}</Text>
      <Stack gap="xs">
        <Button size="lg" fullWidth loading={sending} onClick={() => void send()}>
          {t.sendSignInCode}
        </Button>
        <Button component={Link} to="/sign-in" variant="subtle" size="md" disabled={sending}>
          {t.otherEmail}
        </Button>
      </Stack>
    </CenteredPage>
  );
}

function SomeoneElse({ email, onSignedOut }: { email?: string; onSignedOut: () => void }) {
  const queryClient = useQueryClient();
  const [signingOut, setSigningOut] = useState(false);
  const signOut = async () => {
    if (signingOut) return;
    setSigningOut(true);
    try {
      await api.post('/auth/sign-out');
      queryClient.removeQueries();
      onSignedOut();
    } catch (error) {
      notifyError(error);
      setSigningOut(false);
    }
  };
  return (
    <CenteredPage title={t.otherTitle}>
      <Text>{email ? t.otherBody(email) : t.otherBodyUnknown}</Text>
      <Stack gap="xs">
        <Button size="lg" fullWidth loading={signingOut} onClick={() => void signOut()}>
          {t.signOutAndContinue}
        </Button>
        <Button component={Link} to="/" variant="subtle" size="md" disabled={signingOut}>
          {t.stay}
        </Button>
      </Stack>
    </CenteredPage>
  );
}
