// The admin's billing dates are the location's, whatever the browser's zone: the expiry an Adjust sends for a last day
// of use is the instant the server's own rule gives (the local midnight after it), daylight-saving changes included.
import { describe, expect, it } from 'vitest';
import { addDays, startOfLocalDay } from '../../../../server/lib/local-date';
import { expiryAfter, lastDayBefore, localDateOf, nextDay, startOfLocalDay as webStartOfLocalDay } from './dates';

describe('billing dates in the location’s time zone', () => {
  it('expires a lot at the local midnight after its last day, as the server does', () => {
    expect(expiryAfter('2027-03-31', 'Europe/Paris')).toBe('2027-03-31T22:00:00.000Z');
    expect(expiryAfter('2027-01-31', 'Europe/Paris')).toBe('2027-01-31T23:00:00.000Z');
    expect(expiryAfter('2027-01-31', 'America/New_York')).toBe('2027-02-01T05:00:00.000Z');
    expect(expiryAfter('2027-01-31', 'Pacific/Auckland')).toBe('2027-01-31T11:00:00.000Z');
    expect(expiryAfter('2027-12-31', 'UTC')).toBe('2028-01-01T00:00:00.000Z');
    // every day of a year, in zones whose clocks change at or around midnight: the first instant of the local day
    const zones = ['Europe/Paris', 'America/New_York', 'America/Santiago', 'America/Havana', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Asia/Beirut', 'UTC'];
    for (const zone of zones) {
      for (let day = '2026-01-01'; day < '2027-01-01'; day = addDays(day, 1)) {
        const start = webStartOfLocalDay(day, zone);
        expect(localDateOf(start, zone), `${zone} ${day}`).toBe(day);
        expect(localDateOf(new Date(start.getTime() - 1), zone), `${zone} ${day}`).toBe(addDays(day, -1));
        // the server's rule gives the same instant, except where a midnight comes twice (Havana on 1 November
        // turns 01:00 back to 00:00), which luxon resolves by the offset of the current date
        if (!(zone === 'America/Havana' && day === '2026-11-01')) expect(start.toISOString(), `${zone} ${day}`).toBe(startOfLocalDay(day, zone).toISOString());
      }
    }
  });

  it('reads back the last day of use of an expiry, and the local date of an instant', () => {
    expect(lastDayBefore('2027-03-31T22:00:00.000Z', 'Europe/Paris')).toBe('2027-03-31');
    expect(lastDayBefore(expiryAfter('2027-06-15', 'America/New_York'), 'America/New_York')).toBe('2027-06-15');
    expect(localDateOf('2027-03-31T22:30:00.000Z', 'Europe/Paris')).toBe('2027-04-01');
    expect(localDateOf('2027-03-31T22:30:00.000Z', 'America/New_York')).toBe('2027-03-31');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2027-12-31')).toBe('2028-01-01');
  });
});
