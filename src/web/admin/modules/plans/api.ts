// Plans of a location: their query keys, the list, and add, edit, archive and delete (each refreshing the list).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createPlanBody, planSchema, updatePlanBody } from '../../../../server/modules/plans/schema';
import { api } from '../../../lib/api';

export type Plan = z.infer<typeof planSchema>;
export type PlanInput = z.input<typeof createPlanBody>;
export type PlanUpdate = z.input<typeof updatePlanBody>;

export const planKeys = {
  all: (locationId: string) => ['locations', locationId, 'plans'] as const,
  list: (locationId: string) => [...planKeys.all(locationId), 'list'] as const,
};

const plansPath = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/plans`;
const planPath = (locationId: string, planId: string) => `${plansPath(locationId)}/${encodeURIComponent(planId)}`;

/** Every plan of the location, archived ones included (a location sells a handful, up to 200 are read). */
export function usePlans(locationId: string, enabled = true) {
  return useQuery({
    queryKey: planKeys.list(locationId),
    queryFn: () => api.get<{ items: Plan[]; nextCursor: string | null }>(plansPath(locationId), { limit: 200 }),
    enabled,
  });
}

function useRefreshPlans(locationId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: planKeys.all(locationId) });
}

export function useSavePlan(locationId: string, planId?: string) {
  const refresh = useRefreshPlans(locationId);
  return useMutation({
    mutationFn: (input: PlanInput) =>
      planId ? api.patch<{ plan: Plan }>(planPath(locationId, planId), input) : api.post<{ plan: Plan }>(plansPath(locationId), input),
    onSuccess: refresh,
  });
}

export function useSetPlanArchived(locationId: string) {
  const refresh = useRefreshPlans(locationId);
  return useMutation({
    mutationFn: ({ planId, archived }: { planId: string; archived: boolean }) => api.patch<{ plan: Plan }>(planPath(locationId, planId), { archived }),
    onSuccess: refresh,
  });
}

export function useDeletePlan(locationId: string) {
  const refresh = useRefreshPlans(locationId);
  return useMutation({ mutationFn: (planId: string) => api.delete(planPath(locationId, planId)), onSuccess: refresh });
}
