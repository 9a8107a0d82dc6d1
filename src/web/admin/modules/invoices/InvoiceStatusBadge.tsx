// The status of an invoice as a badge: Draft, Issued, Overdue (an issued one past its due date), Paid, Void.
import { Badge } from '@mantine/core';
import type { Invoice } from './api';
import { t } from './messages';

type Shown = Invoice['status'] | 'overdue';
const COLORS: Record<Shown, string> = { draft: 'gray', issued: 'blue', overdue: 'red', paid: 'green', void: 'dark' };

export const shownStatus = (invoice: Pick<Invoice, 'status' | 'overdue'>): Shown => (invoice.overdue ? 'overdue' : invoice.status);

export function InvoiceStatusBadge({ invoice, size = 'md' }: { invoice: Pick<Invoice, 'status' | 'overdue'>; size?: 'sm' | 'md' | 'lg' }) {
  const status = shownStatus(invoice);
  return (
    <Badge color={COLORS[status]} variant="light" tt="none" size={size} miw="max-content" data-testid="invoice-status">
      {t(`status.${status}`)}
    </Badge>
  );
}

/** The payer as a list shows it: "Pat Doe · Blue Fern Studio", or the company's name. */
export function payerLabel(invoice: Pick<Invoice, 'billTo'>): string {
  return invoice.billTo.companyName ? `${invoice.billTo.name} · ${invoice.billTo.companyName}` : invoice.billTo.name;
}
