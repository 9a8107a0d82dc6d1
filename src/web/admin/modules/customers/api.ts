// Customers of a location: the list paged by cursor with its filters, the tab counts, the CSV export link, adding a nonmember.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Customer, CustomerStatus, CustomerType, Page } from '../../../lib/types';

export const SORT_FIELDS = ['name', 'created', 'last_active'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
/** The server's sort: a field, descending with a leading "-"; empty means its default (newest first). */
export type CustomerSort = SortField | `-${SortField}` | '';

export type CustomerSource = Customer['source'];
export const SOURCES = ['invitation', 'mass_invitation', 'join_request', 'manual', 'reception'] as const satisfies readonly CustomerSource[];

export interface CustomerFilters {
  type: CustomerType;
  q: string;
  status: CustomerStatus | '';
  companyId: string;
  source: CustomerSource | '';
  /** YYYY-MM-DD, both ends included */
  createdFrom: string;
  createdTo: string;
  sort: CustomerSort;
}

/** Every query about a location's customers (lists, counts, a company's people) starts with this key. */
export const customersKey = (locationId: string) => ['customers', locationId] as const;

const PAGE_SIZE = 50;
const base = (locationId: string) => `/locations/${encodeURIComponent(locationId)}`;

export function useCustomers(locationId: string, filters: CustomerFilters) {
  return useInfiniteQuery({
    queryKey: [...customersKey(locationId), filters],
    queryFn: ({ pageParam }) => api.get<Page<Customer>>(`${base(locationId)}/customers`, { ...filters, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    // Keep the rows on screen while a new search loads instead of flashing a skeleton at each keystroke;
    // never another location's rows, though.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === locationId ? keepPreviousData(previous) : undefined),
  });
}

export interface CustomerCounts {
  members: number;
  nonmembers: number;
  companies: number;
}

/** How many members, nonmembers and companies (removed ones not counted), for the tabs. */
export function useCustomerCounts(locationId: string) {
  return useQuery({
    queryKey: [...customersKey(locationId), 'counts'],
    queryFn: () => api.get<CustomerCounts>(`${base(locationId)}/customers/counts`),
  });
}

/** A short search over all customers of the location, for pickers ("Add existing customer"). */
export function useCustomerSearch(locationId: string, q: string) {
  return useQuery({
    queryKey: [...customersKey(locationId), 'search', q],
    queryFn: () => api.get<Page<Customer>>(`${base(locationId)}/customers`, { q, sort: 'name', limit: 20 }),
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

export interface NonmemberInput {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
}

export const customersApi = {
  addNonmember: (locationId: string, input: NonmemberInput) => api.post<{ customer: Customer }>(`${base(locationId)}/nonmembers`, input),
};
