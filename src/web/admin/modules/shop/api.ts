// The shop of a location: query keys, the products and the orders board, and save a product, move or cancel an order.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createProductBody, orderSchema, productSchema, refundedSchema, updateProductBody } from '../../../../server/modules/shop/schema';
import { api } from '../../../lib/api';

export type Product = z.infer<typeof productSchema>;
export type ProductInput = z.input<typeof createProductBody>;
export type ProductUpdate = z.input<typeof updateProductBody>;
export type Order = z.infer<typeof orderSchema>;
export type OrderStatus = Order['status'];
export type Refunded = z.infer<typeof refundedSchema>;

export const shopKeys = {
  all: (locationId: string) => ['shop', locationId] as const,
  products: (locationId: string) => [...shopKeys.all(locationId), 'products'] as const,
  orders: (locationId: string, status: OrderStatus) => [...shopKeys.all(locationId), 'orders', status] as const,
};

const base = (locationId: string) => `/locations/${encodeURIComponent(locationId)}`;
type Page<T> = { items: T[]; nextCursor: string | null };

/** Every product of the location, by name (pages of 200 are read). */
export function useProducts(locationId: string) {
  return useQuery({
    queryKey: shopKeys.products(locationId),
    queryFn: async () => {
      const items: Product[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const answer: Page<Product> = await api.get<Page<Product>>(`${base(locationId)}/products`, { limit: 200, cursor });
        items.push(...answer.items);
        cursor = answer.nextCursor;
        if (!cursor) break;
      }
      return { items };
    },
  });
}

export function useSaveProduct(locationId: string, productId?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProductInput | ProductUpdate) =>
      productId
        ? api.patch<{ product: Product }>(`${base(locationId)}/products/${encodeURIComponent(productId)}`, input)
        : api.post<{ product: Product }>(`${base(locationId)}/products`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: shopKeys.products(locationId) }),
  });
}

/** One column of the board: the newest 100 orders of a status. */
export function useOrders(locationId: string, status: OrderStatus) {
  return useQuery({
    queryKey: shopKeys.orders(locationId, status),
    queryFn: () => api.get<Page<Order>>(`${base(locationId)}/orders`, { status, limit: 100 }),
  });
}

/** Moves an order; a cancel also puts stock back (the products) and may refund. */
export function useMoveOrder(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ order, status, refund }: { order: Order; status: OrderStatus; refund?: boolean }) =>
      api.patch<{ order: Order; refunded: Refunded | null }>(`${base(locationId)}/orders/${encodeURIComponent(order.id)}`, {
        status,
        ...(refund === undefined ? {} : { refund }),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: shopKeys.all(locationId) }),
  });
}
