// The person's company at a location (portal self-service): its page with its people, the managers' edits and
// removals, and colleague invitations, with what each change refreshes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { companySchema, updateCompanyBody } from '../../../../server/modules/companies/schema';
import type { inviteAnswer, inviteBody } from '../../../../server/modules/invitations/schema';
import { api, isApiError } from '../../../lib/api';
import { meKey } from '../../../lib/session';
import type { Customer } from '../../../lib/types';

export type Company = z.infer<typeof companySchema>;
/** The answer of GET and PATCH /portal/locations/:id/company (its schema is private to the server's routes). */
export interface CompanyPage {
  company: Company;
  people: Customer[];
  canManage: boolean;
}
export type CompanyInput = z.input<typeof updateCompanyBody>;
/** A colleague to invite: the invitation's person fields (the server picks the company, and no other option). */
export type ColleagueInput = Pick<z.input<typeof inviteBody>, 'firstName' | 'lastName' | 'email' | 'phone'>;
export type InviteAnswer = z.infer<typeof inviteAnswer>;

export const companyKeys = {
  all: ['company'] as const,
  at: (locationId: string) => [...companyKeys.all, locationId] as const,
};

const companyPath = (locationId: string) => `/portal/locations/${encodeURIComponent(locationId)}/company`;

/** The person's company at a location, or null when they are not in one there (the server answers 404). */
export function useCompany(locationId: string) {
  return useQuery({
    queryKey: companyKeys.at(locationId),
    queryFn: () =>
      api.get<CompanyPage>(companyPath(locationId)).catch((error: unknown) => {
        if (isApiError(error, 404)) return null;
        throw error;
      }),
  });
}

/** Managers edit the details; the answer is the page as it is now, and /me names the company too. */
export function useUpdateCompany(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CompanyInput) => api.patch<CompanyPage>(companyPath(locationId), input),
    onSuccess: (page) => {
      queryClient.setQueryData(companyKeys.at(locationId), page);
      void queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}

/** Managers take a person out of the company (they stay a customer of the location). */
export function useRemoveCompanyPerson(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (customerId: string) => api.delete(`${companyPath(locationId)}/people/${encodeURIComponent(customerId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: companyKeys.at(locationId) }),
  });
}

/** Any company user invites a colleague into the location and the company; the new person joins the list. */
export function useInviteColleague(locationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ColleagueInput) => api.post<InviteAnswer>(`${companyPath(locationId)}/invitations`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: companyKeys.at(locationId) }),
  });
}
