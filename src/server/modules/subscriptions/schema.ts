// Subscriptions: a plan sold to a customer or a company, its periods, and what ending it takes away.
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-03-10')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'Not a date');

export const subscriptionStatusSchema = z.enum(['scheduled', 'active', 'ending', 'ended', 'canceled']);
export const anchorSchema = z.enum(['start_date', 'first_of_month']);

export const subscriptionSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  customerId: z.string().nullable(),
  companyId: z.string().nullable(),
  planId: z.string(),
  name: z.string(),
  price: z.number().int(),
  currency: z.string(),
  quantity: z.number().int(),
  cycle: z.enum(['week', 'month', 'year']),
  setupFee: z.number().int(),
  credits: z.number().int(),
  dayPasses: z.number().int(),
  taxRateBps: z.number().int().nullable(),
  anchor: anchorSchema,
  startDate: z.string(),
  endDate: z.string().nullable(),
  status: subscriptionStatusSchema,
  currentPeriodStart: z.string().nullable(),
  currentPeriodEnd: z.string().nullable(),
  canceledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type SubscriptionDto = z.infer<typeof subscriptionSchema>;

const oneOwner = (o: { customerId?: string; companyId?: string }) => (o.customerId === undefined) !== (o.companyId === undefined);
const ownerMessage = { message: 'Give exactly one of customerId or companyId', path: ['customerId'] };

export const createSubscriptionBody = z
  .object({
    customerId: idSchema.optional(),
    companyId: idSchema.optional(),
    planId: idSchema,
    startDate: localDate,
    endDate: localDate.nullable().optional(),
    quantity: z.number().int().min(1).max(1000).default(1),
    anchor: anchorSchema.optional(),
    price: z.number().int().min(0).max(100_000_000).optional(),
  })
  .refine(oneOwner, ownerMessage)
  .refine((o) => !o.endDate || o.endDate >= o.startDate, { message: 'The end date cannot be before the start date', path: ['endDate'] });
export type CreateSubscriptionInput = z.infer<typeof createSubscriptionBody>;

export const updateSubscriptionBody = z.object({
  endDate: localDate.nullable().optional(),
  quantity: z.number().int().min(1).max(1000).optional(),
  price: z.number().int().min(0).max(100_000_000).optional(),
  startDate: localDate.optional(),
});
export type UpdateSubscriptionInput = z.infer<typeof updateSubscriptionBody>;

export const subscriptionParams = z.object({ locationId: idSchema, subscriptionId: idSchema });
export const listSubscriptionsQuery = z.object({
  customerId: idSchema.optional(),
  companyId: idSchema.optional(),
  planId: idSchema.optional(),
  status: subscriptionStatusSchema.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const offboardingQuery = z.object({ endDate: localDate.optional() });
export const offboardingSchema = z.object({
  creditsExpiring: z.number().int(),
  dayPassesExpiring: z.number().int(),
  assignmentsEnding: z.array(z.object({ id: z.string(), resourceName: z.string() })),
  becomeNonmembers: z.array(z.object({ customerId: z.string(), name: z.string() })),
  draftInvoicesDeleted: z.number().int(),
});
export type Offboarding = z.infer<typeof offboardingSchema>;

export const signUpBody = z.object({ startDate: localDate, quantity: z.number().int().min(1).max(1000).default(1) });
export const portalPlanParams = z.object({ locationId: idSchema, planId: idSchema });

const balanceSchema = z.object({ credits: z.number().int(), dayPasses: z.number().int() });
export const billingSummarySchema = z.object({
  subscriptions: z.array(subscriptionSchema),
  balances: z.object({
    personal: balanceSchema.extend({
      lots: z.array(z.object({ unit: z.enum(['credit', 'day_pass']), remaining: z.number().int(), expiresAt: z.string().nullable() })),
    }),
    company: balanceSchema
      .extend({
        companyId: z.string(),
        name: z.string(),
        /** whether the caller may use the company's balances */
        canSpend: z.boolean(),
        manager: z.boolean(),
        companyUsersMaySpend: z.boolean(),
      })
      .nullable(),
  }),
});
