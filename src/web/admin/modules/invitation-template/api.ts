// The location's invitation email template: its query key, read, preview, send a test, save, reset to the default.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { previewAnswer, templateAnswer, templateBody } from '../../../../server/modules/invitations/schema';
import { api } from '../../../lib/api';

export type InvitationTemplate = z.infer<typeof templateAnswer>;
export type TemplateInput = z.input<typeof templateBody>;
export type TemplatePreview = z.infer<typeof previewAnswer>;

export const templateKeys = {
  detail: (locationId: string) => ['invitation-template', locationId] as const,
};

const path = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/invitation-template`;

export function useInvitationTemplate(locationId: string) {
  return useQuery({ queryKey: templateKeys.detail(locationId), queryFn: () => api.get<InvitationTemplate>(path(locationId)) });
}

/** Save and reset answer the template as it now is: it goes straight into the cache. */
export function useSaveTemplate(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TemplateInput) => api.put<InvitationTemplate>(path(locationId), input),
    onSuccess: (saved) => queryClient.setQueryData(templateKeys.detail(locationId), saved),
  });
}

export function useResetTemplate(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<InvitationTemplate>(path(locationId)),
    onSuccess: (answer) => queryClient.setQueryData(templateKeys.detail(locationId), answer),
  });
}

/** Renders the subject and body being edited, without saving them. */
export function usePreviewTemplate(locationId: string) {
  return useMutation({ mutationFn: (input: TemplateInput) => api.post<TemplatePreview>(`${path(locationId)}/preview`, input) });
}

/** Sends the subject and body being edited to the signed-in person. */
export function useSendTestTemplate(locationId: string) {
  return useMutation({ mutationFn: (input: TemplateInput) => api.post<{ to: string }>(`${path(locationId)}/test`, input) });
}
