// Admin sign-in by the one-time link the CLI prints (the email-code sign-in is shared with the portal, in lib/session).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { auth } from '../../../lib/session';

/** Signs in with the link's token; whatever was cached for nobody (or someone else) is forgotten. */
export function useSignInWithLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => auth.signInWithLink(token),
    onSuccess: () => queryClient.removeQueries(),
  });
}
