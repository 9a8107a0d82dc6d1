// Bookings (design 9.2): the request, the answer, and the availability grid.
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';
import { resourceTypeSchema } from '../resources/schema.js';

export const paymentMethodSchema = z.enum(['free', 'credits', 'day_pass', 'invoice', 'card']);

export const bookingBody = z.object({
  resourceId: idSchema,
  startsAt: z.string().datetime({ offset: true }),
  endsAt: z.string().datetime({ offset: true }),
  paymentMethod: paymentMethodSchema,
  /** who pays: the booker (default) or their company */
  payer: z.enum(['personal', 'company']).optional(),
  title: z.string().trim().max(200).optional(),
});
export type BookingInput = z.infer<typeof bookingBody>;
export const adminBookingBody = bookingBody.extend({ customerId: idSchema });

export const bookingSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  resourceId: z.string(),
  customerId: z.string(),
  /** the customer's name as their profile shows it */
  customerName: z.string(),
  companyId: z.string().nullable(),
  /** the paying company's name (null when the booker pays) */
  companyName: z.string().nullable(),
  bookedByUserId: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  seats: z.number().int(),
  status: z.enum(['pending_payment', 'confirmed', 'canceled']),
  paymentMethod: paymentMethodSchema,
  price: z.number().int(),
  credits: z.number().int(),
  dayPasses: z.number().int(),
  invoiceId: z.string().nullable(),
  createdAt: z.string(),
  canceledAt: z.string().nullable(),
});
export type BookingDto = z.infer<typeof bookingSchema>;

export const availabilityQuery = z.object({
  /** a local date at the location; today there when left out */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
    .optional(),
  type: resourceTypeSchema.optional(),
  resourceId: idSchema.optional(),
});

export const availabilitySchema = z.object({
  date: z.string(),
  timeZone: z.string(),
  opening: z.array(z.object({ from: z.string(), to: z.string() })),
  resources: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      type: resourceTypeSchema,
      seats: z.number().int(),
      pricePerHour: z.number().int().nullable(),
      creditsPerHour: z.number().int().nullable(),
      currency: z.string(),
      dayPassAccepted: z.boolean(),
      minMinutes: z.number().int(),
      maxMinutes: z.number().int(),
      incrementMinutes: z.number().int(),
      bookable: z.boolean(),
      assigned: z.boolean(),
      slots: z.array(z.object({ startsAt: z.string(), endsAt: z.string(), seatsFree: z.number().int() })),
    }),
  ),
});
