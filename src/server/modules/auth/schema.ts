// Sign-in inputs and answers.
import { z } from 'zod';
import { emailSchema } from '../../lib/schema.js';
import { brandSchema } from '../organizations/schema.js';
import { userSchema } from '../users/schema.js';

export const codeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code');
export const requestCodeBody = z.object({ email: emailSchema });
export const signInBody = z.object({ email: emailSchema, code: codeSchema });
export const linkBody = z.object({ token: z.string().min(10).max(200) });
export const signedInAnswer = z.object({ user: userSchema });

export const meAnswer = z.object({
  user: userSchema,
  memberships: z.array(
    z.object({
      locationId: z.string(),
      locationName: z.string(),
      organizationId: z.string(),
      customerId: z.string(),
      type: z.enum(['member', 'nonmember']),
      status: z.enum(['invited', 'active', 'removed']),
      /** the company the person belongs to at that location, if any */
      company: z.object({ id: z.string(), name: z.string(), manager: z.boolean() }).nullable(),
      /** the operator's name, logo (the location's own, else the organization's) and colours, for the portal's frame */
      brand: brandSchema,
    }),
  ),
  /** the country phone numbers are read in (that of the person's first live location) */
  country: z.string(),
  admin: z.array(z.object({ locationId: z.string(), permissions: z.array(z.string()) })),
  organizations: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(['owner', 'admin', 'member']), brand: brandSchema })),
  /** how this server sends mail: "mailbox" keeps it in the built-in mailbox, undelivered */
  mailTransport: z.enum(['mailbox', 'smtp']),
});
