// The organization's Users page (design 11.1): every account with a record or a role there.
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';

export const userLocationSchema = z.object({
  locationId: z.string(),
  name: z.string(),
  customerId: z.string(),
  type: z.enum(['member', 'nonmember']),
  status: z.enum(['invited', 'active', 'removed']),
});

export const organizationUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  activated: z.boolean(),
  createdAt: z.string(),
  lastActiveAt: z.string().nullable(),
  blacklisted: z.boolean(),
  /** the entry to lift, for the owner's switch */
  blacklistEntryId: z.string().nullable(),
  /** the organization's owner */
  owner: z.boolean(),
  /** holds an administrator grant in the organization */
  administrator: z.boolean(),
  /** every record is removed and no role is left: listed, marked so */
  removedOnly: z.boolean(),
  locations: z.array(userLocationSchema),
});
export type OrganizationUserDto = z.infer<typeof organizationUserSchema>;

export const listUsersQuery = z.object({
  organizationId: idSchema.optional(),
  q: z.string().trim().max(100).optional(),
  blacklisted: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const usersPage = z.object({ items: z.array(organizationUserSchema), nextCursor: z.string().nullable() });
