// Join requests: a person asks to become a member of a location.
import { z } from 'zod';
import { emailSchema, lastNameSchema, nameSchema } from '../../lib/schema.js';

/** Signed in: {}. A visitor: {firstName, lastName?, email}, then {email, code} to confirm the email. */
export const joinRequestBody = z.object({
  firstName: nameSchema.optional(),
  lastName: lastNameSchema.optional(),
  email: emailSchema.optional(),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Enter the 6-digit code')
    .optional(),
});
export type JoinRequestInput = z.infer<typeof joinRequestBody>;

export const joinRequestSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  status: z.enum(['unconfirmed', 'pending', 'approved', 'declined']),
  reason: z.string().nullable(),
  hasAccount: z.boolean(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type JoinRequestDto = z.infer<typeof joinRequestSchema>;

export const listJoinRequestsQuery = z.object({ status: z.enum(['pending', 'approved', 'declined']).default('pending') });
export const joinRequestParams = z.object({ locationId: z.string().uuid(), requestId: z.string().uuid() });
export const declineBody = z.object({ reason: z.string().trim().max(1000).optional() });
export const publicLocationSchema = z.object({ id: z.string(), name: z.string(), organizationName: z.string(), joinRequests: z.enum(['closed', 'approval']) });
