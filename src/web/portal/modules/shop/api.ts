// The shop at a location (portal): the products the person may see, ordering with an Idempotency-Key, and their orders.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { orderBody, orderSchema, productSchema } from '../../../../server/modules/shop/schema';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/types';
import { billingKeys } from '../billing/api';

export type Product = z.infer<typeof productSchema>;
export type Order = z.infer<typeof orderSchema>;
export type OrderInput = z.input<typeof orderBody>;
export type OrderMethod = OrderInput['paymentMethod'];

export const shopKeys = {
  at: (locationId: string) => ['shop', locationId] as const,
  products: (locationId: string) => [...shopKeys.at(locationId), 'products'] as const,
  mine: (locationId: string) => [...shopKeys.at(locationId), 'mine'] as const,
};

const base = (locationId: string) => `/portal/locations/${encodeURIComponent(locationId)}`;

export function useShopProducts(locationId: string) {
  return useQuery({ queryKey: shopKeys.products(locationId), queryFn: () => api.get<Page<Product>>(`${base(locationId)}/products`, { limit: 200 }) });
}

export function useMyOrders(locationId: string, enabled: boolean) {
  return useQuery({ queryKey: shopKeys.mine(locationId), queryFn: () => api.get<Page<Order>>(`${base(locationId)}/orders`, { limit: 50 }), enabled });
}

/** Orders once per key (a second tap, or a retry after a lost answer, orders once); refreshes stock, orders and balances. */
export function usePlaceOrder(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: OrderInput; idempotencyKey: string }) =>
      api.post<{ order: Order; checkoutUrl: string | null }>(`${base(locationId)}/orders`, input, { 'Idempotency-Key': idempotencyKey }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: shopKeys.at(locationId) }),
        queryClient.invalidateQueries({ queryKey: billingKeys.at(locationId) }),
      ]),
  });
}
