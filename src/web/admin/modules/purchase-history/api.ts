// The purchase history of a customer or a company (admin): newest first, page by page, optionally one kind.
import { useInfiniteQuery } from '@tanstack/react-query';
import type { PurchaseItem, PurchaseKind } from '../../../../server/modules/purchases/schema';
import { api } from '../../../lib/api';
import type { Page } from '../../../lib/types';

export type { PurchaseItem, PurchaseKind };
export type PurchaseOwner = { customerId: string } | { companyId: string };

const ownerPath = (owner: PurchaseOwner) =>
  'customerId' in owner ? `customers/${encodeURIComponent(owner.customerId)}` : `companies/${encodeURIComponent(owner.companyId)}`;

export const purchaseKeys = {
  all: (locationId: string) => ['locations', locationId, 'purchases'] as const,
  list: (locationId: string, owner: PurchaseOwner, kind: PurchaseKind | null) => [...purchaseKeys.all(locationId), ownerPath(owner), kind] as const,
};

export function usePurchases(locationId: string, owner: PurchaseOwner, kind: PurchaseKind | null) {
  return useInfiniteQuery({
    queryKey: purchaseKeys.list(locationId, owner, kind),
    queryFn: ({ pageParam }) =>
      api.get<Page<PurchaseItem>>(`/locations/${encodeURIComponent(locationId)}/${ownerPath(owner)}/purchases`, {
        kind: kind ?? undefined,
        limit: 10,
        cursor: pageParam,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
