// Join requests of a location (administrators): their query keys, the list by status, approve, decline with an
// optional reason.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { declineBody, joinRequestSchema } from '../../../../server/modules/join-requests/schema';
import { api } from '../../../lib/api';
import { customerKeys } from '../customers/api';

export type JoinRequest = z.infer<typeof joinRequestSchema>;
export type DeclineInput = z.input<typeof declineBody>;
export const JOIN_REQUEST_TABS = ['pending', 'approved', 'declined'] as const;
export type JoinRequestTab = (typeof JOIN_REQUEST_TABS)[number];

export const joinRequestKeys = {
  all: (locationId: string) => ['join-requests', locationId] as const,
  list: (locationId: string, status: JoinRequestTab) => [...joinRequestKeys.all(locationId), status] as const,
};

const path = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/join-requests`;
const requestPath = (locationId: string, requestId: string) => `${path(locationId)}/${encodeURIComponent(requestId)}`;

export function useJoinRequests(locationId: string, status: JoinRequestTab) {
  return useQuery({
    queryKey: joinRequestKeys.list(locationId, status),
    queryFn: () => api.get<{ items: JoinRequest[] }>(path(locationId), { status }),
  });
}

/** Approves a request: it moves to the approved tab and the person shows among the customers. */
export function useApproveJoinRequest(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (requestId: string) => api.post<{ request: JoinRequest }>(`${requestPath(locationId, requestId)}/approve`),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: joinRequestKeys.all(locationId) }),
        queryClient.invalidateQueries({ queryKey: customerKeys.everyLocation() }),
      ]),
    // Someone else may have decided it meanwhile: show the list as it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: joinRequestKeys.all(locationId) }),
  });
}

export function useDeclineJoinRequest(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, ...input }: DeclineInput & { requestId: string }) =>
      api.post<{ request: JoinRequest }>(`${requestPath(locationId, requestId)}/decline`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: joinRequestKeys.all(locationId) }),
  });
}
