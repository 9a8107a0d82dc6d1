// Customers (a person's relationship with a location) as the API reads and lists them.
import { z } from 'zod';

export const customerTypeSchema = z.enum(['member', 'nonmember']);
export const customerStatusSchema = z.enum(['invited', 'active', 'removed']);
export const customerSourceSchema = z.enum(['invitation', 'mass_invitation', 'join_request', 'manual', 'reception']);

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
  companyManager: z.boolean(),
  accountActivated: z.boolean(),
  invitedAt: z.string().nullable(),
  createdAt: z.string(),
  lastActiveAt: z.string().nullable(),
  removedAt: z.string().nullable(),
});
export type CustomerDto = z.infer<typeof customerSchema>;

export const listCustomersQuery = z.object({
  type: customerTypeSchema.optional(),
  status: customerStatusSchema.optional(),
  q: z.string().trim().max(100).optional(),
  companyId: z.string().uuid().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListCustomersQuery = z.infer<typeof listCustomersQuery>;

export const customerListAnswer = z.object({ items: z.array(customerSchema), nextCursor: z.string().nullable(), total: z.number().optional() });
