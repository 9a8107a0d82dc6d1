// Customers of a location: their query keys, the paged list with its filters, the tab counts, the CSV export link, one
// customer's profile, and the calls that change them (add a nonmember, edit, remove, restore) with what they refresh.
import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type {
  addNonmemberBody,
  customerCountsAnswer,
  customerListAnswer,
  profileAnswer,
  updateCustomerBody,
} from '../../../../server/modules/customers/schema';
import { api, isApiError } from '../../../lib/api';
import type { Customer, CustomerStatus, CustomerType } from '../../../lib/types';
import { companyKeys } from '../companies/api';

export const SORT_FIELDS = ['name', 'created', 'last_active'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
/** The server's sort: a field, descending with a leading "-"; empty means its default (newest first). */
export type CustomerSort = SortField | `-${SortField}` | '';

export type CustomerSource = Customer['source'];
export const SOURCES = [
  'invitation',
  'mass_invitation',
  'join_request',
  'manual',
  'reception',
  'purchase',
  'self_sign_up',
  'transfer',
] as const satisfies readonly CustomerSource[];

/** The list page's filters as the URL keeps them: every one a string, empty when not set. */
export interface CustomerFilters {
  type: CustomerType;
  q: string;
  status: CustomerStatus | '';
  companyId: string;
  /** the people a live subscription of this plan covers (their own or their company's) */
  planId: string;
  source: CustomerSource | '';
  /** YYYY-MM-DD, both ends included */
  createdFrom: string;
  createdTo: string;
  sort: CustomerSort;
}

export type CustomerPage = z.infer<typeof customerListAnswer>;
export type CustomerCounts = z.infer<typeof customerCountsAnswer>;
export type NonmemberInput = z.input<typeof addNonmemberBody>;
export type CustomerProfile = z.infer<typeof profileAnswer>;
export type ProfileCustomer = CustomerProfile['customer'];
export type Activity = CustomerProfile['activities'][number];
export type CustomerUpdate = z.input<typeof updateCustomerBody>;

/**
 * Lists (keys starting with "customers") and profiles (starting with "customer") are apart, so that refreshing every
 * list never refetches an open profile; a profile's notes and attachments live under its key.
 */
export const customerKeys = {
  /** Every customer list of every location. */
  everyLocation: () => ['customers'] as const,
  /** Every query about a location's customers (lists, counts, pickers, a company's people). */
  all: (locationId: string) => ['customers', locationId] as const,
  list: (locationId: string, filters: CustomerFilters) => [...customerKeys.all(locationId), filters] as const,
  counts: (locationId: string) => [...customerKeys.all(locationId), 'counts'] as const,
  search: (locationId: string, q: string) => [...customerKeys.all(locationId), 'search', q] as const,
  /** Every customer profile of a location. */
  profiles: (locationId: string) => ['customer', locationId] as const,
  detail: (locationId: string, customerId: string) => [...customerKeys.profiles(locationId), customerId] as const,
};

const PAGE_SIZE = 50;
const base = (locationId: string) => `/locations/${encodeURIComponent(locationId)}`;
export const customerPath = (locationId: string, customerId: string) => `${base(locationId)}/customers/${encodeURIComponent(customerId)}`;

const customersQuery = (locationId: string, filters: CustomerFilters) =>
  infiniteQueryOptions({
    queryKey: customerKeys.list(locationId, filters),
    queryFn: ({ pageParam }) => api.get<CustomerPage>(`${base(locationId)}/customers`, { ...filters, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });

export function useCustomers(locationId: string, filters: CustomerFilters) {
  return useInfiniteQuery({
    ...customersQuery(locationId, filters),
    // Keep the rows on screen while a new search loads instead of flashing a skeleton at each keystroke;
    // never another location's rows, though.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === locationId ? keepPreviousData(previous) : undefined),
  });
}

/**
 * Asks for a list before the page shows its filters: a search's request leaves as the typing pauses, while the page
 * re-renders for the new address, rather than after it (the list's query then finds it in flight).
 */
export function usePrefetchCustomers(locationId: string) {
  const queryClient = useQueryClient();
  return useCallback((filters: CustomerFilters) => void queryClient.prefetchInfiniteQuery(customersQuery(locationId, filters)), [queryClient, locationId]);
}

/** How many members, nonmembers and companies (removed ones not counted), for the tabs. */
export function useCustomerCounts(locationId: string) {
  return useQuery({
    queryKey: customerKeys.counts(locationId),
    queryFn: () => api.get<CustomerCounts>(`${base(locationId)}/customers/counts`),
  });
}

/** A short search over all customers of the location, for pickers ("Add existing customer"). */
export function useCustomerSearch(locationId: string, q: string) {
  return useQuery({
    queryKey: customerKeys.search(locationId, q),
    queryFn: () => api.get<CustomerPage>(`${base(locationId)}/customers`, { q, sort: 'name', limit: 20 }),
    placeholderData: keepPreviousData,
  });
}

/** The CSV export of the current filter: a plain link, so the browser streams the file to disk. */
export function exportUrl(locationId: string, filters: CustomerFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const search = params.toString();
  return `/api/v1${base(locationId)}/customers/export.csv${search ? `?${search}` : ''}`;
}

const profileQuery = (locationId: string, customerId: string) =>
  queryOptions({ queryKey: customerKeys.detail(locationId, customerId), queryFn: () => api.get<CustomerProfile>(customerPath(locationId, customerId)) });

/** The profile: details, company, administrator role and activities. */
export function useCustomerProfile(locationId: string, customerId: string) {
  return useQuery(profileQuery(locationId, customerId));
}

/** Refreshes a list of the profile (its notes, its attachments), and the profile itself, whose activities gain the step. */
export function refreshWithProfile(queryClient: QueryClient, listKey: QueryKey, locationId: string, customerId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: listKey }),
    queryClient.invalidateQueries({ queryKey: customerKeys.detail(locationId, customerId), exact: true }),
  ]);
}

/** Every list showing a customer: the customers of every location, and the companies (their people and counts). */
function refreshLists(queryClient: QueryClient, locationId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: customerKeys.everyLocation() }),
    queryClient.invalidateQueries({ queryKey: companyKeys.all(locationId) }),
  ]);
}

export function useAddNonmember(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NonmemberInput) => api.post<{ customer: Customer }>(`${base(locationId)}/nonmembers`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerKeys.all(locationId) }),
  });
}

/** Sends only the changes; the profile and every customer list show them. */
export function useUpdateCustomer(locationId: string, customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: CustomerUpdate) => api.patch<{ customer: Customer }>(customerPath(locationId, customerId), changes),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKeys.detail(locationId, customerId), exact: true }),
        queryClient.invalidateQueries({ queryKey: customerKeys.everyLocation() }),
      ]),
  });
}

/**
 * Removes the customer from the location; answers whether the profile is gone too (a never-activated account with
 * nothing else anywhere is deleted with its record), asking the server again rather than guessing.
 */
export function useRemoveCustomer(locationId: string, customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<{ deleted: boolean }> => {
      await api.delete(customerPath(locationId, customerId));
      await refreshLists(queryClient, locationId);
      return queryClient.fetchQuery({ ...profileQuery(locationId, customerId), staleTime: 0 }).then(
        () => ({ deleted: false }),
        (error: unknown) => ({ deleted: isApiError(error, 404) }),
      );
    },
  });
}

export function useRestoreCustomer(locationId: string, customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ customer: Customer }>(`${customerPath(locationId, customerId)}/restore`),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKeys.detail(locationId, customerId), exact: true }),
        refreshLists(queryClient, locationId),
      ]),
  });
}
