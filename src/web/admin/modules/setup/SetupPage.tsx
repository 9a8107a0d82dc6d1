// First-run setup (/admin/setup?token=T): organization, first location and owner; then the admin app, signed in.
import { Alert, Anchor, Button, Fieldset, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { browserPreferredLanguage } from '../../../lib/i18n';
import { agreeingDefaults, defaultTimeZone, followChange, type Place } from '../../../lib/regional';
import { CenteredPage } from '../../../ui/CenteredPage';
import { FormError } from '../../../ui/FormError';
import { QueryView } from '../../../ui/QueryView';
import { useServerForm } from '../../../ui/use-server-form';
import { tAdmin } from '../../messages';
import { LocationFields, locationFieldTexts, locationRules } from '../locations/LocationFields';
import { useRunSetup, useSetupStatus } from './api';
import { t } from './messages';

const required = { error: () => tAdmin('required') };
const nameTooLong = { error: () => tAdmin('nameTooLong') };

const setupSchema = z.object({
  organizationName: z.string().trim().min(1, required).max(100, nameTooLong),
  locationName: locationRules.name,
  address: locationRules.address,
  timeZone: locationRules.timeZone,
  currency: locationRules.currency,
  country: locationRules.country,
  language: locationRules.language,
  ownerEmail: z
    .string()
    .trim()
    .pipe(z.email({ error: () => tAdmin('emailInvalid') })),
  ownerFirstName: z.string().trim().min(1, required).max(100, nameTooLong),
  ownerLastName: z
    .string()
    .trim()
    .max(100, nameTooLong)
    .transform((value) => value || undefined),
});

export function SetupPage() {
  const status = useSetupStatus();
  return (
    <QueryView query={status}>
      {({ needed }) =>
        needed ? (
          <SetupForm />
        ) : (
          <CenteredPage title={t('doneTitle')}>
            <Text>{t('doneBody')}</Text>
            <Anchor component={Link} to="/sign-in">
              {t('signIn')}
            </Anchor>
          </CenteredPage>
        )
      }
    </QueryView>
  );
}

function SetupForm() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const setup = useRunSetup();
  // time zone from the clock, country and currency agreeing with it (design: issue 16, item 6)
  const [defaults] = useState(() => agreeingDefaults(defaultTimeZone(), navigator.language));
  // the country follows the zone and the currency the country, until the person picks them
  const chosen = useRef({ country: false, currency: false });
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: setupSchema,
    initialValues: {
      organizationName: '',
      locationName: '',
      address: '',
      timeZone: defaults.timeZone,
      currency: defaults.currency,
      country: defaults.country,
      language: browserPreferredLanguage(),
      ownerEmail: '',
      ownerFirstName: '',
      ownerLastName: '',
    },
    submit: async (values) => {
      await setup.mutateAsync({ token, ...values });
      navigate('/', { replace: true });
    },
    errorTexts: () => ({ 403: t('badLink') }),
    fieldTexts: { ...locationFieldTexts(), ownerEmail: tAdmin('emailInvalid') },
  });
  const placeField = (name: keyof Place) => {
    const props = form.getInputProps(name);
    return {
      ...props,
      onChange: (value: string | null) => {
        if (value === null) return;
        if (name !== 'timeZone') chosen.current[name] = true;
        const { timeZone, country, currency } = form.getValues();
        const next = followChange({ timeZone, country, currency }, chosen.current, { [name]: value });
        for (const key of ['timeZone', 'country', 'currency'] as const) if (next[key] !== form.getValues()[key]) form.setFieldValue(key, next[key]);
      },
    };
  };
  return (
    <CenteredPage title={t('title')} width={560}>
      <Text c="dimmed">{t('intro')}</Text>
      {!token && <Alert color="yellow">{t('missingToken')}</Alert>}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <Fieldset legend={t('organizationSection')}>
            <TextInput label={t('organizationName')} withAsterisk autoFocus {...form.getInputProps('organizationName')} />
          </Fieldset>
          <Fieldset legend={t('locationSection')}>
            <Stack gap="sm">
              <LocationFields
                field={(name) =>
                  name === 'name'
                    ? form.getInputProps('locationName')
                    : name === 'timeZone' || name === 'country' || name === 'currency'
                      ? placeField(name)
                      : form.getInputProps(name)
                }
              />
            </Stack>
          </Fieldset>
          <Fieldset legend={t('ownerSection')}>
            <Stack gap="sm">
              <TextInput label={t('ownerEmail')} type="email" autoComplete="email" withAsterisk {...form.getInputProps('ownerEmail')} />
              <TextInput label={t('ownerFirstName')} autoComplete="given-name" withAsterisk {...form.getInputProps('ownerFirstName')} />
              <TextInput label={t('ownerLastName')} autoComplete="family-name" {...form.getInputProps('ownerLastName')} />
            </Stack>
          </Fieldset>
          <FormError message={error} />
          <Button type="submit" size="md" loading={submitting}>
            {t('submit')}
          </Button>
        </Stack>
      </form>
    </CenteredPage>
  );
}
