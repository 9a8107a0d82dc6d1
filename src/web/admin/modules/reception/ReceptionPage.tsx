// Reception settings (/admin/l/:locationId/reception): a pairing code in large type with a countdown to
// its expiry, the paired tablets with Revoke (after a confirmation), and the kiosk's settings (settings permission).
import { Button, Code, Divider, Group, Paper, Stack, Switch, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { formatDateTime, formatRelative } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { FormError } from '../../../ui/FormError';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { QueryView } from '../../../ui/QueryView';
import { TableHead } from '../../../ui/TableHead';
import { useConfirmedAction } from '../../../ui/use-confirmed-action';
import { useServerForm } from '../../../ui/use-server-form';
import { useAdmin, useAdminLocation } from '../../admin-context';
import { tAdmin } from '../../messages';
import { useUpdateLocation } from '../locations/api';
import { type Device, type PairingCode, useDevices, useNewPairingCode, useRevokeDevice } from './api';
import { t } from './messages';

const kioskUrl = () => `${window.location.origin}/reception`;

export function ReceptionPage() {
  const { access } = useAdmin();
  const location = useAdminLocation();
  const reception = access.can(location, 'reception');
  const settings = access.can(location, 'settings');
  const [code, setCode] = useState<PairingCode | null>(null);
  if (!reception && !settings) return <Text>{tAdmin('noAccess')}</Text>;
  return (
    <Stack gap="xl" maw={960}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('title')}
        </Title>
        <Text c="dimmed">{t('intro', { url: kioskUrl() })}</Text>
      </Stack>
      {reception && (
        <>
          <PairingSection key={`pairing-${location.id}`} locationId={location.id} code={code} setCode={setCode} />
          <Divider />
          <DevicesSection
            locationId={location.id}
            watching={code !== null}
            onPaired={(device) => {
              setCode(null);
              notifySuccess(t('pairing.paired', { name: device.name }));
            }}
          />
          <Divider />
        </>
      )}
      <KioskSettingsForm key={`kiosk-${location.id}`} location={location} editable={settings} />
    </Stack>
  );
}

const secondsUntil = (at: string | null) => (at ? Math.max(0, Math.ceil((Date.parse(at) - Date.now()) / 1000)) : 0);

/** Seconds left until `at`, ticking every second. */
function useSecondsLeft(at: string | null): number {
  const [seconds, setSeconds] = useState(() => secondsUntil(at));
  useEffect(() => {
    setSeconds(secondsUntil(at));
    if (!at) return;
    const timer = window.setInterval(() => setSeconds(secondsUntil(at)), 1000);
    return () => window.clearInterval(timer);
  }, [at]);
  return seconds;
}

function PairingSection({ locationId, code, setCode }: { locationId: string; code: PairingCode | null; setCode: (c: PairingCode | null) => void }) {
  const make = useNewPairingCode(locationId);
  const [name, setName] = useState('');
  const seconds = useSecondsLeft(code?.expiresAt ?? null);
  const expired = code !== null && seconds === 0;
  const show = () => make.mutate(name.trim(), { onSuccess: (c) => setCode(c), onError: notifyError });
  const time = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <Stack component="section" gap="sm" aria-labelledby="pairing-title">
      <Title order={2} size="h3" id="pairing-title">
        {t('pairing.title')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('pairing.help', { url: kioskUrl() })}
      </Text>
      <Group align="flex-end">
        <TextInput
          label={t('pairing.name')}
          placeholder={t('pairing.namePlaceholder')}
          maxLength={60}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={260}
        />
        <Button onClick={show} loading={make.isPending}>
          {code ? t('pairing.showAnother') : t('pairing.show')}
        </Button>
      </Group>
      {code && (
        <Paper withBorder p="xl" radius="md" ta="center" data-testid="pairing-code">
          <Text size="sm" c="dimmed">
            {t('pairing.codeLabel')}
          </Text>
          <Text
            fz={{ base: 48, sm: 80 }}
            fw={700}
            ff="monospace"
            lh={1.1}
            style={{ letterSpacing: '0.15em' }}
            c={expired ? 'dimmed' : undefined}
            td={expired ? 'line-through' : undefined}
            data-testid="pairing-code-value"
          >
            {code.code}
          </Text>
          <Text size="lg" mt="sm" c={expired ? 'red' : undefined} role="timer" aria-live="off">
            {expired ? t('pairing.expired') : t('pairing.expiresIn', { time })}
          </Text>
          <Button variant="subtle" mt="sm" onClick={() => setCode(null)}>
            {t('pairing.hide')}
          </Button>
        </Paper>
      )}
    </Stack>
  );
}

/** The paired tablets; a tablet that appears while a code is shown was paired with it (`onPaired`). */
function DevicesSection({ locationId, watching, onPaired }: { locationId: string; watching: boolean; onPaired: (device: Device) => void }) {
  const devices = useDevices(locationId, watching);
  const [known, setKnown] = useState<Set<string> | null>(null);
  const items = devices.data?.items;
  useEffect(() => {
    if (!items) return;
    const ids = new Set(items.map((d) => d.id));
    if (known && watching) {
      const fresh = items.find((d) => !known.has(d.id));
      if (fresh) onPaired(fresh);
    }
    if (!known || ids.size !== known.size || items.some((d) => !known.has(d.id))) setKnown(ids);
  }, [items, known, watching, onPaired]);
  const revoke = useRevokeDevice(locationId);
  const confirm = useConfirmedAction<Device>(revoke, (d) => notifySuccess(t('devices.revoked', { name: d.name })));
  return (
    <Stack component="section" gap="sm" aria-labelledby="devices-title">
      <Title order={2} size="h3" id="devices-title">
        {t('devices.title')}
        {devices.data && (
          <Text span c="dimmed" fw={400} ml="sm" size="md">
            {t('devices.count', { count: devices.data.items.length })}
          </Text>
        )}
      </Title>
      <QueryView query={devices} rows={2}>
        {({ items }) =>
          items.length === 0 ? (
            <Text c="dimmed">{t('devices.empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="sm" data-testid="devices-table">
                <TableHead columns={[t('devices.name'), t('devices.pairedAt'), t('devices.lastSeen'), '']} />
                <Table.Tbody>
                  {items.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td fw={600}>{d.name}</Table.Td>
                      <Table.Td>{formatDateTime(d.pairedAt)}</Table.Td>
                      <Table.Td title={formatDateTime(d.lastSeenAt)}>{formatRelative(d.lastSeenAt)}</Table.Td>
                      <Table.Td ta="right">
                        <Button size="xs" variant="light" color="red" onClick={() => confirm.ask(d)}>
                          {t('devices.revoke')}
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
      <ConfirmModal {...confirm.modal} title={t('devices.revokeTitle', { name: confirm.item?.name ?? '' })} confirmLabel={t('devices.revoke')}>
        {t('devices.revokeBody', { name: confirm.item?.name ?? '' })}
      </ConfirmModal>
    </Stack>
  );
}

const settingsSchema = z.object({
  receptionLeaveContacts: z.boolean(),
  receptionVisitors: z.boolean(),
  receptionConsentText: z
    .string()
    .trim()
    .min(1, { error: () => t('settings.consentRequired') })
    .max(1000),
});

function KioskSettingsForm({ location, editable }: { location: Location; editable: boolean }) {
  const update = useUpdateLocation(location.id);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: settingsSchema,
    initialValues: {
      receptionLeaveContacts: location.receptionLeaveContacts,
      receptionVisitors: location.receptionVisitors,
      receptionConsentText: location.receptionConsentText,
    },
    submit: async (values) => {
      await update.mutateAsync(values);
      form.resetDirty();
      notifySuccess(t('settings.saved'));
    },
    fieldTexts: { receptionConsentText: t('settings.consentRequired') },
  });
  return (
    <Stack component="section" gap="sm" aria-labelledby="kiosk-settings-title">
      <Title order={2} size="h3" id="kiosk-settings-title">
        {t('settings.title')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('settings.help', { location: location.name })}
      </Text>
      {!editable && (
        <Text size="sm">
          <Code>{t('settings.noPermission')}</Code>
        </Text>
      )}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md" maw={720}>
          <Switch
            label={t('settings.leaveContacts')}
            description={t('settings.leaveContactsHelp')}
            disabled={!editable}
            {...form.getInputProps('receptionLeaveContacts', { type: 'checkbox' })}
          />
          <Switch
            label={t('settings.visitors')}
            description={t('settings.visitorsHelp')}
            disabled={!editable}
            {...form.getInputProps('receptionVisitors', { type: 'checkbox' })}
          />
          <Textarea
            label={t('settings.consentText')}
            description={t('settings.consentTextHelp')}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={1000}
            readOnly={!editable}
            {...form.getInputProps('receptionConsentText')}
          />
          <FormError message={error} />
          {editable && (
            <Group>
              <Button type="submit" loading={submitting} disabled={!form.isDirty()}>
                {t('settings.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Stack>
  );
}
