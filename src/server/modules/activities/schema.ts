// Activities: the timestamped lines of a customer's timeline.
import { z } from 'zod';

export const activitySchema = z.object({
  id: z.string(),
  kind: z.string(),
  data: z.record(z.string(), z.unknown()),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type ActivityDto = z.infer<typeof activitySchema>;
