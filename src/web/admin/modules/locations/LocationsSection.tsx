// Owner's list of the organization's locations, with "Add location".
import { Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { Location } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { text } from '../../text';
import { locationsApi, locationsKey } from './api';
import { LocationFields, locationRules } from './LocationFields';

const t = text.settings;

type Defaults = Pick<Location, 'timeZone' | 'currency' | 'country'>;

/** `defaults` (the current location's region) prefill the new location, which is usually nearby. */
export function LocationsSection({ locations, defaults }: { locations: Location[]; defaults: Defaults }) {
  const [adding, modal] = useDisclosure(false);
  return (
    <Stack component="section" gap="sm" aria-labelledby="locations-title">
      <Group justify="space-between">
        <Title order={2} size="h3" id="locations-title">
          {t.locations}
        </Title>
        <Button variant="default" onClick={modal.open}>
          {t.addLocation}
        </Button>
      </Group>
      <Text c="dimmed" size="sm">
        {t.locationsHelp}
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              {Object.values(t.locationColumns).map((column) => (
                <Table.Th key={column}>{column}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
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
      <Modal opened={adding} onClose={modal.close} title={t.addLocation} size="lg">
        <AddLocationForm defaults={defaults} onDone={modal.close} />
      </Modal>
    </Stack>
  );
}

function AddLocationForm({ defaults, onDone }: { defaults: Defaults; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: z.object(locationRules),
    initialValues: { name: '', address: '', timeZone: defaults.timeZone, currency: defaults.currency, country: defaults.country },
    submit: async (values) => {
      const { location } = await locationsApi.create(values);
      await queryClient.invalidateQueries({ queryKey: locationsKey });
      notifySuccess(t.locationAdded(location.name));
      onDone();
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <LocationFields field={(name) => form.getInputProps(name)} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t.addLocation}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
