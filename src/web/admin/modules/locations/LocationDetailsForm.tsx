// Edit the current location's details (name, address, time zone, currency, country, join requests).
import { Button, Group, Select, Stack } from '@mantine/core';
import { z } from 'zod';
import type { Location } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { useUpdateLocation } from './api';
import { LocationFields, locationFieldTexts, locationRules } from './LocationFields';
import { t } from './messages';

const schema = z.object({ ...locationRules, joinRequests: z.enum(['closed', 'approval']) });

export function LocationDetailsForm({ location }: { location: Location }) {
  const update = useUpdateLocation(location.id);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: {
      name: location.name,
      address: location.address,
      timeZone: location.timeZone,
      currency: location.currency,
      country: location.country,
      language: location.language,
      joinRequests: location.joinRequests,
    },
    submit: async (values) => {
      await update.mutateAsync(values);
      form.resetDirty(values);
      notifySuccess(t('saved'));
    },
    fieldTexts: locationFieldTexts(),
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm" maw={560}>
        <LocationFields field={(name) => form.getInputProps(name)} />
        <Select
          label={t('joinRequests')}
          data={(['closed', 'approval'] as const).map((value) => ({ value, label: t(`joinRequests.${value}`) }))}
          allowDeselect={false}
          {...form.getInputProps('joinRequests')}
        />
        <FormError message={error} />
        <Group>
          <Button type="submit" loading={submitting}>
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
