// Invoices of a location: their query keys, the paged lists (by tab, by payer), one invoice, and the calls that change
// one (save a draft, delete, issue, void, record or delete a payment, add a credit note) with what they refresh.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { creditNoteBody, invoiceSchema, lineInput, paymentBody } from '../../../../server/modules/invoices/schema';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/types';

export type Invoice = z.infer<typeof invoiceSchema>;
export type InvoiceStatus = Invoice['status'];
export type InvoiceLine = Invoice['lines'][number];
export type Payment = Invoice['payments'][number];
export type CreditNote = Invoice['creditNotes'][number];
export type LineInput = z.input<typeof lineInput>;
export type PaymentInput = z.input<typeof paymentBody>;
export type CreditNoteInput = z.input<typeof creditNoteBody>;

/** Who an invoice is for: a customer or a company. */
export type Payer = { customerId: string; companyId?: undefined } | { companyId: string; customerId?: undefined };

/** The tabs of Billing > Invoices; "overdue" is issued invoices past their due date with money still due. */
export const INVOICE_TABS = ['draft', 'issued', 'overdue', 'paid', 'void'] as const;
export type InvoiceTab = (typeof INVOICE_TABS)[number];

export interface InvoiceFilter {
  tab?: InvoiceTab;
  customerId?: string;
  companyId?: string;
}

export const invoiceKeys = {
  /** Every invoice query of a location (lists and single invoices). */
  all: (locationId: string) => ['invoices', locationId] as const,
  list: (locationId: string, filter: InvoiceFilter) => [...invoiceKeys.all(locationId), 'list', filter] as const,
  detail: (locationId: string, invoiceId: string) => [...invoiceKeys.all(locationId), 'one', invoiceId] as const,
};

const invoicesPath = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/invoices`;
const invoicePath = (locationId: string, invoiceId: string) => `${invoicesPath(locationId)}/${encodeURIComponent(invoiceId)}`;

/** The PDF of an invoice: a plain link, so the browser downloads the file the server names ("INV-2026-0001.pdf"). */
export const invoicePdfUrl = (locationId: string, invoiceId: string) => `/api/v1${invoicePath(locationId, invoiceId)}/pdf`;

function listQuery(filter: InvoiceFilter) {
  const { tab, customerId, companyId } = filter;
  return {
    status: tab === 'overdue' ? undefined : tab,
    overdue: tab === 'overdue' ? 'true' : undefined,
    customerId,
    companyId,
  };
}

/** Invoices newest first, `pageSize` at a time ("Load more" reads the next page). */
export function useInvoices(locationId: string, filter: InvoiceFilter, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: [...invoiceKeys.list(locationId, filter), pageSize],
    queryFn: ({ pageParam }) => api.get<Page<Invoice>>(invoicesPath(locationId), { ...listQuery(filter), limit: pageSize, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

export function useInvoice(locationId: string, invoiceId: string) {
  return useQuery({
    queryKey: invoiceKeys.detail(locationId, invoiceId),
    queryFn: async () => (await api.get<{ invoice: Invoice }>(invoicePath(locationId, invoiceId))).invoice,
  });
}

/** The invoice as the server answered it replaces the cached one at once; every list refreshes. */
function useInvoiceChange<Input, Output extends { invoice: Invoice }>(locationId: string, call: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: ({ invoice }) => {
      queryClient.setQueryData(invoiceKeys.detail(locationId, invoice.id), invoice);
      return refreshLists(queryClient, locationId);
    },
  });
}

function refreshLists(queryClient: QueryClient, locationId: string) {
  return queryClient.invalidateQueries({ queryKey: [...invoiceKeys.all(locationId), 'list'] });
}

export function useCreateInvoice(locationId: string) {
  return useInvoiceChange(locationId, (input: Payer & { lines: LineInput[] }) => api.post<{ invoice: Invoice }>(invoicesPath(locationId), input));
}

export function useSaveDraft(locationId: string, invoiceId: string) {
  return useInvoiceChange(locationId, (lines: LineInput[]) => api.patch<{ invoice: Invoice }>(invoicePath(locationId, invoiceId), { lines }));
}

export function useIssueInvoice(locationId: string, invoiceId: string) {
  return useInvoiceChange(locationId, () => api.post<{ invoice: Invoice }>(`${invoicePath(locationId, invoiceId)}/issue`));
}

export function useVoidInvoice(locationId: string, invoiceId: string) {
  return useInvoiceChange(locationId, () => api.post<{ invoice: Invoice }>(`${invoicePath(locationId, invoiceId)}/void`));
}

/** A payment, sent with the Idempotency-Key of the dialog it comes from: pressing twice, or a retry, records it once. */
export function useRecordPayment(locationId: string, invoiceId: string) {
  return useInvoiceChange(locationId, ({ idempotencyKey, ...input }: PaymentInput & { idempotencyKey: string }) =>
    api.post<{ invoice: Invoice; payment: Payment }>(`${invoicePath(locationId, invoiceId)}/payments`, input, { 'Idempotency-Key': idempotencyKey }),
  );
}

export function useAddCreditNote(locationId: string, invoiceId: string) {
  return useInvoiceChange(locationId, ({ idempotencyKey, ...input }: CreditNoteInput & { idempotencyKey: string }) =>
    api.post<{ invoice: Invoice; creditNote: CreditNote }>(`${invoicePath(locationId, invoiceId)}/credit-notes`, input, {
      'Idempotency-Key': idempotencyKey,
    }),
  );
}

/** Deletes a draft; its page leaves, so its cached copy goes too. */
export function useDeleteDraft(locationId: string, invoiceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(invoicePath(locationId, invoiceId)),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: invoiceKeys.detail(locationId, invoiceId) });
      return refreshLists(queryClient, locationId);
    },
  });
}

/** Deletes a mistaken manual payment; the invoice asks for that money again (204, so the invoice is read again). */
export function useDeletePayment(locationId: string, invoiceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (paymentId: string) => api.delete(`${invoicePath(locationId, invoiceId)}/payments/${encodeURIComponent(paymentId)}`),
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: invoiceKeys.detail(locationId, invoiceId) }), refreshLists(queryClient, locationId)]),
  });
}

/** A key for one attempt at a change that must happen once (a payment, a credit note), fresh for each dialog opened. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only on secure pages (https, localhost); an installation reached over plain http still needs a key
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
