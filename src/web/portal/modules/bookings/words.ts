// Prices, durations and what a booking cost, in words from the catalogue.
import { formatMinor } from '../../../lib/format';
import type { AvailableResource, Booking } from './api';
import { priceOf } from './booking-time';
import { t } from './messages';
import type { ZoneFormats } from './zone-format';

/** "1 hour", "45 min", "1 h 30 min". */
export function durationWords(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('duration.minutes', { count: rest });
  if (rest === 0) return t('duration.hours', { count: hours });
  return t('duration.both', { hours, minutes: rest });
}

/** Each way the resource is sold for this long, as alternatives: "€20.00 or 2 credits"; "Free" for a free resource. */
function ways(resource: AvailableResource, minutes: number, formats: ZoneFormats): string | null {
  const price = priceOf(resource, minutes);
  const items = [
    ...(resource.pricePerHour ? [formatMinor(price.money ?? 0, resource.currency)] : []),
    ...(resource.creditsPerHour ? [t('credits', { count: price.credits ?? 0 })] : []),
  ];
  return items.length > 0 ? formats.either(items) : null;
}

/** The resource's price per hour ("€20.00 or 2 credits per hour"), or "Free". */
export function hourlyPriceWords(resource: AvailableResource, formats: ZoneFormats): string {
  const each = ways(resource, 60, formats);
  return each ? t('perHour', { ways: each }) : t('free');
}

/** What this many minutes cost, each way it is sold ("€30.00 or 3 credits"), a day pass included for hot desks. */
export function costWords(resource: AvailableResource, minutes: number, formats: ZoneFormats, dayPass: boolean): string {
  const each = ways(resource, minutes, formats);
  if (!each) return t('free');
  return dayPass ? formats.either([each, t('aDayPass')]) : each;
}

/** What a booking spent: "2 credits", "1 day pass", "€20.00"; empty when it was free. */
export function spentItems(booking: Pick<Booking, 'credits' | 'dayPasses' | 'price'>, currency: string): string[] {
  return [
    ...(booking.credits > 0 ? [t('credits', { count: booking.credits })] : []),
    ...(booking.dayPasses > 0 ? [t('dayPasses', { count: booking.dayPasses })] : []),
    ...(booking.price > 0 ? [formatMinor(booking.price, currency)] : []),
  ];
}

/** How a booking was paid: "Paid with 2 credits", "€20.00 by card", "Free". */
export function paidWords(booking: Booking, currency: string): string {
  switch (booking.paymentMethod) {
    case 'credits':
      return t('paid.credits', { credits: t('credits', { count: booking.credits }) });
    case 'day_pass':
      return t('paid.day_pass');
    case 'invoice':
      return t('paid.invoice', { price: formatMinor(booking.price, currency) });
    case 'card':
      return t('paid.card', { price: formatMinor(booking.price, currency) });
    default:
      return t('paid.free');
  }
}
