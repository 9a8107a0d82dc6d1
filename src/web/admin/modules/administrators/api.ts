// Administrator calls (owner only): their query key, the list, add, change permissions, revoke.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AdministratorList, grantAdministratorBody, updateAdministratorBody } from '../../../../server/modules/administrators/schema';
import { api } from '../../../lib/api';
import type { Administrator } from '../../../lib/types';

export type AdministratorInput = z.input<typeof grantAdministratorBody>;
export type PermissionsInput = z.input<typeof updateAdministratorBody>;

export const administratorKeys = {
  all: () => ['administrators'] as const,
};

const administratorPath = (id: string) => `/administrators/${encodeURIComponent(id)}`;

export function useAdministrators() {
  return useQuery({ queryKey: administratorKeys.all(), queryFn: () => api.get<AdministratorList>('/administrators') });
}

function useRefreshAdministrators() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: administratorKeys.all() });
}

export function useAddAdministrator() {
  const refresh = useRefreshAdministrators();
  return useMutation({
    mutationFn: (input: AdministratorInput) => api.post<{ administrator: Administrator }>('/administrators', input),
    onSuccess: refresh,
  });
}

export function useSetPermissions() {
  const refresh = useRefreshAdministrators();
  return useMutation({
    mutationFn: ({ id, ...input }: PermissionsInput & { id: string }) => api.patch<{ administrator: Administrator }>(administratorPath(id), input),
    onSuccess: refresh,
  });
}

export function useRevokeAdministrator() {
  const refresh = useRefreshAdministrators();
  return useMutation({
    mutationFn: (id: string) => api.delete(administratorPath(id)),
    onSuccess: refresh,
  });
}
