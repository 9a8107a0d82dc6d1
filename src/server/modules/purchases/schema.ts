// One line of a customer's or a company's purchase history (design 10.1): what each selling module
// (bookings, events, shop, benefits) answers for it, newest first.
import { z } from 'zod';

export const purchaseKindSchema = z.enum(['booking', 'ticket', 'order', 'benefit_application']);
export type PurchaseKind = z.infer<typeof purchaseKindSchema>;

export const purchaseItemSchema = z.object({
  kind: purchaseKindSchema,
  id: z.string(),
  title: z.string(),
  /** the purchase time, ISO instant */
  at: z.string(),
  status: z.string(),
  /** money in minor units, with tax (0 when paid in credits or free) */
  price: z.number().int(),
  credits: z.number().int(),
  dayPasses: z.number().int(),
  payer: z.enum(['personal', 'company']),
});
export type PurchaseItem = z.infer<typeof purchaseItemSchema>;

/** Whose purchases: a customer's own, or what a company paid for. */
export type PurchaseOwner = { customerId: string } | { companyId: string };
/** Where a page of purchases starts: strictly after this (at, id), newest first. */
export type PurchaseCursor = { at: string; id: string };
