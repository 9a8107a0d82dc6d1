// The user (account) as the API shows it.
import { z } from 'zod';
import { languageSchema, lastNameSchema, nameSchema, phoneInputSchema } from '../../lib/schema.js';

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  activatedAt: z.string().nullable(),
  lastActiveAt: z.string().nullable(),
  /** the language of the person's emails; null until they choose one */
  language: languageSchema.nullable(),
});
export type UserDto = z.infer<typeof userSchema>;

export const updateMeBody = z.object({
  firstName: nameSchema.optional(),
  lastName: lastNameSchema.optional(),
  phone: phoneInputSchema,
  /** null forgets the choice (emails then follow the browser, else English) */
  language: languageSchema.nullable().optional(),
});
export type UpdateMeInput = z.infer<typeof updateMeBody>;
