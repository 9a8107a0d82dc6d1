// The kiosk's calls: what the paired tablet is (its location and screens), pairing, and what visitors send.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { hostSchema, kioskSchema, kioskTicketSchema, leadBody, visitBody, visitSchema } from '../../server/modules/reception/schema';
import { api, isApiError } from '../lib/api';

export type Kiosk = z.infer<typeof kioskSchema>;
export type Host = z.infer<typeof hostSchema>;
export type Visit = z.infer<typeof visitSchema>;
export type KioskTicket = z.infer<typeof kioskTicketSchema>;
export type LeadInput = z.input<typeof leadBody>;
export type VisitInput = z.input<typeof visitBody>;

export const kioskKeys = {
  me: ['reception', 'me'] as const,
  hosts: (q: string) => ['reception', 'hosts', q] as const,
};

/** The paired tablet; a 401 (not paired, or revoked) is an answer here, not a failure to retry. */
export function useKiosk() {
  return useQuery({
    queryKey: kioskKeys.me,
    queryFn: async () => {
      try {
        return await api.get<Kiosk>('/reception/me');
      } catch (error) {
        if (isApiError(error, 401)) return null;
        throw error;
      }
    },
    retry: (count, error) => isApiError(error, 0) && count < 2,
    // settings change in the admin app: read them again now and then
    refetchInterval: 5 * 60_000,
  });
}

export function usePair() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<{ device: { id: string; locationId: string; locationName: string } }>('/reception/pair', { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: kioskKeys.me }),
  });
}

export function useLeaveContacts() {
  return useMutation({ mutationFn: (input: LeadInput) => api.post<{ status: 'received' }>('/reception/leads', input) });
}

export function useHosts(q: string) {
  return useQuery({
    queryKey: kioskKeys.hosts(q),
    queryFn: () => api.get<{ items: Host[] }>('/reception/hosts', { q }),
    enabled: q.trim().length >= 2,
    staleTime: 30_000,
  });
}

export function useCheckInVisitor() {
  return useMutation({ mutationFn: (input: VisitInput) => api.post<{ visit: Visit }>('/reception/visits', input) });
}

export function useCheckInTicket() {
  return useMutation({ mutationFn: (code: string) => api.post<{ ticket: KioskTicket }>('/reception/check-in', { code }) });
}
