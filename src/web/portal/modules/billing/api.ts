// The person's billing at a location (portal): the summary (subscriptions, personal and company balances), the plans
// open to them, signing up, and the company managers' switch for whether the company's people may spend its balances.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { planSchema } from '../../../../server/modules/plans/schema';
import type { billingSummarySchema, signUpBody, subscriptionSchema } from '../../../../server/modules/subscriptions/schema';
import { api } from '../../../lib/api';
import { meKey } from '../../../lib/session';
import { companyKeys } from '../company/api';

export type BillingSummary = z.infer<typeof billingSummarySchema>;
export type Subscription = z.infer<typeof subscriptionSchema>;
export type Plan = z.infer<typeof planSchema>;
export type SignUpInput = z.input<typeof signUpBody>;

export const billingKeys = {
  all: ['billing'] as const,
  at: (locationId: string) => [...billingKeys.all, locationId] as const,
  summary: (locationId: string) => [...billingKeys.at(locationId), 'summary'] as const,
  plans: (locationId: string) => [...billingKeys.at(locationId), 'plans'] as const,
};

const base = (locationId: string) => `/portal/locations/${encodeURIComponent(locationId)}`;

export function useBillingSummary(locationId: string) {
  return useQuery({ queryKey: billingKeys.summary(locationId), queryFn: () => api.get<BillingSummary>(`${base(locationId)}/billing`) });
}

export function useOpenPlans(locationId: string) {
  return useQuery({ queryKey: billingKeys.plans(locationId), queryFn: () => api.get<{ items: Plan[] }>(`${base(locationId)}/plans`) });
}

/** Signing up can make the person a member at once: /me and the summary are read again. */
export function useSignUp(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, ...input }: SignUpInput & { planId: string }) =>
      api.post<{ subscription: Subscription; checkoutUrl: string | null }>(`${base(locationId)}/plans/${encodeURIComponent(planId)}/sign-up`, input),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: billingKeys.at(locationId) }), queryClient.invalidateQueries({ queryKey: meKey })]),
  });
}

/** A manager's switch on the company (portal company PATCH). */
export function useSetCompanyUsersMaySpend(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (companyUsersMaySpend: boolean) => api.patch(`${base(locationId)}/company`, { companyUsersMaySpend }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: billingKeys.at(locationId) }),
        queryClient.invalidateQueries({ queryKey: companyKeys.at(locationId) }),
      ]),
  });
}
