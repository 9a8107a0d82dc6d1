// The shop's emails to the buyer, in their language: the order's confirmation (with what a credit
// package added) and its cancellation (with what was given back).
import { type Deps, publicLink, queueMail, type Tx } from '../../deps.js';
import { catalogue, type Language, languageFor } from '../../lib/i18n.js';
import { greeting, renderLayout } from '../../lib/mail/layout.js';
import { formatMoney } from '../../lib/money.js';
import type { LocationKey } from '../../scope.js';
import * as customers from '../customers/service.js';
import * as locations from '../locations/service.js';
import * as organizations from '../organizations/service.js';
import * as users from '../users/service.js';
import { messages } from './messages.js';
import type { OrderLineRow, OrderRow } from './queries.js';

export const m = catalogue('shop', messages);

export interface Amounts {
  credits: number;
  dayPasses: number;
  amount: number;
}

/** "3 credits, 1 day pass, €45.00" in the reader's language. */
function amountWords(r: Amounts, currency: string, lang: Language): string {
  const parts: string[] = [];
  if (r.credits) parts.push(m(lang, 'creditsCount', { n: r.credits }));
  if (r.dayPasses) parts.push(m(lang, 'dayPassesCount', { n: r.dayPasses }));
  if (r.amount) parts.push(formatMoney(r.amount, currency, lang));
  return parts.join(', ') || m(lang, 'nothingToRefund');
}

export const lineWords = (lang: Language, lines: Pick<OrderLineRow, 'name' | 'quantity'>[]) =>
  lines.map((l) => m(lang, 'lineWords', { name: l.name, quantity: l.quantity })).join(', ');

export type OrderMail = { confirmed: { granted: Amounts | null } } | { canceled: Amounts | null };

export async function queueOrderMail(deps: Deps, trx: Tx, s: LocationKey, o: OrderRow, lines: OrderLineRow[], kind: OrderMail): Promise<void> {
  const [c, location, org] = await Promise.all([
    customers.findCustomer(trx, s, o.customer_id),
    locations.findLocation(trx, s.organizationId, s.locationId),
    organizations.findOrganization(trx, s.organizationId),
  ]);
  if (!c || !location) return;
  const saved = (await users.languagesByEmail(trx, [c.email])).get(c.email);
  const lang = languageFor(saved, undefined, location);
  const vars = {
    number: o.number,
    location_name: location.name,
    lines: lineWords(lang, lines),
    method: o.payment_method,
    credits: o.credits,
    price: formatMoney(o.total, location.currency, lang),
  };
  let subject: string;
  let paragraphs: string[];
  if ('confirmed' in kind) {
    subject = m(lang, 'confirmedSubject', vars);
    paragraphs = [m(lang, 'confirmedBody', vars), m(lang, 'paidWith', vars)];
    if (kind.confirmed.granted) paragraphs.push(m(lang, 'granted', { what: amountWords(kind.confirmed.granted, location.currency, lang) }));
  } else {
    subject = m(lang, 'canceledSubject', vars);
    paragraphs = [
      m(lang, 'canceledBody', vars),
      kind.canceled ? m(lang, 'refunded', { what: amountWords(kind.canceled, location.currency, lang) }) : m(lang, 'notRefunded'),
    ];
  }
  const mail = renderLayout(
    lang,
    { greeting: greeting(lang, c.first_name), paragraphs, button: { label: m(lang, 'viewOrders'), url: publicLink(deps, '/shop') } },
    organizations.mailBrand(deps, org, location),
  );
  await queueMail(deps, trx, { organizationId: s.organizationId, to: c.email, subject, ...mail });
}
