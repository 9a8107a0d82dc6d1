// Administrators: who has admin rights where, with which permissions.
import { z } from 'zod';
import { emailSchema, idSchema, nameSchema, optionalNameSchema, permissionSchema } from '../../lib/schema.js';

export const administratorSchema = z.object({
  id: z.string(),
  userId: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  locationId: z.string().nullable(),
  permissions: z.array(z.string()),
  createdAt: z.string(),
});
export type AdministratorDto = z.infer<typeof administratorSchema>;

/** The organization's owner: holds every permission everywhere, cannot be changed or revoked here. */
export const ownerSchema = z.object({
  userId: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  /** when the organization was set up */
  createdAt: z.string(),
});
export type OwnerDto = z.infer<typeof ownerSchema>;

export const administratorListSchema = z.object({ owner: ownerSchema, items: z.array(administratorSchema) });
export type AdministratorList = z.infer<typeof administratorListSchema>;

const permissionsInput = z
  .array(permissionSchema)
  .max(20)
  .transform((p) => [...new Set(p)].sort());

export const grantAdministratorBody = z.object({
  email: emailSchema,
  firstName: nameSchema,
  lastName: optionalNameSchema,
  locationId: idSchema.nullable(),
  permissions: permissionsInput,
});
export type GrantAdministratorInput = z.infer<typeof grantAdministratorBody>;

export const updateAdministratorBody = z.object({ permissions: permissionsInput });
export const administratorParams = z.object({ administratorId: idSchema });
