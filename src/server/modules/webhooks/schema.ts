// Inputs and answers of the owner's webhooks and their delivery log (design 11.2).
import { z } from 'zod';
import { ANNOUNCEMENT_TYPES } from '../../lib/announcements.js';
import { idSchema } from '../../lib/schema.js';

export const WEBHOOK_EVENTS = ANNOUNCEMENT_TYPES;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Event names, or ["*"] for every one. */
export const eventsSchema = z
  .array(z.union([z.enum(WEBHOOK_EVENTS), z.literal('*')]))
  .min(1, 'Choose at least one event')
  .max(WEBHOOK_EVENTS.length + 1)
  .transform((list) => (list.includes('*') ? ['*' as const] : [...new Set(list)]));

export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  /** why Atrium turned it off: `gone` (a 410) or `failing` (5 days of failures); null otherwise */
  disabledReason: z.enum(['gone', 'failing']).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Webhook = z.infer<typeof webhookSchema>;

const urlSchema = z.string().trim().min(1, 'Required').max(2000, 'At most 2000 characters');
const descriptionSchema = z.string().trim().max(500, 'At most 500 characters');

export const createWebhookBody = z.object({
  url: urlSchema,
  events: eventsSchema,
  description: descriptionSchema.optional().default(''),
});
export type CreateWebhookBody = z.input<typeof createWebhookBody>;

export const updateWebhookBody = z.object({
  url: urlSchema.optional(),
  events: eventsSchema.optional(),
  description: descriptionSchema.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateWebhookBody = z.input<typeof updateWebhookBody>;

export const createdWebhookSchema = z.object({
  webhook: webhookSchema,
  /** whsec_...: shown this once */
  secret: z.string(),
});
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

export const webhookList = z.object({ items: z.array(webhookSchema) });
export const webhookParams = z.object({ webhookId: idSchema });
export const deliveryParams = z.object({ webhookId: idSchema, deliveryId: z.string().regex(/^msg_[A-Za-z0-9]{1,64}$/, 'Not a valid delivery id') });

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const deliverySchema = z.object({
  /** the webhook-id header (msg_...), the same on every attempt and replay */
  id: z.string(),
  eventType: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const listDeliveriesQuery = z.object({
  organizationId: idSchema.optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListDeliveriesQuery = z.input<typeof listDeliveriesQuery>;

export const deliveryPage = z.object({ items: z.array(deliverySchema), nextCursor: z.string().nullable() });
export type DeliveryPage = z.infer<typeof deliveryPage>;

export const organizationQuery = z.object({ organizationId: idSchema.optional() });
