// The ticket emails to the holder, in their language, with times on the location's wall clock: the
// confirmation (with its code and an invite.ics), a ticket canceled, the event canceled.
import icalGenerator from 'ical-generator';
import { type Deps, publicLink, queueMail, type Tx } from '../../deps.js';
import type { Location } from '../../db/schema.js';
import { catalogue, type Language, languageFor } from '../../lib/i18n.js';
import { greeting, renderLayout } from '../../lib/mail/layout.js';
import { formatMoney } from '../../lib/money.js';
import type { LocationKey } from '../../scope.js';
import { formatInstant, spanWords } from '../../lib/local-date.js';
import * as customers from '../customers/service.js';
import * as locations from '../locations/service.js';
import * as organizations from '../organizations/service.js';
import type { Refunded } from '../purchases/service.js';
import * as users from '../users/service.js';
import { messages } from './messages.js';
import type { EventRow, TicketRow } from './queries.js';

export const m = catalogue('events', messages);

export function whenWords(e: Pick<EventRow, 'starts_at' | 'ends_at'>, location: Pick<Location, 'time_zone'>, lang: Language) {
  return spanWords(e, location.time_zone, lang);
}

/** The event as an iCalendar file (the ticket email's invite.ics). */
export function eventCalendar(e: EventRow, t: Pick<TicketRow, 'id'>, location: Pick<Location, 'name' | 'address'>, host: string): string {
  const cal = icalGenerator({ name: location.name, prodId: { company: 'Atrium', product: 'Atrium' } });
  cal.createEvent({
    id: `ticket-${t.id}@${host}`,
    start: new Date(e.starts_at),
    end: new Date(e.ends_at),
    summary: e.title,
    description: e.description || undefined,
    location: [e.place, location.name, location.address].filter(Boolean).join(', '),
  });
  return cal.toString();
}

function refundWords(r: Refunded, currency: string, lang: Language): string {
  const parts: string[] = [];
  if (r.credits) parts.push(m(lang, 'creditsCount', { n: r.credits }));
  if (r.amount) parts.push(formatMoney(r.amount, currency, lang));
  return parts.join(', ') || m(lang, 'nothingToRefund');
}

/** `unpaid`: a card ticket whose payment never came; its invoice was voided, so nothing was charged or refunded. */
export type TicketMail = 'confirmed' | { canceled: Refunded | null; unpaid?: boolean } | { eventCanceled: Refunded; unpaid?: boolean };

export async function queueTicketMail(deps: Deps, trx: Tx, s: LocationKey, e: EventRow, t: TicketRow, kind: TicketMail): Promise<void> {
  const [c, location, org] = await Promise.all([
    customers.findCustomer(trx, s, t.customer_id),
    locations.findLocation(trx, s.organizationId, s.locationId),
    organizations.findOrganization(trx, s.organizationId),
  ]);
  if (!c || !location) return;
  const saved = (await users.languagesByEmail(trx, [c.email])).get(c.email);
  const lang = languageFor(saved, undefined, location);
  const vars = {
    event: e.title,
    location_name: location.name,
    ...whenWords(e, location, lang),
    place: e.place,
    code: t.code,
    method: t.payment_method,
    credits: t.credits,
    price: formatMoney(t.price, location.currency, lang),
    hours: e.refund_notice_hours,
    deadline: formatInstant(new Date(Date.parse(e.starts_at) - e.refund_notice_hours * 3_600_000), location.time_zone, lang, 'both'),
  };
  let subject: string;
  let paragraphs: string[];
  if (kind === 'confirmed') {
    subject = m(lang, 'ticketSubject', vars);
    paragraphs = [m(lang, 'ticketBody', vars)];
    if (e.place) paragraphs.push(m(lang, 'place', vars));
    paragraphs.push(m(lang, 'code', vars), m(lang, 'paidWith', vars));
    if (t.payment_method !== 'free') paragraphs.push(m(lang, 'refundRule', vars));
  } else if ('canceled' in kind) {
    subject = m(lang, 'canceledSubject', vars);
    paragraphs = [m(lang, 'canceledBody', vars)];
    if (kind.unpaid) paragraphs.push(m(lang, 'notCharged'));
    else if (t.payment_method !== 'free')
      paragraphs.push(kind.canceled ? m(lang, 'refunded', { what: refundWords(kind.canceled, location.currency, lang) }) : m(lang, 'notRefunded', vars));
  } else {
    subject = m(lang, 'eventCanceledSubject', vars);
    paragraphs = [m(lang, 'eventCanceledBody', vars)];
    if (kind.unpaid) paragraphs.push(m(lang, 'notCharged'));
    else if (t.payment_method !== 'free') paragraphs.push(m(lang, 'refunded', { what: refundWords(kind.eventCanceled, location.currency, lang) }));
  }
  const mail = renderLayout(
    lang,
    { greeting: greeting(lang, c.first_name), paragraphs, button: { label: m(lang, 'viewTickets'), url: publicLink(deps, '/events') } },
    organizations.mailBrand(deps, org, location),
  );
  const calendar = kind === 'confirmed' ? eventCalendar(e, t, location, new URL(deps.config.publicUrl).hostname) : undefined;
  await queueMail(deps, trx, { organizationId: s.organizationId, to: c.email, subject, ...mail, ...(calendar ? { calendar } : {}) });
}
