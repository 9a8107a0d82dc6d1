// The kiosk's screens once paired: leave your contacts, visit someone, event check-in, and the thank-you.
// Inputs and buttons are large for people standing at a tablet; a failed send keeps what was typed.
import { Box, Button, Card, Checkbox, Group, Loader, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { isApiError } from '../lib/api';
import { FormError } from '../ui/FormError';
import { useServerForm } from '../ui/use-server-form';
import { type Host, type Kiosk, useCheckInTicket, useCheckInVisitor, useHosts, useLeaveContacts } from './api';
import { t } from './messages';

const big = { size: 'xl' as const, styles: { label: { fontSize: 20, marginBottom: 6 }, input: { fontSize: 24, minHeight: 64 } } };
const submitProps = { type: 'submit' as const, size: 'xl' as const, h: 80, fz: 24 };
const THANKS_MS = 10_000;

const required = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: () => t('required') })
    .max(max);
const email = z
  .string()
  .trim()
  .pipe(z.email({ error: () => t('invalidEmail') }));
const optionalEmail = z
  .string()
  .trim()
  .refine((v) => v === '' || z.email().safeParse(v).success, { error: () => t('invalidEmail') });

const contactsSchema = z.object({
  firstName: required(100),
  lastName: z.string().trim().max(100),
  email,
  phone: z.string().trim().max(40),
  company: z.string().trim().max(200),
  message: z.string().trim().max(2000),
  consent: z.boolean().refine((v) => v, { error: () => t('contacts.consentRequired') }),
});

/** Read at the failure, in the language of the moment. */
const offline = () => ({ '0': t('offline') });

/** The top of a form screen: a big Back button and the title. */
function ScreenHeader({ title, onBack }: { title: string; onBack: () => void }) {
  return (
    <Stack gap="md" mb="xl">
      <Box>
        <Button variant="default" size="lg" h={56} onClick={onBack}>
          {t('back')}
        </Button>
      </Box>
      <Title order={1} fz={{ base: 32, sm: 44 }}>
        {title}
      </Title>
    </Stack>
  );
}

export function ContactsScreen({ kiosk, onBack, onDone }: { kiosk: Kiosk; onBack: () => void; onDone: (text: string) => void }) {
  const leave = useLeaveContacts();
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: contactsSchema,
    initialValues: { firstName: '', lastName: '', email: '', phone: '', company: '', message: '', consent: false },
    submit: async (v) => {
      await leave.mutateAsync({
        firstName: v.firstName,
        lastName: v.lastName,
        email: v.email,
        phone: v.phone || null,
        ...(v.company ? { company: v.company } : {}),
        ...(v.message ? { message: v.message } : {}),
        consent: v.consent,
      });
      onDone(t('thanks.contacts'));
    },
    fieldForError: (e) => (e.reason === 'consent_required' ? 'consent' : undefined),
    errorTexts: () => ({ ...offline(), '429': t('contacts.tooMany'), consent_required: t('contacts.consentRequired') }),
    fieldTexts: { phone: t('contacts.phoneInvalid'), email: t('invalidEmail') },
  });
  return (
    <Stack maw={900} mx="auto">
      <ScreenHeader title={t('contacts.title')} onBack={onBack} />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <Group grow align="flex-start">
            <TextInput label={t('contacts.firstName')} autoComplete="given-name" withAsterisk {...big} {...form.getInputProps('firstName')} />
            <TextInput label={t('contacts.lastName')} autoComplete="family-name" {...big} {...form.getInputProps('lastName')} />
          </Group>
          <TextInput label={t('contacts.email')} type="email" autoComplete="email" withAsterisk {...big} {...form.getInputProps('email')} />
          <Group grow align="flex-start">
            <TextInput label={t('contacts.phone')} type="tel" autoComplete="tel" {...big} {...form.getInputProps('phone')} />
            <TextInput label={t('contacts.company')} autoComplete="organization" {...big} {...form.getInputProps('company')} />
          </Group>
          <Textarea label={t('contacts.message')} autosize minRows={2} maxRows={5} {...big} {...form.getInputProps('message')} />
          <Checkbox
            size="xl"
            label={<Text fz={20}>{kiosk.consentText}</Text>}
            styles={{ body: { alignItems: 'center' } }}
            {...form.getInputProps('consent', { type: 'checkbox' })}
          />
          <FormError message={error} />
          <Button {...submitProps} loading={submitting}>
            {t('contacts.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

const visitSchema = z.object({
  firstName: required(100),
  lastName: z.string().trim().max(100),
  email: optionalEmail,
  hostCustomerId: z.string().min(1, { error: () => t('visit.hostRequired') }),
});

export function VisitScreen({ onBack, onDone }: { onBack: () => void; onDone: (text: string) => void }) {
  const visit = useCheckInVisitor();
  const [host, setHost] = useState<Host | null>(null);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: visitSchema,
    initialValues: { firstName: '', lastName: '', email: '', hostCustomerId: '' },
    submit: async (v) => {
      const { visit: made } = await visit.mutateAsync({
        firstName: v.firstName,
        ...(v.lastName ? { lastName: v.lastName } : {}),
        ...(v.email ? { email: v.email } : {}),
        hostCustomerId: v.hostCustomerId,
      });
      onDone(t('thanks.visit', { host: `${made.host.firstName} ${made.host.lastInitial}.`.trim() }));
    },
    fieldForError: (e) => (e.status === 404 ? 'hostCustomerId' : undefined),
    errorTexts: () => ({ ...offline(), '404': t('visit.hostGone') }),
  });
  const choose = (h: Host | null) => {
    setHost(h);
    form.setFieldValue('hostCustomerId', h?.id ?? '');
  };
  return (
    <Stack maw={900} mx="auto">
      <ScreenHeader title={t('visit.title')} onBack={onBack} />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <Group grow align="flex-start">
            <TextInput label={t('visit.yourName')} autoComplete="given-name" withAsterisk {...big} {...form.getInputProps('firstName')} />
            <TextInput label={t('visit.yourLastName')} autoComplete="family-name" {...big} {...form.getInputProps('lastName')} />
          </Group>
          <TextInput label={t('visit.yourEmail')} type="email" autoComplete="email" {...big} {...form.getInputProps('email')} />
          {host ? (
            <Card withBorder padding="lg" radius="md">
              <Text fz={20} c="dimmed">
                {t('visit.host')}
              </Text>
              <Group justify="space-between" mt="xs">
                <HostLabel host={host} />
                <Button variant="default" size="lg" onClick={() => choose(null)}>
                  {t('visit.change')}
                </Button>
              </Group>
            </Card>
          ) : (
            <HostPicker onPick={choose} onType={() => form.clearFieldError('hostCustomerId')} error={form.errors.hostCustomerId} />
          )}
          <FormError message={error} />
          <Button {...submitProps} loading={submitting}>
            {t('visit.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

function HostLabel({ host }: { host: Host }) {
  return (
    <Stack gap={0} align="flex-start">
      <Text fz={26} fw={600}>
        {`${host.firstName} ${host.lastInitial ? `${host.lastInitial}.` : ''}`.trim()}
      </Text>
      {host.company && (
        <Text fz={18} c="dimmed">
          {host.company}
        </Text>
      )}
    </Stack>
  );
}

function HostPicker({ onPick, onType, error }: { onPick: (host: Host) => void; onType: () => void; error: React.ReactNode }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const hosts = useHosts(debounced);
  return (
    <Stack gap="sm">
      <TextInput
        label={t('visit.host')}
        description={t('visit.hostHelp')}
        autoComplete="off"
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          onType();
        }}
        error={error}
        withAsterisk
        {...big}
      />
      {debounced.length >= 2 &&
        (hosts.isPending ? (
          <Group gap="sm">
            <Loader size="sm" />
            <Text fz={18}>{t('visit.searching')}</Text>
          </Group>
        ) : hosts.isError ? (
          <Text fz={18} c="red" role="alert">
            {isApiError(hosts.error, 0) ? t('offline') : t('error.generic')}
          </Text>
        ) : hosts.data.items.length === 0 ? (
          <Text fz={18}>{t('visit.noHosts')}</Text>
        ) : (
          <Stack gap="xs">
            {hosts.data.items.map((h) => (
              <Button key={h.id} variant="default" size="xl" h="auto" py="md" justify="flex-start" onClick={() => onPick(h)}>
                <HostLabel host={h} />
              </Button>
            ))}
          </Stack>
        ))}
    </Stack>
  );
}

const checkInSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, { error: () => t('required') })
    .max(40),
});

export function CheckInScreen({ onBack, onDone }: { onBack: () => void; onDone: (text: string) => void }) {
  const checkIn = useCheckInTicket();
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: checkInSchema,
    initialValues: { code: '' },
    submit: async (v) => {
      const { ticket } = await checkIn.mutateAsync(v.code);
      onDone(t('thanks.checkIn', { name: ticket.firstName, event: ticket.eventTitle }));
    },
    fieldForError: () => 'code',
    errorTexts: () => ({ ...offline(), '404': t('checkIn.unknown') }),
  });
  return (
    <Stack maw={700} mx="auto">
      <ScreenHeader title={t('checkIn.title')} onBack={onBack} />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <TextInput
            label={t('checkIn.code')}
            description={t('checkIn.codeHelp')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            autoFocus
            size="xl"
            styles={{ label: { fontSize: 20 }, input: { fontSize: 40, height: 88, letterSpacing: '0.2em', textAlign: 'center', fontFamily: 'monospace' } }}
            {...form.getInputProps('code')}
          />
          <FormError message={error} />
          <Button {...submitProps} loading={submitting}>
            {t('checkIn.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

export function ThanksScreen({ text, onDone }: { text: string; onDone: () => void }) {
  useEffect(() => {
    const timer = window.setTimeout(onDone, THANKS_MS);
    return () => window.clearTimeout(timer);
  }, [onDone]);
  return (
    <Stack mih="calc(100dvh - 64px)" justify="center" align="center" ta="center" gap="xl" maw={900} mx="auto">
      <Title order={1} fz={{ base: 44, sm: 64 }}>
        {t('thanks.title')}
      </Title>
      <Text fz={{ base: 24, sm: 30 }} lh={1.4}>
        {text}
      </Text>
      <Button size="xl" h={80} px={64} fz={24} onClick={onDone}>
        {t('thanks.done')}
      </Button>
    </Stack>
  );
}
