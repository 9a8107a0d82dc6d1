// First-run setup: the organization, its first location and its owner.
import { z } from 'zod';
import { emailSchema, languageSchema, nameSchema, optionalNameSchema } from '../../lib/schema.js';
import { createLocationBody } from '../locations/schema.js';

export const setupFields = z.object({
  organizationName: nameSchema,
  locationName: createLocationBody.shape.name,
  address: createLocationBody.shape.address,
  timeZone: createLocationBody.shape.timeZone,
  currency: createLocationBody.shape.currency,
  country: createLocationBody.shape.country,
  /** the first location's language for people who have not chosen one (English when absent) */
  language: languageSchema.optional(),
  ownerEmail: emailSchema,
  ownerFirstName: nameSchema,
  ownerLastName: optionalNameSchema,
});
export const setupBody = setupFields.extend({ token: z.string().min(10).max(200) });
export type SetupInput = z.infer<typeof setupFields>;
export const setupStatusAnswer = z.object({ needed: z.boolean() });
