// The fields every location form shares (name, address, time zone, currency, country) and their zod rules.
import { Select, SimpleGrid, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { z } from 'zod';
import { timeZones } from '../../../lib/regional';
import { text } from '../../text';

export const locationRules = {
  name: z.string().trim().min(1, text.required),
  address: z.string().trim(),
  timeZone: z.string().min(1, text.required),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, text.location.currencyInvalid)
    .transform((value) => value.toUpperCase()),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, text.location.countryInvalid)
    .transform((value) => value.toUpperCase()),
};

export type LocationField = keyof typeof locationRules;

let zoneList: string[] | undefined;

export function LocationFields({ field }: { field: (name: LocationField) => GetInputPropsReturnType }) {
  zoneList ??= timeZones();
  return (
    <>
      <TextInput label={text.location.name} withAsterisk {...field('name')} />
      <TextInput label={text.location.address} autoComplete="street-address" {...field('address')} />
      <Select
        label={text.location.timeZone}
        data={zoneList}
        searchable
        allowDeselect={false}
        nothingFoundMessage={text.location.timeZoneNotFound}
        withAsterisk
        {...field('timeZone')}
      />
      <SimpleGrid cols={2}>
        <TextInput label={text.location.currency} description={text.location.currencyHelp} maxLength={3} withAsterisk {...field('currency')} />
        <TextInput label={text.location.country} description={text.location.countryHelp} maxLength={2} withAsterisk {...field('country')} />
      </SimpleGrid>
    </>
  );
}
