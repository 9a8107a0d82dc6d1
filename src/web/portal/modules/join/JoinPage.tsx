// /join/:locationId: ask to become a member. Signed in, one button; a visitor gives name and email and confirms
// the email with a code first. Visitors are not signed in by this: approval sends them the invitation email.
import { Alert, Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/error-messages';
import { useMe } from '../../../lib/session';
import type { Me } from '../../../lib/types';
import { CenteredPage } from '../../../ui/CenteredPage';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { FormError } from '../../../ui/FormError';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { useServerForm } from '../../../ui/use-server-form';
import { CodeConfirm } from '../../CodeConfirm';
import { t } from './messages';
import { usePublicLocation, useRequestToJoin, type PublicLocation } from './api';

export function JoinPage() {
  const { locationId = '' } = useParams();
  const location = usePublicLocation(locationId);
  const me = useMe();

  if (location.isPending || me.isPending) {
    return (
      <JoinFrame>
        <LoadingSkeleton rows={4} />
      </JoinFrame>
    );
  }
  if (isApiError(location.error, 404)) {
    return (
      <JoinFrame title={t('notFoundTitle')}>
        <Text>{t('notFoundBody')}</Text>
      </JoinFrame>
    );
  }
  if (location.isError) {
    return (
      <JoinFrame>
        <ErrorAlert error={location.error} onRetry={() => void location.refetch()} retrying={location.isFetching} />
      </JoinFrame>
    );
  }
  const place = location.data;
  const heading = (
    <>
      <Title order={1} size="h2">
        {t('title', { location: place.name })}
      </Title>
      {place.organizationName && <Text c="dimmed">{t('organization', { organization: place.organizationName })}</Text>}
    </>
  );
  if (place.joinRequests === 'closed') {
    return (
      <JoinFrame>
        {heading}
        <Alert color="gray" title={t('closed', { location: place.name })}>
          {t('closedHelp')}
        </Alert>
      </JoinFrame>
    );
  }
  // /me failing for another reason than "signed out" must not pass the person off as a visitor.
  if (me.isError && !isApiError(me.error, 401)) {
    return (
      <JoinFrame>
        {heading}
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} retrying={me.isFetching} />
      </JoinFrame>
    );
  }
  return <JoinFrame>{me.data ? <SignedInJoin place={place} me={me.data} heading={heading} /> : <VisitorJoin place={place} heading={heading} />}</JoinFrame>;
}

/** The calm single-card page, with its title as the heading when there is no location to name. */
function JoinFrame({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <CenteredPage title={title} width={480}>
      {children}
    </CenteredPage>
  );
}

function Sent({ detail }: { detail: string }) {
  return (
    <Alert color="green" role="status">
      <Stack gap={4}>
        <Text fw={600}>{t('sent')}</Text>
        <Text>{detail}</Text>
      </Stack>
    </Alert>
  );
}

function SignedInJoin({ place, me, heading }: { place: PublicLocation; me: Me; heading: ReactNode }) {
  const membership = me.memberships.find((m) => m.locationId === place.id && m.type === 'member' && m.status !== 'removed');
  const [sent, setSent] = useState(false);
  const request = useRequestToJoin(place.id);
  if (membership || isApiError(request.error, 409)) {
    return (
      <>
        {heading}
        <Text fw={600}>{t('alreadyMember', { location: place.name })}</Text>
        <Button component={Link} to="/" size="lg" fullWidth>
          {t('goHome')}
        </Button>
      </>
    );
  }
  if (sent) {
    return (
      <>
        {heading}
        <Sent detail={t('sentSignedIn')} />
        <Button component={Link} to="/" variant="default" size="lg" fullWidth>
          {t('goHome')}
        </Button>
      </>
    );
  }
  return (
    <>
      {heading}
      <Text>{t('signedInAs', { email: me.user.email })}</Text>
      {request.isError && <FormError message={errorMessage(request.error, { 403: t('closed', { location: place.name }) })} />}
      <Button size="lg" fullWidth loading={request.isPending} onClick={() => request.isPending || request.mutate({}, { onSuccess: () => setSent(true) })}>
        {t('request', { location: place.name })}
      </Button>
    </>
  );
}

const visitorSchema = z.object({
  firstName: z
    .string()
    .trim()
    .min(1, { error: () => t('firstNameRequired') })
    .max(100),
  lastName: z.string().trim().max(100),
  email: z
    .string()
    .trim()
    .pipe(z.email({ error: () => t('emailInvalid') })),
});
type Visitor = z.infer<typeof visitorSchema>;

function VisitorJoin({ place, heading }: { place: PublicLocation; heading: ReactNode }) {
  const [step, setStep] = useState<'form' | 'code' | 'sent'>('form');
  const [visitor, setVisitor] = useState<Visitor | null>(null);
  const join = useRequestToJoin(place.id);
  const ask = (who: Visitor) => join.mutateAsync({ firstName: who.firstName, lastName: who.lastName, email: who.email });
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: visitorSchema,
    initialValues: { firstName: '', lastName: '', email: '' },
    submit: async (who) => {
      await ask(who);
      setVisitor(who);
      setStep('code');
    },
    errorTexts: () => ({ already_member: t('alreadyMember', { location: place.name }), 403: t('closed', { location: place.name }) }),
    fieldTexts: { firstName: t('firstNameRequired'), email: t('emailInvalid') },
  });

  if (step === 'sent' && visitor) {
    return (
      <>
        {heading}
        <Sent detail={t('sentEmail', { email: visitor.email })} />
      </>
    );
  }
  if (step === 'code' && visitor) {
    return (
      <>
        {heading}
        <CodeConfirm
          intro={t('codeSent', { email: visitor.email })}
          submitLabel={t('confirm')}
          submit={async (code) => {
            await join.mutateAsync({ email: visitor.email, code });
            setStep('sent');
          }}
          resendLabel={t('resend')}
          resentMessage={t('resent')}
          resend={() => ask(visitor)}
          backLabel={t('otherEmail')}
          onBack={() => setStep('form')}
        />
      </>
    );
  }
  return (
    <>
      {heading}
      <Text>{t('intro')}</Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <TextInput label={t('firstName')} size="lg" autoComplete="given-name" withAsterisk {...form.getInputProps('firstName')} />
          <TextInput label={t('lastName')} size="lg" autoComplete="family-name" {...form.getInputProps('lastName')} />
          <TextInput label={t('email')} type="email" size="lg" autoComplete="email" withAsterisk {...form.getInputProps('email')} />
          <FormError message={error} />
          <Button type="submit" size="lg" fullWidth loading={submitting}>
            {t('sendRequest')}
          </Button>
        </Stack>
      </form>
      <Group gap={6} justify="center">
        <Text size="sm">{t('haveAccount')}</Text>
        <Anchor component={Link} to={`/sign-in?next=${encodeURIComponent(`/join/${place.id}`)}`} size="sm" fw={600}>
          {t('signIn')}
        </Anchor>
      </Group>
    </>
  );
}
