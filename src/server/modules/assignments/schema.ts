// Assignments (design 9.1): a whole resource or some seats given to a customer or company for dates.
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');

export const createAssignmentBody = z
  .object({
    resourceId: idSchema,
    customerId: idSchema.optional(),
    companyId: idSchema.optional(),
    startDate: localDate,
    endDate: localDate.nullable().optional(),
    /** some seats of a hot-desk zone or an office; left out: the whole resource */
    seats: z.number().int().min(1).max(500).optional(),
    /** ends with this subscription (same owner) */
    subscriptionId: idSchema.optional(),
  })
  .refine((o) => (o.customerId === undefined) !== (o.companyId === undefined), { message: 'Give exactly one of customerId or companyId', path: ['customerId'] })
  .refine((o) => !o.endDate || o.endDate >= o.startDate, { message: 'The end is before the start', path: ['endDate'] });
export type CreateAssignmentInput = z.infer<typeof createAssignmentBody>;

export const updateAssignmentBody = z.object({ endDate: localDate.nullable() });

export const assignmentSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  resourceId: z.string(),
  resourceName: z.string(),
  customerId: z.string().nullable(),
  companyId: z.string().nullable(),
  seats: z.number().int().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  subscriptionId: z.string().nullable(),
  createdAt: z.string(),
});
export type AssignmentDto = z.infer<typeof assignmentSchema>;

export const assignmentParams = z.object({ locationId: idSchema, assignmentId: idSchema });
export const listAssignmentsQuery = z.object({
  resourceId: idSchema.optional(),
  customerId: idSchema.optional(),
  companyId: idSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
});
