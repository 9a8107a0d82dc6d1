// Analytics of a location (admin): the query key and hook of the monthly figures, the months of a range, and
// the address of a CSV report (downloaded by the browser, so the file streams straight to disk).
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { analyticsAnswer, monthFiguresSchema, ReportName } from '../../../../server/modules/analytics/schema';
import { api } from '../../../lib/api';

export type Analytics = z.infer<typeof analyticsAnswer>;
export type MonthFigures = z.infer<typeof monthFiguresSchema>;
export type { ReportName };
export const REPORT_NAMES: readonly ReportName[] = ['users', 'companies', 'subscriptions', 'invoices', 'ledger', 'bookings'];
export const MAX_MONTHS = 24;

export const analyticsKeys = {
  all: (locationId: string) => ['locations', locationId, 'analytics'] as const,
  range: (locationId: string, from: string, to: string) => [...analyticsKeys.all(locationId), from, to] as const,
};

const base = (locationId: string) => `/locations/${encodeURIComponent(locationId)}`;

export function useAnalytics(locationId: string, from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: analyticsKeys.range(locationId, from, to),
    queryFn: () => api.get<Analytics>(`${base(locationId)}/analytics`, { from, to }),
    enabled,
  });
}

export function reportUrl(locationId: string, report: ReportName, from: string, to: string): string {
  return `/api/v1${base(locationId)}/reports/${report}.csv?${new URLSearchParams({ from, to })}`;
}

/** The local month ('YYYY-MM') of now in a time zone. */
export function currentMonth(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

/** The local date ('YYYY-MM-DD') of now in a time zone. */
export function today(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to`, both included (0 when to is before from). */
export function monthsIn(from: string, to: string): number {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  return Math.max(0, index(to) - index(from) + 1);
}
