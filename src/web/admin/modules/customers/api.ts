// Customer list of a location, paged by cursor.
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Customer, CustomerStatus, CustomerType, Page } from '../../../lib/types';

export const SORT_FIELDS = ['name', 'created', 'last_active'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
/** The server's sort: a field, descending with a leading "-"; empty means its default (newest first). */
export type CustomerSort = SortField | `-${SortField}` | '';

export interface CustomerFilters {
  type: CustomerType;
  q: string;
  status: CustomerStatus | '';
  sort: CustomerSort;
}

const PAGE_SIZE = 50;

export function useCustomers(locationId: string, filters: CustomerFilters) {
  return useInfiniteQuery({
    queryKey: ['customers', locationId, filters],
    queryFn: ({ pageParam }) =>
      api.get<Page<Customer>>(`/locations/${encodeURIComponent(locationId)}/customers`, { ...filters, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    // Keep the rows on screen while a new search loads instead of flashing a skeleton at each keystroke;
    // never another location's rows, though.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === locationId ? keepPreviousData(previous) : undefined),
  });
}
