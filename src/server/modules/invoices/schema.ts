// Invoices, their lines, payments and credit notes (design 8.2): the API's bodies and answers.
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';

const id = idSchema;
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');

export const invoiceStatusSchema = z.enum(['draft', 'issued', 'paid', 'void']);
export type InvoiceStatus = z.infer<typeof invoiceStatusSchema>;
export const paymentMethodSchema = z.enum(['bank_transfer', 'cash', 'card_terminal', 'other', 'online']);
export const manualPaymentMethodSchema = z.enum(['bank_transfer', 'cash', 'card_terminal', 'other']);
export const lineSourceSchema = z.enum(['manual', 'subscription', 'setup_fee', 'booking', 'ticket', 'order']);

export const lineInput = z.object({
  description: z.string().trim().min(1, 'Describe the line').max(300, 'At most 300 characters'),
  quantity: z.number().int().min(1, 'At least 1').max(10_000, 'At most 10,000'),
  /** minor units; negative for a discount */
  unitPrice: z.number().int().min(-100_000_000).max(100_000_000),
  /** basis points (2000 = 20 %); left out: the location's default when the line is written */
  taxRateBps: z.number().int().min(0).max(10_000).nullable().optional(),
});
export type LineInput = z.infer<typeof lineInput>;

export const createInvoiceBody = z
  .object({ customerId: id.optional(), companyId: id.optional(), lines: z.array(lineInput).max(200, 'At most 200 lines') })
  .refine((o) => (o.customerId === undefined) !== (o.companyId === undefined), {
    message: 'Give exactly one of customerId or companyId',
    path: ['customerId'],
  });
export const updateInvoiceBody = z.object({ lines: z.array(lineInput).max(200, 'At most 200 lines') });

export const listInvoicesQuery = z.object({
  status: invoiceStatusSchema.optional(),
  customerId: id.optional(),
  companyId: id.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListInvoicesQuery = z.infer<typeof listInvoicesQuery>;

export const invoiceParams = z.object({ locationId: id, invoiceId: id });
export const paymentParams = z.object({ locationId: id, invoiceId: id, paymentId: id });

export const paymentBody = z.object({
  amount: z.number().int().max(100_000_000_000),
  method: manualPaymentMethodSchema,
  /** the local date the money arrived; today when left out; never in the future */
  receivedOn: localDate.optional(),
  reference: z.string().trim().max(200).optional(),
});
export type PaymentInput = z.infer<typeof paymentBody>;

export const creditNoteBody = z.object({
  amount: z.number().int().max(100_000_000_000),
  reason: z.string().trim().min(1, 'Say why').max(500),
  /** on a paid invoice: who pays the money back (the operator by hand, or the provider online) */
  refund: z.enum(['manual', 'online']).optional(),
});
export type CreditNoteInput = z.infer<typeof creditNoteBody>;

export const billToSchema = z.object({
  name: z.string(),
  companyName: z.string().nullable(),
  address: z.string().nullable(),
  taxId: z.string().nullable(),
  email: z.string().nullable(),
});
export type BillTo = z.infer<typeof billToSchema>;

export const invoiceLineSchema = z.object({
  id: z.string(),
  description: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  taxRateBps: z.number().int(),
  net: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
  subscriptionId: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  source: lineSourceSchema,
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

export const paymentSchema = z.object({
  id: z.string(),
  amount: z.number().int(),
  method: paymentMethodSchema,
  receivedOn: z.string(),
  reference: z.string().nullable(),
  createdAt: z.string(),
});
export type Payment = z.infer<typeof paymentSchema>;

export const creditNoteSchema = z.object({
  id: z.string(),
  number: z.string(),
  invoiceId: z.string(),
  amount: z.number().int(),
  taxAmount: z.number().int(),
  reason: z.string(),
  refund: z.enum(['manual', 'online']).nullable(),
  createdAt: z.string(),
});
export type CreditNote = z.infer<typeof creditNoteSchema>;

export const invoiceSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  number: z.string().nullable(),
  status: invoiceStatusSchema,
  customerId: z.string().nullable(),
  companyId: z.string().nullable(),
  billTo: billToSchema,
  currency: z.string(),
  pricesIncludeTax: z.boolean(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  lines: z.array(invoiceLineSchema),
  /** the sum of line nets (in both tax modes) */
  subtotal: z.number().int(),
  taxTotal: z.number().int(),
  total: z.number().int(),
  amountPaid: z.number().int(),
  amountCredited: z.number().int(),
  /** total − paid − credited, never below 0 */
  amountDue: z.number().int(),
  overdue: z.boolean(),
  payments: z.array(paymentSchema),
  creditNotes: z.array(creditNoteSchema),
  issuedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type InvoiceDto = z.infer<typeof invoiceSchema>;
