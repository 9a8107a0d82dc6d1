// First-run setup calls: is setup still needed, and create the organization with its owner.
import { api } from '../../../lib/api';
import type { User } from '../../../lib/types';

export interface SetupInput {
  token: string;
  organizationName: string;
  locationName: string;
  address: string;
  timeZone: string;
  currency: string;
  country: string;
  ownerEmail: string;
  ownerFirstName: string;
  ownerLastName?: string;
}

export const setupApi = {
  status: () => api.get<{ needed: boolean }>('/setup'),
  run: (input: SetupInput) => api.post<{ user: User }>('/setup', input),
};
