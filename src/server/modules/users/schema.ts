// The user (account) as the API shows it.
import { z } from 'zod';

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  activatedAt: z.string().nullable(),
  lastActiveAt: z.string().nullable(),
});
export type UserDto = z.infer<typeof userSchema>;

export const updateMeBody = z.object({
  firstName: z.string().trim().min(1, 'Required').max(100).optional(),
  lastName: z.string().trim().max(100).optional(),
  phone: z.string().trim().max(40).nullable().optional(),
});
export type UpdateMeInput = z.infer<typeof updateMeBody>;
