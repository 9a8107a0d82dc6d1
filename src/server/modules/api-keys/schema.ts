// Inputs and answers of the owner's API keys (design 11.2).
import { z } from 'zod';
import { idSchema, permissionSchema } from '../../lib/schema.js';

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** the first 12 characters of the secret */
  prefix: z.string(),
  permissions: z.array(permissionSchema),
  /** null: every location of the organization */
  locationId: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const createApiKeyBody = z.object({
  name: z.string().trim().min(1, 'Required').max(100, 'At most 100 characters'),
  permissions: z.array(permissionSchema).max(20),
  locationId: idSchema.nullable().optional().default(null),
});
export type CreateApiKeyBody = z.input<typeof createApiKeyBody>;

export const createdApiKeySchema = z.object({
  apiKey: apiKeySchema,
  /** atr_...: shown this once, never again */
  secret: z.string(),
});
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const apiKeyList = z.object({ items: z.array(apiKeySchema) });

export const apiKeyParams = z.object({ keyId: idSchema });

export const organizationQuery = z.object({ organizationId: idSchema.optional() });
