// Attachments on a customer profile: their query key, the list, upload (multipart field "file"), download link, delete.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { attachmentSchema } from '../../../../server/modules/attachments/schema';
import { api } from '../../../lib/api';
import { customerKeys, customerPath, refreshWithProfile } from '../customers/api';

export type Attachment = z.infer<typeof attachmentSchema>;

/** The server refuses larger files (413); checked before uploading so nobody waits for a refusal. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** What the server accepts (it checks the content, not the name): PDF, images, office documents. */
export const ATTACHMENT_ACCEPT = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/heic',
  '.docx',
  '.xlsx',
  '.pptx',
  '.doc',
  '.xls',
  '.ppt',
  '.odt',
  '.ods',
  '.odp',
].join(',');

export const attachmentKeys = {
  /** Under the profile's key: refreshing the whole profile refreshes its attachments. */
  list: (locationId: string, customerId: string) => [...customerKeys.detail(locationId, customerId), 'attachments'] as const,
};
const attachmentsPath = (locationId: string, customerId: string) => `${customerPath(locationId, customerId)}/attachments`;

export function useAttachments(locationId: string, customerId: string) {
  return useQuery({
    queryKey: attachmentKeys.list(locationId, customerId),
    queryFn: () => api.get<{ items: Attachment[] }>(attachmentsPath(locationId, customerId)),
  });
}

/** A plain link: the browser downloads it with the session cookie (Content-Disposition: attachment). */
export function downloadUrl(locationId: string, customerId: string, attachmentId: string): string {
  return `/api/v1${attachmentsPath(locationId, customerId)}/${encodeURIComponent(attachmentId)}/download`;
}

/** The list, and the profile whose timeline gains the step ("attachment added"...). */
function useRefreshAttachments(locationId: string, customerId: string) {
  const queryClient = useQueryClient();
  return () => refreshWithProfile(queryClient, attachmentKeys.list(locationId, customerId), locationId, customerId);
}

export function useUploadAttachment(locationId: string, customerId: string) {
  const refresh = useRefreshAttachments(locationId, customerId);
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<{ attachment: Attachment }>(attachmentsPath(locationId, customerId), form);
    },
    onSuccess: refresh,
  });
}

export function useDeleteAttachment(locationId: string, customerId: string) {
  const refresh = useRefreshAttachments(locationId, customerId);
  return useMutation({
    mutationFn: (attachmentId: string) => api.delete(`${attachmentsPath(locationId, customerId)}/${encodeURIComponent(attachmentId)}`),
    onSuccess: refresh,
  });
}
