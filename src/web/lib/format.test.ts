import { describe, expect, it } from 'vitest';
import { intl } from './format';

describe('intl', () => {
  it('makes one formatter per kind, language and options, and keeps them apart', () => {
    const a = intl(Intl.DateTimeFormat, { dateStyle: 'medium', timeZone: 'Europe/Paris' }, 'en');
    expect(intl(Intl.DateTimeFormat, { dateStyle: 'medium', timeZone: 'Europe/Paris' }, 'en')).toBe(a);
    const french = intl(Intl.DateTimeFormat, { dateStyle: 'medium', timeZone: 'Europe/Paris' }, 'fr');
    expect(french).not.toBe(a);
    expect(intl(Intl.DateTimeFormat, { dateStyle: 'medium', timeZone: 'UTC' }, 'en')).not.toBe(a);
    const at = new Date('2026-03-29T00:30:00Z'); // still the 29th in Paris, after the clocks went forward
    expect(a.format(at)).toBe('Mar 29, 2026');
    expect(french.format(at)).toBe('29 mars 2026');
    // another kind with equal options is another formatter
    expect(intl(Intl.NumberFormat, {}, 'fr').format(1234.5)).toBe(new Intl.NumberFormat('fr').format(1234.5));
  });
});
