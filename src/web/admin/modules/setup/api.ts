// First-run setup calls: is setup still needed, and create the organization with its owner (who is then signed in).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { signedInAnswer } from '../../../../server/modules/auth/schema';
import type { setupBody, setupStatusAnswer } from '../../../../server/modules/setup/schema';
import { api } from '../../../lib/api';

/** The setup request, as the server's schema reads it. */
export type SetupInput = z.input<typeof setupBody>;
export type SetupStatus = z.infer<typeof setupStatusAnswer>;

export const setupKeys = {
  status: () => ['setup'] as const,
};

export function useSetupStatus() {
  return useQuery({ queryKey: setupKeys.status(), queryFn: () => api.get<SetupStatus>('/setup') });
}

/** Runs the setup; the owner is signed in by it, so nothing cached before (no session, setup needed) holds any more. */
export function useRunSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) => api.post<z.infer<typeof signedInAnswer>>('/setup', input),
    onSuccess: () => queryClient.removeQueries(),
  });
}
