// The booking emails (confirmation, reminder, cancellation) to the booker, in their language, with
// times on the location's wall clock.
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
import * as resources from '../resources/service.js';
import * as users from '../users/service.js';
import { bookingCalendar } from './calendar.js';
import { messages } from './messages.js';
import type { BookingRow } from './queries.js';

export const m = catalogue('bookings', messages);

export function whenWords(b: Pick<BookingRow, 'starts_at' | 'ends_at'>, location: Pick<Location, 'time_zone'>, lang: Language) {
  return spanWords(b, location.time_zone, lang);
}

export interface RefundWords {
  credits: number;
  dayPasses: number;
  amount: number;
}

export type BookingMail = 'confirmed' | 'reminder' | { canceled: RefundWords | null };

/** "3 credits, €45.00" in the reader's language. */
function refundWords(r: RefundWords, currency: string, lang: Language): string {
  const parts: string[] = [];
  if (r.credits) parts.push(m(lang, 'creditsCount', { n: r.credits }));
  if (r.dayPasses) parts.push(m(lang, 'dayPassesCount', { n: r.dayPasses }));
  if (r.amount) parts.push(formatMoney(r.amount, currency, lang));
  return parts.join(', ') || m(lang, 'nothingToRefund');
}

export async function queueBookingMail(deps: Deps, trx: Tx, s: LocationKey, b: BookingRow, kind: BookingMail): Promise<void> {
  const [c, location, resource, org] = await Promise.all([
    customers.findCustomer(trx, s, b.customer_id),
    locations.findLocation(trx, s.organizationId, s.locationId),
    resources.findResource(trx, s, b.resource_id),
    organizations.findOrganization(trx, s.organizationId),
  ]);
  if (!c || !location || !resource) return;
  const saved = (await users.languagesByEmail(trx, [c.email])).get(c.email);
  const lang = languageFor(saved, undefined, location);
  const vars = {
    resource: resource.name,
    location_name: location.name,
    ...whenWords(b, location, lang),
    method: b.payment_method,
    credits: b.credits,
    price: formatMoney(b.price, location.currency, lang),
    hours: location.cancellation_notice_hours,
    deadline: formatInstant(new Date(Date.parse(b.starts_at) - location.cancellation_notice_hours * 3_600_000), location.time_zone, lang, 'both'),
  };
  let subject: string;
  let paragraphs: string[];
  if (kind === 'confirmed') {
    subject = m(lang, 'confirmedSubject', vars);
    paragraphs = [m(lang, 'confirmedBody', vars), m(lang, 'paidWith', vars), m(lang, 'cancelRule', vars)];
  } else if (kind === 'reminder') {
    subject = m(lang, 'reminderSubject', vars);
    paragraphs = [m(lang, 'reminderBody', vars)];
  } else {
    subject = m(lang, 'canceledSubject', vars);
    paragraphs = [
      m(lang, 'canceledBody', vars),
      kind.canceled ? m(lang, 'refunded', { what: refundWords(kind.canceled, location.currency, lang) }) : m(lang, 'notRefunded', vars),
    ];
  }
  const mail = renderLayout(
    lang,
    { greeting: greeting(lang, c.first_name), paragraphs, button: { label: m(lang, 'viewBookings'), url: publicLink(deps, '/bookings') } },
    organizations.mailBrand(deps, org, location),
  );
  const calendar = kind === 'confirmed' ? bookingCalendar(b, resource.name, location, new URL(deps.config.publicUrl).hostname) : undefined;
  await queueMail(deps, trx, { organizationId: s.organizationId, to: c.email, subject, ...mail, ...(calendar ? { calendar } : {}) });
}
