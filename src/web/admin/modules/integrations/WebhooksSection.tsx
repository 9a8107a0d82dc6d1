// The owner's webhooks in Settings: the list with an on/off switch, adding one (its signing secret shown once), editing
// its events, deleting after a confirmation, and each endpoint's delivery log.
import { Badge, Button, Checkbox, Group, Modal, SimpleGrid, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { z } from 'zod';
import { WEBHOOK_EVENTS } from '../../../../server/modules/webhooks/schema';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { FormError } from '../../../ui/FormError';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { QueryView } from '../../../ui/QueryView';
import { TableHead } from '../../../ui/TableHead';
import { useConfirmedAction } from '../../../ui/use-confirmed-action';
import { useServerForm } from '../../../ui/use-server-form';
import { SettingsSection } from '../settings/SettingsSection';
import { type Webhook, useCreateWebhook, useDeleteWebhook, useUpdateWebhook, useWebhooks } from './api';
import { DeliveryLog } from './DeliveryLog';
import { t } from './messages';
import { SecretReveal } from './SecretReveal';

const COLUMNS = ['url', 'events', 'enabled', 'actions'] as const;
const EVERY = '*';

const eventsRule = z.array(z.string()).min(1, { error: () => t('hooks.eventsRequired') });

/** "All events" or a checkbox per event name (the names are the API's, the same in every language). */
function EventsField({ value, onChange, error }: { value: string[]; onChange: (next: string[]) => void; error?: unknown }) {
  const every = value.includes(EVERY);
  return (
    <Stack gap="xs">
      <Checkbox label={t('hooks.allEvents')} checked={every} onChange={(event) => onChange(event.currentTarget.checked ? [EVERY] : [])} />
      {!every && (
        <Checkbox.Group label={t('hooks.events')} withAsterisk value={value} onChange={onChange} error={error as string | undefined}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
            {WEBHOOK_EVENTS.map((event) => (
              <Checkbox key={event} value={event} label={<code>{event}</code>} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      )}
    </Stack>
  );
}

const createSchema = z.object({
  url: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: () => t('hooks.urlInvalid') })),
  description: z.string().trim().max(500),
  events: eventsRule,
});

function AddWebhookForm({ organizationId, onCreated }: { organizationId: string; onCreated: (secret: string) => void }) {
  const create = useCreateWebhook(organizationId);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: createSchema,
    initialValues: { url: '', description: '', events: [EVERY] as string[] },
    submit: async (values) => {
      const { secret } = await create.mutateAsync(values as Parameters<typeof create.mutateAsync>[0]);
      notifySuccess(t('hooks.added'));
      onCreated(secret);
    },
    fieldTexts: { url: t('hooks.urlInvalid') },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('hooks.url')} description={t('hooks.urlHelp')} withAsterisk data-autofocus autoComplete="off" {...form.getInputProps('url')} />
        <TextInput label={t('hooks.description')} {...form.getInputProps('description')} />
        <EventsField value={form.values.events} onChange={(next) => form.setFieldValue('events', next)} error={form.errors.events} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('hooks.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditEventsForm({ organizationId, webhook, onDone }: { organizationId: string; webhook: Webhook; onDone: () => void }) {
  const update = useUpdateWebhook(organizationId);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: z.object({ events: eventsRule }),
    initialValues: { events: webhook.events },
    submit: async ({ events }) => {
      await update.mutateAsync({ id: webhook.id, events: events as never });
      notifySuccess(t('hooks.saved'));
      onDone();
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <EventsField value={form.values.events} onChange={(next) => form.setFieldValue('events', next)} error={form.errors.events} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('hooks.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EnabledSwitch({ organizationId, webhook }: { organizationId: string; webhook: Webhook }) {
  const update = useUpdateWebhook(organizationId);
  return (
    <Stack gap={2}>
      <Switch
        checked={webhook.enabled}
        disabled={update.isPending}
        aria-label={t('hooks.enabledFor', { url: webhook.url })}
        onChange={(event) => {
          const enabled = event.currentTarget.checked;
          update.mutate(
            { id: webhook.id, enabled },
            { onSuccess: () => notifySuccess(enabled ? t('hooks.turnedOn') : t('hooks.turnedOff')), onError: notifyError },
          );
        }}
      />
      {!webhook.enabled && webhook.disabledReason && (
        <Text size="xs" c="red">
          {t(webhook.disabledReason === 'gone' ? 'hooks.gone' : 'hooks.failing')}
        </Text>
      )}
    </Stack>
  );
}

export function WebhooksSection({ organizationId }: { organizationId: string }) {
  const webhooks = useWebhooks(organizationId);
  const deleteWebhook = useDeleteWebhook(organizationId);
  const [adding, addModal] = useDisclosure(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [editing, setEditing] = useState<Webhook | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const remove = useConfirmedAction(
    (webhook: Webhook) => deleteWebhook.mutateAsync(webhook.id),
    () => notifySuccess(t('hooks.deleted')),
  );
  const closeAdd = () => {
    addModal.close();
    setSecret(null);
  };

  return (
    <SettingsSection id="webhooks" title={t('hooks.title')} help={t('hooks.help')} action={{ label: t('hooks.add'), onClick: addModal.open }}>
      <QueryView query={webhooks}>
        {({ items }) =>
          items.length === 0 ? (
            <Text>{t('hooks.empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={820}>
              <Table verticalSpacing="sm">
                <TableHead columns={COLUMNS.map((column) => t(`hooks.column.${column}`))} />
                <Table.Tbody>
                  {items.map((webhook) => (
                    <Table.Tr key={webhook.id}>
                      <Table.Td maw={320}>
                        <Text fw={500} style={{ wordBreak: 'break-all' }}>
                          {webhook.url}
                        </Text>
                        {webhook.description && (
                          <Text size="sm" c="dimmed">
                            {webhook.description}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {webhook.events.includes(EVERY) ? (
                          <Badge variant="light" tt="none">
                            {t('hooks.every')}
                          </Badge>
                        ) : (
                          <Text size="sm" title={webhook.events.join(', ')}>
                            {t('hooks.eventCount', { count: webhook.events.length })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <EnabledSwitch organizationId={organizationId} webhook={webhook} />
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button size="xs" variant="default" aria-label={t('hooks.deliveriesFor', { url: webhook.url })} onClick={() => setLogOf(webhook)}>
                            {t('hooks.deliveries')}
                          </Button>
                          <Button size="xs" variant="default" aria-label={t('hooks.editEventsFor', { url: webhook.url })} onClick={() => setEditing(webhook)}>
                            {t('hooks.editEvents')}
                          </Button>
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            aria-label={t('hooks.deleteFor', { url: webhook.url })}
                            onClick={() => remove.ask(webhook)}
                          >
                            {t('hooks.delete')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
      <Modal opened={adding} onClose={closeAdd} title={secret ? t('secret.title') : t('hooks.add')} size="lg" closeOnClickOutside={!secret}>
        {secret ? <SecretReveal secret={secret} onDone={closeAdd} /> : <AddWebhookForm organizationId={organizationId} onCreated={setSecret} />}
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? t('hooks.editEventsFor', { url: editing.url }) : ''} size="lg">
        {editing && <EditEventsForm organizationId={organizationId} webhook={editing} onDone={() => setEditing(null)} />}
      </Modal>
      <Modal opened={logOf !== null} onClose={() => setLogOf(null)} title={logOf ? t('hooks.deliveriesFor', { url: logOf.url }) : ''} size={1040}>
        {logOf && <DeliveryLog organizationId={organizationId} webhookId={logOf.id} />}
      </Modal>
      <ConfirmModal {...remove.modal} title={t('hooks.deleteTitle')} confirmLabel={t('hooks.deleteButton')}>
        {remove.item && t('hooks.deleteConfirm', { url: remove.item.url })}
      </ConfirmModal>
    </SettingsSection>
  );
}
