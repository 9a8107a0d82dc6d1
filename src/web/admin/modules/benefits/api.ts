// Benefits of a location (admin): their query keys, the perks list, add and edit, the applications inbox page by
// page, and approve or decline (each refreshing what it changed).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { applicationSchema, benefitSchema, createBenefitBody, decideBody } from '../../../../server/modules/benefits/schema';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/types';

export type Benefit = z.infer<typeof benefitSchema>;
export type BenefitInput = z.input<typeof createBenefitBody>;
export type Application = z.infer<typeof applicationSchema>;
export type ApplicationStatus = Application['status'];
export type Decision = z.input<typeof decideBody>;

export const benefitKeys = {
  all: (locationId: string) => ['locations', locationId, 'benefits'] as const,
  list: (locationId: string) => [...benefitKeys.all(locationId), 'list'] as const,
  applications: (locationId: string, status: ApplicationStatus | null) => [...benefitKeys.all(locationId), 'applications', status] as const,
};

const benefitsPath = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/benefits`;
const applicationsPath = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/benefit-applications`;

/** Every perk of the location (a location offers a handful; up to 200 are read). */
export function useBenefits(locationId: string) {
  return useQuery({
    queryKey: benefitKeys.list(locationId),
    queryFn: () => api.get<Page<Benefit>>(benefitsPath(locationId), { limit: 200 }),
  });
}

export function useSaveBenefit(locationId: string, benefitId?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BenefitInput) =>
      benefitId
        ? api.patch<{ benefit: Benefit }>(`${benefitsPath(locationId)}/${encodeURIComponent(benefitId)}`, input)
        : api.post<{ benefit: Benefit }>(benefitsPath(locationId), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: benefitKeys.all(locationId) }),
  });
}

/** The inbox, newest first, page by page; `status` null lists every status. */
export function useApplications(locationId: string, status: ApplicationStatus | null) {
  return useInfiniteQuery({
    queryKey: benefitKeys.applications(locationId, status),
    queryFn: ({ pageParam }) => api.get<Page<Application>>(applicationsPath(locationId), { status: status ?? undefined, limit: 30, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useDecide(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ applicationId, decision }: { applicationId: string; decision: Decision }) =>
      api.patch<{ application: Application }>(`${applicationsPath(locationId)}/${encodeURIComponent(applicationId)}`, decision),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: benefitKeys.all(locationId) }),
        queryClient.invalidateQueries({ queryKey: ['locations', locationId, 'purchases'] }),
      ]),
  });
}
