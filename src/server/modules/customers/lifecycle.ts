// A customer's life at a location after creation: profile, edits (with the name rule), removal and restore.
import { isUniqueViolation } from '../../db/database.js';
import type { Deps, Tx } from '../../deps.js';
import { AppError, notFound } from '../../http/errors.js';
import { normalisePhone } from '../../lib/phone.js';
import * as activities from '../activities/service.js';
import * as admins from '../administrators/service.js';
import * as invitations from '../invitations/service.js';
import * as locations from '../locations/service.js';
import * as users from '../users/service.js';
import * as q from './queries.js';
import type { UpdateCustomerInput } from './schema.js';
import { addCustomerInTx, toCustomerDto } from './service.js';

export interface ActorScope {
  organizationId: string;
  locationId: string;
  actorUserId: string;
}

async function mustFind(db: Tx, s: ActorScope, id: string) {
  const c = await q.findCustomer(db, s, id);
  if (!c) throw notFound('Customer not found');
  return c;
}

export async function profile(deps: Deps, s: ActorScope, id: string) {
  const c = await mustFind(deps.db, s, id);
  const [extra, timeline, grant] = await Promise.all([
    q.contractAndInviter(deps.db, s, id),
    activities.timeline(deps.db, s, id),
    admins.findGrantAt(deps.db, s.organizationId, c.user_id, s.locationId),
  ]);
  return {
    customer: {
      ...toCustomerDto(c),
      contractStart: extra?.contract_start ?? null,
      contractEnd: extra?.contract_end ?? null,
      invitedBy: extra?.invited_by_user_id ? { id: extra.invited_by_user_id, name: `${extra.first_name ?? ''} ${extra.last_name ?? ''}`.trim() } : null,
    },
    detailsOwnedByPerson: c.activated_at !== null,
    administrator: grant ? { permissions: JSON.parse(grant.permissions) as string[] } : null,
    activities: timeline,
  };
}

/** PATCH: before activation the administrator's latest details win; after, they belong to the person. */
export async function update(deps: Deps, s: ActorScope, id: string, input: UpdateCustomerInput) {
  const c = await mustFind(deps.db, s, id);
  const location = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  const phone = input.phone === undefined ? undefined : normalisePhone(input.phone, location!.country);
  const personal: Record<string, [string | null | undefined, string | null]> = {
    firstName: [input.firstName, c.first_name],
    lastName: [input.lastName, c.last_name],
    email: [input.email, c.email],
    phone: [phone, c.phone],
  };
  const changed = Object.entries(personal).filter(([, [next, cur]]) => next !== undefined && next !== cur).map(([k]) => k);
  if (changed.length && c.activated_at) {
    throw new AppError('unprocessable', `${c.first_name} ${c.last_name} activated their account, so their name and contact details are theirs to change from their own profile. The change was not saved.`.replace(/\s+/g, ' '), changed.map((path) => ({ path, message: 'Set by the member' })));
  }
  const extra = await q.contractAndInviter(deps.db, s, id);
  const start = input.contractStart !== undefined ? input.contractStart : (extra?.contract_start ?? null);
  const end = input.contractEnd !== undefined ? input.contractEnd : (extra?.contract_end ?? null);
  if (start && end && end < start) throw new AppError('bad_request', 'The contract cannot end before it starts', [{ path: 'contractEnd', message: 'Before the start date' }]);
  const now = deps.clock.now();
  try {
    await deps.db.transaction().execute(async (trx) => {
      if (changed.length) {
        await users.updateUserFields(trx, c.user_id, { firstName: input.firstName, lastName: input.lastName, email: input.email, phone });
        await activities.record(trx, { ...s, customerId: id, kind: 'details_changed', data: { fields: changed } }, now);
      }
      if (input.email !== undefined && input.email !== c.email) {
        // Links sent to the old address die; an invited member gets a fresh one at the new address.
        await invitations.revokeForUser(trx, c.user_id, now);
        if (c.type === 'member' && c.status === 'invited') {
          const ctx = await invitations.mailContext(deps, trx, s);
          await invitations.sendActivationLinkInTx(deps, trx, s, ctx, { customerId: id, userId: c.user_id, email: input.email, firstName: input.firstName ?? c.first_name, lastName: input.lastName ?? c.last_name }, 'resend');
        }
      }
      const set: Record<string, string | null> = {};
      if (input.contractStart !== undefined) set.contract_start = input.contractStart;
      if (input.contractEnd !== undefined) set.contract_end = input.contractEnd;
      if (Object.keys(set).length) {
        await q.updateCustomer(trx, s, id, set);
        await activities.record(trx, { ...s, customerId: id, kind: 'details_changed', data: { fields: Object.keys(set).map((k) => (k === 'contract_start' ? 'contractStart' : 'contractEnd')) } }, now);
      }
    });
  } catch (err) {
    if (input.email && isUniqueViolation(err)) {
      throw new AppError('conflict', `Another account already uses ${input.email}`, [{ path: 'email', message: 'Already used by another account' }]);
    }
    throw err;
  }
  return { customer: toCustomerDto((await q.findCustomer(deps.db, s, id))!) };
}

// Notes and attachments are history an administrator added (and rows that reference the customer):
// such an account is no wrong-email leftover, so it is kept and its record stays restorable.
const ADDED_HISTORY = new Set(['note_added', 'attachment_added']);

async function hasAddedHistory(trx: Tx, userId: string): Promise<boolean> {
  for (const r of await q.customersOfUserUnscoped(trx, userId)) {
    const timeline = await activities.timeline(trx, { organizationId: r.organization_id, locationId: r.location_id }, r.id);
    if (timeline.some((a) => ADDED_HISTORY.has(a.kind))) return true;
  }
  return false;
}

/**
 * DELETE: member and admin access at this location end at once, links die, history stays.
 * A never-activated account left with no live customer record anywhere is deleted.
 */
export async function remove(deps: Deps, s: ActorScope, id: string): Promise<{ accountDeleted: boolean }> {
  const c = await mustFind(deps.db, s, id);
  if (c.status === 'removed') return { accountDeleted: false };
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await q.updateCustomer(trx, s, id, { status: 'removed', previous_type: c.type, removed_at: now.toISOString() });
    await invitations.revokeForCustomer(trx, s, id, now);
    if (await admins.revokeAtLocation(trx, s.organizationId, s.locationId, c.user_id)) {
      await activities.record(trx, { ...s, customerId: id, kind: 'admin_off' }, now);
    }
    await activities.record(trx, { ...s, customerId: id, kind: 'removed' }, now);
    // Only a wrong-email invitation leaves nothing behind; a lead added by hand stays restorable.
    if (c.activated_at || c.type !== 'member') return { accountDeleted: false };
    const access = await admins.accessOf(trx, c.user_id);
    if ((await q.countLiveCustomersOfUserUnscoped(trx, c.user_id)) > 0 || access.owned.length || access.grants.length) return { accountDeleted: false };
    if (await hasAddedHistory(trx, c.user_id)) return { accountDeleted: false };
    await q.deleteCustomersOfUserUnscoped(trx, c.user_id);
    await users.deleteUser(trx, c.user_id);
    return { accountDeleted: true };
  });
}

/** Restore brings back the previous type; an invited member stays invited until activation. */
export async function restore(deps: Deps, s: ActorScope, id: string) {
  const c = await mustFind(deps.db, s, id);
  if (c.status !== 'removed') throw new AppError('conflict', 'This customer is not removed.');
  const extra = await q.contractAndInviter(deps.db, s, id);
  const type = extra?.previous_type ?? 'member';
  const status = type === 'member' && !c.activated_at ? 'invited' : 'active';
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await q.updateCustomer(trx, s, id, { type, status, previous_type: null, removed_at: null, invited_at: status === 'invited' ? now.toISOString() : null, reminder_sent_at: null });
    await activities.record(trx, { ...s, customerId: id, kind: 'restored', data: { type } }, now);
    if (status === 'invited') {
      // Removal killed the old links: a restored invitee gets a fresh one at once.
      const ctx = await invitations.mailContext(deps, trx, s);
      await invitations.sendActivationLinkInTx(deps, trx, s, ctx, { customerId: id, userId: c.user_id, email: c.email, firstName: c.first_name, lastName: c.last_name }, 'resend');
    }
  });
  return { customer: toCustomerDto((await q.findCustomer(deps.db, s, id))!) };
}

/** "Add nonmember": no email is sent; inviting them later makes them a member. */
export async function addNonmember(deps: Deps, s: ActorScope, input: { firstName: string; lastName: string; email: string; phone?: string | null }) {
  const location = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  const phone = normalisePhone(input.phone, location!.country);
  const now = deps.clock.now();
  const id = await deps.db
    .transaction()
    .execute(async (trx) => {
      let user = await users.findUserByEmail(trx, input.email);
      if (!user) user = await users.insertUser(trx, now, { email: input.email, firstName: input.firstName, lastName: input.lastName, phone });
      else if (!user.activated_at) await users.updateUserFields(trx, user.id, { firstName: input.firstName, lastName: input.lastName, ...(phone ? { phone } : {}) });
      const existing = await q.findCustomerByUser(trx, s, user.id);
      if (existing && existing.status !== 'removed') {
        throw new AppError('conflict', `${input.email} is already a ${existing.type} of ${location!.name}`);
      }
      if (existing) {
        await q.updateCustomer(trx, s, existing.id, { type: 'nonmember', status: 'active', previous_type: null, removed_at: null });
        await activities.record(trx, { ...s, customerId: existing.id, kind: 'restored', data: { type: 'nonmember' } }, now);
        return existing.id;
      }
      const person = { firstName: user.activated_at ? user.first_name : input.firstName, lastName: user.activated_at ? user.last_name : input.lastName, email: user.email, phone: phone ?? user.phone, companyName: null, lastActiveAt: user.last_active_at };
      return addCustomerInTx(trx, s, { userId: user.id, type: 'nonmember', status: 'active', source: 'manual', person }, now, s.actorUserId);
    })
    .catch((err) => {
      if (isUniqueViolation(err)) throw new AppError('conflict', `${input.email} is already a customer of ${location!.name}`);
      throw err;
    });
  return { customer: toCustomerDto((await q.findCustomer(deps.db, s, id))!) };
}
