// Forms in the administrators section: add an administrator, and edit one's permissions.
import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { z } from 'zod';
import { fullName } from '../../../lib/session';
import { knownPermissions, type Administrator, type Location, type Permission } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { tAdmin } from '../../messages';
import { useAddAdministrator, useSetPermissions } from './api';
import { t } from './messages';
import { PermissionsField, permissionsRule } from './PermissionsField';

const ALL = 'all';

const addSchema = z.object({
  email: z
    .string()
    .trim()
    .pipe(z.email({ error: () => tAdmin('emailInvalid') })),
  firstName: z
    .string()
    .trim()
    .min(1, { error: () => tAdmin('required') })
    .max(100, { error: () => tAdmin('nameTooLong') }),
  lastName: z
    .string()
    .trim()
    .max(100, { error: () => tAdmin('nameTooLong') })
    .transform((value) => value || undefined),
  locationId: z.string().transform((value) => (value === ALL ? null : value)),
  permissions: permissionsRule,
});

export function AddAdministratorForm({ locations, onDone }: { locations: Location[]; onDone: () => void }) {
  const add = useAddAdministrator();
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: addSchema,
    initialValues: { email: '', firstName: '', lastName: '', locationId: ALL, permissions: [] as Permission[] },
    submit: async (values) => {
      const { administrator } = await add.mutateAsync(values);
      notifySuccess(t('added', { name: fullName(administrator) }));
      onDone();
    },
    fieldTexts: { email: tAdmin('emailInvalid') },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('email')} type="email" autoComplete="off" withAsterisk data-autofocus {...form.getInputProps('email')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('firstName')} withAsterisk {...form.getInputProps('firstName')} />
          <TextInput label={t('lastName')} {...form.getInputProps('lastName')} />
        </SimpleGrid>
        <Select
          label={t('location')}
          data={[{ value: ALL, label: t('allLocations') }, ...locations.map((location) => ({ value: location.id, label: location.name }))]}
          allowDeselect={false}
          {...form.getInputProps('locationId')}
        />
        <PermissionsField {...form.getInputProps('permissions')} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function EditPermissionsForm({ administrator, onDone }: { administrator: Administrator; onDone: () => void }) {
  const setPermissions = useSetPermissions();
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: z.object({ permissions: permissionsRule }),
    initialValues: { permissions: knownPermissions(administrator.permissions) },
    submit: async ({ permissions }) => {
      await setPermissions.mutateAsync({ id: administrator.id, permissions });
      notifySuccess(t('permissionsSaved', { name: fullName(administrator) }));
      onDone();
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <PermissionsField {...form.getInputProps('permissions')} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('savePermissions')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
