// Where an invoice stands for the person who pays it: due, overdue, paid or void (the portal never shows drafts).
import { Badge } from '@mantine/core';
import { formatNumber } from '../../../lib/format';
import type { Invoice } from './api';
import { t } from './messages';

export type InvoiceState = 'due' | 'overdue' | 'paid' | 'void';

const COLOR: Record<InvoiceState, string> = { due: 'blue', overdue: 'red', paid: 'green', void: 'gray' };

export function invoiceState(invoice: Pick<Invoice, 'status' | 'overdue'>): InvoiceState {
  if (invoice.status === 'paid') return 'paid';
  if (invoice.status === 'void') return 'void';
  return invoice.overdue ? 'overdue' : 'due';
}

export function InvoiceBadge({ invoice, size = 'md' }: { invoice: Pick<Invoice, 'status' | 'overdue'>; size?: 'md' | 'lg' }) {
  const state = invoiceState(invoice);
  return (
    <Badge color={COLOR[state]} variant="light" tt="none" size={size} miw="max-content" style={{ flexShrink: 0 }} data-testid="invoice-status">
      {t(`status.${state}`)}
    </Badge>
  );
}

/** A tax rate in basis points as a percentage in the reader's language: 2000 → "20%" ("20 %" in French). */
export function formatRate(bps: number): string {
  return formatNumber(bps / 10_000, { style: 'percent', maximumFractionDigits: 2 });
}
