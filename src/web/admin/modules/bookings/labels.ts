// How a booking reads: what was paid and how, when it is at the location, and what a cancellation gives back.
import { formatList, formatMinor } from '../../../lib/format';
import { formatShortDay, formatTimeAt, wallOf } from '../../../lib/wall-time';
import type { Resource } from '../resources/api';
import type { Booking, Refunded } from './api';
import { t } from './messages';

/** "Free", "3 credits", "Day pass", "€45.00, invoice". */
export function paymentText(booking: Pick<Booking, 'paymentMethod' | 'price' | 'credits'>, currency: string): string {
  switch (booking.paymentMethod) {
    case 'free':
      return t('pay.free');
    case 'credits':
      return t('pay.credits', { count: booking.credits });
    case 'day_pass':
      return t('pay.day_pass');
    case 'invoice':
      return t('pay.invoice', { amount: formatMinor(booking.price, currency) });
    case 'card':
      return t('pay.card', { amount: formatMinor(booking.price, currency) });
  }
}

/** The same in few characters, for a narrow block: "Free", "3 cr", "Day pass", "€45.00". */
export function shortPaymentText(booking: Pick<Booking, 'paymentMethod' | 'price' | 'credits'>, currency: string): string {
  if (booking.paymentMethod === 'credits') return t('pay.creditsShort', { count: booking.credits });
  return booking.paymentMethod === 'invoice' || booking.paymentMethod === 'card' ? formatMinor(booking.price, currency) : paymentText(booking, currency);
}

/** "Tue, Mar 3, 10:00 AM – 11:30 AM" at the location. */
export function whenText(booking: Pick<Booking, 'startsAt' | 'endsAt'>, zone: string): string {
  return t('when', {
    day: formatShortDay(wallOf(booking.startsAt, zone).day),
    start: formatTimeAt(booking.startsAt, zone),
    end: formatTimeAt(booking.endsAt, zone),
  });
}

/** What a booking's payment would give back, or gave back: "3 credits", "1 day pass", "€45.00 by credit note". */
export function refundText(refund: { credits: number; dayPasses: number; amount: number }, currency: string): string {
  const parts: string[] = [];
  if (refund.credits > 0) parts.push(t('refund.credits', { count: refund.credits }));
  if (refund.dayPasses > 0) parts.push(t('refund.dayPasses', { count: refund.dayPasses }));
  if (refund.amount > 0) parts.push(t('refund.money', { amount: formatMinor(refund.amount, currency) }));
  return formatList(parts);
}

/** What cancelling a booking can give back: what it spent. */
export function refundable(booking: Pick<Booking, 'credits' | 'dayPasses' | 'price'>): Omit<Refunded, 'expiredNotReturned'> {
  return { credits: booking.credits, dayPasses: booking.dayPasses, amount: booking.price };
}

export const isPaid = (booking: Pick<Booking, 'credits' | 'dayPasses' | 'price'>) => booking.credits > 0 || booking.dayPasses > 0 || booking.price > 0;

/** What m elapsed minutes cost, as the server counts: money rounded half up, credits rounded up. */
export function priceFor(resource: Pick<Resource, 'pricePerHour' | 'creditsPerHour'>, minutes: number) {
  return {
    money: resource.pricePerHour === null ? null : Math.floor((2 * resource.pricePerHour * minutes + 60) / 120),
    credits: resource.creditsPerHour === null ? null : Math.ceil((resource.creditsPerHour * minutes) / 60),
  };
}
