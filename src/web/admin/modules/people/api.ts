// The organization's Users page (admin): query keys, the list page by page, and the owner's blacklist switch.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { blacklistEntrySchema } from '../../../../server/modules/blacklist/schema';
import type { organizationUserSchema } from '../../../../server/modules/people/schema';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/types';

export type OrganizationUser = z.infer<typeof organizationUserSchema>;
export type BlacklistEntry = z.infer<typeof blacklistEntrySchema>;

export const peopleKeys = {
  all: (organizationId: string) => ['organizations', organizationId, 'users'] as const,
  list: (organizationId: string, q: string, blacklisted: boolean | null) => [...peopleKeys.all(organizationId), 'list', q, blacklisted] as const,
};

export function useOrganizationUsers(organizationId: string, q: string, blacklisted: boolean | null) {
  return useInfiniteQuery({
    queryKey: peopleKeys.list(organizationId, q, blacklisted),
    queryFn: ({ pageParam }) =>
      api.get<Page<OrganizationUser>>('/users', {
        organizationId,
        q: q || undefined,
        blacklisted: blacklisted === null ? undefined : String(blacklisted),
        limit: 50,
        cursor: pageParam,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useBlacklist(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; reason?: string }) =>
      api.post<{ entry: BlacklistEntry }>(`/blacklist?organizationId=${encodeURIComponent(organizationId)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: peopleKeys.all(organizationId) }),
  });
}

export function useLiftBlacklist(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (entryId: string) => api.delete(`/blacklist/${encodeURIComponent(entryId)}?organizationId=${encodeURIComponent(organizationId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: peopleKeys.all(organizationId) }),
  });
}
