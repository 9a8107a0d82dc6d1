// Invitations: invite a person, activate by link (24 hours) or by code, remind once at 3 days,
// resend, and the location's invitation template.
import { type Deps, type Tx, publicLink, queueMail } from '../../deps.js';
import type { Location } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError, notFound } from '../../http/errors.js';
import { DAY, HOUR } from '../../lib/clock.js';
import { checkTemplate } from '../../lib/mail/liquid.js';
import { normalisePhone } from '../../lib/phone.js';
import type { Permission } from '../../lib/schema.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import * as activities from '../activities/service.js';
import * as admins from '../administrators/service.js';
import * as auth from '../auth/service.js';
import * as companies from '../companies/service.js';
import * as customers from '../customers/service.js';
import type { CustomerDto } from '../customers/schema.js';
import * as locations from '../locations/service.js';
import * as organizations from '../organizations/service.js';
import * as users from '../users/service.js';
import { DEFAULT_BODY, DEFAULT_SUBJECT, TEMPLATE_VARIABLES, accessGrantedMail, renderInvitation, type InvitationVars } from './mail.js';
import * as q from './queries.js';
import type { InviteInput } from './schema.js';

export const LINK_WINDOW_MS = 24 * HOUR;
export const REMINDER_AFTER_MS = 3 * DAY;
export const RESENDS_PER_HOUR = 5;

export interface ActorScope {
  organizationId: string;
  locationId: string;
  actorUserId: string | null;
}

export interface Membership {
  firstName: string;
  lastName: string;
  email: string;
  /** already E.164 or null */
  phone: string | null;
  companyId?: string | null;
  companyManager?: boolean;
  source: CustomerDto['source'];
  /** permissions to grant as administrator at the location, or null */
  adminPermissions?: Permission[] | null;
}

export interface Granted {
  customerId: string;
  outcome: 'invited' | 'access_granted';
  nameKept: boolean;
}

interface MailContext {
  location: Location;
  organizationName: string;
  inviterName: string;
}

export async function mailContext(deps: Deps, db: Tx, scope: ActorScope): Promise<MailContext> {
  const [location, org, inviter] = await Promise.all([
    locations.findLocation(db, scope.organizationId, scope.locationId),
    organizations.findOrganization(db, scope.organizationId),
    scope.actorUserId ? users.findUserById(db, scope.actorUserId) : Promise.resolve(undefined),
  ]);
  if (!location || !org) throw notFound('Location not found');
  const inviterName = inviter ? `${inviter.first_name} ${inviter.last_name}`.trim() : `The team of ${location.name}`;
  return { location, organizationName: org.name, inviterName };
}

/** Emails a fresh activation link (its own 24-hour window) and records it. */
export async function sendActivationLinkInTx(
  deps: Deps,
  trx: Tx,
  scope: ActorScope,
  ctx: MailContext,
  target: { customerId: string; userId: string; email: string; firstName: string; lastName: string },
  kind: 'invitation' | 'reminder' | 'resend' | 'join_request',
): Promise<void> {
  const token = newToken();
  await q.insertInvitation(trx, scope, { customerId: target.customerId, userId: target.userId, tokenHash: hashToken(token), kind }, deps.clock.now());
  const vars: InvitationVars = {
    first_name: target.firstName,
    last_name: target.lastName,
    location_name: ctx.location.name,
    organization_name: ctx.organizationName,
    inviter_name: ctx.inviterName,
    activation_url: publicLink(deps, `/activate/${token}`),
  };
  const mail = await renderInvitation(ctx.location, vars, kind === 'reminder' ? 'reminder' : 'invitation');
  await queueMail(deps, trx, { organizationId: scope.organizationId, to: target.email, ...mail });
}

/**
 * Gives a person member access at the location: one account per email, an existing activated
 * account gets access at once, a removed or nonmember customer becomes a member again.
 */
export async function grantMembershipInTx(deps: Deps, trx: Tx, scope: ActorScope, m: Membership, ctx: MailContext): Promise<Granted> {
  const now = deps.clock.now();
  if (m.companyId && !(await companies.findCompany(trx, scope, m.companyId))) {
    throw new AppError('bad_request', 'This company does not exist at this location', [{ path: 'companyId', message: 'Unknown company' }]);
  }
  let user = await users.findUserByEmail(trx, m.email);
  let nameKept = false;
  if (!user) {
    user = await users.insertUser(trx, now, { email: m.email, firstName: m.firstName, lastName: m.lastName, phone: m.phone });
  } else if (!user.activated_at) {
    // Before activation the administrator's latest name wins.
    await users.updateUserFields(trx, user.id, { firstName: m.firstName, lastName: m.lastName, ...(m.phone ? { phone: m.phone } : {}) });
    user = { ...user, first_name: m.firstName, last_name: m.lastName, phone: m.phone ?? user.phone };
  } else {
    nameKept = user.first_name !== m.firstName || user.last_name !== m.lastName;
  }
  const activated = user.activated_at !== null;
  const status = activated ? 'active' : 'invited';
  const existing = await customers.findCustomerByUser(trx, scope, user.id);
  let customerId: string;
  if (existing && existing.type === 'member' && existing.status !== 'removed') {
    throw new AppError('conflict', `${m.email} is already a member of ${ctx.location.name}`);
  }
  if (existing) {
    customerId = existing.id;
    await customers.makeMemberInTx(trx, scope, customerId, { status, companyId: m.companyId, companyManager: m.companyManager, invitedByUserId: scope.actorUserId }, now);
    if (existing.status === 'removed') await activities.record(trx, { ...scope, customerId, kind: 'restored', data: { type: 'member' } }, now);
    else await activities.record(trx, { ...scope, customerId, kind: 'became_member' }, now);
  } else {
    customerId = await customers.addCustomerInTx(
      trx,
      scope,
      { userId: user.id, type: 'member', status, source: m.source, companyId: m.companyId ?? null, companyManager: m.companyManager, invitedByUserId: scope.actorUserId, invited: !activated },
      now,
      scope.actorUserId,
    );
  }
  if (m.companyId) await activities.record(trx, { ...scope, customerId, kind: 'joined_company', data: { companyId: m.companyId, manager: Boolean(m.companyManager) } }, now);
  if (activated) {
    await activities.record(trx, { ...scope, customerId, kind: 'access_granted', data: { source: m.source } }, now);
    const mail = accessGrantedMail({
      first_name: user.first_name,
      location_name: ctx.location.name,
      organization_name: ctx.organizationName,
      inviter_name: ctx.inviterName,
      portal_url: publicLink(deps, '/'),
    });
    await queueMail(deps, trx, { organizationId: scope.organizationId, to: user.email, ...mail });
  } else {
    await activities.record(trx, { ...scope, customerId, kind: 'invited', data: { source: m.source, email: user.email } }, now);
    await sendActivationLinkInTx(deps, trx, scope, ctx, { customerId, userId: user.id, email: user.email, firstName: user.first_name, lastName: user.last_name }, m.source === 'join_request' ? 'join_request' : 'invitation');
  }
  if (m.adminPermissions) {
    await admins.grantInTx(deps, trx, { organizationId: scope.organizationId, actorUserId: scope.actorUserId ?? '' }, user.id, scope.locationId, m.adminPermissions);
    await activities.record(trx, { ...scope, customerId, kind: 'admin_on', data: { permissions: m.adminPermissions } }, now);
  }
  return { customerId, outcome: activated ? 'access_granted' : 'invited', nameKept };
}

/** Runs `work` in a transaction; a unique-constraint race on the same email answers 409. */
export async function inTxOrConflict<T>(deps: Deps, work: (trx: Tx) => Promise<T>, message: string): Promise<T> {
  try {
    return await deps.db.transaction().execute(work);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', message);
    throw err;
  }
}

/** POST .../invitations: one person, by an administrator with the customers permission. */
export async function invite(deps: Deps, scope: ActorScope & { permissions: Permission[] }, input: InviteInput) {
  const ctx = await mailContext(deps, deps.db, scope);
  const phone = normalisePhone(input.phone, ctx.location.country);
  let adminPermissions: Permission[] | null = null;
  if (input.administrator) {
    const notHeld = input.permissions.filter((p) => !scope.permissions.includes(p));
    if (notHeld.length) throw new AppError('forbidden', `You cannot grant permissions you do not hold: ${notHeld.join(', ')}`);
    adminPermissions = [...new Set(input.permissions)];
  }
  const granted = await inTxOrConflict(
    deps,
    (trx) =>
      grantMembershipInTx(deps, trx, scope, {
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email,
        phone,
        companyId: input.companyId ?? null,
        companyManager: input.companyManager,
        source: 'invitation',
        adminPermissions,
      }, ctx),
    `${input.email} is already a member of ${ctx.location.name}`,
  );
  const row = await customers.findCustomer(deps.db, scope, granted.customerId);
  return { customer: customers.toCustomerDto(row!), outcome: granted.outcome, nameKept: granted.nameKept };
}

type ActivationAnswer =
  | { status: 'signed_in'; user: ReturnType<typeof users.toUserDto>; locationId: string; session: auth.NewSession }
  | { status: 'code_required'; email: string }
  | { status: 'sign_in_required'; email: string };

const deadLink = () => new AppError('not_found', 'This activation link no longer works. Ask for a new one, or sign in with your email to get a code.');

async function liveInvitation(deps: Deps, token: string) {
  const inv = await q.findByTokenHashUnscoped(deps.db, hashToken(token));
  if (!inv || inv.revoked_at || inv.customer_status === 'removed') throw deadLink();
  return inv;
}

/** Opening someone else's link while signed in asks to sign out first; nothing is merged silently. */
function refuseOtherSession(signedInUserId: string | null, inv: { user_id: string }) {
  if (signedInUserId && signedInUserId !== inv.user_id) {
    throw new AppError('conflict', 'You are signed in as someone else. Sign out first, then open the link again.');
  }
}

async function signInByInvitation(deps: Deps, inv: { id: string; user_id: string; location_id: string; email: string }): Promise<ActivationAnswer> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await q.consumeInvitation(trx, inv.id, deps.clock.now()))) return { status: 'sign_in_required' as const, email: inv.email };
    await users.activateUser(deps, trx, inv.user_id);
    const session = await auth.startSession(deps, trx, inv.user_id);
    return { status: 'signed_in' as const, user: users.toUserDto((await users.findUserById(trx, inv.user_id))!), locationId: inv.location_id, session };
  });
}

/** POST /activation: within 24 hours of the link, signs in and activates; later, emails a code. */
export async function activate(deps: Deps, token: string, signedInUserId: string | null, ip: string): Promise<ActivationAnswer> {
  const inv = await liveInvitation(deps, token);
  refuseOtherSession(signedInUserId, inv);
  if (inv.activated_at || inv.used_at) return { status: 'sign_in_required', email: inv.email };
  const age = deps.clock.now().getTime() - Date.parse(inv.created_at);
  if (age <= LINK_WINDOW_MS) return signInByInvitation(deps, inv);
  await auth.throttleCodeRequest(deps, inv.email, ip);
  const user = await users.findUserById(deps.db, inv.user_id);
  await deps.db.transaction().execute(async (trx) => {
    const code = await auth.issueCode(deps, trx, inv.email, 'activation', ip);
    await queueMail(deps, trx, { organizationId: inv.organization_id, to: inv.email, subject: 'Your activation code', ...auth.codeMail(code, user?.first_name ?? null, 'to activate your account') });
  });
  return { status: 'code_required', email: inv.email };
}

/** POST /activation/verify: the code mailed for this link's email activates and signs in. */
export async function verifyActivation(deps: Deps, token: string, code: string, signedInUserId: string | null): Promise<ActivationAnswer> {
  const inv = await liveInvitation(deps, token);
  refuseOtherSession(signedInUserId, inv);
  if (inv.activated_at || inv.used_at) return { status: 'sign_in_required', email: inv.email };
  await auth.verifyCode(deps, inv.email, 'activation', code);
  return signInByInvitation(deps, inv);
}

/** "Resend invitation": a new link with its own window; older links keep theirs. */
export async function resend(deps: Deps, scope: ActorScope, customerId: string): Promise<void> {
  const c = await customers.findCustomer(deps.db, scope, customerId);
  if (!c) throw notFound('Customer not found');
  if (c.type !== 'member' || c.status !== 'invited') {
    throw new AppError('conflict', c.status === 'active' ? 'This account is already activated: there is nothing to resend.' : 'Only invited members can be sent an invitation again.');
  }
  const since = new Date(deps.clock.now().getTime() - HOUR).toISOString();
  if ((await q.countRecentSends(deps.db, scope, customerId, since)) >= RESENDS_PER_HOUR) {
    throw new AppError('too_many_requests', 'This invitation was sent several times in the last hour. Please wait before sending it again.');
  }
  const ctx = await mailContext(deps, deps.db, scope);
  await deps.db.transaction().execute(async (trx) => {
    await sendActivationLinkInTx(deps, trx, scope, ctx, { customerId, userId: c.user_id, email: c.email, firstName: c.first_name, lastName: c.last_name }, 'resend');
    await activities.record(trx, { ...scope, customerId, kind: 'invitation_resent' }, deps.clock.now());
  });
}

/** Sweep: one reminder, 3 days after the invitation, for accounts still not activated. */
export function reminderSweep(deps: Deps) {
  return {
    name: 'invitation-reminders',
    async run(trx: Tx, now: Date): Promise<number> {
      const due = await q.claimDueReminders(trx, now, new Date(now.getTime() - REMINDER_AFTER_MS).toISOString());
      for (const c of due) {
        const scope = { organizationId: c.organization_id, locationId: c.location_id, actorUserId: c.invited_by_user_id };
        const [ctx, row] = await Promise.all([mailContext(deps, trx, scope), customers.findCustomer(trx, scope, c.id)]);
        await sendActivationLinkInTx(deps, trx, scope, ctx, { customerId: c.id, userId: c.user_id, email: row!.email, firstName: row!.first_name, lastName: row!.last_name }, 'reminder');
        await activities.record(trx, { ...scope, actorUserId: null, customerId: c.id, kind: 'reminder_sent' }, now);
      }
      return due.length;
    },
  };
}

/** Links sent to a customer die when the customer is removed. */
export const revokeForCustomer = q.revokeForCustomer;
export const revokeForUser = q.revokeForUserUnscoped;

export async function getTemplate(deps: Deps, scope: ActorScope) {
  const l = await locations.findLocation(deps.db, scope.organizationId, scope.locationId);
  if (!l) throw notFound('Location not found');
  return {
    custom: l.invitation_subject !== null,
    subject: l.invitation_subject ?? DEFAULT_SUBJECT,
    body: l.invitation_body ?? DEFAULT_BODY,
    variables: [...TEMPLATE_VARIABLES],
  };
}

/** Saves the location's template after parsing it; null resets to the default. */
export async function saveTemplate(deps: Deps, scope: ActorScope, t: { subject: string; body: string } | null) {
  if (t) checkTemplate(t.subject, t.body);
  await locations.setInvitationTemplate(deps, scope, t);
  return getTemplate(deps, scope);
}

/** The template rendered with sample values of the actor, without saving it. */
export async function previewTemplate(deps: Deps, scope: ActorScope, t: { subject: string; body: string }) {
  checkTemplate(t.subject, t.body);
  const ctx = await mailContext(deps, deps.db, scope);
  const me = scope.actorUserId ? await users.findUserById(deps.db, scope.actorUserId) : undefined;
  return renderInvitation({ invitation_subject: t.subject, invitation_body: t.body }, {
    first_name: me?.first_name ?? 'Alex',
    last_name: me?.last_name ?? 'Doe',
    location_name: ctx.location.name,
    organization_name: ctx.organizationName,
    inviter_name: ctx.inviterName,
    activation_url: publicLink(deps, '/activate/example-token'),
  });
}

/** "Send me a test": the rendered template to the administrator's own address. */
export async function sendTestTemplate(deps: Deps, scope: ActorScope, t: { subject: string; body: string }): Promise<string> {
  const mail = await previewTemplate(deps, scope, t);
  const me = await users.findUserById(deps.db, scope.actorUserId!);
  await queueMail(deps, deps.db, { organizationId: scope.organizationId, to: me!.email, ...mail, subject: `[Test] ${mail.subject}` });
  return me!.email;
}
