// The calendar's arithmetic at a location whatever the browser's time zone: wall times to instants and back across
// daylight-saving changes, a booking's part of each day, lanes of overlapping bookings, the hours shown, closed
// stretches, and prices as the server counts them.
import { describe, expect, it } from 'vitest';
import type { Location } from '../../../lib/types';
import { elapsedMinutes, instantAt, minutesOf, wallOf, weekStart, weekdayOf } from '../../../lib/wall-time';
import { priceFor } from './labels';
import { closedStretches, hoursShown, lanesOf, partOn, whollyAssignedOn } from './layout';

const week = {
  mon: [['08:00', '20:00']],
  tue: [
    ['08:00', '12:00'],
    ['13:00', '24:00'],
  ],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
  sun: [],
};
const location = { timeZone: 'Europe/Berlin', openingHours: week } as unknown as Location;

describe('wall times at a location', () => {
  it('turn into instants in its zone, 24:00 being the next midnight', () => {
    expect(instantAt('2026-12-01', 10 * 60, 'America/New_York')).toBe('2026-12-01T15:00:00.000Z');
    expect(instantAt('2026-12-01', 24 * 60, 'Europe/Berlin')).toBe('2026-12-01T23:00:00.000Z');
    expect(wallOf('2026-12-01T15:00:00.000Z', 'America/New_York')).toEqual({ day: '2026-12-01', minutes: 600 });
  });

  it('count the minutes that pass on a spring-forward night: 01:00–04:00 in Berlin on 28 March 2027 is 2 hours', () => {
    const start = instantAt('2027-03-28', 60, 'Europe/Berlin');
    const end = instantAt('2027-03-28', 240, 'Europe/Berlin');
    expect([start, end]).toEqual(['2027-03-28T00:00:00.000Z', '2027-03-28T02:00:00.000Z']);
    expect(elapsedMinutes(start, end)).toBe(120);
  });

  it('read HH:MM up to 24:00, and days of the week from Monday', () => {
    expect([minutesOf('8:30'), minutesOf('24:00'), minutesOf('24:30'), minutesOf('12:60'), minutesOf('noon')]).toEqual([510, 1440, NaN, NaN, NaN]);
    expect([weekStart('2026-12-03'), weekStart('2026-11-30'), weekdayOf('2026-12-06')]).toEqual(['2026-11-30', '2026-11-30', 'sun']);
  });
});

describe('the calendar grid', () => {
  it('shows a booking past midnight on both days', () => {
    const booking = { startsAt: '2026-12-01T21:00:00.000Z', endsAt: '2026-12-02T01:00:00.000Z' };
    expect(partOn(booking, '2026-12-01', 'Europe/Berlin')).toEqual({ from: 22 * 60, to: 1440 });
    expect(partOn(booking, '2026-12-02', 'Europe/Berlin')).toEqual({ from: 0, to: 120 });
    expect(partOn(booking, '2026-12-03', 'Europe/Berlin')).toBeNull();
    expect(partOn({ startsAt: '2026-12-01T22:00:00.000Z', endsAt: '2026-12-01T23:00:00.000Z' }, '2026-12-02', 'Europe/Berlin')).toBeNull();
  });

  it('puts overlapping bookings side by side and reuses a lane once it is free', () => {
    const { placed, count } = lanesOf([
      { from: 540, to: 1020 },
      { from: 600, to: 780 },
      { from: 780, to: 840 },
      { from: 1020, to: 1080 },
    ]);
    expect(placed.map(({ part, lane }) => [part.from, lane])).toEqual([
      [540, 0],
      [600, 1],
      [780, 1],
      [1020, 0],
    ]);
    expect(count).toBe(2);
  });

  it('shows the opening hours of its days in whole hours, widened for bookings, and shades the rest', () => {
    expect(hoursShown(location, ['2026-11-30'], [])).toEqual([480, 1200]);
    expect(hoursShown(location, ['2026-11-30', '2026-12-01'], [{ from: 450, to: 500 }])).toEqual([420, 1440]);
    expect(hoursShown(location, ['2026-12-02'], [])).toEqual([480, 1200]);
    expect(closedStretches(location, '2026-12-01', 420, 1440)).toEqual([
      [420, 480],
      [720, 780],
    ]);
    expect(closedStretches(location, '2026-12-02', 480, 1200)).toEqual([[480, 1200]]);
  });

  it('marks a resource wholly assigned on the days of its assignment', () => {
    const assignments = [{ resourceId: 'r', seats: null, startDate: '2026-12-01', endDate: '2026-12-03' }] as never[];
    expect(['2026-11-30', '2026-12-01', '2026-12-03', '2026-12-04'].map((day) => whollyAssignedOn(assignments, 'r', day))).toEqual([false, true, true, false]);
  });
});

describe('prices as the server counts them', () => {
  it('round money half up and credits up, for the minutes that pass', () => {
    expect(priceFor({ pricePerHour: 3_000, creditsPerHour: 3 }, 90)).toEqual({ money: 4_500, credits: 5 });
    expect(priceFor({ pricePerHour: 1_999, creditsPerHour: null }, 45)).toEqual({ money: 1_499, credits: null });
    expect(priceFor({ pricePerHour: 3, creditsPerHour: 1 }, 30)).toEqual({ money: 2, credits: 1 });
  });
});
