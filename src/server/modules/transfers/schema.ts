// Transfer of a customer to another location of the organization in one step (design 11.1): the body,
// the answer, and the preview of what ending the personal subscriptions would do.
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';
import { customerSchema, customerTypeSchema } from '../customers/schema.js';
import { offboardingSchema, subscriptionSchema } from '../subscriptions/schema.js';

export const endSubscriptionsSchema = z.enum(['keep', 'end_of_period', 'now']);
export const oldCustomerSchema = z.enum(['keep', 'nonmember', 'remove']);

export const transferBody = z.object({
  toLocationId: idSchema,
  type: customerTypeSchema,
  /** personal subscriptions at the location left: kept, ended at the end of their current period, or canceled now */
  endSubscriptions: endSubscriptionsSchema.default('keep'),
  /** the record at the location left: kept, made a nonmember, or removed (needs `endSubscriptions: "now"`) */
  oldCustomer: oldCustomerSchema.default('keep'),
  /** a company of the target location */
  companyId: idSchema.nullable().optional(),
});
export type TransferInput = z.infer<typeof transferBody>;

export const transferAnswer = z.object({ from: customerSchema, to: customerSchema });

export const transferPreviewQuery = z.object({ endSubscriptions: z.enum(['end_of_period', 'now']).default('now') });
export const transferPreviewAnswer = z.object({
  items: z.array(
    z.object({
      subscription: subscriptionSchema,
      /** its last day; null when it is canceled now */
      endDate: z.string().nullable(),
      offboarding: offboardingSchema,
    }),
  ),
});
