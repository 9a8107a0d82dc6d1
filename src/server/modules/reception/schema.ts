// The reception kiosk (design 11.1): pairing and devices (admin), and what a paired tablet sends and reads.
import { z } from 'zod';
import { emailSchema, idSchema, lastNameSchema, nameSchema, optionalNameSchema, phoneInputSchema } from '../../lib/schema.js';
import { brandSchema } from '../organizations/schema.js';

export const pairingCodeBody = z
  .object({
    /** the name the device will take ("Front desk"); "Tablet N" when left out */
    name: z.string().trim().max(60).optional(),
  })
  .nullish();
export const pairingCodeAnswer = z.object({ code: z.string(), expiresAt: z.string() });

export const deviceSchema = z.object({ id: z.string(), name: z.string(), pairedAt: z.string(), lastSeenAt: z.string() });
export type DeviceDto = z.infer<typeof deviceSchema>;
export const deviceParams = z.object({ locationId: idSchema, deviceId: idSchema });

export const pairBody = z.object({ code: z.string().trim().min(1, 'Required').max(40) });
export const pairAnswer = z.object({ device: z.object({ id: z.string(), locationId: z.string(), locationName: z.string() }) });

/** What the paired tablet shows: its location and which of its screens are on. */
export const kioskSchema = z.object({
  locationId: z.string(),
  name: z.string(),
  leaveContacts: z.boolean(),
  visitors: z.boolean(),
  consentText: z.string(),
  /** the operator's name, logo and colours for the kiosk's screens */
  brand: brandSchema,
});
export type KioskDto = z.infer<typeof kioskSchema>;

export const leadBody = z.object({
  firstName: nameSchema,
  lastName: optionalNameSchema,
  email: emailSchema,
  phone: phoneInputSchema,
  company: z.string().trim().max(200).optional(),
  message: z.string().trim().max(2000).optional(),
  /** the person ticked the consent sentence; anything but true is 422 consent_required */
  consent: z.boolean(),
});
export type LeadInput = z.infer<typeof leadBody>;
export const leadAnswer = z.object({ status: z.literal('received') });

/** A host as the kiosk may show one: first name, last initial and company, nothing more. */
export const hostSchema = z.object({ id: z.string(), firstName: z.string(), lastInitial: z.string(), company: z.string().nullable() });
export type HostDto = z.infer<typeof hostSchema>;
export const hostsQuery = z.object({ q: z.string().trim().min(2, 'Type at least 2 letters').max(100) });

export const visitBody = z.object({
  firstName: nameSchema,
  lastName: lastNameSchema.optional(),
  email: emailSchema.optional(),
  hostCustomerId: idSchema,
});
export type VisitInput = z.infer<typeof visitBody>;
export const visitSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  status: z.literal('checked_in'),
  checkedInAt: z.string(),
  host: hostSchema,
});
export type VisitDto = z.infer<typeof visitSchema>;

export const checkInBody = z.object({ code: z.string().trim().min(1, 'Required').max(40) });
/** A checked-in ticket as the kiosk shows it: the event and the holder's first name and last initial. */
export const kioskTicketSchema = z.object({
  id: z.string(),
  eventTitle: z.string(),
  firstName: z.string(),
  lastInitial: z.string(),
  checkedInAt: z.string(),
});
export type KioskTicketDto = z.infer<typeof kioskTicketSchema>;
