// The location's invitation email template: read, preview, send a test, save, reset to the default.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { previewAnswer, templateAnswer, templateBody } from '../../../../server/modules/invitations/schema';
import { api } from '../../../lib/api';

export type InvitationTemplate = z.infer<typeof templateAnswer>;
export type TemplateInput = z.infer<typeof templateBody>;
export type TemplatePreview = z.infer<typeof previewAnswer>;

export const templateKey = (locationId: string) => ['invitation-template', locationId] as const;
const path = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/invitation-template`;

export function useInvitationTemplate(locationId: string) {
  return useQuery({ queryKey: templateKey(locationId), queryFn: () => api.get<InvitationTemplate>(path(locationId)) });
}

export const templateApi = {
  save: (locationId: string, input: TemplateInput) => api.put<InvitationTemplate>(path(locationId), input),
  reset: (locationId: string) => api.delete<InvitationTemplate>(path(locationId)),
  preview: (locationId: string, input: TemplateInput) => api.post<TemplatePreview>(`${path(locationId)}/preview`, input),
  sendTest: (locationId: string, input: TemplateInput) => api.post<{ to: string }>(`${path(locationId)}/test`, input),
};
