// "Invite user": a person with an optional company (and Manager flag) and optional administrator permissions.
import { Button, Checkbox, Collapse, Group, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useMemo } from 'react';
import { z } from 'zod';
import { isApiError } from '../../../lib/api';
import { fullName } from '../../../lib/session';
import { PERMISSIONS, type Location, type Permission } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { useAdmin } from '../../admin-context';
import { permissionLabel } from '../../messages';
import { t as tAdministrators } from '../administrators/messages';
import { CompanySelect } from '../companies/CompanySelect';
import { emptyPerson, PersonFields, personFieldTexts, personRules } from '../customers/PersonFields';
import { useInvite, type InviteAnswer } from './api';
import { t } from './messages';

function inviteSchema(country: string) {
  return z
    .object({
      ...personRules(country),
      companyId: z.string().nullable(),
      companyManager: z.boolean(),
      administrator: z.boolean(),
      permissions: z.array(z.enum(PERMISSIONS)),
    })
    .superRefine((values, ctx) => {
      if (values.administrator && values.permissions.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['permissions'], message: tAdministrators('permissionsRequired') });
      }
    })
    .transform(({ companyId, companyManager, administrator, permissions, ...person }) => ({
      ...person,
      companyId,
      companyManager: companyId !== null && companyManager,
      administrator,
      permissions: administrator ? permissions : [],
    }));
}

/** The notification that answers an invitation: sent, or access given to an existing account (whose name it keeps). */
export function inviteMessage(answer: InviteAnswer, location: Location): string {
  const { customer } = answer;
  const values = { email: customer.email, name: fullName(customer), location: location.name };
  if (answer.outcome === 'invited') return t(answer.nameKept ? 'invite.sentNameKept' : 'invite.sent', values);
  return t(answer.nameKept ? 'invite.accessGrantedNameKept' : 'invite.accessGranted', values);
}

interface InviteUserFormProps {
  location: Location;
  /** Company preset ("Invite into company"). */
  companyId?: string;
  onDone: () => void;
}

export function InviteUserForm({ location, companyId, onDone }: InviteUserFormProps) {
  const invite = useInvite(location.id);
  const { access } = useAdmin();
  // Nobody grants permissions they do not hold; the server refuses them anyway.
  const grantable = PERMISSIONS.filter((permission) => access.can(location, permission));
  const schema = useMemo(() => inviteSchema(location.country), [location.country]);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: {
      ...emptyPerson,
      companyId: companyId ?? (null as string | null),
      companyManager: false,
      administrator: false,
      permissions: [] as Permission[],
    },
    submit: async (values) => {
      const answer = await invite.mutateAsync(values);
      notifySuccess(inviteMessage(answer, location));
      onDone();
    },
    // "pat@example.com is already a member of North Hall" belongs under the email.
    fieldForError: (caught) => (isApiError(caught, 409) ? 'email' : undefined),
    errorTexts: (_caught, values) => ({ already_member: t('invite.alreadyMember', { email: values.email, location: location.name }) }),
    fieldTexts: { ...personFieldTexts(), companyId: t('companyGone') },
  });
  const { values } = form;

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('invite.intro')}
        </Text>
        <PersonFields inputProps={(field) => form.getInputProps(field)} />
        <CompanySelect
          locationId={location.id}
          canCreate={access.can(location, 'customers')}
          label={t('invite.company')}
          placeholder={t('invite.noCompany')}
          value={values.companyId}
          onChange={(next) => {
            form.setFieldValue('companyId', next);
            if (!next) form.setFieldValue('companyManager', false);
          }}
          error={form.errors.companyId}
        />
        <Switch
          label={t('invite.manager')}
          description={t('invite.managerHelp')}
          disabled={values.companyId === null}
          {...form.getInputProps('companyManager', { type: 'checkbox' })}
        />
        <Switch label={t('invite.administrator')} description={t('invite.administratorHelp')} {...form.getInputProps('administrator', { type: 'checkbox' })} />
        <Collapse expanded={values.administrator}>
          <Checkbox.Group label={tAdministrators('permissions')} withAsterisk {...form.getInputProps('permissions')}>
            <SimpleGrid cols={{ base: 2, sm: 3 }} mt="xs" spacing="xs">
              {grantable.map((permission) => (
                <Checkbox key={permission} value={permission} label={permissionLabel(permission)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        </Collapse>
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('invite.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
