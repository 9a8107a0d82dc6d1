// An invoice as a PDF, rendered on request from the invoice as it stands (issued invoices are
// frozen), in the payer's language. Drafts are for administrators only, marked DRAFT.
import type { Deps } from '../../deps.js';
import type { LocationKey, MemberScope } from '../../scope.js';
import * as ledger from '../ledger/service.js';
import * as organizations from '../organizations/service.js';
import { renderInvoicePdf } from './pdf.js';
import * as q from './queries.js';
import type { InvoiceDto } from './schema.js';
import { locationOf, portalInvoiceRow, toDto } from './service.js';
import { notFound } from '../../errors.js';

async function render(deps: Deps, s: LocationKey, row: q.InvoiceRow): Promise<{ filename: string; body: Buffer }> {
  const location = await locationOf(deps.db, s);
  const [invoice, org, to] = await Promise.all([
    toDto(deps, row, location),
    organizations.findOrganization(deps.db, s.organizationId),
    ledger.ownerMail(deps.db, s, row.customer_id ? { customerId: row.customer_id } : { companyId: row.company_id! }),
  ]);
  const body = await renderInvoicePdf(invoice, {
    language: to.recipients[0]?.language ?? location.language,
    locationName: location.name,
    organizationName: org?.name ?? '',
    billingDetails: JSON.parse(location.billing_details) as Parameters<typeof renderInvoicePdf>[1]['billingDetails'],
    draft: invoice.status === 'draft',
  });
  return { filename: `${fileName(invoice)}.pdf`, body };
}

/** The number, or "draft-<id>" for a draft; only characters safe in a Content-Disposition header. */
function fileName(i: InvoiceDto): string {
  return (i.number ?? `draft-${i.id.slice(0, 8)}`).replace(/[^A-Za-z0-9._-]/g, '_');
}

export async function invoicePdf(deps: Deps, s: LocationKey, id: string) {
  const row = await q.findInvoice(deps.db, s, id);
  if (!row) throw notFound('Invoice not found');
  return render(deps, s, row);
}

export async function portalInvoicePdf(deps: Deps, s: MemberScope, id: string) {
  return render(deps, s, await portalInvoiceRow(deps, s, id));
}
