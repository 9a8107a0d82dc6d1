// The signed-in person in the portal: what GET /me says about their locations and companies, the edit of their own
// name and phone, and the start and end of a session on a page that stays where it is.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type { signedInAnswer } from '../../../../server/modules/auth/schema';
import type { updateMeBody } from '../../../../server/modules/users/schema';
import { api } from '../../../lib/api';
import { meKey } from '../../../lib/session';
import type { Me } from '../../../lib/types';

/** One location of the person, as /me lists it (the key of /me is `meKey`, shared with the admin app). */
export type Membership = Me['memberships'][number];
export type UpdateMeInput = z.input<typeof updateMeBody>;
export type SignedInAnswer = z.infer<typeof signedInAnswer>;

/** The locations the person belongs to now (invited or active, member or nonmember), in the order of /me. */
export function liveMemberships(me: Me): Membership[] {
  return me.memberships.filter((membership) => membership.status !== 'removed');
}

export interface CompanyEntry {
  locationId: string;
  locationName: string;
  company: NonNullable<Membership['company']>;
}

/** The member locations where the person is in a company, as /me tells them. */
export function companiesOf(me: Me): CompanyEntry[] {
  return me.memberships.flatMap((m) =>
    m.type === 'member' && m.status !== 'removed' && m.company ? [{ locationId: m.locationId, locationName: m.locationName, company: m.company }] : [],
  );
}

/** PATCH /me: saves the person's own name and phone; the answer replaces the user in the cached /me. */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateMeInput) => api.patch<SignedInAnswer>('/me', input),
    onSuccess: ({ user }) => queryClient.setQueryData<Me>(meKey, (old) => (old ? { ...old, user } : old)),
  });
}

/**
 * After a sign-in that happened on this page: forgets everything cached for whoever was signed in before, then loads
 * the new person's /me (undefined when that fails: the pages load it again).
 */
export function useStartSession() {
  const queryClient = useQueryClient();
  return useCallback(async (): Promise<Me | undefined> => {
    queryClient.removeQueries();
    return queryClient.fetchQuery({ queryKey: meKey, queryFn: () => api.get<Me>('/me') }).catch(() => undefined);
  }, [queryClient]);
}

/** Signs out and forgets the cache, leaving the page where it is (the admin app and the shell go to sign-in instead). */
export function useSignOutHere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/auth/sign-out'),
    onSuccess: () => queryClient.removeQueries(),
  });
}
