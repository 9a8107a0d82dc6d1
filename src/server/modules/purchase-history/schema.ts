// Purchase history (design 10.1, 10.2): a customer's or a company's bookings, tickets, orders and benefit
// applications, newest first, one page at a time.
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';
import { purchaseItemSchema, purchaseKindSchema } from '../purchases/schema.js';

export const purchasesQuery = z.object({
  kind: purchaseKindSchema.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type PurchasesQuery = z.infer<typeof purchasesQuery>;

export const purchasesPage = z.object({ items: z.array(purchaseItemSchema), nextCursor: z.string().nullable() });
export type PurchasesPage = z.infer<typeof purchasesPage>;

export const customerPurchasesParams = z.object({ locationId: idSchema, customerId: idSchema });
export const companyPurchasesParams = z.object({ locationId: idSchema, companyId: idSchema });
