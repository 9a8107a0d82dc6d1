// The usage report (design 11.1): active users per local month and location, with their reasons.
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';

export const ACTIVE_REASONS = ['subscription', 'booking', 'payment', 'credits'] as const;
export type ActiveReason = (typeof ACTIVE_REASONS)[number];

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month as YYYY-MM');

export const usageQuery = z.object({ organizationId: idSchema.optional(), month: monthSchema.optional() });
export const usageAnswer = z.object({
  month: z.string(),
  /** each person once, however many locations they were active at */
  total: z.number().int(),
  locations: z.array(z.object({ locationId: z.string(), name: z.string(), activeUsers: z.number().int() })),
});
export type UsageDto = z.infer<typeof usageAnswer>;

export const usageUsersQuery = usageQuery.extend({
  locationId: idSchema.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type UsageUsersQuery = z.infer<typeof usageUsersQuery>;
export const usageUserSchema = z.object({
  userId: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  locationId: z.string(),
  reasons: z.array(z.enum(ACTIVE_REASONS)),
  /** when the person first counted at that location that month */
  firstAt: z.string(),
});
export type UsageUserDto = z.infer<typeof usageUserSchema>;
export const usageUsersAnswer = z.object({ items: z.array(usageUserSchema), nextCursor: z.string().nullable() });

/** `from` and `to` default to the 12 months ending with the current one */
export const usageMonthsQuery = z.object({ organizationId: idSchema.optional(), from: monthSchema.optional(), to: monthSchema.optional() });
export const usageMonthsAnswer = z.object({
  months: z.array(
    z.object({ month: z.string(), total: z.number().int(), locations: z.array(z.object({ locationId: z.string(), activeUsers: z.number().int() })) }),
  ),
});
export type UsageMonthsDto = z.infer<typeof usageMonthsAnswer>;
