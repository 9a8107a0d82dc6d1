// The person's bookings at a location (portal): the day grid of free slots, booking with an Idempotency-Key, their
// upcoming bookings and their past and canceled ones page by page, canceling with what came back, and whether a card
// can pay here.
import { type InfiniteData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { availabilitySchema, bookingBody, bookingSchema } from '../../../../server/modules/bookings/schema';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/types';
import { billingKeys } from '../billing/api';
import { invoiceKeys } from '../invoices/api';

export type Availability = z.infer<typeof availabilitySchema>;
export type AvailableResource = Availability['resources'][number];
export type Booking = z.infer<typeof bookingSchema>;
export type BookingInput = z.input<typeof bookingBody>;
export interface Refunded {
  credits: number;
  dayPasses: number;
  /** money given back by credit note, in minor units */
  amount: number;
  /** credits and day passes whose lots expired since: not given back */
  expiredNotReturned: number;
}

/** What the summary hands to My bookings after booking (router state), to say it was booked. */
export interface BookedState {
  booked: Booking;
}

export const bookingKeys = {
  all: ['bookings'] as const,
  at: (locationId: string) => [...bookingKeys.all, locationId] as const,
  availability: (locationId: string, date: string) => [...bookingKeys.at(locationId), 'availability', date] as const,
  mine: (locationId: string) => [...bookingKeys.at(locationId), 'mine'] as const,
  past: (locationId: string) => [...bookingKeys.at(locationId), 'past'] as const,
  providers: (locationId: string) => [...bookingKeys.at(locationId), 'payment-providers'] as const,
};

const base = (locationId: string) => `/portal/locations/${encodeURIComponent(locationId)}`;

/** Every resource the person may see on one local date, with its slots (all types: the page filters by type). */
export function useAvailability(locationId: string, date: string) {
  return useQuery({
    queryKey: bookingKeys.availability(locationId, date),
    queryFn: () => api.get<Availability>(`${base(locationId)}/availability`, { date }),
  });
}

/** Whether a card can pay here: the location's online payment providers (none: no card). */
export function usePaymentProviders(locationId: string) {
  return useQuery({
    queryKey: bookingKeys.providers(locationId),
    queryFn: () => api.get<{ items: { name: string }[] }>(`/locations/${encodeURIComponent(locationId)}/payment-providers`),
    staleTime: 5 * 60_000,
  });
}

/** The person's upcoming bookings, soonest first, page by page. */
export function useMyBookings(locationId: string) {
  return useInfiniteQuery<Page<Booking>, Error, InfiniteData<Page<Booking>>, readonly unknown[], string | null>({
    queryKey: bookingKeys.mine(locationId),
    queryFn: ({ pageParam }) => api.get<Page<Booking>>(`${base(locationId)}/bookings`, { upcoming: true, cursor: pageParam }),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The person's bookings that have ended or were canceled, newest first, page by page. */
export function useMyPastBookings(locationId: string) {
  return useInfiniteQuery<Page<Booking>, Error, InfiniteData<Page<Booking>>, readonly unknown[], string | null>({
    queryKey: bookingKeys.past(locationId),
    queryFn: ({ pageParam }) => api.get<Page<Booking>>(`${base(locationId)}/bookings`, { upcoming: false, cursor: pageParam, limit: 20 }),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/**
 * A booking spends credits or day passes or issues an invoice, a cancel gives them back or credits the invoice: the grid,
 * the lists, the balances and the invoices (the Billing tab's list and the invoice pages) are read again.
 */
function refreshAfterChange(queryClient: ReturnType<typeof useQueryClient>, locationId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: bookingKeys.at(locationId) }),
    queryClient.invalidateQueries({ queryKey: billingKeys.at(locationId) }),
    queryClient.invalidateQueries({ queryKey: invoiceKeys.list(locationId) }),
    queryClient.invalidateQueries({ queryKey: invoiceKeys.ones }),
  ]);
}

export function useBook(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: BookingInput; idempotencyKey: string }) =>
      api.post<{ booking: Booking; checkoutUrl: string | null }>(`${base(locationId)}/bookings`, input, { 'Idempotency-Key': idempotencyKey }),
    onSuccess: () => refreshAfterChange(queryClient, locationId),
  });
}

export function useCancelBooking(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (bookingId: string) =>
      api.post<{ booking: Booking; refunded: Refunded }>(`${base(locationId)}/bookings/${encodeURIComponent(bookingId)}/cancel`),
    onSuccess: () => refreshAfterChange(queryClient, locationId),
  });
}
