// Invitations: what other modules call (the mail context, granting access, links), and inviting
// one person. Activation, reminders and the template editor have files of their own.
import { type Deps, type Tx, publicLink, queueMail } from '../../deps.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { DAY } from '../../lib/clock.js';
import { languageFor, type Language } from '../../lib/i18n.js';
import type { ActorScope, AdminScope, MemberScope } from '../../scope.js';
import * as access from '../access/service.js';
import * as blacklist from '../blacklist/service.js';
import { normalisePhone } from '../../lib/phone.js';
import type { Permission } from '../../lib/schema.js';
import * as customers from '../customers/service.js';
import * as locations from '../locations/service.js';
import * as organizations from '../organizations/service.js';
import * as users from '../users/service.js';
import { grantMembershipsInTx, prepareInvitations, type MailContext, type Membership, type PreparedInvitation } from './grant.js';
import { accessGrantedMail, inviterName } from './mail.js';
import * as q from './queries.js';
import type { InviteInput } from './schema.js';

export { LINK_WINDOW_MS } from './mail.js';
export const REMINDER_AFTER_MS = 3 * DAY;
export const RESENDS_PER_HOUR = 5;
/** Reminders sent by one sweep (one a minute); the rest go at the next. */
export const REMINDERS_PER_SWEEP = 500;

export type { MailContext, Membership, PreparedInvitation, PreparedLink } from './grant.js';
export { askAnAdministrator, prepareLink, writeLinksInTx } from './grant.js';

export interface Granted {
  customerId: string;
  outcome: 'invited' | 'access_granted';
  nameKept: boolean;
}

export async function mailContext(db: Tx, scope: ActorScope): Promise<MailContext> {
  const [location, org, inviter] = await Promise.all([
    locations.findLocation(db, scope.organizationId, scope.locationId),
    organizations.findOrganization(db, scope.organizationId),
    scope.actorUserId ? users.findUserById(db, scope.actorUserId) : Promise.resolve(undefined),
  ]);
  if (!location || !org) throw notFound('Location not found');
  // with no inviting person (a sweep), the emails name the location's team, in each one's language
  return { location, organizationName: org.name, organization: org, inviterName: inviter ? `${inviter.first_name} ${inviter.last_name}`.trim() : null };
}

/** "You now have access": for an account that is already activated, no link is needed. */
export async function sendAccessGrantedInTx(
  deps: Deps,
  trx: Tx,
  scope: ActorScope,
  ctx: MailContext,
  to: { email: string; first_name: string; language: Language | null },
): Promise<void> {
  const lang = languageFor(to.language, undefined, ctx.location);
  await queueMail(deps, trx, {
    organizationId: scope.organizationId,
    to: to.email,
    ...accessGrantedMail(
      lang,
      {
        first_name: to.first_name,
        location_name: ctx.location.name,
        organization_name: ctx.organizationName,
        inviter_name: inviterName(lang, ctx),
        portal_url: publicLink(deps, '/'),
      },
      organizations.mailBrand(deps, ctx.organization, ctx.location),
    ),
  });
}

/** One person, with the invitation rendered beforehand; a current member of the location answers 409. */
export async function grantMembershipInTx(
  deps: Deps,
  trx: Tx,
  scope: ActorScope,
  m: Membership,
  ctx: MailContext,
  prepared: Map<string, PreparedInvitation>,
): Promise<Granted> {
  // a blacklisted email is never given access (an invitation, a join request approved, a transfer)
  await blacklist.refuseBlacklisted(trx, scope.organizationId, m.email);
  const [r] = await grantMembershipsInTx(deps, trx, scope, [m], ctx, prepared);
  if (r.outcome === 'skipped') throw new AppError('conflict', `${m.email} is already a member of ${ctx.location.name}`, undefined, 'already_member');
  return { customerId: r.customerId!, outcome: r.outcome, nameKept: r.nameKept };
}

export { prepareInvitations };

/** Runs `work` in a transaction; a unique-constraint race on the same email answers 409. */
export async function inTxOrConflict<T>(deps: Deps, work: (trx: Tx) => Promise<T>, message: string): Promise<T> {
  try {
    return await deps.db.transaction().execute(work);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', message, undefined, 'already_member');
    throw err;
  }
}

/**
 * POST .../invitations: one person, by an administrator with the customers permission (or a
 * company user from the portal, `newCustomersOnly`).
 */
export async function invite(
  deps: Deps,
  scope: AdminScope | (MemberScope & { permissions: Permission[] }),
  input: InviteInput,
  opts: { newCustomersOnly?: boolean } = {},
) {
  await blacklist.refuseBlacklisted(deps.db, scope.organizationId, input.email);
  const ctx = await mailContext(deps.db, scope);
  const phone = normalisePhone(input.phone, ctx.location.country);
  let adminPermissions: Permission[] | null = null;
  if (input.administrator) {
    access.requireHeldPermissions(scope, input.permissions, (p) => `You cannot grant permissions you do not hold: ${p}`);
    adminPermissions = [...new Set(input.permissions)];
  }
  const m: Membership = {
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    phone,
    companyId: input.companyId ?? null,
    companyManager: input.companyManager,
    source: 'invitation',
    adminPermissions,
    newCustomersOnly: opts.newCustomersOnly,
  };
  const links = await prepareInvitations(deps, scope, ctx, [m]);
  const granted = await inTxOrConflict(
    deps,
    (trx) => grantMembershipInTx(deps, trx, scope, m, ctx, links),
    `${input.email} is already a member of ${ctx.location.name}`,
  );
  const row = await customers.findCustomer(deps.db, scope, granted.customerId);
  return { customer: customers.toCustomerDto(row!), outcome: granted.outcome, nameKept: granted.nameKept };
}

/** Links sent to a customer die when the customer is removed. */
export const revokeForCustomer = q.revokeForCustomer;

/** A record moved to another account (an email change): its links die and go with it, so the old account holds none. */
export const moveLinksInTx = q.moveLinksOfCustomer;
