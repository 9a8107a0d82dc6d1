// Words of an event shown in several places: when it is, what it costs, its tickets.
import { formatMinor, formatNumber } from '../../../lib/format';
import { formatLongDay, formatTimeAt, wallOf } from '../../../lib/wall-time';
import type { AdminTicket, Event } from './api';
import { t } from './messages';

export function whenText(event: Pick<Event, 'startsAt' | 'endsAt'>, zone: string): string {
  return t('when', {
    day: formatLongDay(wallOf(event.startsAt, zone).day),
    from: formatTimeAt(event.startsAt, zone),
    to: formatTimeAt(event.endsAt, zone),
  });
}

export function priceText(event: Pick<Event, 'price' | 'creditPrice' | 'currency'>): string {
  const money = event.price ? formatMinor(event.price, event.currency) : null;
  const credits = event.creditPrice ? t('credits', { count: event.creditPrice }) : null;
  if (money && credits) return t('priceOr', { money, credits });
  return money ?? credits ?? t('free');
}

export function ticketsText(event: Pick<Event, 'ticketsSold' | 'capacity'>): string {
  return event.capacity === null
    ? t('ticketsUnlimited', { sold: event.ticketsSold })
    : t('ticketsOf', { sold: formatNumber(event.ticketsSold), capacity: formatNumber(event.capacity) });
}

export function paymentText(ticket: AdminTicket, currency: string): string {
  switch (ticket.paymentMethod) {
    case 'credits':
      return t('method.credits', { count: ticket.credits });
    case 'invoice':
      return t('method.invoice', { amount: formatMinor(ticket.price, currency) });
    case 'card':
      return t('method.card', { amount: formatMinor(ticket.price, currency) });
    default:
      return t('method.free');
  }
}

export const visibilityText = (v: Event['visibility']) => t(`visibility.${v}`);
export const ticketStatusText = (s: AdminTicket['status']) => t(`ticketStatus.${s}`);
