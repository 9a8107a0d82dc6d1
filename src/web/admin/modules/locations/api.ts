// Location calls of the admin app: list, create, update.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Location } from '../../../lib/types';

export const locationsKey = ['locations'] as const;

export type LocationInput = Pick<Location, 'name' | 'address' | 'timeZone' | 'currency' | 'country'>;

export function useLocations() {
  return useQuery({ queryKey: locationsKey, queryFn: () => api.get<{ items: Location[] }>('/locations') });
}

export const locationsApi = {
  create: (input: LocationInput) => api.post<{ location: Location }>('/locations', input),
  update: (id: string, input: Partial<Omit<Location, 'id' | 'organizationId'>>) =>
    api.patch<{ location: Location }>(`/locations/${encodeURIComponent(id)}`, input),
};
