// Portal profile: the person edits their own name and phone (their email is shown, not edited), and signs out.
import { Button, Stack, TextInput, Title } from '@mantine/core';
import { z } from 'zod';
import { formatPhone } from '../../../lib/format';
import { useSignOut } from '../../../lib/session';
import type { Me, User } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { usePortalMe } from '../../portal-context';
import { t } from './messages';
import { useUpdateMe } from './api';

export function ProfilePage() {
  const me = usePortalMe();
  const signOut = useSignOut();
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      {/* The server reads phone numbers in me.country: they are shown the same way. */}
      <ProfileForm me={me} country={me.country} />
      <Button variant="default" size="lg" loading={signOut.isPending} onClick={() => signOut.mutate(undefined, { onError: notifyError })}>
        {t('signOut')}
      </Button>
    </Stack>
  );
}

const schema = z.object({
  firstName: z
    .string()
    .trim()
    .min(1, { error: () => t('required') })
    .max(100),
  lastName: z.string().trim().max(100),
  phone: z.string().trim().max(40),
});

function ProfileForm({ me, country }: { me: Me; country: string }) {
  const update = useUpdateMe();
  const valuesOf = (user: User) => ({ firstName: user.firstName, lastName: user.lastName, phone: user.phone ? formatPhone(user.phone, country) : '' });
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: valuesOf(me.user),
    submit: async (values) => {
      const { user } = await update.mutateAsync({ ...values, phone: values.phone || null });
      const saved = valuesOf(user);
      form.setValues(saved);
      form.resetDirty(saved);
      notifySuccess(t('saved'));
    },
    fieldTexts: { firstName: t('required'), phone: t('phoneInvalid') },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <TextInput label={t('firstName')} size="lg" autoComplete="given-name" withAsterisk {...form.getInputProps('firstName')} />
        <TextInput label={t('lastName')} size="lg" autoComplete="family-name" {...form.getInputProps('lastName')} />
        <TextInput label={t('email')} size="lg" value={me.user.email} readOnly description={t('emailHelp')} variant="filled" />
        <TextInput label={t('phone')} size="lg" type="tel" autoComplete="tel" description={t('phoneHelp')} {...form.getInputProps('phone')} />
        <FormError message={error} />
        <Button type="submit" size="lg" loading={submitting} disabled={!form.isDirty()}>
          {t('save')}
        </Button>
      </Stack>
    </form>
  );
}
