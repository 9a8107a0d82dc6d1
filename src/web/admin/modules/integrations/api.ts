// API key and webhook calls (owner only, for one organization): query keys, lists, and the mutations with their refresh.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiKey, CreateApiKeyBody, CreatedApiKey } from '../../../../server/modules/api-keys/schema';
import type {
  CreatedWebhook,
  CreateWebhookBody,
  Delivery,
  DeliveryPage,
  DeliveryStatus,
  UpdateWebhookBody,
  Webhook,
} from '../../../../server/modules/webhooks/schema';
import { api } from '../../../lib/api';

export type { ApiKey, CreatedApiKey, CreatedWebhook, Delivery, DeliveryStatus, Webhook };

export const integrationKeys = {
  apiKeys: (organizationId: string) => ['api-keys', organizationId] as const,
  webhooks: (organizationId: string) => ['webhooks', organizationId] as const,
  deliveries: (organizationId: string, webhookId: string, status: string, cursor: string | null) =>
    ['webhooks', organizationId, webhookId, 'deliveries', status, cursor] as const,
};

const org = (organizationId: string) => `?organizationId=${encodeURIComponent(organizationId)}`;

export function useApiKeys(organizationId: string) {
  return useQuery({ queryKey: integrationKeys.apiKeys(organizationId), queryFn: () => api.get<{ items: ApiKey[] }>('/api-keys', { organizationId }) });
}

export function useCreateApiKey(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiKeyBody) => api.post<CreatedApiKey>(`/api-keys${org(organizationId)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationKeys.apiKeys(organizationId) }),
  });
}

export function useRevokeApiKey(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api-keys/${encodeURIComponent(id)}${org(organizationId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationKeys.apiKeys(organizationId) }),
  });
}

export function useWebhooks(organizationId: string) {
  return useQuery({ queryKey: integrationKeys.webhooks(organizationId), queryFn: () => api.get<{ items: Webhook[] }>('/webhooks', { organizationId }) });
}

function useRefreshWebhooks(organizationId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: integrationKeys.webhooks(organizationId) });
}

export function useCreateWebhook(organizationId: string) {
  const refresh = useRefreshWebhooks(organizationId);
  return useMutation({ mutationFn: (input: CreateWebhookBody) => api.post<CreatedWebhook>(`/webhooks${org(organizationId)}`, input), onSuccess: refresh });
}

export function useUpdateWebhook(organizationId: string) {
  const refresh = useRefreshWebhooks(organizationId);
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateWebhookBody & { id: string }) =>
      api.patch<{ webhook: Webhook }>(`/webhooks/${encodeURIComponent(id)}${org(organizationId)}`, input),
    onSuccess: refresh,
  });
}

export function useDeleteWebhook(organizationId: string) {
  const refresh = useRefreshWebhooks(organizationId);
  return useMutation({ mutationFn: (id: string) => api.delete(`/webhooks/${encodeURIComponent(id)}${org(organizationId)}`), onSuccess: refresh });
}

export function useDeliveries(organizationId: string, webhookId: string, status: DeliveryStatus | '', cursor: string | null) {
  return useQuery({
    queryKey: integrationKeys.deliveries(organizationId, webhookId, status, cursor),
    queryFn: () => api.get<DeliveryPage>(`/webhooks/${encodeURIComponent(webhookId)}/deliveries`, { organizationId, status, cursor, limit: 20 }),
    placeholderData: keepPreviousData,
    // a pending delivery moves on by itself: look again now and then while the log is open
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'pending') ? 5000 : false),
  });
}

export function useReplayDelivery(organizationId: string, webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      api.post<{ delivery: Delivery }>(`/webhooks/${encodeURIComponent(webhookId)}/deliveries/${encodeURIComponent(deliveryId)}/replay${org(organizationId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks', organizationId, webhookId] }),
  });
}
