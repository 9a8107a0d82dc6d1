// Portal calls shared by several pages: the person's locations (for their country), and their company per location.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { companySchema } from '../../server/modules/companies/schema';
import { api, isApiError } from '../lib/api';
import type { Customer, Location, Me } from '../lib/types';

export type Company = z.infer<typeof companySchema>;

export interface CompanyPage {
  company: Company;
  people: Customer[];
  canManage: boolean;
}

export function useLocations() {
  return useQuery({ queryKey: ['locations'], queryFn: () => api.get<{ items: Location[] }>('/locations') });
}

/** The country of a location the person can see ('' when unknown), for phone numbers in national format. */
export function countryOf(locations: Location[] | undefined, locationId: string | undefined): string {
  return locations?.find((location) => location.id === locationId)?.country ?? '';
}

export const companyKey = (locationId: string) => ['portal', 'company', locationId] as const;
export const companyPath = (locationId: string) => `/portal/locations/${encodeURIComponent(locationId)}/company`;

/** The person's company at a location, or null when they are not in one there (the server answers 404). */
function fetchCompany(locationId: string): Promise<CompanyPage | null> {
  return api.get<CompanyPage>(companyPath(locationId)).catch((error: unknown) => {
    if (isApiError(error, 404)) return null;
    throw error;
  });
}

export function useCompany(locationId: string) {
  return useQuery({ queryKey: companyKey(locationId), queryFn: () => fetchCompany(locationId) });
}

/** The member locations where the person is in a company, as /me tells them. */
export function useCompanies(me: Me): { locationId: string; locationName: string; company: { id: string; name: string; manager: boolean } }[] {
  return me.memberships.flatMap((m) =>
    m.type === 'member' && m.status !== 'removed' && m.company ? [{ locationId: m.locationId, locationName: m.locationName, company: m.company }] : [],
  );
}
