// Email-code sign-in used by the admin app and the portal: email, then the 6-digit code, which submits itself.
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { errorMessage, tError } from '../lib/error-messages';
import { auth } from '../lib/session';
import type { User } from '../lib/types';
import { CodeInput } from './CodeInput';
import { FormError } from './FormError';
import { notifySuccess } from './notify';
import { tUi } from './messages';
import { useServerForm } from './use-server-form';

export function SignInFlow({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const [email, setEmail] = useState('');
  const [step, setStep] = useState<'email' | 'code'>('email');
  if (step === 'email') {
    return (
      <EmailStep
        initialEmail={email}
        onSent={(sentTo) => {
          setEmail(sentTo);
          setStep('code');
        }}
      />
    );
  }
  return <CodeStep email={email} onBack={() => setStep('email')} onSignedIn={onSignedIn} />;
}

const emailSchema = z.object({
  email: z
    .string()
    .trim()
    .pipe(z.email({ error: () => tUi('signIn.emailInvalid') })),
});

function EmailStep({ initialEmail, onSent }: { initialEmail: string; onSent: (email: string) => void }) {
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: emailSchema,
    initialValues: { email: initialEmail },
    submit: async ({ email }) => {
      await auth.requestCode(email);
      onSent(email);
    },
    fieldForError: () => 'email',
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput label={tUi('signIn.email')} type="email" autoComplete="email" size="lg" autoFocus {...form.getInputProps('email')} />
        <FormError message={error} />
        <Button type="submit" size="lg" fullWidth loading={submitting}>
          {tUi('signIn.sendCode')}
        </Button>
      </Stack>
    </form>
  );
}

const codeSchema = z.object({ code: z.string().regex(/^\d{6}$/, { error: () => tUi('signIn.codeInvalid') }) });

function CodeStep({ email, onBack, onSignedIn }: { email: string; onBack: () => void; onSignedIn: (user: User) => void }) {
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: codeSchema,
    initialValues: { code: '' },
    submit: async ({ code }) => onSignedIn((await auth.signIn(email, code)).user),
    fieldForError: () => 'code',
    errorTexts: () => ({ 401: tError('codeWrong') }),
    fieldTexts: { code: tUi('signIn.codeInvalid') },
  });
  const resend = useMutation({
    mutationFn: () => auth.requestCode(email),
    onSuccess: () => notifySuccess(tUi('signIn.resent')),
    onError: (caught) => form.setFieldError('code', errorMessage(caught)),
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <Text>{tUi('signIn.codeSent', { email })}</Text>
        <CodeInput
          label={tUi('signIn.code')}
          description={tUi('signIn.codeHelp')}
          autoFocus
          value={form.values.code}
          error={form.errors.code}
          onChange={(code) => form.setFieldValue('code', code)}
          onComplete={() => onSubmit()}
        />
        <FormError message={error} />
        <Button type="submit" size="lg" fullWidth loading={submitting}>
          {tUi('signIn.signIn')}
        </Button>
        <Group justify="space-between" gap="xs">
          <Button variant="subtle" onClick={onBack} disabled={submitting}>
            {tUi('signIn.otherEmail')}
          </Button>
          <Button variant="subtle" onClick={() => resend.mutate()} loading={resend.isPending} disabled={submitting}>
            {tUi('signIn.resend')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
