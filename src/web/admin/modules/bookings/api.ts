// Bookings of a location for administrators: their query keys, the bookings between two local dates (a calendar's days,
// a customer's upcoming ones), booking for a customer and cancelling, with what they refresh (the calendar, the
// customer's cards, and the balances and invoices a booking moves).
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { adminBookingBody, bookingSchema } from '../../../../server/modules/bookings/schema';
import { api } from '../../../lib/api';
import { billingKeys } from '../billing/api';
import { invoiceKeys } from '../invoices/api';

export type Booking = z.infer<typeof bookingSchema>;
export type BookingInput = z.input<typeof adminBookingBody>;
export type PaymentMethod = Booking['paymentMethod'];
export interface Refunded {
  credits: number;
  dayPasses: number;
  /** money given back by credit note, minor units */
  amount: number;
  /** credits and day passes whose lots expired since: not given back */
  expiredNotReturned: number;
}

/** Whose bookings, between which local dates (both included). */
export interface BookingRange {
  from: string;
  to: string;
  customerId?: string;
}

export const bookingKeys = {
  /** Every query about a location's bookings. */
  all: (locationId: string) => ['bookings', locationId] as const,
  range: (locationId: string, range: BookingRange) => [...bookingKeys.all(locationId), range] as const,
  /** Not under `all`: a booking does not change them. */
  providers: (locationId: string) => ['payment-providers', locationId] as const,
};

const bookingsPath = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/bookings`;
type BookingPage = { items: Booking[]; nextCursor: string | null };

/** Every booking (canceled ones included) starting between two local dates, by start; a busy week is read in pages of 500. */
export function useBookings(locationId: string, range: BookingRange, enabled = true) {
  return useQuery({
    queryKey: bookingKeys.range(locationId, range),
    queryFn: async () => {
      const items: Booking[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const answer: BookingPage = await api.get<BookingPage>(bookingsPath(locationId), { ...range, limit: 500, cursor });
        items.push(...answer.items);
        cursor = answer.nextCursor;
        if (!cursor) break;
      }
      return { items };
    },
    enabled,
  });
}

/**
 * A booking or a cancel moves the calendar and the profiles' booking cards, the balances and ledger of whoever paid
 * (credits and day passes spent or given back), and the invoices: a booking paid by invoice or card issues one, a cancel
 * credits or voids it (the invoice lists, the profiles' invoice cards and the invoice pages).
 */
function refreshBookings(queryClient: QueryClient, locationId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: bookingKeys.all(locationId) }),
    queryClient.invalidateQueries({ queryKey: billingKeys.all(locationId) }),
    queryClient.invalidateQueries({ queryKey: invoiceKeys.all(locationId) }),
  ]);
}

/** Whether a card can pay here: the installation's online payment providers (none: no card; the server refuses it). */
export function usePaymentProviders(locationId: string) {
  return useQuery({
    queryKey: bookingKeys.providers(locationId),
    queryFn: () => api.get<{ items: { name: string }[] }>(`/locations/${encodeURIComponent(locationId)}/payment-providers`),
    staleTime: 5 * 60_000,
  });
}

/** Books for a customer with the Idempotency-Key of the form it comes from: a double click or a retry books once. */
export function useBook(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: BookingInput; idempotencyKey: string }) =>
      api.post<{ booking: Booking; checkoutUrl: string | null }>(bookingsPath(locationId), input, { 'Idempotency-Key': idempotencyKey }),
    onSuccess: () => refreshBookings(queryClient, locationId),
  });
}

export function useCancelBooking(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ bookingId, refund }: { bookingId: string; refund: boolean }) =>
      api.post<{ booking: Booking; refunded: Refunded }>(`${bookingsPath(locationId)}/${encodeURIComponent(bookingId)}/cancel`, { refund }),
    onSuccess: () => refreshBookings(queryClient, locationId),
  });
}
