// Attachments on a customer profile.
import { z } from 'zod';

export const attachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  uploadedBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
});
export const attachmentParams = z.object({ locationId: z.string().uuid(), customerId: z.string().uuid(), attachmentId: z.string().uuid() });
