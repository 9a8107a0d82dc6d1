// Details of a customer profile: read view, and a drawer to edit them (PATCH). Once the account is activated,
// name, email and phone belong to the person: shown read-only, and the server's refusal is said if it comes anyway.
import { Button, DataList, Drawer, Fieldset, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { z } from 'zod';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/error-messages';
import { formatDay, formatPhone, isValidPhone, phoneToE164 } from '../../../lib/format';
import { fullName } from '../../../lib/session';
import type { Location } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { sourceLabel, tAdmin } from '../../messages';
import { useUpdateCustomer, type CustomerProfile, type CustomerUpdate } from './api';
import { t } from './messages';
import { personRules } from './PersonFields';
import { ProfileSection } from './ProfileSection';

const OWNED_REFUSAL = 'details_owned_by_person';

export function DetailsSection({ profile, location }: { profile: CustomerProfile; location: Location }) {
  const { customer, detailsOwnedByPerson } = profile;
  const [editing, drawer] = useDisclosure(false);
  const name = fullName(customer);
  const notSet = (
    <Text span size="sm" c="dimmed">
      {t('profile.notSet')}
    </Text>
  );
  return (
    <ProfileSection
      id="details"
      title={t('details.title')}
      action={
        <Button size="xs" variant="default" onClick={drawer.open}>
          {t('details.edit')}
        </Button>
      }
    >
      {detailsOwnedByPerson && (
        <Text size="sm" c="dimmed" data-testid="details-owned">
          {t('details.ownedBy', { name })}
        </Text>
      )}
      <DataList labelWidth={150} gap="xs">
        <DataList.Item>
          <DataList.ItemLabel>{t('details.firstName')}</DataList.ItemLabel>
          <DataList.ItemValue>{customer.firstName}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('details.lastName')}</DataList.ItemLabel>
          <DataList.ItemValue>{customer.lastName || notSet}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('details.email')}</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{customer.email}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('details.phone')}</DataList.ItemLabel>
          <DataList.ItemValue>{customer.phone ? formatPhone(customer.phone, location.country) : notSet}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('details.contractStart')}</DataList.ItemLabel>
          <DataList.ItemValue>{customer.contractStart ? formatDay(customer.contractStart) : notSet}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('details.contractEnd')}</DataList.ItemLabel>
          <DataList.ItemValue>{customer.contractEnd ? formatDay(customer.contractEnd) : notSet}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('details.source')}</DataList.ItemLabel>
          <DataList.ItemValue>{sourceLabel(customer.source)}</DataList.ItemValue>
        </DataList.Item>
        {customer.invitedBy && (
          <DataList.Item>
            <DataList.ItemLabel>{t('details.invitedBy')}</DataList.ItemLabel>
            <DataList.ItemValue>{customer.invitedBy.name}</DataList.ItemValue>
          </DataList.Item>
        )}
      </DataList>
      <Drawer opened={editing} onClose={drawer.close} position="right" size="md" title={t('details.drawerTitle', { name })}>
        {editing && <DetailsForm profile={profile} location={location} onDone={drawer.close} />}
      </Drawer>
    </ProfileSection>
  );
}

function detailsSchema(country: string) {
  const { firstName, lastName, email } = personRules(country);
  return z
    .object({
      firstName,
      lastName,
      email,
      // Kept as typed (the form shows it back); turned into E.164 when sent.
      phone: z
        .string()
        .trim()
        .refine((phone) => !phone || isValidPhone(phone, country), t('details.phoneInvalid')),
      contractStart: z.string(),
      contractEnd: z.string(),
    })
    .refine((values) => !values.contractStart || !values.contractEnd || values.contractEnd >= values.contractStart, {
      path: ['contractEnd'],
      message: t('details.contractEndBeforeStart'),
    });
}

function DetailsForm({ profile, location, onDone }: { profile: CustomerProfile; location: Location; onDone: () => void }) {
  const { customer, detailsOwnedByPerson: owned } = profile;
  const update = useUpdateCustomer(location.id, customer.id);
  // The server's refusal of a name change (422) is a sentence for the whole form, beside the fields it names.
  const [refusal, setRefusal] = useState<string | null>(null);
  const name = fullName(customer);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: detailsSchema(location.country),
    initialValues: {
      firstName: customer.firstName,
      lastName: customer.lastName,
      email: customer.email,
      phone: customer.phone ? formatPhone(customer.phone, location.country) : '',
      contractStart: customer.contractStart ?? '',
      contractEnd: customer.contractEnd ?? '',
    },
    submit: async (values) => {
      setRefusal(null);
      // Only what changed: an activated account's own details are never sent back.
      const changes: CustomerUpdate = {};
      if (!owned) {
        if (values.firstName !== customer.firstName) changes.firstName = values.firstName;
        if (values.lastName !== customer.lastName) changes.lastName = values.lastName;
        if (values.email.toLowerCase() !== customer.email) changes.email = values.email;
        const phone = values.phone ? phoneToE164(values.phone, location.country) : null;
        if (phone !== customer.phone) changes.phone = phone;
      }
      const contractStart = values.contractStart || null;
      const contractEnd = values.contractEnd || null;
      if (contractStart !== customer.contractStart) changes.contractStart = contractStart;
      if (contractEnd !== customer.contractEnd) changes.contractEnd = contractEnd;
      if (Object.keys(changes).length === 0) {
        onDone();
        return;
      }
      try {
        await update.mutateAsync(changes);
      } catch (caught) {
        if (isApiError(caught, 422)) setRefusal(errorMessage(caught, { [OWNED_REFUSAL]: t('details.ownedRefusal', { name }) }));
        throw caught;
      }
      notifySuccess(t('details.saved'));
      onDone();
    },
    fieldTexts: (caught, values) => {
      if (caught.reason === OWNED_REFUSAL) {
        const owned = t('details.ownedField');
        return { firstName: owned, lastName: owned, email: owned, phone: owned };
      }
      return {
        email: caught.reason === 'email_already_customer' ? t('details.emailTaken', { email: values.email, location: location.name }) : tAdmin('emailInvalid'),
        phone: t('details.phoneInvalid'),
        contractEnd: t('details.contractEndBeforeStart'),
      };
    },
  });
  const ownedProps = owned ? { readOnly: true, variant: 'filled' as const } : {};
  const personal = (
    <>
      <TextInput
        label={t('details.firstName')}
        withAsterisk={!owned}
        autoComplete="off"
        data-autofocus={owned ? undefined : true}
        {...ownedProps}
        {...form.getInputProps('firstName')}
      />
      <TextInput label={t('details.lastName')} autoComplete="off" {...ownedProps} {...form.getInputProps('lastName')} />
      <TextInput
        label={t('details.email')}
        type="email"
        autoComplete="off"
        withAsterisk={!owned}
        description={!owned && customer.type === 'member' && customer.status === 'invited' ? t('details.emailChangeResends') : undefined}
        {...ownedProps}
        {...form.getInputProps('email')}
      />
      <TextInput
        label={t('details.phone')}
        type="tel"
        autoComplete="off"
        placeholder={owned ? undefined : t('details.phonePlaceholder')}
        {...ownedProps}
        {...form.getInputProps('phone')}
      />
    </>
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        {owned ? (
          <Fieldset legend={t('details.ownedLegend', { name })} data-testid="details-owned-fields">
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('details.ownedHelp')}
              </Text>
              {personal}
            </Stack>
          </Fieldset>
        ) : (
          personal
        )}
        <SimpleGrid cols={2}>
          <TextInput label={t('details.contractStart')} type="date" data-autofocus={owned ? true : undefined} {...form.getInputProps('contractStart')} />
          <TextInput label={t('details.contractEnd')} type="date" {...form.getInputProps('contractEnd')} />
        </SimpleGrid>
        <FormError message={refusal ?? error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={submitting}>
            {tAdmin('cancel')}
          </Button>
          <Button type="submit" loading={submitting}>
            {t('details.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
