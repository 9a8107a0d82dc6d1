// The owner's API keys in Settings: the list (prefix, location, permissions, last used), creating one (its secret shown once), revoking after a confirmation.
import { Badge, Button, Code, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { z } from 'zod';
import { formatRelative } from '../../../lib/format';
import type { Location, Permission } from '../../../lib/types';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { QueryView } from '../../../ui/QueryView';
import { TableHead } from '../../../ui/TableHead';
import { useConfirmedAction } from '../../../ui/use-confirmed-action';
import { useServerForm } from '../../../ui/use-server-form';
import { permissionLabel, tAdmin } from '../../messages';
import { PermissionsField, permissionsRule } from '../administrators/PermissionsField';
import { SettingsSection } from '../settings/SettingsSection';
import { type ApiKey, useApiKeys, useCreateApiKey, useRevokeApiKey } from './api';
import { t } from './messages';
import { SecretReveal } from './SecretReveal';

const ALL = 'all';
const COLUMNS = ['name', 'prefix', 'location', 'permissions', 'lastUsed', 'actions'] as const;

const createSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: () => tAdmin('required') })
    .max(100, { error: () => tAdmin('nameTooLong') }),
  locationId: z.string().transform((value) => (value === ALL ? null : value)),
  permissions: permissionsRule,
});

function CreateApiKeyForm({ organizationId, locations, onCreated }: { organizationId: string; locations: Location[]; onCreated: (secret: string) => void }) {
  const create = useCreateApiKey(organizationId);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: createSchema,
    initialValues: { name: '', locationId: ALL, permissions: [] as Permission[] },
    submit: async (values) => {
      const { apiKey, secret } = await create.mutateAsync(values);
      notifySuccess(t('keys.created', { name: apiKey.name }));
      onCreated(secret);
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('keys.name')} description={t('keys.nameHelp')} withAsterisk data-autofocus {...form.getInputProps('name')} />
        <Select
          label={t('keys.location')}
          data={[{ value: ALL, label: t('keys.allLocations') }, ...locations.map((location) => ({ value: location.id, label: location.name }))]}
          allowDeselect={false}
          {...form.getInputProps('locationId')}
        />
        <PermissionsField {...form.getInputProps('permissions')} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('keys.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ApiKeysSection({ organizationId, locations }: { organizationId: string; locations: Location[] }) {
  const keys = useApiKeys(organizationId);
  const revokeKey = useRevokeApiKey(organizationId);
  const [creating, createModal] = useDisclosure(false);
  const [secret, setSecret] = useState<string | null>(null);
  const locationName = (key: ApiKey) =>
    key.locationId === null ? t('keys.allLocations') : (locations.find((location) => location.id === key.locationId)?.name ?? key.locationId);
  const revoke = useConfirmedAction(
    (key: ApiKey) => revokeKey.mutateAsync(key.id),
    (key) => notifySuccess(t('keys.revoked', { name: key.name })),
  );
  const close = () => {
    createModal.close();
    setSecret(null);
  };

  return (
    <SettingsSection id="api-keys" title={t('keys.title')} help={t('keys.help')} action={{ label: t('keys.create'), onClick: createModal.open }}>
      <QueryView query={keys}>
        {({ items }) =>
          items.length === 0 ? (
            <Text>{t('keys.empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={820}>
              <Table verticalSpacing="sm">
                <TableHead columns={COLUMNS.map((column) => t(`keys.column.${column}`))} />
                <Table.Tbody>
                  {items.map((key) => (
                    <Table.Tr key={key.id}>
                      <Table.Td fw={500}>{key.name}</Table.Td>
                      <Table.Td>
                        <Code>{key.prefix}…</Code>
                      </Table.Td>
                      <Table.Td>{locationName(key)}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {key.permissions.map((permission) => (
                            <Badge key={permission} variant="light" color="gray" tt="none">
                              {permissionLabel(permission)}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>{key.lastUsedAt ? formatRelative(key.lastUsedAt) : t('keys.never')}</Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="subtle" color="red" aria-label={t('keys.revokeFor', { name: key.name })} onClick={() => revoke.ask(key)}>
                          {t('keys.revoke')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
      <Modal opened={creating} onClose={close} title={secret ? t('secret.title') : t('keys.create')} size="lg" closeOnClickOutside={!secret}>
        {secret ? (
          <SecretReveal secret={secret} onDone={close} />
        ) : (
          <CreateApiKeyForm organizationId={organizationId} locations={locations} onCreated={setSecret} />
        )}
      </Modal>
      <ConfirmModal {...revoke.modal} title={t('keys.revokeTitle')} confirmLabel={t('keys.revokeButton')}>
        {revoke.item && t('keys.revokeConfirm', { name: revoke.item.name })}
      </ConfirmModal>
    </SettingsSection>
  );
}
