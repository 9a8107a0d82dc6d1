// /company/:locationId: the person's company at a location and its people. Managers edit the details and remove
// people; every company user invites colleagues, who join the location in the same company.
import { Anchor, Badge, Button, Card, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { formatPhone } from '../../../lib/format';
import { fullName } from '../../../lib/session';
import type { Customer } from '../../../lib/types';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { QueryView } from '../../../ui/QueryView';
import { useConfirmedAction } from '../../../ui/use-confirmed-action';
import { useServerForm } from '../../../ui/use-server-form';
import { usePortalMe } from '../../portal-context';
import { t as tJoin } from '../join/messages';
import { t } from './messages';
import { countryOf, useLocations } from '../locations/api';
import { useCompany, useInviteColleague, useRemoveCompanyPerson, useUpdateCompany, type Company, type CompanyPage as CompanyAnswer } from './api';

export function CompanyPage() {
  const { locationId = '' } = useParams();
  const me = usePortalMe();
  const company = useCompany(locationId);
  const locations = useLocations();
  const locationName = me.memberships.find((membership) => membership.locationId === locationId)?.locationName ?? '';
  const country = countryOf(locations.data?.items, locationId);
  return (
    <QueryView query={company} rows={6}>
      {(data) =>
        data ? (
          <CompanyView page={data} locationId={locationId} locationName={locationName} country={country} myUserId={me.user.id} />
        ) : (
          <Stack gap="md">
            <Title order={1} size="h2">
              {t('notFoundTitle')}
            </Title>
            <Text>{t('notFound')}</Text>
            <Anchor component={Link} to="/" size="lg">
              {t('goHome')}
            </Anchor>
          </Stack>
        )
      }
    </QueryView>
  );
}

interface ViewProps {
  page: CompanyAnswer;
  locationId: string;
  locationName: string;
  country: string;
  myUserId: string;
}

function CompanyView({ page, locationId, locationName, country, myUserId }: ViewProps) {
  const { company, people, canManage } = page;
  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Title order={1} size="h2">
          {company.name}
        </Title>
        {locationName && <Text c="dimmed">{t('at', { location: locationName })}</Text>}
      </Stack>
      <Details company={company} locationId={locationId} country={country} canManage={canManage} />
      {/* before the list, which can be long: inviting is every company user's action */}
      <InviteColleague locationId={locationId} locationName={locationName} company={company} />
      <People
        people={people}
        company={company}
        locationId={locationId}
        locationName={locationName}
        country={country}
        canManage={canManage}
        myUserId={myUserId}
      />
    </Stack>
  );
}

function Details({ company, locationId, country, canManage }: { company: Company; locationId: string; country: string; canManage: boolean }) {
  const [editing, setEditing] = useState(false);
  const facts = [
    [t('email'), company.email],
    [t('phone'), company.phone && formatPhone(company.phone, country)],
    [t('address'), company.address],
    [t('taxId'), company.taxId],
  ] as const;
  const shown = facts.filter(([, value]) => value);
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="company-details">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4" id="company-details">
            {t('details')}
          </Title>
          {canManage && !editing && (
            <Button variant="light" onClick={() => setEditing(true)}>
              {t('edit')}
            </Button>
          )}
        </Group>
        {editing ? (
          <DetailsForm company={company} locationId={locationId} country={country} onDone={() => setEditing(false)} />
        ) : shown.length === 0 ? (
          <Text c="dimmed">{t('noDetails')}</Text>
        ) : (
          <Stack gap="sm" component="dl" m={0}>
            {shown.map(([label, value]) => (
              <div key={label}>
                <Text component="dt" size="sm" c="dimmed">
                  {label}
                </Text>
                <Text component="dd" m={0} size="lg" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
                  {value}
                </Text>
              </div>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

const detailsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: () => t('nameRequired') })
    .max(200),
  email: z.union([
    z.literal(''),
    z
      .string()
      .trim()
      .pipe(z.email({ error: () => t('emailInvalid') })),
  ]),
  phone: z.string().trim().max(40),
  address: z.string().trim().max(500),
  taxId: z.string().trim().max(100),
});

function DetailsForm({ company, locationId, country, onDone }: { company: Company; locationId: string; country: string; onDone: () => void }) {
  const update = useUpdateCompany(locationId);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: detailsSchema,
    initialValues: {
      name: company.name,
      email: company.email ?? '',
      phone: company.phone ? formatPhone(company.phone, country) : '',
      address: company.address ?? '',
      taxId: company.taxId ?? '',
    },
    submit: async (values) => {
      await update.mutateAsync({
        name: values.name,
        email: values.email || null,
        phone: values.phone || null,
        address: values.address || null,
        taxId: values.taxId || null,
      });
      notifySuccess(t('saved'));
      onDone();
    },
    fieldTexts: { name: t('nameRequired'), email: t('emailInvalid'), phone: t('phoneInvalid') },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <TextInput label={t('name')} size="lg" withAsterisk autoComplete="organization" {...form.getInputProps('name')} />
        <TextInput label={t('email')} size="lg" type="email" autoComplete="email" {...form.getInputProps('email')} />
        <TextInput label={t('phone')} size="lg" type="tel" autoComplete="tel" {...form.getInputProps('phone')} />
        <Textarea label={t('address')} size="lg" autosize minRows={2} autoComplete="street-address" {...form.getInputProps('address')} />
        <TextInput label={t('taxId')} size="lg" {...form.getInputProps('taxId')} />
        <FormError message={error} />
        <FormButtons submitLabel={t('save')} submitting={submitting} onCancel={onDone} />
      </Stack>
    </form>
  );
}

interface PeopleProps {
  people: Customer[];
  company: Company;
  locationId: string;
  locationName: string;
  country: string;
  canManage: boolean;
  myUserId: string;
}

function People({ people, company, locationId, locationName, country, canManage, myUserId }: PeopleProps) {
  const removePerson = useRemoveCompanyPerson(locationId);
  const remove = useConfirmedAction(
    (person: Customer) => removePerson.mutateAsync(person.id),
    (person) => notifySuccess(t('removed', { name: fullName(person) })),
  );
  return (
    <Stack gap="sm" component="section" aria-labelledby="company-people">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h4" id="company-people">
          {t('people')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('peopleCount', { count: people.length })}
        </Text>
      </Group>
      <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {people.map((person) => {
          const me = person.userId === myUserId;
          const name = fullName(person);
          return (
            <Card component="li" key={person.id} withBorder radius="md" padding="md" data-testid="company-person">
              <Stack gap="xs">
                {/* the name with its badges; the email and phone below get the card's whole width (no email cut mid-word) */}
                <Stack gap={2} miw={0}>
                  <Group gap="xs" wrap="wrap" align="center">
                    <Text fw={600} size="lg" style={{ overflowWrap: 'anywhere' }}>
                      {name}
                    </Text>
                    {me && (
                      <Badge variant="light" color="blue" tt="none">
                        {t('you')}
                      </Badge>
                    )}
                    {person.companyManager && (
                      <Badge variant="light" color="grape" tt="none">
                        {t('manager')}
                      </Badge>
                    )}
                    {person.status === 'invited' && (
                      <Badge variant="dot" color="yellow" tt="none">
                        {t('invitedBadge')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {person.email}
                  </Text>
                  {person.phone && (
                    <Text size="sm" c="dimmed">
                      {formatPhone(person.phone, country)}
                    </Text>
                  )}
                </Stack>
                {canManage && !me && (
                  <Button
                    variant="subtle"
                    color="red"
                    size="md"
                    aria-label={t('removeLabel', { name })}
                    onClick={() => remove.ask(person)}
                    style={{ alignSelf: 'flex-start' }}
                    px="xs"
                  >
                    {t('remove')}
                  </Button>
                )}
              </Stack>
            </Card>
          );
        })}
      </Stack>
      <ConfirmModal {...remove.modal} title={t('removeTitle')} confirmLabel={t('removeConfirm')}>
        {remove.item ? t('removeBody', { name: fullName(remove.item), company: company.name, location: locationName }) : ''}
      </ConfirmModal>
    </Stack>
  );
}

const colleagueSchema = z.object({
  firstName: z
    .string()
    .trim()
    .min(1, { error: () => tJoin('firstNameRequired') })
    .max(100),
  lastName: z.string().trim().max(100),
  email: z
    .string()
    .trim()
    .pipe(z.email({ error: () => tJoin('emailInvalid') })),
  phone: z.string().trim().max(40),
});

function InviteColleague({ locationId, locationName, company }: { locationId: string; locationName: string; company: Company }) {
  const invite = useInviteColleague(locationId);
  const [open, setOpen] = useState(false);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: colleagueSchema,
    initialValues: { firstName: '', lastName: '', email: '', phone: '' },
    submit: async (values) => {
      const answer = await invite.mutateAsync({ ...values, phone: values.phone || null });
      notifySuccess(answer.outcome === 'access_granted' ? t('accessGranted', { name: fullName(answer.customer) }) : t('invited', { email: values.email }));
      form.reset();
      setOpen(false);
    },
    // "Already a member of North Hall" belongs under the email.
    fieldForError: (caught) => (caught.status === 409 ? 'email' : undefined),
    errorTexts: (_caught, values) => ({
      already_member: t('alreadyMember', { email: values.email, location: locationName }),
      ask_an_administrator: t('askAnAdministrator', { email: values.email, location: locationName }),
    }),
    fieldTexts: { firstName: tJoin('firstNameRequired'), email: tJoin('emailInvalid'), phone: t('phoneInvalid') },
  });
  if (!open) {
    return (
      <Button size="lg" variant="light" fullWidth onClick={() => setOpen(true)}>
        {t('invite')}
      </Button>
    );
  }
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="invite-colleague">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={2} size="h4" id="invite-colleague">
              {t('invite')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('inviteHelp', { location: locationName, company: company.name })}
            </Text>
          </Stack>
          <TextInput label={t('inviteFirstName')} size="lg" withAsterisk autoFocus {...form.getInputProps('firstName')} />
          <TextInput label={t('inviteLastName')} size="lg" {...form.getInputProps('lastName')} />
          <TextInput label={t('inviteEmail')} size="lg" type="email" withAsterisk {...form.getInputProps('email')} />
          <TextInput label={t('invitePhone')} size="lg" type="tel" {...form.getInputProps('phone')} />
          <FormError message={error} />
          <FormButtons submitLabel={t('inviteSend')} submitting={submitting} onCancel={() => setOpen(false)} />
        </Stack>
      </form>
    </Card>
  );
}

/** Submit above Cancel, both full width: labels never cut on a phone, and the thumb finds the main action first. */
function FormButtons({ submitLabel, submitting, onCancel }: { submitLabel: string; submitting: boolean; onCancel: () => void }) {
  return (
    <Stack gap="xs">
      <Button type="submit" size="lg" fullWidth loading={submitting}>
        {submitLabel}
      </Button>
      <Button variant="default" size="lg" fullWidth onClick={onCancel} disabled={submitting}>
        {t('cancel')}
      </Button>
    </Stack>
  );
}
