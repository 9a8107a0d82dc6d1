// The portal's events and tickets: upcoming events the person may see, their own tickets (with QR codes), get a ticket
// (one Idempotency-Key per sheet) and cancel one; each refreshes the lists and the balances.
import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { myTicketSchema, portalEventSchema, ticketBody } from '../../../../server/modules/events/schema';
import { api } from '../../../lib/api';
import { billingKeys } from '../billing/api';

export type PortalEvent = z.infer<typeof portalEventSchema>;
export type MyTicket = z.infer<typeof myTicketSchema>;
export type TicketInput = z.input<typeof ticketBody>;
export interface Refunded {
  credits: number;
  dayPasses: number;
  amount: number;
  expiredNotReturned: number;
}
type Page<T> = { items: T[]; nextCursor: string | null };

export const portalEventKeys = {
  at: (locationId: string) => ['portal-events', locationId] as const,
  upcoming: (locationId: string) => [...portalEventKeys.at(locationId), 'upcoming'] as const,
  mine: (locationId: string) => [...portalEventKeys.at(locationId), 'mine'] as const,
};

const base = (locationId: string) => `/portal/locations/${encodeURIComponent(locationId)}`;

export function useUpcomingEvents(locationId: string) {
  return useInfiniteQuery<Page<PortalEvent>, Error, InfiniteData<Page<PortalEvent>>, readonly unknown[], string | null>({
    queryKey: portalEventKeys.upcoming(locationId),
    queryFn: ({ pageParam }) => api.get<Page<PortalEvent>>(`${base(locationId)}/events`, { cursor: pageParam }),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useMyTickets(locationId: string) {
  return useInfiniteQuery<Page<MyTicket>, Error, InfiniteData<Page<MyTicket>>, readonly unknown[], string | null>({
    queryKey: portalEventKeys.mine(locationId),
    queryFn: ({ pageParam }) => api.get<Page<MyTicket>>(`${base(locationId)}/tickets`, { cursor: pageParam }),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

function refresh(queryClient: ReturnType<typeof useQueryClient>, locationId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: portalEventKeys.at(locationId) }),
    queryClient.invalidateQueries({ queryKey: billingKeys.at(locationId) }),
  ]);
}

export function useGetTicket(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ eventId, input, idempotencyKey }: { eventId: string; input: TicketInput; idempotencyKey: string }) =>
      api.post<{ ticket: MyTicket; checkoutUrl: string | null }>(`${base(locationId)}/events/${encodeURIComponent(eventId)}/tickets`, input, {
        'Idempotency-Key': idempotencyKey,
      }),
    onSuccess: () => refresh(queryClient, locationId),
  });
}

export function useCancelTicket(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ticketId: string) => api.post<{ ticket: MyTicket; refunded: Refunded }>(`${base(locationId)}/tickets/${encodeURIComponent(ticketId)}/cancel`),
    onSuccess: () => refresh(queryClient, locationId),
  });
}
