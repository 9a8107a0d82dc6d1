// Invitations from the admin app: invite one person, and the mass invitation (preview, start, progress).
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { bulkJobAnswer, bulkPreviewAnswer, inviteAnswer, inviteBody } from '../../../../server/modules/invitations/schema';
import { api } from '../../../lib/api';

export type InviteInput = z.input<typeof inviteBody>;
export type InviteAnswer = z.infer<typeof inviteAnswer>;
export type BulkPreview = z.infer<typeof bulkPreviewAnswer>;
export type BulkRow = BulkPreview['rows'][number];
export type BulkJob = z.infer<typeof bulkJobAnswer>;

export interface BulkInput {
  text: string;
  companyId?: string | null;
}

const invitationsPath = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/invitations`;

export const invitationsApi = {
  invite: (locationId: string, input: InviteInput) => api.post<InviteAnswer>(invitationsPath(locationId), input),
  preview: (locationId: string, input: BulkInput) => api.post<BulkPreview>(`${invitationsPath(locationId)}/bulk/preview`, input),
  startBulk: (locationId: string, input: BulkInput) => api.post<{ jobId: string }>(`${invitationsPath(locationId)}/bulk`, input),
};

export const POLL_MS = 500;

export function isFinished(job: BulkJob | undefined): boolean {
  return job?.status === 'done' || job?.status === 'failed';
}

/** Progress of a mass invitation, asked every half second until it is done or failed. */
export function useBulkJob(locationId: string, jobId: string | null) {
  return useQuery({
    queryKey: ['bulk-invitation', locationId, jobId],
    queryFn: () => api.get<BulkJob>(`${invitationsPath(locationId)}/bulk/${encodeURIComponent(jobId!)}`),
    enabled: jobId !== null,
    refetchInterval: (query) => (isFinished(query.state.data) ? false : POLL_MS),
    staleTime: 0,
  });
}
