// Join requests: a signed-in person asks at once; a visitor first confirms the email with a code,
// so nobody asks in another's name. Administrators approve (member + invitation) or decline.
import { type Deps, queueMail } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { catalogue, languageFor } from '../../lib/i18n.js';
import { greeting, renderLayout } from '../../lib/mail/layout.js';
import * as auth from '../auth/service.js';
import * as blacklist from '../blacklist/service.js';
import * as customers from '../customers/service.js';
import * as invitations from '../invitations/service.js';
import * as locations from '../locations/service.js';
import * as organizations from '../organizations/service.js';
import * as users from '../users/service.js';
import { messages } from './messages.js';
import * as q from './queries.js';
import type { JoinRequestDto, JoinRequestInput } from './schema.js';

const m = catalogue('joinRequests', messages);

async function openLocation(deps: Deps, locationId: string) {
  const location = await locations.findLocationUnscoped(deps.db, locationId);
  if (!location) throw notFound('Location not found');
  return location;
}

export async function publicLocation(deps: Deps, locationId: string) {
  const location = await openLocation(deps, locationId);
  const org = await organizations.findOrganization(deps.db, location.organization_id);
  return { id: location.id, name: location.name, organizationName: org?.name ?? '', joinRequests: location.join_requests };
}

async function refuseMembers(deps: Deps, s: q.LocationKey, email: string, locationName: string) {
  const user = await users.findUserByEmail(deps.db, email);
  const c = user ? await customers.findCustomerByUser(deps.db, s, user.id) : undefined;
  if (c && c.type === 'member' && c.status !== 'removed')
    throw new AppError('conflict', `You are already a member of ${locationName}.`, undefined, 'already_member');
}

/** A pending request for the email, collapsing duplicates into the one already waiting. */
async function ensurePending(deps: Deps, s: q.LocationKey, r: { userId: string | null; firstName: string; lastName: string; email: string }) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const pending = await q.findOpen(trx, s, r.email, 'pending');
    if (pending) {
      await q.updateRequest(trx, s, pending.id, { first_name: r.firstName, last_name: r.lastName, user_id: r.userId ?? pending.user_id });
      return;
    }
    await q.insertRequest(trx, s, { ...r, status: 'pending' }, now);
  });
}

export async function request(
  deps: Deps,
  locationId: string,
  input: JoinRequestInput,
  actorUserId: string | null,
  ip: string,
  acceptLanguage?: string,
): Promise<{ status: 'pending' | 'code_required' }> {
  const location = await openLocation(deps, locationId);
  if (location.join_requests !== 'approval') throw new AppError('forbidden', `${location.name} does not accept requests to join.`);
  const s = { organizationId: location.organization_id, locationId: location.id };

  if (actorUserId && !input.email) {
    const me = (await users.findUserById(deps.db, actorUserId))!;
    // a blacklisted email gets the usual answer and nothing is stored
    if (await blacklist.isBlacklisted(deps.db, s.organizationId, me.email)) return { status: 'pending' };
    await refuseMembers(deps, s, me.email, location.name);
    await ensurePending(deps, s, { userId: me.id, firstName: me.first_name, lastName: me.last_name, email: me.email });
    return { status: 'pending' };
  }
  if (!input.email) throw new AppError('bad_request', 'Enter your email', [{ path: 'email', message: 'Required' }]);

  if (input.code) {
    await auth.verifyCode(deps, input.email, 'join_request', input.code);
    const draft = await q.findOpen(deps.db, s, input.email, 'unconfirmed');
    if (!draft) throw new AppError('unauthorized', 'This code is wrong or has expired. Check the latest email or ask for a new code.');
    if (await blacklist.isBlacklisted(deps.db, s.organizationId, input.email)) {
      await q.deleteRequest(deps.db, s, draft.id);
      return { status: 'pending' };
    }
    await refuseMembers(deps, s, input.email, location.name);
    await ensurePending(deps, s, { userId: null, firstName: draft.first_name, lastName: draft.last_name, email: draft.email });
    await q.deleteRequest(deps.db, s, draft.id);
    return { status: 'pending' };
  }

  if (!input.firstName) throw new AppError('bad_request', 'Enter your first name', [{ path: 'firstName', message: 'Required' }]);
  // No membership check before the code is confirmed: answering 409 here would tell anyone
  // whether an email is a member. The confirmation step refuses members.
  await auth.throttleCodeRequest(deps, input.email, ip);
  // a blacklisted email gets the usual answer: no row, no code, no mail
  if (await blacklist.isBlacklisted(deps.db, s.organizationId, input.email)) return { status: 'code_required' };
  const lang = languageFor((await users.findUserByEmail(deps.db, input.email))?.language, acceptLanguage, location);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const draft = await q.findOpen(trx, s, input.email!, 'unconfirmed');
    if (draft) await q.updateRequest(trx, s, draft.id, { first_name: input.firstName!, last_name: input.lastName ?? '' });
    else
      await q.insertRequest(
        trx,
        s,
        { userId: null, firstName: input.firstName!, lastName: input.lastName ?? '', email: input.email!, status: 'unconfirmed' },
        now,
      );
    const code = await auth.issueCode(deps, trx, input.email!, 'join_request', ip);
    await queueMail(deps, trx, {
      organizationId: s.organizationId,
      to: input.email!,
      subject: m(lang, 'confirmSubject', { location_name: location.name }),
      ...auth.codeMail(lang, code, input.firstName!, m(lang, 'confirmIntro', { location_name: location.name })),
    });
  });
  return { status: 'code_required' };
}

function toDto(r: q.JoinRequestRow & { account_id?: string | null }): JoinRequestDto {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    status: r.status,
    reason: r.reason,
    hasAccount: Boolean(r.account_id ?? r.user_id),
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  };
}

export async function list(deps: Deps, s: q.LocationKey, status: string) {
  return (await q.listRequests(deps.db, s, status)).map(toDto);
}

export async function approve(deps: Deps, s: q.LocationKey & { actorUserId: string }, id: string) {
  const r = await q.findRequest(deps.db, s, id);
  if (!r || r.status === 'unconfirmed') throw notFound('Join request not found');
  if (r.status !== 'pending') throw new AppError('conflict', `This request was already ${r.status}.`, undefined, 'already_decided');
  const ctx = await invitations.mailContext(deps.db, s);
  const m: invitations.Membership = { firstName: r.first_name, lastName: r.last_name, email: r.email, phone: null, source: 'join_request' };
  const links = await invitations.prepareInvitations(deps, s, ctx, [m]);
  await invitations.inTxOrConflict(
    deps,
    async (trx) => {
      if (!(await q.decide(trx, s, id, { status: 'approved', reason: null, by: s.actorUserId, now: deps.clock.now() })))
        throw new AppError('conflict', 'This request was already decided.', undefined, 'already_decided');
      await invitations.grantMembershipInTx(deps, trx, s, m, ctx, links);
    },
    `${r.email} is already a member of ${ctx.location.name}`,
  );
  return toDto((await q.findRequest(deps.db, s, id))!);
}

export async function decline(deps: Deps, s: q.LocationKey & { actorUserId: string }, id: string, reason: string | undefined) {
  const r = await q.findRequest(deps.db, s, id);
  if (!r || r.status === 'unconfirmed') throw notFound('Join request not found');
  const ctx = await invitations.mailContext(deps.db, s);
  const lang = languageFor((await users.findUserByEmail(deps.db, r.email))?.language, undefined, ctx.location);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await q.decide(trx, s, id, { status: 'declined', reason: reason || null, by: s.actorUserId, now: deps.clock.now() }))) {
      throw new AppError('conflict', `This request was already ${r.status}.`, undefined, 'already_decided');
    }
    const vars = { location_name: ctx.location.name };
    const mail = renderLayout(
      lang,
      {
        greeting: greeting(lang, r.first_name),
        paragraphs: [m(lang, 'declinedBody', vars), ...(reason ? [m(lang, 'declinedReason', { reason })] : [])],
      },
      organizations.mailBrand(deps, ctx.organization, ctx.location),
    );
    await queueMail(deps, trx, { organizationId: s.organizationId, to: r.email, subject: m(lang, 'declinedSubject', vars), ...mail });
  });
  return toDto((await q.findRequest(deps.db, s, id))!);
}
