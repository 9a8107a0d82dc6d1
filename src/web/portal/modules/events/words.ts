// What an event costs and what came back, in words.
import { formatMinor } from '../../../lib/format';
import type { ZoneFormats } from '../bookings/zone-format';
import type { PortalEvent, Refunded } from './api';
import { t } from './messages';

export const isFree = (event: Pick<PortalEvent, 'price' | 'creditPrice'>) => !((event.price ?? 0) > 0) && !((event.creditPrice ?? 0) > 0);

/** "€15.00 or 2 credits", "Free". */
export function priceWords(event: Pick<PortalEvent, 'price' | 'creditPrice' | 'currency'>, formats: ZoneFormats): string {
  const items: string[] = [];
  if ((event.price ?? 0) > 0) items.push(formatMinor(event.price ?? 0, event.currency));
  if ((event.creditPrice ?? 0) > 0) items.push(t('credits', { count: event.creditPrice ?? 0 }));
  return items.length ? formats.either(items) : t('free');
}

/** "2 credits and €15.00", or "nothing". */
export function refundWords(refunded: Refunded, currency: string, formats: ZoneFormats): string {
  const items: string[] = [];
  if (refunded.credits) items.push(t('credits', { count: refunded.credits }));
  if (refunded.amount) items.push(formatMinor(refunded.amount, currency));
  return items.length ? formats.both(items) : t('nothing');
}
