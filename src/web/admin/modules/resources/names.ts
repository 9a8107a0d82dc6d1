// Names of the customers and companies that bookings and assignments point at, read from their profiles (shared with the
// profile pages' cache). They need the customers permission; without it the callers say "a customer".
import { useQueries } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { fullName } from '../../../lib/session';
import { useAdmin, useAdminLocation } from '../../admin-context';
import type { Company } from '../companies/api';
import { companyKeys } from '../companies/api';
import { type CustomerProfile, customerKeys, customerPath } from '../customers/api';

/** Names by id of the customers given (each read once and kept a few minutes); a missing one is still loading or not readable. */
export function useCustomerNames(ids: readonly (string | null)[]): Map<string, string> {
  const { access } = useAdmin();
  const location = useAdminLocation();
  const allowed = access.can(location, 'customers');
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const results = useQueries({
    queries: unique.map((customerId) => ({
      queryKey: customerKeys.detail(location.id, customerId),
      queryFn: () => api.get<CustomerProfile>(customerPath(location.id, customerId)),
      enabled: allowed,
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  const names = new Map<string, string>();
  results.forEach((result, index) => {
    if (result.data) names.set(unique[index], fullName(result.data.customer));
  });
  return names;
}

/** Names by id of the companies given. */
export function useCompanyNames(ids: readonly (string | null)[]): Map<string, string> {
  const { access } = useAdmin();
  const location = useAdminLocation();
  const allowed = access.can(location, 'customers');
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const results = useQueries({
    queries: unique.map((companyId) => ({
      queryKey: companyKeys.detail(location.id, companyId),
      queryFn: () => api.get<{ company: Company }>(`/locations/${encodeURIComponent(location.id)}/companies/${encodeURIComponent(companyId)}`),
      enabled: allowed,
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  const names = new Map<string, string>();
  results.forEach((result, index) => {
    if (result.data) names.set(unique[index], result.data.company.name);
  });
  return names;
}
