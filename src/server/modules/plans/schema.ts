// Plans: what a location sells by the week, month or year, with the credits and day passes it grants.
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';

export const cycleSchema = z.enum(['week', 'month', 'year']);
export const visibilitySchema = z.enum(['administrators', 'location_members', 'network_members', 'public']);

const money = z.number().int().min(0).max(100_000_000);
const count = z.number().int().min(0).max(100_000);
const taxRate = z.number().int().min(0).max(10_000).nullable();

export const planSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  name: z.string(),
  description: z.string(),
  price: z.number().int(),
  currency: z.string(),
  cycle: cycleSchema,
  setupFee: z.number().int(),
  credits: z.number().int(),
  dayPasses: z.number().int(),
  taxRateBps: z.number().int().nullable(),
  visibility: visibilitySchema,
  selfSignUp: z.boolean(),
  archived: z.boolean(),
  createdAt: z.string(),
});
export type PlanDto = z.infer<typeof planSchema>;

export const createPlanBody = z.object({
  name: z.string().trim().min(1, 'Required').max(100, 'At most 100 characters'),
  description: z.string().trim().max(2000).default(''),
  price: money,
  cycle: cycleSchema,
  setupFee: money.default(0),
  credits: count.default(0),
  dayPasses: count.default(0),
  taxRateBps: taxRate.default(null),
  visibility: visibilitySchema.default('administrators'),
  selfSignUp: z.boolean().default(false),
});
export type CreatePlanInput = z.infer<typeof createPlanBody>;

export const updatePlanBody = z.object({
  name: z.string().trim().min(1, 'Required').max(100, 'At most 100 characters').optional(),
  description: z.string().trim().max(2000).optional(),
  price: money.optional(),
  cycle: cycleSchema.optional(),
  setupFee: money.optional(),
  credits: count.optional(),
  dayPasses: count.optional(),
  taxRateBps: taxRate.optional(),
  visibility: visibilitySchema.optional(),
  selfSignUp: z.boolean().optional(),
  archived: z.boolean().optional(),
});
export type UpdatePlanInput = z.infer<typeof updatePlanBody>;

export const planParams = z.object({ locationId: idSchema, planId: idSchema });
export const listPlansQuery = z.object({
  archived: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
