// The portal's booking arithmetic: local dates, durations over free slots, prices as the server counts them, the ways
// to pay a resource offers, and the refund deadline.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  canStartAt,
  durationsFrom,
  type GridResource,
  type GridSlot,
  localDate,
  newIdempotencyKey,
  paymentMethods,
  priceOf,
  refundDeadline,
} from './booking-time';

/** Slots of `step` minutes from `from` (an instant), with the seats free given in order. */
function slots(from: string, step: number, seats: number[]): GridSlot[] {
  return seats.map((seatsFree, index) => ({
    startsAt: new Date(Date.parse(from) + index * step * 60_000).toISOString(),
    endsAt: new Date(Date.parse(from) + (index + 1) * step * 60_000).toISOString(),
    seatsFree,
  }));
}

const room = (over: Partial<GridResource> = {}): GridResource => ({
  type: 'meeting_room',
  pricePerHour: 2000,
  creditsPerHour: 2,
  dayPassAccepted: false,
  minMinutes: 30,
  maxMinutes: 120,
  bookable: true,
  assigned: false,
  slots: slots('2027-01-12T08:00:00.000Z', 30, [1, 1, 1, 1, 1, 0, 1, 1]),
  ...over,
});

describe('local dates', () => {
  it('are the location’s, not the browser’s', () => {
    const lateEvening = new Date('2027-01-12T23:30:00Z');
    expect(localDate(lateEvening, 'Europe/Paris')).toBe('2027-01-13');
    expect(localDate(lateEvening, 'America/New_York')).toBe('2027-01-12');
  });

  it('add calendar days across months, years and clock changes', () => {
    expect(addDays('2027-01-31', 1)).toBe('2027-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-28', 1)).toBe('2027-03-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });
});

describe('durations from a start', () => {
  it('run over free slots that follow each other, within the shortest and longest booking', () => {
    const resource = room();
    expect(durationsFrom(resource, resource.slots[0].startsAt).map((d) => d.minutes)).toEqual([30, 60, 90, 120]);
    // the sixth slot is full: a start at 09:30 can last 30 minutes only
    expect(durationsFrom(resource, resource.slots[3].startsAt).map((d) => d.minutes)).toEqual([30, 60]);
    expect(durationsFrom(resource, resource.slots[5].startsAt)).toEqual([]);
    expect(durationsFrom(resource, 'not a slot')).toEqual([]);
  });

  it('end where the opening hours break', () => {
    const morning = slots('2027-01-12T08:00:00.000Z', 30, [1, 1]);
    const afternoon = slots('2027-01-12T12:00:00.000Z', 30, [1, 1]);
    const resource = room({ slots: [...morning, ...afternoon] });
    expect(durationsFrom(resource, morning[0].startsAt).map((d) => d.minutes)).toEqual([30, 60]);
  });

  it('count the minutes that pass on the night clocks go back', () => {
    // Berlin, 31 October 2027: 02:00–03:00 local comes twice; hourly slots from 01:00 local (23:00Z the day before)
    const resource = room({ minMinutes: 60, maxMinutes: 240, slots: slots('2027-10-30T23:00:00.000Z', 60, [1, 1, 1, 1]) });
    const durations = durationsFrom(resource, resource.slots[0].startsAt);
    expect(durations.map((d) => d.minutes)).toEqual([60, 120, 180, 240]);
    expect(durations[3].endsAt).toBe('2027-10-31T03:00:00.000Z');
  });

  it('leave out a start too short for the shortest booking', () => {
    const resource = room({ minMinutes: 60 });
    expect(canStartAt(resource, resource.slots[4], 0)).toBe(false);
    expect(canStartAt(resource, resource.slots[3], 0)).toBe(true);
  });

  it('leave out starts in the past, of resources not open to the person, or assigned', () => {
    const resource = room();
    expect(canStartAt(resource, resource.slots[0], Date.parse(resource.slots[0].startsAt) + 1)).toBe(false);
    expect(canStartAt(room({ bookable: false }), resource.slots[0], 0)).toBe(false);
    expect(canStartAt(room({ assigned: true }), resource.slots[0], 0)).toBe(false);
  });
});

describe('prices', () => {
  it('round money half up and credits up, as the server does', () => {
    expect(priceOf({ pricePerHour: 2000, creditsPerHour: 3 }, 90)).toEqual({ money: 3000, credits: 5 });
    expect(priceOf({ pricePerHour: 333, creditsPerHour: 1 }, 30)).toEqual({ money: 167, credits: 1 });
    expect(priceOf({ pricePerHour: 1000, creditsPerHour: 2 }, 120)).toEqual({ money: 2000, credits: 4 });
    expect(priceOf({ pricePerHour: null, creditsPerHour: null }, 60)).toEqual({ money: null, credits: null });
  });
});

describe('ways to pay', () => {
  const booking = { member: true, cardAvailable: false, startsAt: '2027-01-12T09:00:00Z', endsAt: '2027-01-12T10:00:00Z', timeZone: 'Europe/Paris' };

  it('are credits and an invoice for members, a card only with online payment', () => {
    expect(paymentMethods(room(), booking)).toEqual(['credits', 'invoice']);
    expect(paymentMethods(room(), { ...booking, cardAvailable: true })).toEqual(['credits', 'invoice', 'card']);
    expect(paymentMethods(room(), { ...booking, member: false, cardAvailable: true })).toEqual(['card']);
    expect(paymentMethods(room(), { ...booking, member: false })).toEqual([]);
  });

  it('are free alone for a free resource', () => {
    expect(paymentMethods(room({ pricePerHour: 0, creditsPerHour: null }), booking)).toEqual(['free']);
    expect(paymentMethods(room({ pricePerHour: 0, creditsPerHour: 0 }), { ...booking, member: false })).toEqual(['free']);
  });

  it('take a day pass for a hot desk within one local day', () => {
    const desk = room({ type: 'hot_desk', dayPassAccepted: true, pricePerHour: null, creditsPerHour: 1 });
    expect(paymentMethods(desk, booking)).toEqual(['credits', 'day_pass']);
    const overMidnight = { ...booking, startsAt: '2027-01-12T22:00:00Z', endsAt: '2027-01-12T23:30:00Z' };
    expect(paymentMethods(desk, overMidnight)).toEqual(['credits']);
    expect(paymentMethods(room({ dayPassAccepted: true }), booking)).toEqual(['credits', 'invoice']);
  });
});

describe('the refund deadline', () => {
  it('is the start less the notice', () => {
    expect(refundDeadline('2027-01-13T13:00:00.000Z', 24).toISOString()).toBe('2027-01-12T13:00:00.000Z');
    expect(refundDeadline('2027-01-13T13:00:00.000Z', 0).toISOString()).toBe('2027-01-13T13:00:00.000Z');
  });
});

it('makes a new idempotency key each time', () => {
  const first = newIdempotencyKey();
  expect(first).toMatch(/^[0-9a-f]{32}$/);
  expect(newIdempotencyKey()).not.toBe(first);
});
