// Administrator calls (owner only): list, add, change permissions, revoke.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Administrator, Permission } from '../../../lib/types';

export const administratorsKey = ['administrators'] as const;

export interface AdministratorInput {
  email: string;
  firstName: string;
  lastName?: string;
  locationId: string | null;
  permissions: Permission[];
}

export function useAdministrators() {
  return useQuery({ queryKey: administratorsKey, queryFn: () => api.get<{ items: Administrator[] }>('/administrators') });
}

export const administratorsApi = {
  add: (input: AdministratorInput) => api.post<{ administrator: Administrator }>('/administrators', input),
  setPermissions: (id: string, permissions: Permission[]) =>
    api.patch<{ administrator: Administrator }>(`/administrators/${encodeURIComponent(id)}`, { permissions }),
  revoke: (id: string) => api.delete(`/administrators/${encodeURIComponent(id)}`),
};
