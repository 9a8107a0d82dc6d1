// Transfer of a customer to another location: the preview of ending their subscriptions and the transfer itself,
// which refreshes both locations' customers, profiles and billing.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { transferAnswer, transferBody, transferPreviewAnswer } from '../../../../server/modules/transfers/schema';
import { api } from '../../../lib/api';
import { billingKeys } from '../billing/api';
import { customerKeys } from '../customers/api';

export type TransferInput = z.input<typeof transferBody>;
export type TransferAnswer = z.infer<typeof transferAnswer>;
export type TransferPreview = z.infer<typeof transferPreviewAnswer>;
export type EndMode = 'end_of_period' | 'now';

const transferPath = (locationId: string, customerId: string) =>
  `/locations/${encodeURIComponent(locationId)}/customers/${encodeURIComponent(customerId)}/transfer`;

export const transferKeys = {
  preview: (locationId: string, customerId: string, mode: EndMode) => [...billingKeys.all(locationId), 'transfer-preview', customerId, mode] as const,
};

/** What ending the personal subscriptions (at the end of their period, or now) would take away; off for "keep". */
export function useTransferPreview(locationId: string, customerId: string, mode: EndMode | null) {
  return useQuery({
    queryKey: transferKeys.preview(locationId, customerId, mode ?? 'now'),
    queryFn: () => api.get<TransferPreview>(`${transferPath(locationId, customerId)}/preview`, { endSubscriptions: mode ?? 'now' }),
    enabled: mode !== null,
  });
}

export function useTransfer(locationId: string, customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TransferInput) => api.post<TransferAnswer>(transferPath(locationId, customerId), input),
    onSuccess: (answer) =>
      Promise.all(
        [answer.from.locationId, answer.to.locationId].flatMap((id) => [
          queryClient.invalidateQueries({ queryKey: customerKeys.all(id) }),
          queryClient.invalidateQueries({ queryKey: customerKeys.profiles(id) }),
          queryClient.invalidateQueries({ queryKey: billingKeys.all(id) }),
        ]),
      ),
  });
}
