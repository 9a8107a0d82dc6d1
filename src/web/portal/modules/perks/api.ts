// Perks at a location (portal): the benefits the person may see, applying with an optional message, and their own
// applications with status and note.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { applicationSchema, benefitSchema } from '../../../../server/modules/benefits/schema';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/types';

export type Perk = z.infer<typeof benefitSchema>;
export type MyApplication = z.infer<typeof applicationSchema>;

export const perkKeys = {
  at: (locationId: string) => ['perks', locationId] as const,
  list: (locationId: string) => [...perkKeys.at(locationId), 'list'] as const,
  mine: (locationId: string) => [...perkKeys.at(locationId), 'mine'] as const,
};

const base = (locationId: string) => `/portal/locations/${encodeURIComponent(locationId)}`;

export function usePerks(locationId: string) {
  return useQuery({ queryKey: perkKeys.list(locationId), queryFn: () => api.get<Page<Perk>>(`${base(locationId)}/benefits`, { limit: 100 }) });
}

export function useMyApplications(locationId: string) {
  return useQuery({
    queryKey: perkKeys.mine(locationId),
    queryFn: () => api.get<Page<MyApplication>>(`${base(locationId)}/benefit-applications`, { limit: 100 }),
  });
}

export function useApply(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ perkId, message }: { perkId: string; message: string }) =>
      api.post<{ application: MyApplication }>(`${base(locationId)}/benefits/${encodeURIComponent(perkId)}/applications`, message ? { message } : {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: perkKeys.at(locationId) }),
  });
}
