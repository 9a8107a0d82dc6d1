// Notes on a customer profile.
import { z } from 'zod';

export const noteSchema = z.object({
  id: z.string(),
  body: z.string(),
  author: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const noteBody = z.object({ body: z.string().trim().min(1, 'Write something first').max(10_000) });
export const noteParams = z.object({ locationId: z.string().uuid(), customerId: z.string().uuid(), noteId: z.string().uuid() });
