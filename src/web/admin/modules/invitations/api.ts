// Invitations from the admin app: invite one person, send a fresh invitation link, and the mass invitation
// (preview, start, progress), with their query keys and what each refreshes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { z } from 'zod';
import type { bulkBody, bulkJobAnswer, bulkPreviewAnswer, inviteAnswer, inviteBody } from '../../../../server/modules/invitations/schema';
import { api } from '../../../lib/api';
import { refreshCompanies } from '../companies/api';
import { customerKeys, customerPath } from '../customers/api';

export type InviteInput = z.input<typeof inviteBody>;
export type InviteAnswer = z.infer<typeof inviteAnswer>;
export type BulkInput = z.input<typeof bulkBody>;
export type BulkPreview = z.infer<typeof bulkPreviewAnswer>;
export type BulkRow = BulkPreview['rows'][number];
export type BulkJob = z.infer<typeof bulkJobAnswer>;

export const invitationKeys = {
  bulkJob: (locationId: string, jobId: string | null) => ['bulk-invitation', locationId, jobId] as const,
};

const invitationsPath = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/invitations`;

/** Invites one person; the new customer shows in the lists, in their company and on their profile. */
export function useInvite(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteInput) => api.post<InviteAnswer>(invitationsPath(locationId), input),
    onSuccess: () => refreshCompanies(queryClient, locationId),
  });
}

/** Sends an invited customer a fresh invitation link; their profile's timeline gains the step. */
export function useResendInvitation(locationId: string, customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(`${customerPath(locationId, customerId)}/resend-invitation`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerKeys.detail(locationId, customerId), exact: true }),
  });
}

/** Reads a pasted table: each row ready, skipped or invalid; nothing is sent. */
export function usePreviewBulk(locationId: string) {
  return useMutation({ mutationFn: (input: BulkInput) => api.post<BulkPreview>(`${invitationsPath(locationId)}/bulk/preview`, input) });
}

/** Starts inviting the ready rows in the background; answers the job to follow with useBulkJob. */
export function useStartBulk(locationId: string) {
  return useMutation({ mutationFn: (input: BulkInput) => api.post<{ jobId: string }>(`${invitationsPath(locationId)}/bulk`, input) });
}

export const POLL_MS = 500;

export function isFinished(job: BulkJob | undefined): boolean {
  return job?.status === 'done' || job?.status === 'failed';
}

/** Progress of a mass invitation, asked every half second until it is done or failed. */
export function useBulkJob(locationId: string, jobId: string | null) {
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: invitationKeys.bulkJob(locationId, jobId),
    queryFn: () => api.get<BulkJob>(`${invitationsPath(locationId)}/bulk/${encodeURIComponent(jobId!)}`),
    enabled: jobId !== null,
    refetchInterval: (query) => (isFinished(query.state.data) ? false : POLL_MS),
    staleTime: 0,
  });
  const finished = isFinished(job.data);
  // The new people show in the lists and counts once the job ends.
  useEffect(() => {
    if (!finished) return;
    void refreshCompanies(queryClient, locationId);
  }, [finished, queryClient, locationId]);
  return job;
}
