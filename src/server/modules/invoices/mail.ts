// The invoice emails, to the payer's billing recipients (the person; a company's email, else its
// managers) in each reader's language. No PDF is attached: the link needs sign-in.
import { type Deps, publicLink, queueMail, type Tx } from '../../deps.js';
import { catalogue } from '../../lib/i18n.js';
import { formatLocalDate } from '../../lib/local-date.js';
import { escapeHtml, greeting, renderLayout } from '../../lib/mail/layout.js';
import { formatMoney } from '../../lib/money.js';
import type { LocationKey } from '../../scope.js';
import * as organizations from '../organizations/service.js';
import * as ledger from '../ledger/service.js';
import type { OwnerMail, Recipient } from '../ledger/service.js';
import { amountDue } from './amounts.js';
import { messages } from './messages.js';
import type { InvoiceRow } from './queries.js';

export const m = catalogue('invoices', messages);

export type InvoiceMail = 'issued' | 'voided' | 'overdue' | { receipt: number };

/** Stand-ins for what only the issuing transaction knows: the number and a new invoice's id, filled in as the mail is queued. */
const NUMBER_SLOT = '\u0001number\u0001';
const ID_SLOT = '\u0001id\u0001';

export interface MailTemplate {
  subject: string;
  html: string;
  text: string;
}

/** One email about an invoice to one recipient, in their language. */
function renderInvoiceMail(deps: Deps, inv: InvoiceRow, kind: InvoiceMail, person: Recipient, to: OwnerMail, slots = false): MailTemplate {
  const url = publicLink(deps, `/billing/invoices/${slots ? ID_SLOT : inv.id}`);
  const lang = person.language;
  const money = (n: number) => formatMoney(n, inv.currency, lang);
  const vars = {
    number: slots ? NUMBER_SLOT : (inv.number ?? ''),
    location_name: to.locationName,
    company: to.company ?? 'none',
    total: money(inv.total),
    due: money(amountDue(inv)),
    due_date: inv.due_date ? formatLocalDate(inv.due_date, lang) : '',
    amount: typeof kind === 'object' ? money(kind.receipt) : '',
  };
  let subject: string;
  let paragraphs: string[];
  if (kind === 'issued') {
    subject = m(lang, 'issuedSubject', vars);
    paragraphs = [m(lang, inv.status === 'paid' ? 'issuedPaidBody' : 'issuedBody', vars)];
  } else if (kind === 'voided') {
    subject = m(lang, 'voidedSubject', vars);
    paragraphs = [m(lang, 'voidedBody', vars)];
  } else if (kind === 'overdue') {
    subject = m(lang, 'overdueSubject', vars);
    paragraphs = [m(lang, 'overdueBody', vars)];
  } else {
    subject = m(lang, 'receiptSubject', vars);
    paragraphs = [m(lang, 'receiptBody', vars), inv.status === 'paid' ? m(lang, 'receiptPaid') : m(lang, 'receiptDue', vars)];
  }
  const mail = renderLayout(
    lang,
    { greeting: greeting(lang, person.firstName), paragraphs, button: { label: m(lang, 'viewInvoice'), url } },
    organizations.mailBrand(deps, to.organization, to.location),
  );
  return { subject, ...mail };
}

export async function queueInvoiceMail(deps: Deps, trx: Tx, s: LocationKey, inv: InvoiceRow, kind: InvoiceMail): Promise<void> {
  const owner: ledger.Owner = inv.customer_id ? { customerId: inv.customer_id } : { companyId: inv.company_id! };
  const to = await ledger.ownerMail(trx, s, owner);
  for (const person of to.recipients) {
    const mail = renderInvoiceMail(deps, inv, kind, person, to);
    await queueMail(deps, trx, { organizationId: s.organizationId, ...mail, to: person.email });
  }
}

/**
 * The "issued" email of an invoice being issued, to one recipient, as a template without its number
 * and id: `key` names everything else it says, so a template rendered before the sweep's transaction
 * serves only an email that would read the same.
 */
export function issuedMailTemplate(deps: Deps, inv: InvoiceRow, person: Recipient, to: OwnerMail) {
  const key = JSON.stringify([
    person.email,
    person.language,
    person.firstName,
    to.brand,
    // the rest of the brand (logo, colour, support email): the same for every email of one location
    to.organization?.logo_id,
    to.organization?.accent_color,
    to.organization?.support_email,
    to.location?.logo_id,
    to.locationName,
    to.company,
    inv.currency,
    inv.status,
    inv.total,
    amountDue(inv),
    inv.due_date,
  ]);
  return { key, render: () => renderInvoiceMail(deps, inv, 'issued', person, to, true) };
}

/** A template with the invoice's number and id filled in. */
export function fillTemplate(t: MailTemplate, inv: Pick<InvoiceRow, 'id' | 'number'>): MailTemplate {
  const number = inv.number ?? '';
  const fill = (text: string, n: string) => text.replaceAll(NUMBER_SLOT, n).replaceAll(ID_SLOT, inv.id);
  return { subject: fill(t.subject, number), text: fill(t.text, number), html: fill(t.html, escapeHtml(number)) };
}
