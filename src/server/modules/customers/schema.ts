// Customers (a person's relationship with a location) as the API reads and lists them.
import { z } from 'zod';
import { emailSchema, lastNameSchema, nameSchema, optionalNameSchema, phoneInputSchema } from '../../lib/schema.js';

export const customerTypeSchema = z.enum(['member', 'nonmember']);
export const customerStatusSchema = z.enum(['invited', 'active', 'removed']);
export const customerSourceSchema = z.enum(['invitation', 'mass_invitation', 'join_request', 'manual', 'reception', 'purchase', 'self_sign_up', 'transfer']);

export const customerSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  userId: z.string(),
  type: customerTypeSchema,
  status: customerStatusSchema,
  source: customerSourceSchema,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  companyManager: z.boolean(),
  accountActivated: z.boolean(),
  invitedAt: z.string().nullable(),
  createdAt: z.string(),
  lastActiveAt: z.string().nullable(),
  removedAt: z.string().nullable(),
});
export type CustomerDto = z.infer<typeof customerSchema>;

const dateFilter = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');
export const customerSortSchema = z.enum(['created', '-created', 'name', '-name', 'last_active', '-last_active']);
export type CustomerSort = z.infer<typeof customerSortSchema>;

export const customerFilterQuery = z.object({
  type: customerTypeSchema.optional(),
  status: customerStatusSchema.optional(),
  q: z.string().trim().max(100).optional(),
  companyId: z.string().uuid().optional(),
  /** the customers a live subscription (scheduled, active, ending) of this plan covers: their own or their company's */
  planId: z.string().uuid().optional(),
  source: customerSourceSchema.optional(),
  createdFrom: dateFilter.optional(),
  createdTo: dateFilter.optional(),
  /** "-created" (newest first, the default), "name", "-last_active"...; a leading "-" sorts descending */
  sort: customerSortSchema.default('-created'),
});
export const listCustomersQuery = customerFilterQuery.extend({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListCustomersQuery = z.infer<typeof listCustomersQuery>;

export type CustomerFilter = z.infer<typeof customerFilterQuery>;
export const customerListAnswer = z.object({ items: z.array(customerSchema), nextCursor: z.string().nullable() });
export const customerCountsAnswer = z.object({ members: z.number(), nonmembers: z.number(), companies: z.number() });

export const customerParams = z.object({ locationId: z.string().uuid(), customerId: z.string().uuid() });

const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'Not a real date')
  .nullable();
export const updateCustomerBody = z.object({
  firstName: nameSchema.optional(),
  lastName: lastNameSchema.optional(),
  email: emailSchema.optional(),
  phone: phoneInputSchema,
  contractStart: dateOnly.optional(),
  contractEnd: dateOnly.optional(),
});
export type UpdateCustomerInput = z.infer<typeof updateCustomerBody>;

export const profileAnswer = z.object({
  customer: customerSchema.extend({
    contractStart: z.string().nullable(),
    contractEnd: z.string().nullable(),
    invitedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  }),
  /** once the account is activated, its name and contact details belong to the person */
  detailsOwnedByPerson: z.boolean(),
  administrator: z.object({ permissions: z.array(z.string()) }).nullable(),
  activities: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      data: z.record(z.string(), z.unknown()),
      actor: z.object({ id: z.string(), name: z.string() }).nullable(),
      createdAt: z.string(),
    }),
  ),
});

export const addNonmemberBody = z.object({
  firstName: nameSchema,
  lastName: optionalNameSchema,
  email: emailSchema,
  phone: phoneInputSchema,
});
