import { describe, expect, it } from 'vitest';
import type { OpeningHours } from '../locations/schema.js';
import { elapsedMinutes, onGrid, openingIntervals, slotsOf, wallInstant } from './time.js';

const allDay = {
  mon: [['00:00', '24:00']],
  tue: [['00:00', '24:00']],
  wed: [['00:00', '24:00']],
  thu: [['00:00', '24:00']],
  fri: [['00:00', '24:00']],
  sat: [['00:00', '24:00']],
  sun: [['00:00', '24:00']],
} as OpeningHours;
const iso = (d: Date) => d.toISOString();

describe('the slot grid across daylight-saving changes (Berlin 2027)', () => {
  it('28 March (spring forward) has no 02:00 slot: 23 hours of hourly slots', () => {
    const [day] = openingIntervals(allDay, '2027-03-28', 'Europe/Berlin');
    const slots = slotsOf(day, 'Europe/Berlin', 60);
    expect(slots.length).toBe(23);
    expect(slots.slice(1, 3).map((s) => iso(s.start))).toEqual(['2027-03-28T00:00:00.000Z', '2027-03-28T01:00:00.000Z']);
    // 01:00 local is 00:00Z, 03:00 local is 01:00Z: nothing at 02:00 local
    expect(slots.map((s) => wallInstant('2027-03-28', '03:00', 'Europe/Berlin').getTime() === s.start.getTime()).filter(Boolean).length).toBe(1);
  });

  it('31 October (fall back) has the 02:00 hour twice: 25 hourly slots', () => {
    const [day] = openingIntervals(allDay, '2027-10-31', 'Europe/Berlin');
    const slots = slotsOf(day, 'Europe/Berlin', 60);
    expect(slots.length).toBe(25);
    expect(slots.slice(2, 4).map((s) => iso(s.start))).toEqual(['2027-10-31T00:00:00.000Z', '2027-10-31T01:00:00.000Z']);
  });

  it('durations use elapsed minutes: 01:00–04:00 on the spring-forward day is 120 minutes', () => {
    const start = wallInstant('2027-03-28', '01:00', 'Europe/Berlin');
    const end = wallInstant('2027-03-28', '04:00', 'Europe/Berlin');
    expect([iso(start), iso(end), elapsedMinutes(start, end)]).toEqual(['2027-03-28T00:00:00.000Z', '2027-03-28T02:00:00.000Z', 120]);
  });

  it('the grid counts wall-clock minutes from local midnight, in New York too', () => {
    const opening = { ...allDay, mon: [['08:00', '10:00']] } as OpeningHours;
    const [monday] = openingIntervals(opening, '2027-03-15', 'America/New_York');
    expect(iso(monday.start)).toBe('2027-03-15T12:00:00.000Z');
    expect(slotsOf(monday, 'America/New_York', 30).map((s) => iso(s.start))).toEqual([
      '2027-03-15T12:00:00.000Z',
      '2027-03-15T12:30:00.000Z',
      '2027-03-15T13:00:00.000Z',
      '2027-03-15T13:30:00.000Z',
    ]);
    expect(onGrid(new Date('2027-03-15T12:15:00Z'), 'America/New_York', 30)).toBe(false);
    expect(onGrid(new Date('2027-03-15T12:15:00Z'), 'America/New_York', 15)).toBe(true);
  });

  it('a closed day has no intervals', () => {
    const closed = { ...allDay, sun: [] } as OpeningHours;
    expect(openingIntervals(closed, '2027-03-14', 'Europe/Paris')).toEqual([]);
  });
});
