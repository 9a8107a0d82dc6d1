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
