// The person's invoices in the portal: their own and, for company managers, the company's (never drafts), one invoice
// found among the person's locations (the emailed link carries no location), the location's payment providers, a
// checkout for what is due, and the dev provider's test checkout (PAYMENTS_DEV=1).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type { invoiceSchema } from '../../../../server/modules/invoices/schema';
import { api, isApiError } from '../../../lib/api';

export type Invoice = z.infer<typeof invoiceSchema>;

/** What GET /dev/checkout/:checkoutId answers (its schema is private to the server's routes). */
export interface DevCheckout {
  checkoutId: string;
  invoiceId: string;
  locationId: string;
  amount: number;
  currency: string;
  status: 'open' | 'paid' | 'failed' | 'expired';
  expiresAt: string;
}

/** How many invoices the Billing tab reads at a time ("Load more" reads the next ones). */
export const INVOICES_PAGE = 10;

export const invoiceKeys = {
  all: ['invoices'] as const,
  lists: ['invoices', 'list'] as const,
  list: (locationId: string) => [...invoiceKeys.lists, locationId] as const,
  ones: ['invoices', 'one'] as const,
  one: (locationId: string, invoiceId: string) => [...invoiceKeys.ones, locationId, invoiceId] as const,
  find: (invoiceId: string, locationIds: readonly string[]) => [...invoiceKeys.all, 'find', invoiceId, ...locationIds] as const,
  providers: (locationId: string) => ['payment-providers', locationId] as const,
  devCheckout: (checkoutId: string) => ['dev-checkout', checkoutId] as const,
};

const portalInvoices = (locationId: string) => `/portal/locations/${encodeURIComponent(locationId)}/invoices`;
const portalInvoice = (locationId: string, invoiceId: string) => `${portalInvoices(locationId)}/${encodeURIComponent(invoiceId)}`;

/** The portal's PDF route: the server answers it as a download (attachment), so a plain link fetches it. */
export const invoicePdfUrl = (locationId: string, invoiceId: string) => `/api/v1${portalInvoice(locationId, invoiceId)}/pdf`;

/** The person's invoices at a location, newest first, a page at a time. */
export function useInvoices(locationId: string) {
  return useInfiniteQuery({
    queryKey: invoiceKeys.list(locationId),
    queryFn: ({ pageParam }) =>
      api.get<{ items: Invoice[]; nextCursor: string | null }>(portalInvoices(locationId), { cursor: pageParam, limit: INVOICES_PAGE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * Which of the given locations holds the invoice, trying them in turn (a 404 means "not one of mine here"); the
 * invoice itself goes into the cache of useInvoice. Null when none of them has it.
 */
export function useFindInvoice(invoiceId: string, locationIds: readonly string[]) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: invoiceKeys.find(invoiceId, locationIds),
    queryFn: async (): Promise<{ locationId: string } | null> => {
      for (const locationId of locationIds) {
        try {
          const { invoice } = await api.get<{ invoice: Invoice }>(portalInvoice(locationId, invoiceId));
          queryClient.setQueryData(invoiceKeys.one(locationId, invoiceId), invoice);
          return { locationId };
        } catch (error) {
          if (!isApiError(error, 404)) throw error;
        }
      }
      return null;
    },
    // where an invoice lives does not change
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** One invoice, read again every `pollMs` while a payment is being confirmed. */
export function useInvoice(locationId: string, invoiceId: string, pollMs: number | false = false) {
  return useQuery({
    queryKey: invoiceKeys.one(locationId, invoiceId),
    queryFn: async () => (await api.get<{ invoice: Invoice }>(portalInvoice(locationId, invoiceId))).invoice,
    refetchInterval: pollMs,
  });
}

/** The payment providers of a location: empty when online payment is not set up there (then no "Pay now"). */
export function usePaymentProviders(locationId: string) {
  return useQuery({
    queryKey: invoiceKeys.providers(locationId),
    queryFn: () => api.get<{ items: { name: string }[] }>(`/locations/${encodeURIComponent(locationId)}/payment-providers`),
    staleTime: 5 * 60_000,
  });
}

/** A checkout with the location's provider for what the invoice still asks; the caller then leaves for its url. */
export function useStartCheckout(locationId: string, invoiceId: string) {
  return useMutation({
    mutationFn: () => api.post<{ url: string; expiresAt: string }>(`${portalInvoice(locationId, invoiceId)}/checkout`, {}),
  });
}

/** Forgets the invoices read so far at a location, so the Billing tab shows a payment that just landed. */
export function useRefreshInvoices() {
  const queryClient = useQueryClient();
  return useCallback((locationId: string) => queryClient.invalidateQueries({ queryKey: invoiceKeys.list(locationId) }), [queryClient]);
}

export function useDevCheckout(checkoutId: string) {
  return useQuery({
    queryKey: invoiceKeys.devCheckout(checkoutId),
    queryFn: () => api.get<DevCheckout>(`/dev/checkout/${encodeURIComponent(checkoutId)}`),
  });
}

/** The dev checkout's Pay and Fail buttons: the server applies the outcome as a provider's event. */
export function useCompleteDevCheckout(checkoutId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (outcome: 'paid' | 'failed') =>
      api.post<{ invoiceId: string; locationId: string; outcome: string }>(`/dev/checkout/${encodeURIComponent(checkoutId)}/complete`, { outcome }),
    onSettled: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: invoiceKeys.lists }), queryClient.invalidateQueries({ queryKey: invoiceKeys.ones })]),
  });
}
