// The setup form's defaults agree with each other: the clock's zone, a country that uses it, that country's currency.
import { describe, expect, it } from 'vitest';
import { agreeingDefaults, countryOptions, currencyOfCountry, currencyOptions, followChange, regionOf } from './regional';

describe('agreeing defaults', () => {
  it('takes the country from the time zone when the language says otherwise', () => {
    // an American English browser on a Paris clock is in France, paying in euros
    expect(agreeingDefaults('Europe/Paris', 'en-US')).toEqual({ timeZone: 'Europe/Paris', country: 'FR', currency: 'EUR' });
    expect(agreeingDefaults('Asia/Tokyo', 'fr-FR')).toEqual({ timeZone: 'Asia/Tokyo', country: 'JP', currency: 'JPY' });
    expect(agreeingDefaults('America/Toronto', 'en')).toEqual({ timeZone: 'America/Toronto', country: 'CA', currency: 'CAD' });
  });

  it("keeps the language's region when the zone is used there", () => {
    expect(agreeingDefaults('Europe/Paris', 'fr-MC')).toMatchObject({ country: 'MC', currency: 'EUR' });
    expect(agreeingDefaults('Europe/Zurich', 'de-CH')).toMatchObject({ country: 'CH', currency: 'CHF' });
    // "fr" alone is likely France
    expect(agreeingDefaults('Europe/Paris', 'fr')).toMatchObject({ country: 'FR', currency: 'EUR' });
  });

  it("keeps the language's region for a zone of no country, and stays empty when nothing is known", () => {
    expect(agreeingDefaults('UTC', 'en-GB')).toEqual({ timeZone: 'UTC', country: 'GB', currency: 'GBP' });
    expect(agreeingDefaults('UTC', 'not a tag!')).toEqual({ timeZone: 'UTC', country: '', currency: '' });
    expect(regionOf('de-AT')).toBe('AT');
  });
});

describe('following a change', () => {
  const paris = { timeZone: 'Europe/Paris', country: 'FR', currency: 'EUR' };

  it('moves the country with the zone and the currency with the country, until the person picks them', () => {
    expect(followChange(paris, { country: false, currency: false }, { timeZone: 'Europe/London' })).toEqual({
      timeZone: 'Europe/London',
      country: 'GB',
      currency: 'GBP',
    });
    expect(followChange(paris, { country: false, currency: false }, { country: 'CH' })).toEqual({ ...paris, country: 'CH', currency: 'CHF' });
    // picked by the person: they stay
    expect(followChange(paris, { country: true, currency: false }, { timeZone: 'Europe/London' })).toEqual({ ...paris, timeZone: 'Europe/London' });
    expect(followChange(paris, { country: false, currency: true }, { country: 'CH' })).toEqual({ ...paris, country: 'CH' });
  });

  it('leaves the country when the new zone is used there too, and for a zone of no country', () => {
    const monaco = { timeZone: 'Europe/Paris', country: 'MC', currency: 'EUR' };
    expect(followChange(monaco, { country: false, currency: false }, { timeZone: 'Europe/Monaco' })).toMatchObject({ country: 'MC' });
    expect(followChange(paris, { country: false, currency: false }, { timeZone: 'UTC' })).toEqual({ ...paris, timeZone: 'UTC' });
  });
});

describe('options', () => {
  it("names countries and currencies in the reader's language, with every country's currency among them", () => {
    const fr = countryOptions('fr');
    expect(fr.find((o) => o.value === 'DE')?.label).toBe('Allemagne');
    expect(countryOptions('en').find((o) => o.value === 'DE')?.label).toBe('Germany');
    const currencies = currencyOptions('en');
    expect(currencies.find((o) => o.value === 'EUR')?.label).toBe('Euro (EUR)');
    const codes = new Set(currencies.map((o) => o.value));
    for (const country of fr) expect(codes.has(currencyOfCountry(country.value)), country.value).toBe(true);
  });
});
