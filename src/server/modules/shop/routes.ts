// HTTP edge of the shop: products and the orders board (shop permission); the portal's products,
// orders and "my orders", for anyone signed in who may see the products.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { errorSchema, idempotencyHeaders, locationParams } from '../../lib/schema.js';
import { adminScope, customerScope, requireActor } from '../access/service.js';
import * as locations from '../locations/service.js';
import {
  createProductBody,
  listOrdersQuery,
  listProductsQuery,
  orderBody,
  orderParams,
  orderSchema,
  productParams,
  productSchema,
  refundedSchema,
  updateOrderBody,
  updateProductBody,
} from './schema.js';
import * as service from './service.js';

const productPage = z.object({ items: z.array(productSchema), nextCursor: z.string().nullable() });
const orderPage = z.object({ items: z.array(orderSchema), nextCursor: z.string().nullable() });
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };

export function shopRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const products = '/api/v1/locations/:locationId/products';
    app.get(
      products,
      {
        schema: { tags: ['shop'], summary: 'List products', params: locationParams, querystring: listProductsQuery, response: { 200: productPage, ...errors } },
      },
      async (request) => service.listProducts(deps, await adminScope(deps, request, request.params.locationId, 'shop'), request.query),
    );
    app.post(
      products,
      {
        schema: {
          tags: ['shop'],
          summary: 'Create a product',
          params: locationParams,
          body: createProductBody,
          response: { 201: z.object({ product: productSchema }), ...errors },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'shop');
        return reply.status(201).send({ product: await service.createProduct(deps, scope, request.body) });
      },
    );
    app.get(
      `${products}/:productId`,
      { schema: { tags: ['shop'], summary: 'Read a product', params: productParams, response: { 200: z.object({ product: productSchema }), ...errors } } },
      async (request) => ({
        product: await service.getProduct(deps, await adminScope(deps, request, request.params.locationId, 'shop'), request.params.productId),
      }),
    );
    app.patch(
      `${products}/:productId`,
      {
        schema: {
          tags: ['shop'],
          summary: 'Change a product',
          params: productParams,
          body: updateProductBody,
          response: { 200: z.object({ product: productSchema }), ...errors },
        },
      },
      async (request) => ({
        product: await service.updateProduct(deps, await adminScope(deps, request, request.params.locationId, 'shop'), request.params.productId, request.body),
      }),
    );

    const orders = '/api/v1/locations/:locationId/orders';
    app.get(
      orders,
      { schema: { tags: ['shop'], summary: 'List orders', params: locationParams, querystring: listOrdersQuery, response: { 200: orderPage, ...errors } } },
      async (request) => service.listOrders(deps, await adminScope(deps, request, request.params.locationId, 'shop'), request.query),
    );
    app.patch(
      `${orders}/:orderId`,
      {
        schema: {
          tags: ['shop'],
          summary: 'Move or cancel an order',
          params: orderParams,
          body: updateOrderBody,
          response: { 200: z.object({ order: orderSchema, refunded: refundedSchema.nullable() }), ...errors },
        },
      },
      async (request) => service.updateOrder(deps, await adminScope(deps, request, request.params.locationId, 'shop'), request.params.orderId, request.body),
    );

    const portal = '/api/v1/portal/locations/:locationId';
    const located = async (locationId: string) => {
      const location = await locations.findLocationUnscoped(deps.db, locationId);
      if (!location) throw notFound('Location not found');
      return { organizationId: location.organization_id, locationId: location.id };
    };
    app.get(
      `${portal}/products`,
      {
        schema: {
          tags: ['portal'],
          summary: 'List the products the caller may see',
          params: locationParams,
          querystring: listProductsQuery.omit({ active: true }),
          response: { 200: productPage, 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => service.visibleProducts(deps, await located(request.params.locationId), requireActor(request).userId, request.query),
    );
    app.post(
      `${portal}/orders`,
      {
        preValidation: async (request) => {
          requireActor(request);
        },
        schema: {
          tags: ['portal'],
          summary: 'Place an order',
          params: locationParams,
          headers: idempotencyHeaders,
          body: orderBody,
          response: { 201: z.object({ order: orderSchema, checkoutUrl: z.string().nullable() }), ...errors },
        },
      },
      async (request, reply) => {
        const userId = requireActor(request).userId;
        const s = await located(request.params.locationId);
        const out = await service.placeOrder(deps, s, { userId }, request.body, request.headers['idempotency-key']);
        return reply.status(201).send({ order: out.order, checkoutUrl: out.checkoutUrl });
      },
    );
    app.get(
      `${portal}/orders`,
      {
        schema: {
          tags: ['portal'],
          summary: "List the caller's orders",
          params: locationParams,
          querystring: listOrdersQuery.omit({ status: true }),
          response: { 200: orderPage, 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await customerScope(deps, request, request.params.locationId);
        return service.listOrders(deps, scope, { ...request.query, customerId: scope.customerId });
      },
    );
  };
}
