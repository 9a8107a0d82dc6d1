// The invoice emails, to the payer's billing recipients (the person; a company's email, else its
// managers) in each reader's language. No PDF is attached: the link needs sign-in.
import { type Deps, publicLink, queueMail, type Tx } from '../../deps.js';
import { catalogue } from '../../lib/i18n.js';
import { formatLocalDate } from '../../lib/local-date.js';
import { greeting, renderLayout } from '../../lib/mail/layout.js';
import { formatMoney } from '../../lib/money.js';
import type { LocationKey } from '../../scope.js';
import * as ledger from '../ledger/service.js';
import { amountDue } from './amounts.js';
import { messages } from './messages.js';
import type { InvoiceRow } from './queries.js';

export const m = catalogue('invoices', messages);

export type InvoiceMail = 'issued' | 'voided' | 'overdue' | { receipt: number };

export async function queueInvoiceMail(deps: Deps, trx: Tx, s: LocationKey, inv: InvoiceRow, kind: InvoiceMail): Promise<void> {
  const owner: ledger.Owner = inv.customer_id ? { customerId: inv.customer_id } : { companyId: inv.company_id! };
  const to = await ledger.ownerMail(trx, s, owner);
  const url = publicLink(deps, `/billing/invoices/${inv.id}`);
  for (const person of to.recipients) {
    const lang = person.language;
    const money = (n: number) => formatMoney(n, inv.currency, lang);
    const vars = {
      number: inv.number ?? '',
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
    const mail = renderLayout(lang, { greeting: greeting(lang, person.firstName), paragraphs, button: { label: m(lang, 'viewInvoice'), url } }, to.brand);
    await queueMail(deps, trx, { organizationId: s.organizationId, to: person.email, subject, ...mail });
  }
}
