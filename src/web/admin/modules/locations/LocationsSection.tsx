// Owner's list of the organization's locations, with "Add location".
import { Button, Group, Modal, Stack, Table } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { z } from 'zod';
import { browserPreferredLanguage } from '../../../lib/i18n';
import type { Location } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { TableHead } from '../../../ui/TableHead';
import { useServerForm } from '../../../ui/use-server-form';
import { SettingsSection } from '../settings/SettingsSection';
import { useCreateLocation } from './api';
import { LocationFields, locationFieldTexts, locationRules } from './LocationFields';
import { t } from './messages';

const COLUMNS = ['name', 'address', 'timeZone'] as const;

type Defaults = Pick<Location, 'timeZone' | 'currency' | 'country'>;

/** `defaults` (the current location's region) prefill the new location, which is usually nearby. */
export function LocationsSection({ locations, defaults }: { locations: Location[]; defaults: Defaults }) {
  const [adding, modal] = useDisclosure(false);
  return (
    <SettingsSection id="locations" title={t('locations')} help={t('locationsHelp')} action={{ label: t('addLocation'), onClick: modal.open }}>
      <Table.ScrollContainer minWidth={520}>
        <Table>
          <TableHead columns={COLUMNS.map((column) => t(`column.${column}`))} />
          <Table.Tbody>
            {locations.map((location) => (
              <Table.Tr key={location.id}>
                <Table.Td fw={500}>{location.name}</Table.Td>
                <Table.Td>{location.address}</Table.Td>
                <Table.Td>{location.timeZone}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={adding} onClose={modal.close} title={t('addLocation')} size="lg">
        <AddLocationForm defaults={defaults} onDone={modal.close} />
      </Modal>
    </SettingsSection>
  );
}

function AddLocationForm({ defaults, onDone }: { defaults: Defaults; onDone: () => void }) {
  const create = useCreateLocation();
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: z.object(locationRules),
    initialValues: {
      name: '',
      address: '',
      timeZone: defaults.timeZone,
      currency: defaults.currency,
      country: defaults.country,
      language: browserPreferredLanguage(),
    },
    submit: async (values) => {
      const { location } = await create.mutateAsync(values);
      notifySuccess(t('added', { name: location.name }));
      onDone();
    },
    fieldTexts: locationFieldTexts(),
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <LocationFields field={(name) => form.getInputProps(name)} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('addLocation')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
