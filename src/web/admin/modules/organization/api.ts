// Organization settings (owner): the query key, the settings, their change, the logo's upload and removal, and a
// location's own logo. Each change refreshes /me, whose brands the frames show.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { organizationSchema, updateOrganizationBody } from '../../../../server/modules/organizations/schema';
import { api } from '../../../lib/api';
import { meKey } from '../../../lib/session';
import type { Location } from '../../../lib/types';
import { locationKeys } from '../locations/api';

export type Organization = z.infer<typeof organizationSchema>;
export type OrganizationUpdate = z.input<typeof updateOrganizationBody>;

/** The server refuses larger logos (413); checked before uploading. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
export const LOGO_ACCEPT = 'image/png,image/jpeg,image/webp';

export const organizationKeys = { one: (id: string) => ['organization', id] as const };
const path = (id: string) => `/organizations/${encodeURIComponent(id)}`;

export function useOrganization(id: string) {
  return useQuery({ queryKey: organizationKeys.one(id), queryFn: () => api.get<{ organization: Organization }>(path(id)).then((r) => r.organization) });
}

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return async (organization?: Organization) => {
    if (organization) queryClient.setQueryData(organizationKeys.one(id), organization);
    else await queryClient.invalidateQueries({ queryKey: organizationKeys.one(id) });
    await queryClient.invalidateQueries({ queryKey: meKey });
  };
}

export function useUpdateOrganization(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (changes: OrganizationUpdate) => api.patch<{ organization: Organization }>(path(id), changes),
    onSuccess: ({ organization }) => refresh(organization),
  });
}

export function useUploadLogo(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<{ organization: Organization }>(`${path(id)}/logo`, form);
    },
    onSuccess: ({ organization }) => refresh(organization),
  });
}

export function useRemoveLogo(id: string) {
  const refresh = useRefresh(id);
  return useMutation({ mutationFn: () => api.delete(`${path(id)}/logo`), onSuccess: () => refresh() });
}

/** A location's own logo: the saved location replaces its row in the cached list, as the location settings do. */
export function useLocationLogo(locationId: string) {
  const queryClient = useQueryClient();
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: locationKeys.all() });
    await queryClient.invalidateQueries({ queryKey: meKey });
  };
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<{ location: Location }>(`/locations/${encodeURIComponent(locationId)}/logo`, form);
    },
    onSuccess: done,
  });
  const remove = useMutation({ mutationFn: () => api.delete(`/locations/${encodeURIComponent(locationId)}/logo`), onSuccess: done });
  return { upload, remove };
}
