// The usage report (admin): one month per location, the people behind it page by page, and the months of the chart.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { usageAnswer, usageMonthsAnswer, usageUserSchema } from '../../../../server/modules/usage/schema';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/types';

export type Usage = z.infer<typeof usageAnswer>;
export type UsageUser = z.infer<typeof usageUserSchema>;
export type UsageMonths = z.infer<typeof usageMonthsAnswer>;

export const usageKeys = {
  all: (organizationId: string) => ['organizations', organizationId, 'usage'] as const,
  month: (organizationId: string, month: string) => [...usageKeys.all(organizationId), 'month', month] as const,
  people: (organizationId: string, month: string, locationId: string | null) => [...usageKeys.all(organizationId), 'people', month, locationId] as const,
  months: (organizationId: string, from: string, to: string) => [...usageKeys.all(organizationId), 'months', from, to] as const,
};

export function useUsage(organizationId: string, month: string) {
  return useQuery({ queryKey: usageKeys.month(organizationId, month), queryFn: () => api.get<Usage>('/usage', { organizationId, month }) });
}

export function useUsagePeople(organizationId: string, month: string, locationId: string | null) {
  return useInfiniteQuery({
    queryKey: usageKeys.people(organizationId, month, locationId),
    queryFn: ({ pageParam }) => api.get<Page<UsageUser>>('/usage/users', { organizationId, month, locationId, limit: 50, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useUsageMonths(organizationId: string, from: string, to: string) {
  return useQuery({ queryKey: usageKeys.months(organizationId, from, to), queryFn: () => api.get<UsageMonths>('/usage/months', { organizationId, from, to }) });
}
