// First-run setup (/admin/setup?token=T): organization, first location and owner; then the admin app, signed in.
import { Alert, Anchor, Button, Fieldset, Stack, Text, TextInput } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { defaultCountry, defaultTimeZone } from '../../../lib/regional';
import { CenteredPage } from '../../../ui/CenteredPage';
import { FormError } from '../../../ui/FormError';
import { QueryView } from '../../../ui/QueryView';
import { useServerForm } from '../../../ui/use-server-form';
import { text } from '../../text';
import { LocationFields, locationRules } from '../locations/LocationFields';
import { useRunSetup, useSetupStatus } from './api';

const setupSchema = z.object({
  organizationName: z.string().trim().min(1, text.required),
  locationName: locationRules.name,
  address: locationRules.address,
  timeZone: locationRules.timeZone,
  currency: locationRules.currency,
  country: locationRules.country,
  ownerEmail: z.string().trim().pipe(z.email(text.emailInvalid)),
  ownerFirstName: z.string().trim().min(1, text.required),
  ownerLastName: z
    .string()
    .trim()
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
          <CenteredPage title={text.setup.doneTitle}>
            <Text>{text.setup.doneBody}</Text>
            <Anchor component={Link} to="/sign-in">
              {text.setup.signIn}
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
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: setupSchema,
    initialValues: {
      organizationName: '',
      locationName: '',
      address: '',
      timeZone: defaultTimeZone(),
      currency: '',
      country: defaultCountry(),
      ownerEmail: '',
      ownerFirstName: '',
      ownerLastName: '',
    },
    submit: async (values) => {
      await setup.mutateAsync({ token, ...values });
      navigate('/', { replace: true });
    },
  });
  return (
    <CenteredPage title={text.setup.title} width={560}>
      <Text c="dimmed">{text.setup.intro}</Text>
      {!token && <Alert color="yellow">{text.setup.missingToken}</Alert>}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <Fieldset legend={text.setup.organizationSection}>
            <TextInput label={text.setup.organizationName} withAsterisk autoFocus {...form.getInputProps('organizationName')} />
          </Fieldset>
          <Fieldset legend={text.setup.locationSection}>
            <Stack gap="sm">
              <LocationFields field={(name) => form.getInputProps(name === 'name' ? 'locationName' : name)} />
            </Stack>
          </Fieldset>
          <Fieldset legend={text.setup.ownerSection}>
            <Stack gap="sm">
              <TextInput label={text.setup.ownerEmail} type="email" autoComplete="email" withAsterisk {...form.getInputProps('ownerEmail')} />
              <TextInput label={text.setup.ownerFirstName} autoComplete="given-name" withAsterisk {...form.getInputProps('ownerFirstName')} />
              <TextInput label={text.setup.ownerLastName} autoComplete="family-name" {...form.getInputProps('ownerLastName')} />
            </Stack>
          </Fieldset>
          <FormError message={error} />
          <Button type="submit" size="md" loading={submitting}>
            {text.setup.submit}
          </Button>
        </Stack>
      </form>
    </CenteredPage>
  );
}
