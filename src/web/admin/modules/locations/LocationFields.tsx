// The fields every location form shares (name, address, time zone, currency, country, language) and their zod rules.
import { Select, SimpleGrid, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { z } from 'zod';
import { currentLanguage, languageNames, languages } from '../../../lib/i18n';
import { countryOptions, currencyOptions, type Option, timeZones } from '../../../lib/regional';
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
const named = new Map<string, { countries: Option[]; currencies: Option[] }>();

/** The country and currency lists named in the reader's language, built once per language. */
function namedLists() {
  const language = currentLanguage();
  let lists = named.get(language);
  if (!lists) {
    lists = { countries: countryOptions(language), currencies: currencyOptions(language) };
    named.set(language, lists);
  }
  return lists;
}

export function LocationFields({ field }: { field: (name: LocationField) => GetInputPropsReturnType }) {
  zoneList ??= timeZones();
  const { countries, currencies } = namedLists();
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
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('country')}
          description={t('countryHelp')}
          data={countries}
          searchable
          allowDeselect={false}
          nothingFoundMessage={t('countryNotFound')}
          withAsterisk
          {...field('country')}
        />
        <Select
          label={t('currency')}
          description={t('currencyHelp')}
          data={currencies}
          searchable
          allowDeselect={false}
          nothingFoundMessage={t('currencyNotFound')}
          withAsterisk
          {...field('currency')}
        />
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
