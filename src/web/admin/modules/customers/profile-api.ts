// One customer's profile (details, company, administrator role, activities) and the lifecycle calls made from it.
import { queryOptions, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { z } from 'zod';
import type { profileAnswer, updateCustomerBody } from '../../../../server/modules/customers/schema';
import { api } from '../../../lib/api';
import type { Customer } from '../../../lib/types';

export type CustomerProfile = z.infer<typeof profileAnswer>;
export type ProfileCustomer = CustomerProfile['customer'];
export type Activity = CustomerProfile['activities'][number];
export type CustomerUpdate = z.input<typeof updateCustomerBody>;

export const customerPath = (locationId: string, customerId: string) =>
  `/locations/${encodeURIComponent(locationId)}/customers/${encodeURIComponent(customerId)}`;

/** The profile; notes and attachments live under it, so invalidating it refreshes them too. */
export const profileKey = (locationId: string, customerId: string) => ['customer', locationId, customerId] as const;
/** Every customer list of every location (the list page's keys start with "customers"). */
export const customerListsKey = ['customers'] as const;

export const profileQuery = (locationId: string, customerId: string) =>
  queryOptions({ queryKey: profileKey(locationId, customerId), queryFn: () => api.get<CustomerProfile>(customerPath(locationId, customerId)) });

export function useCustomerProfile(locationId: string, customerId: string) {
  return useQuery(profileQuery(locationId, customerId));
}

/** Refreshes a list of the profile (its notes, its attachments), and the profile itself, whose activities gain the step. */
export function useRefreshWithProfile(listKey: QueryKey, locationId: string, customerId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: listKey }),
      queryClient.invalidateQueries({ queryKey: profileKey(locationId, customerId), exact: true }),
    ]);
}

export const profileApi = {
  update: (locationId: string, customerId: string, changes: CustomerUpdate) =>
    api.patch<{ customer: Customer }>(customerPath(locationId, customerId), changes),
  remove: (locationId: string, customerId: string) => api.delete(customerPath(locationId, customerId)),
  restore: (locationId: string, customerId: string) => api.post<{ customer: Customer }>(`${customerPath(locationId, customerId)}/restore`),
  resendInvitation: (locationId: string, customerId: string) => api.post(`${customerPath(locationId, customerId)}/resend-invitation`),
};
