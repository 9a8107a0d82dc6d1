// The arithmetic of booking in the portal, kept free of React and messages: local dates at the location, the
// durations a start slot allows, prices (design 9.1), the ways of paying a resource offers, and the refund deadline.
// The server checks all of it again; this only keeps people from choosing what it would refuse.

export type PaymentMethod = 'free' | 'credits' | 'day_pass' | 'invoice' | 'card';

export interface GridSlot {
  startsAt: string;
  endsAt: string;
  seatsFree: number;
}

export interface GridResource {
  type: string;
  pricePerHour: number | null;
  creditsPerHour: number | null;
  dayPassAccepted: boolean;
  minMinutes: number;
  maxMinutes: number;
  bookable: boolean;
  assigned: boolean;
  slots: GridSlot[];
}

const MINUTE = 60_000;

/** The local date (YYYY-MM-DD) of an instant at the location. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** A YYYY-MM-DD date some days later (or earlier); calendar days, whatever the clocks do. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** The minutes that really pass between two instants (a night when clocks change counts its true length). */
export function elapsedMinutes(startsAt: string, endsAt: string): number {
  return Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / MINUTE);
}

/** What m minutes cost, as the server counts it: money (minor units) rounded half up, credits rounded up; null when not sold that way. */
export function priceOf(resource: Pick<GridResource, 'pricePerHour' | 'creditsPerHour'>, minutes: number): { money: number | null; credits: number | null } {
  return {
    money: resource.pricePerHour === null ? null : Math.floor((resource.pricePerHour * minutes * 2 + 60) / 120),
    credits: resource.creditsPerHour === null ? null : Math.floor((resource.creditsPerHour * minutes + 59) / 60),
  };
}

/** Free: no money price and no credit price (design 9, clarifications). */
export function isFree(resource: Pick<GridResource, 'pricePerHour' | 'creditsPerHour'>): boolean {
  return (resource.pricePerHour ?? 0) === 0 && (resource.creditsPerHour ?? 0) === 0;
}

export interface Duration {
  minutes: number;
  endsAt: string;
}

/**
 * The durations a booking starting at `startsAt` may have: ends on the grid, within the resource's shortest and
 * longest booking, over slots that follow each other without a gap (the opening hours' breaks end a run) and all have
 * a free seat.
 */
export function durationsFrom(resource: Pick<GridResource, 'minMinutes' | 'maxMinutes' | 'slots'>, startsAt: string): Duration[] {
  const slots = resource.slots;
  const first = slots.findIndex((slot) => slot.startsAt === startsAt);
  if (first < 0) return [];
  const durations: Duration[] = [];
  for (let index = first; index < slots.length; index++) {
    const slot = slots[index];
    if (slot.seatsFree < 1) break;
    if (index > first && slot.startsAt !== slots[index - 1].endsAt) break;
    const minutes = elapsedMinutes(startsAt, slot.endsAt);
    if (minutes > resource.maxMinutes) break;
    if (minutes >= resource.minMinutes) durations.push({ minutes, endsAt: slot.endsAt });
  }
  return durations;
}

/** Whether a booking can start at this slot now: the person may book the resource, it has not started, and it allows a duration. */
export function canStartAt(resource: GridResource, slot: GridSlot, now: number): boolean {
  return resource.bookable && !resource.assigned && slot.seatsFree > 0 && Date.parse(slot.startsAt) >= now && durationsFrom(resource, slot.startsAt).length > 0;
}

/**
 * The ways this booking can be paid, in the order they are offered: free for a free resource; credits and a day pass
 * (hot desks, within one local day) and an invoice for members; a card when the location takes online payment.
 */
export function paymentMethods(
  resource: Pick<GridResource, 'type' | 'pricePerHour' | 'creditsPerHour' | 'dayPassAccepted'>,
  booking: { member: boolean; cardAvailable: boolean; startsAt: string; endsAt: string; timeZone: string },
): PaymentMethod[] {
  if (isFree(resource)) return ['free'];
  const methods: PaymentMethod[] = [];
  const money = (resource.pricePerHour ?? 0) > 0;
  const oneDay = localDate(new Date(booking.startsAt), booking.timeZone) === localDate(new Date(Date.parse(booking.endsAt) - 1), booking.timeZone);
  if (booking.member && (resource.creditsPerHour ?? 0) > 0) methods.push('credits');
  if (booking.member && resource.type === 'hot_desk' && resource.dayPassAccepted && oneDay) methods.push('day_pass');
  if (booking.member && money) methods.push('invoice');
  if (money && booking.cardAvailable) methods.push('card');
  return methods;
}

/** The last moment a cancel gives everything back: the start less the location's notice. */
export function refundDeadline(startsAt: string, noticeHours: number): Date {
  return new Date(Date.parse(startsAt) - noticeHours * 3_600_000);
}

/** A key sent with a booking so that a second tap, or a retry after a lost answer, books once. */
export function newIdempotencyKey(): string {
  // getRandomValues works on plain http too, where randomUUID is missing
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
