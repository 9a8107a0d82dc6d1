// Companies of a location: their query keys, the paged list, one company, its people, and the calls that change them
// with what they refresh.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { companyMemberBody, companySchema, createCompanyBody, managerBody } from '../../../../server/modules/companies/schema';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/types';
import { customerKeys, type CustomerPage } from '../customers/api';

export type Company = z.infer<typeof companySchema>;
export type CompanyInput = z.input<typeof createCompanyBody>;
export type CompanyPersonInput = z.input<typeof companyMemberBody> & z.input<typeof managerBody>;

export const companyKeys = {
  /** Every query about a location's companies. */
  all: (locationId: string) => ['companies', locationId] as const,
  list: (locationId: string, q: string) => [...companyKeys.all(locationId), 'list', q] as const,
  options: (locationId: string, q: string) => [...companyKeys.all(locationId), 'options', q] as const,
  detail: (locationId: string, companyId: string | null | undefined) => [...companyKeys.all(locationId), 'one', companyId] as const,
  /** A company's people: a customer list, under the customers' key so that any invitation or customer change refreshes it. */
  people: (locationId: string, companyId: string) => [...customerKeys.all(locationId), 'company', companyId] as const,
};

/**
 * After a change to companies or their people: the company lists and pages, the customer lists (company column,
 * counts, the companies' people) and the customers' profiles (their company).
 */
export function refreshCompanies(queryClient: QueryClient, locationId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: companyKeys.all(locationId) }),
    queryClient.invalidateQueries({ queryKey: customerKeys.all(locationId) }),
    queryClient.invalidateQueries({ queryKey: customerKeys.profiles(locationId) }),
  ]);
}

const PAGE_SIZE = 50;
const companiesPath = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/companies`;
const companyPath = (locationId: string, companyId: string) => `${companiesPath(locationId)}/${encodeURIComponent(companyId)}`;
const personPath = (locationId: string, companyId: string, customerId: string) =>
  `${companyPath(locationId, companyId)}/people/${encodeURIComponent(customerId)}`;

export function useCompanies(locationId: string, q: string) {
  return useInfiniteQuery({
    queryKey: companyKeys.list(locationId, q),
    queryFn: ({ pageParam }) => api.get<Page<Company>>(companiesPath(locationId), { q, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === locationId ? keepPreviousData(previous) : undefined),
  });
}

/** The first companies matching a search, for pickers. */
export function useCompanyOptions(locationId: string, q: string) {
  return useQuery({
    queryKey: companyKeys.options(locationId, q),
    queryFn: () => api.get<Page<Company>>(companiesPath(locationId), { q, limit: 50 }),
    placeholderData: keepPreviousData,
  });
}

export function useCompany(locationId: string, companyId: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: companyKeys.detail(locationId, companyId),
    queryFn: () => api.get<{ company: Company }>(companyPath(locationId, companyId!)),
    enabled: Boolean(companyId) && enabled,
  });
}

/** The company's people (every type and status) by name, 200 at a time. */
export function useCompanyPeople(locationId: string, companyId: string) {
  return useInfiniteQuery({
    queryKey: companyKeys.people(locationId, companyId),
    queryFn: ({ pageParam }) =>
      api.get<CustomerPage>(`/locations/${encodeURIComponent(locationId)}/customers`, { companyId, sort: 'name', limit: 200, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

/** Adds a company, or edits this one's details when `companyId` is given; a new name shows in the customer lists too. */
export function useSaveCompany(locationId: string, companyId?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CompanyInput) =>
      companyId ? api.patch<{ company: Company }>(companyPath(locationId, companyId), input) : api.post<{ company: Company }>(companiesPath(locationId), input),
    onSuccess: () => refreshCompanies(queryClient, locationId),
  });
}

/**
 * Deletes the company. `leave` (going away from its page) runs before the company is dropped from the cache, so that
 * its page never asks again for a company that is gone.
 */
export function useDeleteCompany(locationId: string, companyId: string, leave: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(companyPath(locationId, companyId)),
    onSuccess: () => {
      leave();
      queryClient.removeQueries({ queryKey: companyKeys.detail(locationId, companyId) });
      return refreshCompanies(queryClient, locationId);
    },
  });
}

/** Puts an existing customer into the company (moving them from another one), optionally as manager. */
export function useAddCompanyPerson(locationId: string, companyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ customerId, manager }: CompanyPersonInput) => api.post(`${companyPath(locationId, companyId)}/people`, { customerId, manager }),
    onSuccess: () => refreshCompanies(queryClient, locationId),
  });
}

export function useSetCompanyManager(locationId: string, companyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ customerId, manager }: CompanyPersonInput) => api.patch<void>(personPath(locationId, companyId, customerId), { manager }),
    onSuccess: () => refreshCompanies(queryClient, locationId),
  });
}

export function useRemoveCompanyPerson(locationId: string, companyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (customerId: string) => api.delete(personPath(locationId, companyId, customerId)),
    onSuccess: () => refreshCompanies(queryClient, locationId),
  });
}
