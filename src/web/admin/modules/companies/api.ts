// Companies of a location: the paged list, one company, its people, and the calls that change them.
import { keepPreviousData, useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { companySchema } from '../../../../server/modules/companies/schema';
import { api } from '../../../lib/api';
import type { Customer, Page } from '../../../lib/types';
import { customersKey } from '../customers/api';

export type Company = z.infer<typeof companySchema>;

export interface CompanyInput {
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  taxId: string | null;
}

/** Every query about a location's companies starts with this key. */
export const companiesKey = (locationId: string) => ['companies', locationId] as const;

/**
 * After a change to companies or their people: the company lists and pages, the customer lists (company column,
 * counts) and the customers' profiles (their company), whose keys start with "customer".
 */
export function refreshCompanies(queryClient: QueryClient, locationId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: companiesKey(locationId) }),
    queryClient.invalidateQueries({ queryKey: customersKey(locationId) }),
    queryClient.invalidateQueries({ queryKey: ['customer', locationId] }),
  ]);
}

const PAGE_SIZE = 50;
const companiesPath = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/companies`;
const companyPath = (locationId: string, companyId: string) => `${companiesPath(locationId)}/${encodeURIComponent(companyId)}`;
const personPath = (locationId: string, companyId: string, customerId: string) => `${companyPath(locationId, companyId)}/people/${encodeURIComponent(customerId)}`;

export function useCompanies(locationId: string, q: string) {
  return useInfiniteQuery({
    queryKey: [...companiesKey(locationId), 'list', q],
    queryFn: ({ pageParam }) => api.get<Page<Company>>(companiesPath(locationId), { q, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === locationId ? keepPreviousData(previous) : undefined),
  });
}

/** The first companies matching a search, for pickers. */
export function useCompanyOptions(locationId: string, q: string) {
  return useQuery({
    queryKey: [...companiesKey(locationId), 'options', q],
    queryFn: () => api.get<Page<Company>>(companiesPath(locationId), { q, limit: 50 }),
    placeholderData: keepPreviousData,
  });
}

export function useCompany(locationId: string, companyId: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: [...companiesKey(locationId), 'one', companyId],
    queryFn: () => api.get<{ company: Company }>(companyPath(locationId, companyId!)),
    enabled: Boolean(companyId) && enabled,
  });
}

/** The company's people (every type and status) by name, 200 at a time; under the customers key so any invitation refreshes it. */
export function useCompanyPeople(locationId: string, companyId: string) {
  return useInfiniteQuery({
    queryKey: [...customersKey(locationId), 'company', companyId],
    queryFn: ({ pageParam }) =>
      api.get<Page<Customer>>(`/locations/${encodeURIComponent(locationId)}/customers`, { companyId, sort: 'name', limit: 200, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

export const companiesApi = {
  create: (locationId: string, input: CompanyInput) => api.post<{ company: Company }>(companiesPath(locationId), input),
  update: (locationId: string, companyId: string, input: CompanyInput) => api.patch<{ company: Company }>(companyPath(locationId, companyId), input),
  remove: (locationId: string, companyId: string) => api.delete(companyPath(locationId, companyId)),
  addPerson: (locationId: string, companyId: string, customerId: string, manager: boolean) =>
    api.post(`${companyPath(locationId, companyId)}/people`, { customerId, manager }),
  setManager: (locationId: string, companyId: string, customerId: string, manager: boolean) =>
    api.patch<void>(personPath(locationId, companyId, customerId), { manager }),
  removePerson: (locationId: string, companyId: string, customerId: string) => api.delete(personPath(locationId, companyId, customerId)),
};
