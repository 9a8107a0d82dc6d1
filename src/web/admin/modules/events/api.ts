// Events of a location and their tickets: query keys, the lists, add, edit and cancel an event, and check a ticket in
// (each refreshing the event's page and the list).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { adminTicketSchema, createEventBody, eventSchema, updateEventBody } from '../../../../server/modules/events/schema';
import { api } from '../../../lib/api';

export type Event = z.infer<typeof eventSchema>;
export type EventInput = z.input<typeof createEventBody>;
export type EventUpdate = z.input<typeof updateEventBody>;
export type AdminTicket = z.infer<typeof adminTicketSchema>;
export type When = 'upcoming' | 'past';

export const eventKeys = {
  all: (locationId: string) => ['events', locationId] as const,
  list: (locationId: string, when: When) => [...eventKeys.all(locationId), 'list', when] as const,
  one: (locationId: string, eventId: string) => [...eventKeys.all(locationId), 'one', eventId] as const,
  tickets: (locationId: string, eventId: string) => [...eventKeys.all(locationId), 'tickets', eventId] as const,
};

const base = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/events`;
const eventPath = (locationId: string, eventId: string) => `${base(locationId)}/${encodeURIComponent(eventId)}`;
type Page<T> = { items: T[]; nextCursor: string | null };

/** Upcoming events soonest first, or past ones latest first (up to 500). */
export function useEvents(locationId: string, when: When) {
  return useQuery({
    queryKey: eventKeys.list(locationId, when),
    queryFn: async () => {
      const items: Event[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 5; page++) {
        const answer: Page<Event> = await api.get<Page<Event>>(base(locationId), { when, limit: 100, cursor });
        items.push(...answer.items);
        cursor = answer.nextCursor;
        if (!cursor) break;
      }
      return { items };
    },
  });
}

export function useEvent(locationId: string, eventId: string) {
  return useQuery({ queryKey: eventKeys.one(locationId, eventId), queryFn: () => api.get<{ event: Event }>(eventPath(locationId, eventId)) });
}

/** Every ticket of the event, in the order they were taken. */
export function useTickets(locationId: string, eventId: string) {
  return useQuery({
    queryKey: eventKeys.tickets(locationId, eventId),
    queryFn: async () => {
      const items: AdminTicket[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 50; page++) {
        const answer: Page<AdminTicket> = await api.get<Page<AdminTicket>>(`${eventPath(locationId, eventId)}/tickets`, { limit: 100, cursor });
        items.push(...answer.items);
        cursor = answer.nextCursor;
        if (!cursor) break;
      }
      return { items };
    },
  });
}

export function useSaveEvent(locationId: string, eventId?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EventInput | EventUpdate) =>
      eventId ? api.patch<{ event: Event }>(eventPath(locationId, eventId), input) : api.post<{ event: Event }>(base(locationId), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eventKeys.all(locationId) }),
  });
}

export function useCancelEvent(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (eventId: string) => api.post<{ event: Event }>(`${eventPath(locationId, eventId)}/cancel`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eventKeys.all(locationId) }),
  });
}

export function useCheckIn(locationId: string, eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<{ ticket: AdminTicket }>(`${eventPath(locationId, eventId)}/check-in`, { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eventKeys.tickets(locationId, eventId) }),
  });
}
