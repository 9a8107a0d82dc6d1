// The locations the person can see (GET /locations): their details, such as the country phone numbers are read in.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Location } from '../../../lib/types';

export const locationKeys = {
  all: ['locations'] as const,
};

export function useLocations() {
  return useQuery({ queryKey: locationKeys.all, queryFn: () => api.get<{ items: Location[] }>('/locations') });
}

/** The country of a location the person can see ('' when unknown), for phone numbers in national format. */
export function countryOf(locations: Location[] | undefined, locationId: string | undefined): string {
  return locations?.find((location) => location.id === locationId)?.country ?? '';
}
