// Location calls of the admin app: their query key, list, create, update.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createLocationBody, updateLocationBody } from '../../../../server/modules/locations/schema';
import { api } from '../../../lib/api';
import type { Location } from '../../../lib/types';

export type LocationInput = z.input<typeof createLocationBody>;
export type LocationUpdate = z.input<typeof updateLocationBody>;

export const locationKeys = {
  all: () => ['locations'] as const,
};

export function useLocations() {
  return useQuery({ queryKey: locationKeys.all(), queryFn: () => api.get<{ items: Location[] }>('/locations') });
}

export function useCreateLocation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LocationInput) => api.post<{ location: Location }>('/locations', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: locationKeys.all() }),
  });
}

/** The saved location replaces its row in the cached list: every page reading it (the shell, the switcher) shows it at once. */
export function useUpdateLocation(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: LocationUpdate) => api.patch<{ location: Location }>(`/locations/${encodeURIComponent(locationId)}`, changes),
    onSuccess: ({ location: saved }) =>
      queryClient.setQueryData<{ items: Location[] }>(
        locationKeys.all(),
        (data) => data && { items: data.items.map((item) => (item.id === saved.id ? { ...item, ...saved } : item)) },
      ),
  });
}
