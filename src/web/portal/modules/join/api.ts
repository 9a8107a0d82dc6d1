// Join requests from the portal: the public facts of a location (its join page), and asking to join it, signed in
// (one call) or as a visitor (name and email, then the emailed code).
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { joinRequestBody, publicLocationSchema } from '../../../../server/modules/join-requests/schema';
import { api } from '../../../lib/api';

export type PublicLocation = z.infer<typeof publicLocationSchema>;
export type JoinRequestInput = z.input<typeof joinRequestBody>;

export const joinKeys = {
  all: ['join'] as const,
  location: (locationId: string) => [...joinKeys.all, 'public-location', locationId] as const,
};

const joinPath = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/join-requests`;

/** Name, organization and join setting of a location, open to visitors; 404 when there is no such location. */
export function usePublicLocation(locationId: string) {
  return useQuery({
    queryKey: joinKeys.location(locationId),
    queryFn: () => api.get<{ location: PublicLocation }>(`/public/locations/${encodeURIComponent(locationId)}`).then((answer) => answer.location),
  });
}

/**
 * POST a join request. Signed in: `{}` sends it. A visitor: `{ firstName, lastName, email }` emails a code (the
 * server answers "code_required"), then `{ email, code }` sends the request. Nothing cached changes: a request is
 * not a membership until an administrator approves it.
 */
export function useRequestToJoin(locationId: string) {
  return useMutation({ mutationFn: (input: JoinRequestInput) => api.post(joinPath(locationId), input) });
}
