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
