// Time zones, countries and currencies for location forms: the lists with names in the reader's language, and
// defaults taken from the browser that agree with each other (the clock's zone, its country, that country's currency).
import { getAllCountries, getTimezone } from 'countries-and-timezones';
import countryToCurrency from 'country-to-currency';

export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone the browser knows, plus UTC and the browser's own zone, which some browsers leave out of the list. */
export function timeZones(): string[] {
  return [...new Set(['UTC', defaultTimeZone(), ...Intl.supportedValuesOf('timeZone')])].sort();
}

/** The region of a language tag ("de-AT" gives "AT", "fr" gives its likely "FR"), or empty. */
export function regionOf(language: string): string {
  try {
    return new Intl.Locale(language).maximize().region ?? '';
  } catch {
    return '';
  }
}

/** The region of the browser's language, or empty. */
export function defaultCountry(): string {
  return regionOf(typeof navigator === 'undefined' ? '' : navigator.language);
}

/** The countries a time zone is used in, most likely first (none for UTC and the Etc zones). */
export function countriesOfTimeZone(timeZone: string): string[] {
  return getTimezone(timeZone)?.countries ?? [];
}

/** The currency of a country (ISO 4217), or empty for an unknown code. */
export function currencyOfCountry(country: string): string {
  return (countryToCurrency as Record<string, string | undefined>)[country] ?? '';
}

export interface Place {
  timeZone: string;
  country: string;
  currency: string;
}

/**
 * Defaults that agree: the clock's time zone; the language's region when that zone is used there (fr-MC in
 * Europe/Paris keeps Monaco), else the zone's country (an English browser in Paris is in France); the
 * country's currency. A zone of no country (UTC) keeps the language's region.
 */
export function agreeingDefaults(timeZone: string, language: string): Place {
  const region = regionOf(language);
  const zoneCountries = countriesOfTimeZone(timeZone);
  const known = region !== '' && currencyOfCountry(region) !== '';
  const country = known && (zoneCountries.length === 0 || zoneCountries.includes(region)) ? region : (zoneCountries[0] ?? (known ? region : ''));
  return { timeZone, country, currency: currencyOfCountry(country) };
}

/**
 * What follows a change of the time zone or the country, for the fields the person has not chosen themselves:
 * a new zone moves the country (when the zone is not used in the current one), a new country the currency.
 */
export function followChange(place: Place, chosen: { country: boolean; currency: boolean }, change: Partial<Place>): Place {
  const next = { ...place, ...change };
  if (change.timeZone !== undefined && !chosen.country && change.country === undefined) {
    const zoneCountries = countriesOfTimeZone(change.timeZone);
    if (zoneCountries.length > 0 && !zoneCountries.includes(next.country)) next.country = zoneCountries[0];
  }
  if (next.country !== place.country && !chosen.currency && change.currency === undefined) next.currency = currencyOfCountry(next.country) || next.currency;
  return next;
}

export interface Option {
  value: string;
  label: string;
}

const byLabel = (language: string) => {
  const collator = new Intl.Collator(language);
  return (a: Option, b: Option) => collator.compare(a.label, b.label);
};

/** Every country, named in `language` ("Allemagne" in French), sorted by name. */
export function countryOptions(language: string): Option[] {
  const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
  return Object.values(getAllCountries())
    .map((country) => ({ value: country.id, label: names.of(country.id) ?? country.name }))
    .sort(byLabel(language));
}

/** Every current currency as "Euro (EUR)", named in `language`, sorted by name. */
export function currencyOptions(language: string): Option[] {
  const names = new Intl.DisplayNames([language], { type: 'currency', fallback: 'code' });
  return Intl.supportedValuesOf('currency')
    .map((code) => ({ value: code, label: `${names.of(code) ?? code} (${code})` }))
    .sort(byLabel(language));
}
