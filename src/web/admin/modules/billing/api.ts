// Subscriptions and the ledger of one customer or company: query keys, the live subscriptions, the offboarding
// preview, balances and the ledger pages; add, change and cancel a subscription, and adjust a balance.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { adjustmentBody, balancesSchema, ledgerLineSchema } from '../../../../server/modules/ledger/schema';
import type { createSubscriptionBody, offboardingSchema, subscriptionSchema, updateSubscriptionBody } from '../../../../server/modules/subscriptions/schema';
import { api } from '../../../lib/api';
import { companyKeys } from '../companies/api';
import type { Company } from '../companies/api';
import { customerKeys } from '../customers/api';

export type Subscription = z.infer<typeof subscriptionSchema>;
export type SubscriptionInput = z.input<typeof createSubscriptionBody>;
export type SubscriptionUpdate = z.input<typeof updateSubscriptionBody>;
export type Offboarding = z.infer<typeof offboardingSchema>;
export type Balances = z.infer<typeof balancesSchema>;
export type LedgerLine = z.infer<typeof ledgerLineSchema>;
export type AdjustmentInput = z.input<typeof adjustmentBody>;

/** Whose billing: a customer or a company. */
export type Owner = { customerId: string; companyId?: undefined } | { companyId: string; customerId?: undefined };

const ownerKey = (owner: Owner) => (owner.customerId ? `customer:${owner.customerId}` : `company:${owner.companyId}`);

export const billingKeys = {
  all: (locationId: string) => ['billing', locationId] as const,
  subscriptions: (locationId: string, owner: Owner) => [...billingKeys.all(locationId), 'subscriptions', ownerKey(owner)] as const,
  offboarding: (locationId: string, subscriptionId: string, endDate: string | undefined) =>
    [...billingKeys.all(locationId), 'offboarding', subscriptionId, endDate ?? 'now'] as const,
  balances: (locationId: string, owner: Owner) => [...billingKeys.all(locationId), 'balances', ownerKey(owner)] as const,
  ledger: (locationId: string, owner: Owner) => [...billingKeys.all(locationId), 'ledger', ownerKey(owner)] as const,
};

const base = (locationId: string) => `/locations/${encodeURIComponent(locationId)}`;
const subscriptionPath = (locationId: string, subscriptionId: string) => `${base(locationId)}/subscriptions/${encodeURIComponent(subscriptionId)}`;

/** Billing changes move balances, and ending a subscription can make people nonmembers: refresh all of it. */
function refreshBilling(queryClient: QueryClient, locationId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: billingKeys.all(locationId) }),
    queryClient.invalidateQueries({ queryKey: customerKeys.all(locationId) }),
    queryClient.invalidateQueries({ queryKey: companyKeys.all(locationId) }),
  ]);
}

export function useSubscriptions(locationId: string, owner: Owner) {
  return useQuery({
    queryKey: billingKeys.subscriptions(locationId, owner),
    queryFn: () => api.get<{ items: Subscription[]; nextCursor: string | null }>(`${base(locationId)}/subscriptions`, { ...owner, limit: 100 }),
  });
}

export function useOffboarding(locationId: string, subscriptionId: string | undefined, endDate: string | undefined) {
  return useQuery({
    queryKey: billingKeys.offboarding(locationId, subscriptionId ?? '', endDate),
    queryFn: () => api.get<Offboarding>(`${subscriptionPath(locationId, subscriptionId!)}/offboarding`, { endDate }),
    enabled: Boolean(subscriptionId),
  });
}

export function useAddSubscription(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SubscriptionInput) => api.post<{ subscription: Subscription }>(`${base(locationId)}/subscriptions`, input),
    onSuccess: () => refreshBilling(queryClient, locationId),
  });
}

export function useUpdateSubscription(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ subscriptionId, ...input }: SubscriptionUpdate & { subscriptionId: string }) =>
      api.patch<{ subscription: Subscription }>(subscriptionPath(locationId, subscriptionId), input),
    onSuccess: () => refreshBilling(queryClient, locationId),
  });
}

export function useCancelSubscription(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (subscriptionId: string) => api.post<{ subscription: Subscription }>(`${subscriptionPath(locationId, subscriptionId)}/cancel`, {}),
    onSuccess: () => refreshBilling(queryClient, locationId),
  });
}

export function useBalances(locationId: string, owner: Owner) {
  return useQuery({ queryKey: billingKeys.balances(locationId, owner), queryFn: () => api.get<Balances>(`${base(locationId)}/balances`, owner) });
}

export function useLedger(locationId: string, owner: Owner) {
  return useInfiniteQuery({
    queryKey: billingKeys.ledger(locationId, owner),
    queryFn: ({ pageParam }) =>
      api.get<{ items: LedgerLine[]; nextCursor: string | null }>(`${base(locationId)}/ledger`, { ...owner, cursor: pageParam, limit: 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useAdjust(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AdjustmentInput) => api.post<{ transaction: LedgerLine }>(`${base(locationId)}/ledger/adjustments`, input),
    onSuccess: () => refreshBilling(queryClient, locationId),
  });
}

/** The company's switch: whether its users may spend its credits and day passes. */
export function useSetCompanyUsersMaySpend(locationId: string, companyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (companyUsersMaySpend: boolean) =>
      api.patch<{ company: Company }>(`${base(locationId)}/companies/${encodeURIComponent(companyId)}`, { companyUsersMaySpend }),
    onSuccess: () => refreshBilling(queryClient, locationId),
  });
}
