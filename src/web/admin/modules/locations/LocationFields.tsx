// The fields every location form shares (name, address, time zone, currency, country, language) and their zod rules.
import { Select, SimpleGrid, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { z } from 'zod';
import { languageNames, languages } from '../../../lib/i18n';
import { timeZones } from '../../../lib/regional';
import { tAdmin } from '../../messages';
import { t } from './messages';

export const locationRules = {
  name: z
    .string()
    .trim()
    .min(1, { error: () => tAdmin('required') })
    .max(100, { error: () => tAdmin('nameTooLong') }),
  address: z.string().trim(),
  timeZone: z.string().min(1, { error: () => tAdmin('required') }),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, { error: () => t('currencyInvalid') })
    .transform((value) => value.toUpperCase()),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, { error: () => t('countryInvalid') })
    .transform((value) => value.toUpperCase()),
  language: z.enum(languages),
};

/** The words under these fields when the server refuses one the rules above let through (an unknown zone or code). */
export function locationFieldTexts() {
  return { timeZone: t('timeZoneInvalid'), currency: t('currencyInvalid'), country: t('countryInvalid') };
}

export type LocationField = keyof typeof locationRules;

let zoneList: string[] | undefined;

export function LocationFields({ field }: { field: (name: LocationField) => GetInputPropsReturnType }) {
  zoneList ??= timeZones();
  return (
    <>
      <TextInput label={t('name')} withAsterisk {...field('name')} />
      <TextInput label={t('address')} autoComplete="street-address" {...field('address')} />
      <Select
        label={t('timeZone')}
        data={zoneList}
        searchable
        allowDeselect={false}
        nothingFoundMessage={t('timeZoneNotFound')}
        withAsterisk
        {...field('timeZone')}
      />
      <SimpleGrid cols={2}>
        <TextInput label={t('currency')} description={t('currencyHelp')} maxLength={3} withAsterisk {...field('currency')} />
        <TextInput label={t('country')} description={t('countryHelp')} maxLength={2} withAsterisk {...field('country')} />
      </SimpleGrid>
      <Select
        label={t('language')}
        description={t('languageHelp')}
        data={languages.map((value) => ({ value, label: languageNames[value] }))}
        allowDeselect={false}
        {...field('language')}
      />
    </>
  );
}
