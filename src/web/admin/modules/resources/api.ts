// Resources and assignments of a location: their query keys, the lists, and add, edit, archive, assign and end an
// assignment (each refreshing what shows it: the Resources page, the Bookings calendar, the customer's profile).
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { assignmentSchema, createAssignmentBody } from '../../../../server/modules/assignments/schema';
import type { createResourceBody, resourceSchema, updateResourceBody } from '../../../../server/modules/resources/schema';
import { api } from '../../../lib/api';

export type Resource = z.infer<typeof resourceSchema>;
export type ResourceType = Resource['type'];
export type ResourceInput = z.input<typeof createResourceBody>;
export type ResourceUpdate = z.input<typeof updateResourceBody>;
export type Assignment = z.infer<typeof assignmentSchema>;
export type AssignmentInput = z.input<typeof createAssignmentBody>;

export const RESOURCE_TYPES = [
  'meeting_room',
  'hot_desk',
  'dedicated_desk',
  'private_office',
  'parking',
  'equipment',
] as const satisfies readonly ResourceType[];

/** Whose assignments: one resource's, one customer's or one company's. */
export type AssignmentFilter = { resourceId: string } | { customerId: string } | { companyId: string };

export const resourceKeys = {
  /** Every query about a location's resources and assignments. */
  all: (locationId: string) => ['resources', locationId] as const,
  list: (locationId: string) => [...resourceKeys.all(locationId), 'list'] as const,
  assignments: (locationId: string, filter?: AssignmentFilter) =>
    filter ? ([...resourceKeys.all(locationId), 'assignments', filter] as const) : ([...resourceKeys.all(locationId), 'assignments'] as const),
};

const base = (locationId: string) => `/locations/${encodeURIComponent(locationId)}`;
const resourcePath = (locationId: string, resourceId: string) => `${base(locationId)}/resources/${encodeURIComponent(resourceId)}`;

type ResourcePage = { items: Resource[]; nextCursor: string | null };

/** Every resource of the location, archived ones included, by type and name (a location lends dozens; pages of 200 are read). */
export function useResources(locationId: string, enabled = true) {
  return useQuery({
    queryKey: resourceKeys.list(locationId),
    queryFn: async () => {
      const items: Resource[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const answer: ResourcePage = await api.get<ResourcePage>(`${base(locationId)}/resources`, { limit: 200, cursor });
        items.push(...answer.items);
        cursor = answer.nextCursor;
        if (!cursor) break;
      }
      return { items };
    },
    enabled,
  });
}

/** Resources and assignments change the calendar's columns and the profiles' cards too. */
function refreshResources(queryClient: QueryClient, locationId: string) {
  return queryClient.invalidateQueries({ queryKey: resourceKeys.all(locationId) });
}

export function useSaveResource(locationId: string, resourceId?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ResourceInput | ResourceUpdate) =>
      resourceId
        ? api.patch<{ resource: Resource }>(resourcePath(locationId, resourceId), input)
        : api.post<{ resource: Resource }>(`${base(locationId)}/resources`, input),
    onSuccess: () => refreshResources(queryClient, locationId),
  });
}

/** Archiving is the API's DELETE (bookings and assignments stay); unarchiving is an edit. */
export function useSetResourceArchived(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ resourceId, archived }: { resourceId: string; archived: boolean }) =>
      archived ? api.delete(resourcePath(locationId, resourceId)) : api.patch(resourcePath(locationId, resourceId), { archived: false }),
    onSuccess: () => refreshResources(queryClient, locationId),
  });
}

/** Assignments of one resource, customer or company (current, future and past, newest start first); all of them without a filter. */
export function useAssignments(locationId: string, filter?: AssignmentFilter, enabled = true) {
  return useQuery({
    queryKey: resourceKeys.assignments(locationId, filter),
    queryFn: () => api.get<{ items: Assignment[] }>(`${base(locationId)}/assignments`, filter),
    enabled,
  });
}

export function useAddAssignment(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AssignmentInput) => api.post<{ assignment: Assignment }>(`${base(locationId)}/assignments`, input),
    onSuccess: () => refreshResources(queryClient, locationId),
  });
}

export function useSetAssignmentEnd(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ assignmentId, endDate }: { assignmentId: string; endDate: string | null }) =>
      api.patch<{ assignment: Assignment }>(`${base(locationId)}/assignments/${encodeURIComponent(assignmentId)}`, { endDate }),
    onSuccess: () => refreshResources(queryClient, locationId),
  });
}
