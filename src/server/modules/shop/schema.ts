// The shop (design 10.1, 10.2): products (stock, prices in money and/or credits, tax, visibility,
// an optional credit package) and orders (lines, one payment method, a number per location).
import { z } from 'zod';
import { idSchema } from '../../lib/schema.js';
import { visibilitySchema } from '../plans/schema.js';

const money = z.number().int().min(0).max(100_000_000).nullable();
const creditPrice = z.number().int().min(1).max(10_000).nullable();

export const grantsSchema = z
  .object({
    credits: z.number().int().min(0).max(10_000).default(0),
    dayPasses: z.number().int().min(0).max(1_000).default(0),
    /** null: the lots never expire */
    validDays: z.number().int().min(1).max(3650).nullable().default(null),
  })
  .refine((g) => g.credits > 0 || g.dayPasses > 0, { message: 'Give at least one credit or day pass', path: ['credits'] });

const fields = {
  name: z.string().trim().min(1, 'Required').max(100, 'At most 100 characters'),
  description: z.string().trim().max(2000),
  price: money,
  creditPrice,
  taxRateBps: z.number().int().min(0).max(10_000).nullable(),
  stock: z.number().int().min(0).max(1_000_000).nullable(),
  visibility: visibilitySchema,
  active: z.boolean(),
  grants: grantsSchema.nullable(),
};

export const createProductBody = z.object({
  name: fields.name,
  description: fields.description.default(''),
  price: fields.price.default(null),
  creditPrice: fields.creditPrice.default(null),
  taxRateBps: fields.taxRateBps.default(null),
  stock: fields.stock.default(null),
  visibility: fields.visibility.default('location_members'),
  active: fields.active.default(true),
  grants: fields.grants.default(null),
});
export type CreateProductInput = z.infer<typeof createProductBody>;

export const updateProductBody = z.object({
  name: fields.name.optional(),
  description: fields.description.optional(),
  price: fields.price.optional(),
  creditPrice: fields.creditPrice.optional(),
  taxRateBps: fields.taxRateBps.optional(),
  stock: fields.stock.optional(),
  visibility: fields.visibility.optional(),
  active: fields.active.optional(),
  grants: fields.grants.optional(),
});
export type UpdateProductInput = z.infer<typeof updateProductBody>;

export const productSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  name: z.string(),
  description: z.string(),
  price: z.number().int().nullable(),
  creditPrice: z.number().int().nullable(),
  taxRateBps: z.number().int().nullable(),
  currency: z.string(),
  stock: z.number().int().nullable(),
  visibility: visibilitySchema,
  active: z.boolean(),
  grants: z.object({ credits: z.number().int(), dayPasses: z.number().int(), validDays: z.number().int().nullable() }).nullable(),
  createdAt: z.string(),
});
export type ProductDto = z.infer<typeof productSchema>;

export const productParams = z.object({ locationId: idSchema, productId: idSchema });
export const listProductsQuery = z.object({
  active: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const ORDER_STATUSES = ['pending_payment', 'new', 'in_progress', 'completed', 'canceled'] as const;
export const orderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof orderStatusSchema>;
export const orderPaymentMethodSchema = z.enum(['free', 'credits', 'invoice', 'card']);
export type OrderPaymentMethod = z.infer<typeof orderPaymentMethodSchema>;

export const orderBody = z.object({
  lines: z
    .array(z.object({ productId: idSchema, quantity: z.number().int().min(1).max(100) }))
    .min(1)
    .max(50)
    .refine((lines) => new Set(lines.map((l) => l.productId)).size === lines.length, { message: 'Each product once' }),
  paymentMethod: orderPaymentMethodSchema,
  /** who pays: the buyer (default) or their company */
  payer: z.enum(['personal', 'company']).optional(),
});
export type OrderInput = z.infer<typeof orderBody>;

export const refundedSchema = z.object({
  credits: z.number().int(),
  dayPasses: z.number().int(),
  amount: z.number().int(),
  expiredNotReturned: z.number().int(),
});

export const orderLineSchema = z.object({
  productId: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int().nullable(),
  creditPrice: z.number().int().nullable(),
  taxRateBps: z.number().int().nullable(),
});

export const orderSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  number: z.number().int(),
  customerId: z.string(),
  companyId: z.string().nullable(),
  customerName: z.string(),
  lines: z.array(orderLineSchema),
  status: orderStatusSchema,
  paymentMethod: orderPaymentMethodSchema,
  payer: z.enum(['personal', 'company']),
  /** money with tax, minor units (0 for a credits order) */
  total: z.number().int(),
  credits: z.number().int(),
  currency: z.string(),
  invoiceId: z.string().nullable(),
  refunded: refundedSchema.nullable(),
  createdAt: z.string(),
  canceledAt: z.string().nullable(),
});
export type OrderDto = z.infer<typeof orderSchema>;

export const orderParams = z.object({ locationId: idSchema, orderId: idSchema });
export const listOrdersQuery = z.object({
  status: orderStatusSchema.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const updateOrderBody = z.object({
  status: orderStatusSchema,
  /** on cancel: give back what was paid (default) or not */
  refund: z.boolean().optional(),
});
export type UpdateOrderInput = z.infer<typeof updateOrderBody>;
