// Resources (design 9.1): what a location lends by the hour or day, who may see and book it, and
// how it is priced and cut into slots.
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';
import { visibilitySchema } from '../plans/schema.js';

export const RESOURCE_TYPES = ['meeting_room', 'hot_desk', 'dedicated_desk', 'private_office', 'parking', 'equipment'] as const;
export const resourceTypeSchema = z.enum(RESOURCE_TYPES);
export type ResourceType = z.infer<typeof resourceTypeSchema>;

const money = z.number().int().min(0).max(100_000_000).nullable();
const credits = z.number().int().min(0).max(10_000).nullable();
const minutes = z
  .number()
  .int()
  .min(15)
  .max(24 * 60);

const fields = {
  name: z.string().trim().min(1, 'Required').max(100, 'At most 100 characters'),
  description: z.string().trim().max(2000),
  seats: z.number().int().min(1).max(500),
  capacity: z.number().int().min(1).max(10_000).nullable(),
  pricePerHour: money,
  creditsPerHour: credits,
  dayPassAccepted: z.boolean(),
  minMinutes: minutes,
  maxMinutes: minutes,
  incrementMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)]),
  visibility: visibilitySchema,
  bookingLevel: visibilitySchema,
  bookable: z.boolean(),
};

export const createResourceBody = z.object({
  type: resourceTypeSchema,
  name: fields.name,
  description: fields.description.default(''),
  seats: fields.seats.default(1),
  capacity: fields.capacity.default(null),
  pricePerHour: fields.pricePerHour.default(null),
  creditsPerHour: fields.creditsPerHour.default(null),
  /** hot desks: a day pass pays one booking within one local day (default on for hot desks) */
  dayPassAccepted: fields.dayPassAccepted.optional(),
  minMinutes: fields.minMinutes.default(30),
  maxMinutes: fields.maxMinutes.default(480),
  incrementMinutes: fields.incrementMinutes.default(30),
  visibility: fields.visibility.default('location_members'),
  bookingLevel: fields.bookingLevel.default('location_members'),
  /** default: off for dedicated desks and private offices (they are assigned), on otherwise */
  bookable: fields.bookable.optional(),
});
export type CreateResourceInput = z.infer<typeof createResourceBody>;

export const updateResourceBody = z.object({
  name: fields.name.optional(),
  description: fields.description.optional(),
  seats: fields.seats.optional(),
  capacity: fields.capacity.optional(),
  pricePerHour: fields.pricePerHour.optional(),
  creditsPerHour: fields.creditsPerHour.optional(),
  dayPassAccepted: fields.dayPassAccepted.optional(),
  minMinutes: fields.minMinutes.optional(),
  maxMinutes: fields.maxMinutes.optional(),
  incrementMinutes: fields.incrementMinutes.optional(),
  visibility: fields.visibility.optional(),
  bookingLevel: fields.bookingLevel.optional(),
  bookable: fields.bookable.optional(),
  archived: z.boolean().optional(),
});
export type UpdateResourceInput = z.infer<typeof updateResourceBody>;

export const resourceSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  type: resourceTypeSchema,
  name: z.string(),
  description: z.string(),
  seats: z.number().int(),
  capacity: z.number().int().nullable(),
  pricePerHour: z.number().int().nullable(),
  creditsPerHour: z.number().int().nullable(),
  currency: z.string(),
  dayPassAccepted: z.boolean(),
  minMinutes: z.number().int(),
  maxMinutes: z.number().int(),
  incrementMinutes: z.number().int(),
  visibility: visibilitySchema,
  bookingLevel: visibilitySchema,
  bookable: z.boolean(),
  archived: z.boolean(),
  createdAt: z.string(),
});
export type ResourceDto = z.infer<typeof resourceSchema>;

export const resourceParams = z.object({ locationId: idSchema, resourceId: idSchema });
export const listResourcesQuery = z.object({
  type: resourceTypeSchema.optional(),
  archived: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
