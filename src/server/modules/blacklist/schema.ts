// The blacklist: emails an organization refuses (design 11.1).
import { z } from 'zod';
import { emailSchema, idSchema } from '../../lib/schema.js';

export const blacklistEntrySchema = z.object({
  id: z.string(),
  email: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type BlacklistEntryDto = z.infer<typeof blacklistEntrySchema>;

export const addBlacklistEntryBody = z.object({
  email: emailSchema,
  reason: z
    .string()
    .trim()
    .max(500, 'At most 500 characters')
    .optional()
    .transform((r) => (r ? r : undefined)),
});
export type AddBlacklistEntryInput = z.infer<typeof addBlacklistEntryBody>;

export const blacklistEntryParams = z.object({ entryId: idSchema });
export const organizationQuery = z.object({ organizationId: idSchema.optional() });
