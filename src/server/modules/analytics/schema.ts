// Zod inputs and answers of analytics: the monthly figures of a location and the CSV reports.
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';

/** The longest range of months one request may ask for. */
export const MAX_MONTHS = 24;

export const REPORTS = ['users', 'companies', 'subscriptions', 'invoices', 'ledger', 'bookings'] as const;
export type ReportName = (typeof REPORTS)[number];

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use YYYY-MM');
const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

export const analyticsQuery = z
  .object({ from: month, to: month })
  .refine((q) => q.from <= q.to, { message: 'The range ends before it starts', path: ['to'] })
  .refine((q) => monthIndex(q.to) - monthIndex(q.from) < MAX_MONTHS, { message: `At most ${MAX_MONTHS} months`, path: ['to'] });
export type AnalyticsQuery = z.infer<typeof analyticsQuery>;

export const monthFiguresSchema = z.object({
  month: z.string(),
  members: z.number().int(),
  nonmembers: z.number().int(),
  invitationsSent: z.number().int(),
  invitationsAccepted: z.number().int(),
  activeUsers: z.number().int(),
  roomBookedMinutes: z.number().int(),
  roomOpenMinutes: z.number().int(),
  /** payments received minus refunds, minor units of `currency` */
  revenue: z.number().int(),
  /** totals of issued invoices (void excluded), minor units of `currency` */
  invoiced: z.number().int(),
});
export type MonthFigures = z.infer<typeof monthFiguresSchema>;

export const analyticsAnswer = z.object({ currency: z.string(), timeZone: z.string(), months: z.array(monthFiguresSchema) });
export type AnalyticsAnswer = z.infer<typeof analyticsAnswer>;

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');

export const reportParams = z.object({ locationId: idSchema, report: z.string().max(40) });
export const reportQuery = z
  .object({ from: localDate, to: localDate })
  .refine((q) => q.from <= q.to, { message: 'The range ends before it starts', path: ['to'] });
export type ReportQuery = z.infer<typeof reportQuery>;
