// The ledger of credits and day passes: owners, balances, lines and admin adjustments.
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';

export const unitSchema = z.enum(['credit', 'day_pass']);
export const ledgerKindSchema = z.enum(['grant', 'adjust', 'spend', 'refund', 'expire']);

const id = idSchema;

/** Exactly one of customerId or companyId (design 6): both or neither is a 400. */
export const ownerQuery = z
  .object({ customerId: id.optional(), companyId: id.optional() })
  .refine((o) => (o.customerId === undefined) !== (o.companyId === undefined), {
    message: 'Give exactly one of customerId or companyId',
    path: ['customerId'],
  });

export const ledgerQuery = z
  .object({
    customerId: id.optional(),
    companyId: id.optional(),
    unit: unitSchema.optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((o) => (o.customerId === undefined) !== (o.companyId === undefined), {
    message: 'Give exactly one of customerId or companyId',
    path: ['customerId'],
  });

export const lotSchema = z.object({ unit: unitSchema, remaining: z.number().int(), expiresAt: z.string().nullable() });
export const balancesSchema = z.object({ credits: z.number().int(), dayPasses: z.number().int(), lots: z.array(lotSchema) });

export const ledgerLineSchema = z.object({
  id: z.string(),
  unit: unitSchema,
  kind: ledgerKindSchema,
  amount: z.number().int(),
  balanceAfter: z.number().int(),
  expiresAt: z.string().nullable(),
  memo: z.string().nullable(),
  source: z.object({ type: z.string(), id: z.string() }).nullable(),
  createdAt: z.string(),
});
export type LedgerLine = z.infer<typeof ledgerLineSchema>;

export const adjustmentBody = z
  .object({
    customerId: id.optional(),
    companyId: id.optional(),
    unit: unitSchema,
    amount: z
      .number()
      .int()
      .min(-100_000)
      .max(100_000)
      .refine((n) => n !== 0, 'Enter an amount other than 0'),
    /** only for additions: when what is added expires (an instant) */
    expiresAt: z.string().datetime({ offset: true }).optional(),
    memo: z.string().trim().min(1, 'Say why').max(500),
  })
  .refine((o) => (o.customerId === undefined) !== (o.companyId === undefined), { message: 'Give exactly one of customerId or companyId', path: ['customerId'] })
  .refine((o) => o.expiresAt === undefined || o.amount > 0, { message: 'Only an addition can expire', path: ['expiresAt'] });
export type AdjustmentInput = z.infer<typeof adjustmentBody>;
