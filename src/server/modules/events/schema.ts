// Events and tickets (design 10.1, 10.2): the event an administrator writes, the ticket a person
// gets (with its code and QR), the check-in, and the answers of the admin and portal routes.
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';
import { visibilitySchema } from '../plans/schema.js';

const instant = z.string().datetime({ offset: true });
const money = z.number().int().min(0).max(100_000_000).nullable();
const credits = z.number().int().min(0).max(10_000).nullable();

const fields = {
  title: z.string().trim().min(1, 'Required').max(200, 'At most 200 characters'),
  description: z.string().trim().max(10_000),
  startsAt: instant,
  endsAt: instant,
  place: z.string().trim().max(200),
  /** null: unlimited */
  capacity: z.number().int().min(1).max(100_000).nullable(),
  visibility: visibilitySchema,
  /** money in minor units; null: not sold for money (both null: free) */
  price: money,
  /** null: not sold for credits */
  creditPrice: credits,
  /** basis points; null: the location's default */
  taxRateBps: z.number().int().min(0).max(10_000).nullable(),
  ticketsOpen: z.boolean(),
  refundNoticeHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 365),
};

export const createEventBody = z.object({
  title: fields.title,
  description: fields.description.default(''),
  startsAt: fields.startsAt,
  endsAt: fields.endsAt,
  place: fields.place.default(''),
  capacity: fields.capacity.default(null),
  visibility: fields.visibility.default('location_members'),
  price: fields.price.default(null),
  creditPrice: fields.creditPrice.default(null),
  taxRateBps: fields.taxRateBps.default(null),
  ticketsOpen: fields.ticketsOpen.default(true),
  refundNoticeHours: fields.refundNoticeHours.default(24),
});
export type CreateEventInput = z.infer<typeof createEventBody>;

export const updateEventBody = z.object({
  title: fields.title.optional(),
  description: fields.description.optional(),
  startsAt: fields.startsAt.optional(),
  endsAt: fields.endsAt.optional(),
  place: fields.place.optional(),
  capacity: fields.capacity.optional(),
  visibility: fields.visibility.optional(),
  price: fields.price.optional(),
  creditPrice: fields.creditPrice.optional(),
  taxRateBps: fields.taxRateBps.optional(),
  ticketsOpen: fields.ticketsOpen.optional(),
  refundNoticeHours: fields.refundNoticeHours.optional(),
});
export type UpdateEventInput = z.infer<typeof updateEventBody>;

export const eventStatusSchema = z.enum(['scheduled', 'canceled']);

export const eventSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  title: z.string(),
  description: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  capacity: z.number().int().nullable(),
  visibility: visibilitySchema,
  price: z.number().int().nullable(),
  creditPrice: z.number().int().nullable(),
  taxRateBps: z.number().int().nullable(),
  ticketsOpen: z.boolean(),
  refundNoticeHours: z.number().int(),
  status: eventStatusSchema,
  canceledAt: z.string().nullable(),
  currency: z.string(),
  /** tickets holding a place (confirmed or waiting for a card payment) */
  ticketsSold: z.number().int(),
  /** null: unlimited */
  placesLeft: z.number().int().nullable(),
  createdAt: z.string(),
});
export type EventDto = z.infer<typeof eventSchema>;

/** What the portal shows of an event: the event, and the caller's own live ticket there. */
export const portalEventSchema = eventSchema.extend({ myTicketId: z.string().nullable() });
export type PortalEventDto = z.infer<typeof portalEventSchema>;

export const ticketStatusSchema = z.enum(['pending_payment', 'confirmed', 'canceled']);
export const ticketPaymentMethodSchema = z.enum(['free', 'credits', 'invoice', 'card']);

export const ticketSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  customerId: z.string(),
  companyId: z.string().nullable(),
  code: z.string(),
  status: ticketStatusSchema,
  paymentMethod: ticketPaymentMethodSchema,
  /** money charged, with tax (0 when free or paid in credits) */
  price: z.number().int(),
  credits: z.number().int(),
  invoiceId: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  createdAt: z.string(),
  canceledAt: z.string().nullable(),
});
export type TicketDto = z.infer<typeof ticketSchema>;

/** A ticket in the administrator's list: with its holder. */
export const adminTicketSchema = ticketSchema.extend({
  holder: z.object({ firstName: z.string(), lastName: z.string(), email: z.string() }),
});
export type AdminTicketDto = z.infer<typeof adminTicketSchema>;

/** A ticket as its holder sees it: with its event and the QR code of its code (a PNG data URL). */
export const myTicketSchema = ticketSchema.extend({
  event: z.object({
    id: z.string(),
    title: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    place: z.string(),
    status: eventStatusSchema,
    refundNoticeHours: z.number().int(),
  }),
  qrCode: z.string(),
});
export type MyTicketDto = z.infer<typeof myTicketSchema>;

export const ticketBody = z.object({
  paymentMethod: ticketPaymentMethodSchema,
  /** who pays: the holder (default) or their company */
  payer: z.enum(['personal', 'company']).optional(),
});
export type TicketInput = z.infer<typeof ticketBody>;

export const checkInBody = z.object({ code: z.string().trim().min(1).max(40) });

export const refundedSchema = z.object({
  credits: z.number().int(),
  dayPasses: z.number().int(),
  amount: z.number().int(),
  expiredNotReturned: z.number().int(),
});

export const eventParams = z.object({ locationId: idSchema, eventId: idSchema });
export const ticketParams = z.object({ locationId: idSchema, ticketId: idSchema });

export const adminEventsQuery = z.object({
  /** upcoming: not ended yet, soonest first; past: ended, latest first */
  when: z.enum(['upcoming', 'past']).default('upcoming'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const pageQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
