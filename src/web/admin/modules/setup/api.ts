// First-run setup calls: is setup still needed, and create the organization with its owner.
import { api } from '../../../lib/api';
import type { z } from 'zod';
import type { setupBody } from '../../../../server/modules/setup/schema';
import type { User } from '../../../lib/types';

/** The setup request, as the server's schema reads it. */
export type SetupInput = z.input<typeof setupBody>;

export const setupApi = {
  status: () => api.get<{ needed: boolean }>('/setup'),
  run: (input: SetupInput) => api.post<{ user: User }>('/setup', input),
};
