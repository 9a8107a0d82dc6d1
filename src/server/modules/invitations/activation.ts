// Activation: the invitation link within its 24-hour window signs in and activates at once;
// later it emails a code to the same address, and the right code does.
import { type Deps, type Tx, queueMail } from '../../deps.js';
import { AppError } from '../../errors.js';
import { languageFor } from '../../lib/i18n.js';
import { hashToken } from '../../lib/tokens.js';
import * as auth from '../auth/service.js';
import * as blacklist from '../blacklist/service.js';
import * as organizations from '../organizations/service.js';
import * as users from '../users/service.js';
import * as q from './queries.js';
import * as access from '../access/service.js';

import { LINK_WINDOW_MS, m } from './mail.js';
import type { activationBrandSchema } from './schema.js';
import type { z } from 'zod';

type ActivationBrand = z.infer<typeof activationBrandSchema>;
type ActivationAnswer =
  | { status: 'signed_in'; user: ReturnType<typeof users.toUserDto>; locationId: string; session: access.NewSession }
  | { status: 'code_required'; email: string; brand: ActivationBrand }
  | { status: 'sign_in_required'; email: string; brand: ActivationBrand };

const deadLink = () => new AppError('not_found', 'This activation link no longer works. Ask for a new one, or sign in with your email to get a code.');

async function liveInvitation(deps: Deps, token: string) {
  const inv = await q.findByTokenHashUnscoped(deps.db, hashToken(token));
  if (!inv || inv.revoked_at || inv.customer_status === 'removed') throw deadLink();
  // blacklisted since the invitation: the link no longer works (lifting the entry does not revive it silently either way)
  if (await blacklist.isBlacklisted(deps.db, inv.organization_id, inv.email)) throw deadLink();
  return inv;
}

/** The operator of a live invitation, at its location (the location's own logo wins). */
async function brandOfInvitation(db: Tx, inv: { organization_id: string; location_id: string }): Promise<ActivationBrand> {
  const brand = await organizations.brandAtLocation(db, inv.location_id);
  if (!brand) throw deadLink();
  return { organizationId: inv.organization_id, ...organizations.toPublicBrand(brand) };
}

/** Opening someone else's link while signed in asks to sign out first; nothing is merged silently. */
function refuseOtherSession(signedInUserId: string | null, inv: { user_id: string }) {
  if (signedInUserId && signedInUserId !== inv.user_id) {
    throw new AppError('conflict', 'You are signed in as someone else. Sign out first, then open the link again.', undefined, 'signed_in_as_someone_else');
  }
}

async function signInByInvitation(
  deps: Deps,
  inv: {
    id: string;
    user_id: string;
    organization_id: string;
    location_id: string;
    email: string;
    first_name: string;
    last_name: string;
    phone: string | null;
  },
): Promise<ActivationAnswer> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await q.consumeInvitation(trx, inv.id, deps.clock.now())))
      return { status: 'sign_in_required' as const, email: inv.email, brand: await brandOfInvitation(trx, inv) };
    // the account takes the details of the record the person activated through
    await users.activateUser(deps, trx, inv.user_id, { firstName: inv.first_name, lastName: inv.last_name, phone: inv.phone });
    const session = await access.startSession(deps, trx, inv.user_id);
    return { status: 'signed_in' as const, user: users.toUserDto((await users.findUserById(trx, inv.user_id))!), locationId: inv.location_id, session };
  });
}

/** POST /activation: within 24 hours of the link, signs in and activates; later, emails a code. */
export async function activate(deps: Deps, token: string, signedInUserId: string | null, ip: string, acceptLanguage?: string): Promise<ActivationAnswer> {
  const inv = await liveInvitation(deps, token);
  refuseOtherSession(signedInUserId, inv);
  if (inv.activated_at || inv.used_at) return { status: 'sign_in_required', email: inv.email, brand: await brandOfInvitation(deps.db, inv) };
  const age = deps.clock.now().getTime() - Date.parse(inv.created_at);
  if (age <= LINK_WINDOW_MS) return signInByInvitation(deps, inv);
  await auth.throttleCodeRequest(deps, inv.email, ip);
  await deps.db.transaction().execute(async (trx) => {
    const code = await auth.issueCode(deps, trx, inv.email, 'activation', ip);
    const lang = languageFor(inv.language, acceptLanguage, { language: inv.location_language });
    await queueMail(deps, trx, {
      organizationId: inv.organization_id,
      to: inv.email,
      subject: m(lang, 'activationCodeSubject'),
      ...auth.codeMail(lang, code, inv.first_name, m(lang, 'activationCodeIntro')),
    });
  });
  return { status: 'code_required', email: inv.email, brand: await brandOfInvitation(deps.db, inv) };
}

/** POST /activation/verify: the code mailed for this link's email activates and signs in. */
export async function verifyActivation(deps: Deps, token: string, code: string, signedInUserId: string | null): Promise<ActivationAnswer> {
  const inv = await liveInvitation(deps, token);
  refuseOtherSession(signedInUserId, inv);
  if (inv.activated_at || inv.used_at) return { status: 'sign_in_required', email: inv.email, brand: await brandOfInvitation(deps.db, inv) };
  await auth.verifyCode(deps, inv.email, 'activation', code);
  return signInByInvitation(deps, inv);
}
