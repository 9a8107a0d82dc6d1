// Invitations: invite a person, activate by link (24 hours) or by code, remind once at 3 days,
// resend, and the location's invitation template.
import { type Deps, type Tx, publicLink, queueMail } from '../../deps.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { DAY, HOUR } from '../../lib/clock.js';
import { checkTemplate } from '../../lib/mail/liquid.js';
import type { Sweep } from '../../lib/sweeps.js';
import type { ActorScope } from '../../scope.js';
import { normalisePhone } from '../../lib/phone.js';
import type { Permission } from '../../lib/schema.js';
import { hashToken } from '../../lib/tokens.js';
import * as activities from '../activities/service.js';
import * as auth from '../auth/service.js';
import * as customers from '../customers/service.js';
import * as locations from '../locations/service.js';
import * as organizations from '../organizations/service.js';
import * as users from '../users/service.js';
import { grantMembershipsInTx, prepareInvitations, prepareLink, prepareLinks, writeLinksInTx, type MailContext, type Membership, type PreparedLink } from './grant.js';
import { DEFAULT_BODY, DEFAULT_SUBJECT, TEMPLATE_VARIABLES, accessGrantedMail, renderInvitation, type InvitationVars } from './mail.js';
import * as q from './queries.js';
import type { InviteInput } from './schema.js';
import * as access from '../access/service.js';

export const LINK_WINDOW_MS = 24 * HOUR;
export const REMINDER_AFTER_MS = 3 * DAY;
export const RESENDS_PER_HOUR = 5;
/** Reminders sent by one sweep (one a minute); the rest go at the next. */
export const REMINDERS_PER_SWEEP = 500;

export type { MailContext, Membership, PreparedLink } from './grant.js';
export { askAnAdministrator, prepareLink, writeLinksInTx } from './grant.js';

export interface Granted {
  customerId: string;
  outcome: 'invited' | 'access_granted';
  nameKept: boolean;
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

/** "You now have access": for an account that is already activated, no link is needed. */
export async function sendAccessGrantedInTx(deps: Deps, trx: Tx, scope: ActorScope, ctx: MailContext, to: { email: string; first_name: string }): Promise<void> {
  await queueMail(deps, trx, {
    organizationId: scope.organizationId,
    to: to.email,
    ...accessGrantedMail({ first_name: to.first_name, location_name: ctx.location.name, organization_name: ctx.organizationName, inviter_name: ctx.inviterName, portal_url: publicLink(deps, '/') }),
  });
}

/** One person, with the invitation rendered beforehand; a current member of the location answers 409. */
export async function grantMembershipInTx(deps: Deps, trx: Tx, scope: ActorScope, m: Membership, ctx: MailContext, links: Map<string, PreparedLink>): Promise<Granted> {
  const [r] = await grantMembershipsInTx(deps, trx, scope, [m], ctx, links);
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
export async function invite(deps: Deps, scope: ActorScope & { permissions: Permission[] }, input: InviteInput, opts: { newCustomersOnly?: boolean } = {}) {
  const ctx = await mailContext(deps, deps.db, scope);
  const phone = normalisePhone(input.phone, ctx.location.country);
  let adminPermissions: Permission[] | null = null;
  if (input.administrator) {
    const notHeld = input.permissions.filter((p) => !scope.permissions.includes(p));
    if (notHeld.length) throw new AppError('forbidden', `You cannot grant permissions you do not hold: ${notHeld.join(', ')}`);
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
  const granted = await inTxOrConflict(deps, (trx) => grantMembershipInTx(deps, trx, scope, m, ctx, links), `${input.email} is already a member of ${ctx.location.name}`);
  const row = await customers.findCustomer(deps.db, scope, granted.customerId);
  return { customer: customers.toCustomerDto(row!), outcome: granted.outcome, nameKept: granted.nameKept };
}

type ActivationAnswer =
  | { status: 'signed_in'; user: ReturnType<typeof users.toUserDto>; locationId: string; session: access.NewSession }
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
    throw new AppError('conflict', 'You are signed in as someone else. Sign out first, then open the link again.', undefined, 'signed_in_as_someone_else');
  }
}

async function signInByInvitation(deps: Deps, inv: { id: string; user_id: string; location_id: string; email: string; first_name: string; last_name: string; phone: string | null }): Promise<ActivationAnswer> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await q.consumeInvitation(trx, inv.id, deps.clock.now()))) return { status: 'sign_in_required' as const, email: inv.email };
    // the account takes the details of the record the person activated through
    await users.activateUser(deps, trx, inv.user_id, { firstName: inv.first_name, lastName: inv.last_name, phone: inv.phone });
    const session = await access.startSession(deps, trx, inv.user_id);
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
  await deps.db.transaction().execute(async (trx) => {
    const code = await auth.issueCode(deps, trx, inv.email, 'activation', ip);
    await queueMail(deps, trx, { organizationId: inv.organization_id, to: inv.email, subject: 'Your activation code', ...auth.codeMail(code, inv.first_name, 'to activate your account') });
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
    throw new AppError('conflict', c.status === 'active' ? 'This account is already activated: there is nothing to resend.' : 'Only invited members can be sent an invitation again.', undefined, c.status === 'active' ? 'already_activated' : 'not_invited');
  }
  const since = new Date(deps.clock.now().getTime() - HOUR).toISOString();
  const tooMany = () => new AppError('too_many_requests', 'This invitation was sent several times in the last hour. Please wait before sending it again.');
  if ((await q.countRecentSends(deps.db, scope, customerId, since)) >= RESENDS_PER_HOUR) throw tooMany();
  const link = await prepareLink(deps, scope, await mailContext(deps, deps.db, scope), { email: c.email, firstName: c.first_name, lastName: c.last_name }, 'resend');
  await deps.db.transaction().execute(async (trx) => {
    // counted again under a lock of the record: 20 resends at once still send at most the limit
    await customers.lockCustomer(trx, deps.dbKind, scope, customerId);
    if ((await q.countRecentSends(trx, scope, customerId, since)) >= RESENDS_PER_HOUR) throw tooMany();
    await writeLinksInTx(deps, trx, scope, [{ customerId, userId: c.user_id, link }], 'resend');
    await activities.record(trx, { ...scope, customerId, kind: 'invitation_resent' }, deps.clock.now());
  });
}

/**
 * Sweep: one reminder, 3 days after the invitation, for accounts still not activated. The
 * reminders are rendered before the sweep's transaction (`prepare`); the transaction claims each
 * one with a conditional update, so a reminder goes out once whatever the number of servers.
 */
export function reminderSweep(deps: Deps): Sweep<PreparedReminder[]> {
  return {
    name: 'invitation-reminders',
    async prepare(db: Tx, now: Date): Promise<PreparedReminder[]> {
      const due = await q.dueReminders(db, new Date(now.getTime() - REMINDER_AFTER_MS).toISOString(), REMINDERS_PER_SWEEP);
      const contexts = new Map<string, Promise<MailContext>>();
      const out: PreparedReminder[] = [];
      for (const c of due) {
        const scope = { organizationId: c.organization_id, locationId: c.location_id, actorUserId: c.invited_by_user_id };
        if (!contexts.has(c.location_id)) contexts.set(c.location_id, mailContext(deps, db, scope));
        const row = await customers.findCustomer(db, scope, c.id);
        if (!row) continue;
        const links = await prepareLinks(deps, scope, await contexts.get(c.location_id)!, [{ email: row.email, firstName: row.first_name, lastName: row.last_name }], 'reminder');
        out.push({ scope, customerId: c.id, userId: row.user_id, link: links.get(row.email)! });
      }
      return out;
    },
    async run(trx: Tx, now: Date, prepared: PreparedReminder[] = []): Promise<number> {
      let sent = 0;
      const invitedBefore = new Date(now.getTime() - REMINDER_AFTER_MS).toISOString();
      for (const r of prepared) {
        // still due, at the same account: otherwise someone was faster, or the record changed
        if (!(await q.claimReminder(trx, r.customerId, r.userId, invitedBefore, now))) continue;
        await writeLinksInTx(deps, trx, r.scope, [{ customerId: r.customerId, userId: r.userId, link: r.link }], 'reminder');
        await activities.record(trx, { ...r.scope, actorUserId: null, customerId: r.customerId, kind: 'reminder_sent' }, now);
        sent++;
      }
      return sent;
    },
  };
}

interface PreparedReminder {
  scope: ActorScope;
  customerId: string;
  userId: string;
  link: PreparedLink;
}

/** Links sent to a customer die when the customer is removed. */
export const revokeForCustomer = q.revokeForCustomer;

/** A record moved to another account (an email change): its links die and go with it, so the old account holds none. */
export const moveLinksInTx = q.moveLinksOfCustomer;

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

// There are no template files: include/render/layout parse but fail at every send, so refuse them
// (also inside a {% liquid %} tag, where a condition could hide them from a trial render).
const FILE_TAG = /\{%-?\s*(include|render|layout)\b/;
const LIQUID_TAG = /\{%-?\s*liquid\b([\s\S]*?)-?%\}/g;

function fileTagLine(src: string): number | null {
  const direct = FILE_TAG.exec(src);
  if (direct) return src.slice(0, direct.index).split('\n').length;
  for (const m of src.matchAll(LIQUID_TAG)) {
    const inner = /^[ \t]*(include|render|layout)\b/m.exec(m[1]);
    if (inner) return src.slice(0, m.index + m[0].indexOf(m[1]) + inner.index).split('\n').length;
  }
  return null;
}

/**
 * A saved template must render for every invitation and reminder (a failing one would stop the
 * reminder sweep): it must parse, use no file tags, and render with sample values (returned).
 */
async function checkInvitationTemplate(deps: Deps, scope: ActorScope, t: { subject: string; body: string }) {
  checkTemplate(t.subject, t.body);
  for (const [path, src] of [['subject', t.subject], ['body', t.body]] as const) {
    const line = fileTagLine(src);
    if (line !== null) {
      const message = `Line ${line}: include, render and layout are not available in email templates`;
      throw new AppError('bad_request', `The template cannot be used. ${path}: ${message}`, [{ path, message }]);
    }
  }
  return renderInvitation({ invitation_subject: t.subject, invitation_body: t.body }, await sampleVars(deps, scope), 'invitation', { strict: true });
}

async function sampleVars(deps: Deps, scope: ActorScope): Promise<InvitationVars> {
  const ctx = await mailContext(deps, deps.db, scope);
  const me = scope.actorUserId ? await users.findUserById(deps.db, scope.actorUserId) : undefined;
  return {
    first_name: me?.first_name ?? 'Alex',
    last_name: me?.last_name ?? 'Doe',
    location_name: ctx.location.name,
    organization_name: ctx.organizationName,
    inviter_name: ctx.inviterName,
    activation_url: publicLink(deps, '/activate/example-token'),
  };
}

/** Saves the location's template after checking it; null resets to the default. */
export async function saveTemplate(deps: Deps, scope: ActorScope, t: { subject: string; body: string } | null) {
  if (t) await checkInvitationTemplate(deps, scope, t);
  await locations.setInvitationTemplate(deps, scope, t);
  return getTemplate(deps, scope);
}

/** The template rendered with sample values of the actor, without saving it. */
export async function previewTemplate(deps: Deps, scope: ActorScope, t: { subject: string; body: string }) {
  return checkInvitationTemplate(deps, scope, t);
}

/** "Send me a test": the rendered template to the administrator's own address. */
export async function sendTestTemplate(deps: Deps, scope: ActorScope, t: { subject: string; body: string }): Promise<string> {
  const mail = await previewTemplate(deps, scope, t);
  const me = await users.findUserById(deps.db, scope.actorUserId!);
  await queueMail(deps, deps.db, { organizationId: scope.organizationId, to: me!.email, ...mail, subject: `[Test] ${mail.subject}` });
  return me!.email;
}
