// What happened in an organization that integrators may hear of (design 11.1, webhooks): each
// module announces its own changes here, inside the transaction that made them, and the webhooks
// module (above them all) listens and queues deliveries in that same transaction. No listener,
// nothing happens.
import { channel } from './events.js';

export const ANNOUNCEMENT_TYPES = [
  'customer.created',
  'customer.updated',
  'customer.removed',
  'customer.transferred',
  'lead.created',
  'subscription.created',
  'subscription.updated',
  'invoice.issued',
  'invoice.paid',
  'invoice.voided',
  'payment.succeeded',
  'booking.created',
  'booking.canceled',
  'ticket.created',
  'order.created',
  'order.updated',
  'benefit_application.created',
] as const;

export type AnnouncementType = (typeof ANNOUNCEMENT_TYPES)[number];

export interface Announcement {
  organizationId: string;
  /** the location the change belongs to; null for organization-wide changes */
  locationId: string | null;
  type: AnnouncementType;
  /** the changed object as the API answers it (camelCase), the webhook body's `data` */
  data: Record<string, unknown>;
  at: Date;
}

/** Publish with `announced.publish(trx, {...})` in the transaction that made the change. */
export const announced = channel<Announcement>();
