// Activation links of invitation emails: open a link (once per page load), activate with the emailed code, and the
// sign-in code for a link that was already used. Nothing here is cached: each answer moves the page on, and a sign-in
// starts a fresh cache (`useStartSession` in modules/me).
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import type { activationAnswer, activationBody, activationBrandSchema, activationVerifyBody } from '../../../../server/modules/invitations/schema';
import { api } from '../../../lib/api';
import { auth } from '../../../lib/session';

export type ActivationAnswer = z.infer<typeof activationAnswer>;
/** The operator of a live invitation: the pages that ask for a code or a sign-in show it. */
export type ActivationBrand = z.infer<typeof activationBrandSchema>;
type ActivationInput = z.input<typeof activationBody>;
type VerifyInput = z.input<typeof activationVerifyBody>;

const activate = (input: ActivationInput) => api.post<ActivationAnswer>('/activation', input);

// A link is opened once per page load: React's strict mode runs effects twice, and both runs must share one request.
const opening = new Map<string, Promise<ActivationAnswer>>();

function openOnce(token: string): Promise<ActivationAnswer> {
  let request = opening.get(token);
  if (!request) {
    request = activate({ token });
    opening.set(token, request);
    // Gone once settled, so coming back to the link later asks the server again.
    void request.then(
      () => setTimeout(() => opening.delete(token), 0),
      () => setTimeout(() => opening.delete(token), 0),
    );
  }
  return request;
}

/**
 * The calls of one activation link: `openFirst()` is the first opening, shared by the effects of one page load;
 * `open()` opens it again (a retry, or "send a new code", which the server answers with a new code when the link is
 * more than a day old); `verify` activates with the emailed code.
 */
export function useActivation(token: string) {
  const verify = useMutation({
    mutationFn: (code: string) => api.post<ActivationAnswer>('/activation/verify', { token, code } satisfies VerifyInput),
  });
  return { openFirst: () => openOnce(token), open: () => activate({ token }), verify };
}

/** Emails a 6-digit sign-in code (for a link already used: its person signs in instead). */
export function useSendSignInCode() {
  return useMutation({ mutationFn: (email: string) => auth.requestCode(email) });
}

/** Signs in with the emailed code; the caller then starts the session (`useStartSession`). */
export function useSignInWithCode() {
  return useMutation({ mutationFn: ({ email, code }: { email: string; code: string }) => auth.signIn(email, code) });
}
