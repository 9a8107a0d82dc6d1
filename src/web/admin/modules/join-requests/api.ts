// Join requests of a location (administrators): list by status, approve, decline with an optional reason.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { joinRequestSchema } from '../../../../server/modules/join-requests/schema';
import { api } from '../../../lib/api';

export type JoinRequest = z.infer<typeof joinRequestSchema>;
export const JOIN_REQUEST_TABS = ['pending', 'approved', 'declined'] as const;
export type JoinRequestTab = (typeof JOIN_REQUEST_TABS)[number];

export const joinRequestsKey = (locationId: string) => ['join-requests', locationId] as const;
const path = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/join-requests`;

export function useJoinRequests(locationId: string, status: JoinRequestTab) {
  return useQuery({
    queryKey: [...joinRequestsKey(locationId), status],
    queryFn: () => api.get<{ items: JoinRequest[] }>(path(locationId), { status }),
  });
}

export const joinRequestsApi = {
  approve: (locationId: string, requestId: string) => api.post<{ request: JoinRequest }>(`${path(locationId)}/${encodeURIComponent(requestId)}/approve`),
  decline: (locationId: string, requestId: string, reason?: string) =>
    api.post<{ request: JoinRequest }>(`${path(locationId)}/${encodeURIComponent(requestId)}/decline`, reason ? { reason } : {}),
};
