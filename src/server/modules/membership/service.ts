// Membership: a customer's life at a location after creation (profile, edits with the name rule
// and the email move, removal with the wrong-email cleanup, restore) and adding a nonmember.
// Above customers and invitations: it changes records and sends links.
import { isUniqueViolation } from '../../db/database.js';
import type { Deps, Tx } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { normalisePhone } from '../../lib/phone.js';
import type { Permission } from '../../lib/schema.js';
import * as activities from '../activities/service.js';
import * as invitations from '../invitations/service.js';
import * as locations from '../locations/service.js';
import * as subscriptions from '../subscriptions/service.js';
import * as users from '../users/service.js';
import * as customers from '../customers/service.js';
import type { CustomerRow } from '../customers/service.js';
import type { UpdateCustomerInput } from '../customers/schema.js';
import type { AdminScope } from '../../scope.js';
import * as access from '../access/service.js';

const RIGHTS_NOT_HELD = 'administrator_rights_not_held';

async function mustFind(db: Tx, s: AdminScope, id: string) {
  const c = await customers.findCustomer(db, s, id);
  if (!c) throw notFound('Customer not found');
  return c;
}

export async function profile(deps: Deps, s: AdminScope, id: string) {
  const c = await mustFind(deps.db, s, id);
  const [extra, timeline, grant] = await Promise.all([
    customers.contractAndInviter(deps.db, s, id),
    activities.timeline(deps.db, s, id),
    access.findGrantAt(deps.db, s.organizationId, c.user_id, s.locationId),
  ]);
  return {
    customer: {
      ...customers.toCustomerDto(c),
      contractStart: extra?.contract_start ?? null,
      contractEnd: extra?.contract_end ?? null,
      invitedBy: extra?.invited_by_user_id ? { id: extra.invited_by_user_id, name: `${extra.first_name ?? ''} ${extra.last_name ?? ''}`.trim() } : null,
    },
    detailsOwnedByPerson: c.activated_at !== null,
    administrator: grant ? { permissions: JSON.parse(grant.permissions) as string[] } : null,
    activities: timeline,
  };
}

/** PATCH: before activation the administrator's latest details win (on this organization's record); after, they belong to the person. */
export async function update(deps: Deps, s: AdminScope, id: string, input: UpdateCustomerInput) {
  const c = await mustFind(deps.db, s, id);
  const location = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  const phone = input.phone === undefined ? undefined : normalisePhone(input.phone, location!.country);
  const personal: Record<string, [string | null | undefined, string | null]> = {
    firstName: [input.firstName, c.first_name],
    lastName: [input.lastName, c.last_name],
    email: [input.email, c.email],
    phone: [phone, c.phone],
  };
  const changed = Object.entries(personal)
    .filter(([, [next, cur]]) => next !== undefined && next !== cur)
    .map(([k]) => k);
  if (changed.length && c.activated_at) {
    throw new AppError(
      'unprocessable',
      `${c.first_name} ${c.last_name} activated their account, so their name and contact details are theirs to change from their own profile. The change was not saved.`.replace(
        /\s+/g,
        ' ',
      ),
      changed.map((path) => ({ path, message: 'Set by the member' })),
      'details_owned_by_person',
    );
  }
  const extra = await customers.contractAndInviter(deps.db, s, id);
  const start = input.contractStart !== undefined ? input.contractStart : (extra?.contract_start ?? null);
  const end = input.contractEnd !== undefined ? input.contractEnd : (extra?.contract_end ?? null);
  if (start && end && end < start)
    throw new AppError('bad_request', 'The contract cannot end before it starts', [{ path: 'contractEnd', message: 'Before the start date' }]);
  const now = deps.clock.now();
  const newEmail = input.email !== undefined && input.email !== c.email ? input.email : null;
  const entered = { firstName: input.firstName ?? c.first_name, lastName: input.lastName ?? c.last_name, phone: phone === undefined ? c.phone : phone };
  // An invitee at a new address gets a fresh link, rendered before the transaction.
  const ctx = newEmail && c.type === 'member' && c.status === 'invited' ? await invitations.mailContext(deps.db, s) : null;
  const link = ctx && newEmail ? await invitations.prepareLink(deps, s, ctx, { email: newEmail, ...entered }, 'resend') : null;
  try {
    await deps.db.transaction().execute(async (trx) => {
      if (changed.length) {
        await customers.updateEnteredDetails(trx, s, id, { firstName: input.firstName, lastName: input.lastName, phone });
        await activities.record(trx, { ...s, customerId: id, kind: 'details_changed', data: { fields: changed } }, now);
      }
      if (newEmail) {
        // decided on the record as it is now: a concurrent activation or email change came first
        await customers.lockCustomer(trx, deps.dbKind, s, id);
        const current = await customers.findCustomer(trx, s, id);
        if (!current || current.user_id !== c.user_id || current.activated_at !== c.activated_at) {
          throw new AppError('conflict', 'This customer changed meanwhile. Reload the page and try again.', undefined, 'changed_meanwhile');
        }
        await moveToEmail(deps, trx, s, c, newEmail, location!.name, entered, ctx && link ? { ctx, link } : null);
      }
      const set: Record<string, string | null> = {};
      if (input.contractStart !== undefined) set.contract_start = input.contractStart;
      if (input.contractEnd !== undefined) set.contract_end = input.contractEnd;
      if (Object.keys(set).length) {
        await customers.updateCustomer(trx, s, id, set);
        await activities.record(
          trx,
          {
            ...s,
            customerId: id,
            kind: 'details_changed',
            data: { fields: Object.keys(set).map((k) => (k === 'contract_start' ? 'contractStart' : 'contractEnd')) },
          },
          now,
        );
      }
      await customers.announceCustomers(trx, s, 'customer.updated', [id], now);
    });
  } catch (err) {
    if (newEmail && isUniqueViolation(err)) throw emailTaken(newEmail, location!.name);
    throw err;
  }
  return { customer: customers.toCustomerDto((await customers.findCustomer(deps.db, s, id))!) };
}

const emailTaken = (email: string, locationName: string) =>
  new AppError(
    'conflict',
    `${email} is already a customer of ${locationName}. Open that customer instead.`,
    [{ path: 'email', message: 'Already a customer here' }],
    'email_already_customer',
  );

/**
 * An email change before activation moves this record to the account of the new email (created
 * when none exists). The old account is never re-addressed, since other organizations may hold
 * it; it is deleted only when nothing holds it any more. Links sent to the old address die.
 */
async function moveToEmail(
  deps: Deps,
  trx: Tx,
  s: AdminScope,
  c: CustomerRow,
  email: string,
  locationName: string,
  entered: { firstName: string; lastName: string; phone: string | null },
  invitation: { ctx: invitations.MailContext; link: invitations.PreparedLink } | null,
): Promise<void> {
  const now = deps.clock.now();
  const target = await users.findOrCreateAccount(trx, now, { email, ...entered });
  if (await customers.findCustomerByUser(trx, s, target.id)) throw emailTaken(email, locationName);
  // Administrator rights given with the invitation follow the record, but only as far as the
  // actor could grant them: moving them to an address is granting them anew.
  const grant = await access.findGrantAt(trx, s.organizationId, c.user_id, s.locationId);
  if (grant) {
    const permissions = JSON.parse(grant.permissions) as Permission[];
    access.requireHeldPermissions(
      s,
      permissions,
      (p) => `This person is also an administrator here. You cannot move permissions you do not hold: ${p}`,
      RIGHTS_NOT_HELD,
    );
    await access.revokeAtLocation(trx, s.organizationId, s.locationId, c.user_id);
    await access.grantInTx(deps, trx, { organizationId: s.organizationId, actorUserId: s.actorUserId }, target.id, s.locationId, permissions, entered);
  }
  await customers.moveToAccountInTx(trx, s, c.id, target.id);
  await invitations.moveLinksInTx(trx, s, c.id, target.id, now);
  if (invitation) {
    if (target.activated_at) {
      // the new address already has an activated account: access now, as an invitation would give
      await customers.updateCustomer(trx, s, c.id, { status: 'active', invited_at: null });
      await activities.record(trx, { ...s, customerId: c.id, kind: 'access_granted', data: { source: 'email_change' } }, now);
      await invitations.sendAccessGrantedInTx(deps, trx, s, invitation.ctx, target);
    } else {
      await invitations.writeLinksInTx(deps, trx, s, [{ customerId: c.id, userId: target.id, link: invitation.link }], 'resend');
    }
  }
  await users.deleteAccountIfUnheld(trx, c.user_id);
}

// Notes and attachments are history an administrator added (and rows that reference the customer):
// such an account is no wrong-email leftover, so it is kept and its record stays restorable.
const ADDED_HISTORY = new Set(['note_added', 'attachment_added']);

async function hasAddedHistory(trx: Tx, s: AdminScope, id: string): Promise<boolean> {
  return (await activities.timeline(trx, s, id)).some((a) => ADDED_HISTORY.has(a.kind));
}

/**
 * DELETE: member and admin access at this location end at once, links die, history stays.
 * A never-activated member invited by mistake (a wrong email) leaves nothing behind: the record,
 * unless this organization knows the address otherwise, and the account when nothing anywhere
 * in the installation holds it any more. Whether the record goes is decided on this
 * organization's data alone, so the answer tells nothing of other organizations.
 */
export async function remove(deps: Deps, s: AdminScope, id: string): Promise<{ accountDeleted: boolean }> {
  const c = await mustFind(deps.db, s, id);
  if (c.status === 'removed') return { accountDeleted: false };
  await checkRemovable(deps.db, s, c);
  return deps.db.transaction().execute(async (trx) => {
    await endAccessInTx(deps, trx, s, c);
    // Only a wrong-email invitation leaves nothing behind; a lead added by hand stays restorable.
    if (c.activated_at || c.type !== 'member') return { accountDeleted: false };
    if (await customers.hasOtherRecordsInOrganization(trx, s.organizationId, c.user_id, id)) return { accountDeleted: false };
    const rights = await access.accessOf(trx, c.user_id);
    if (rights.owned.some((o) => o.id === s.organizationId) || rights.grants.some((g) => g.organization_id === s.organizationId))
      return { accountDeleted: false };
    if ((await hasAddedHistory(trx, s, id)) || (await subscriptions.hasBillingHistory(trx, s, id))) return { accountDeleted: false };
    await customers.deleteCustomer(trx, s, id);
    return { accountDeleted: await users.deleteAccountIfUnheld(trx, c.user_id) };
  });
}

/** Removing a customer ends their administrator rights here: only as far as the actor could grant them (403 otherwise). */
export async function checkRemovable(db: Tx, s: AdminScope, c: CustomerRow): Promise<void> {
  const grant = await access.findGrantAt(db, s.organizationId, c.user_id, s.locationId);
  if (grant) {
    access.requireHeldPermissions(
      s,
      JSON.parse(grant.permissions) as Permission[],
      (p) => `This person is also an administrator here. You cannot remove an administrator holding permissions you do not hold: ${p}`,
      RIGHTS_NOT_HELD,
    );
  }
}

/**
 * The removal itself, in the caller's transaction (a removal, a transfer that removes the old record):
 * member and admin access end, links die, personal subscriptions are canceled; the record, its
 * account and its history stay. `checkRemovable` comes first.
 */
export async function endAccessInTx(deps: Deps, trx: Tx, s: AdminScope, c: CustomerRow): Promise<void> {
  const now = deps.clock.now();
  await customers.updateCustomer(trx, s, c.id, { status: 'removed', previous_type: c.type, removed_at: now.toISOString() });
  await invitations.revokeForCustomer(trx, s, c.id, now);
  // their personal subscriptions end with them (design 7.1); a company's go on
  await subscriptions.cancelPersonalSubscriptionsInTx(deps, trx, s, c.id);
  if (await access.revokeAtLocation(trx, s.organizationId, s.locationId, c.user_id)) {
    await activities.record(trx, { ...s, customerId: c.id, kind: 'admin_off' }, now);
  }
  await activities.record(trx, { ...s, customerId: c.id, kind: 'removed' }, now);
  await customers.announceCustomers(trx, s, 'customer.removed', [c.id], now);
}

/**
 * A member becomes a nonmember here, in the caller's transaction (a transfer that keeps the old record
 * as a nonmember): no email; a pending invitation's links die, since a nonmember has nothing to activate.
 */
export async function makeNonmemberInTx(deps: Deps, trx: Tx, s: AdminScope, c: CustomerRow, reason: string): Promise<void> {
  if (c.type === 'nonmember') return;
  const now = deps.clock.now();
  await customers.updateCustomer(trx, s, c.id, { type: 'nonmember', status: 'active', invited_at: null, reminder_sent_at: null });
  await customers.refreshSearchForCustomer(trx, c.id);
  await invitations.revokeForCustomer(trx, s, c.id, now);
  await activities.record(trx, { ...s, customerId: c.id, kind: 'became_nonmember', data: { reason } }, now);
}

/** Restore brings back the previous type; an invited member stays invited until activation. */
export async function restore(deps: Deps, s: AdminScope, id: string) {
  const c = await mustFind(deps.db, s, id);
  if (c.status !== 'removed') throw new AppError('conflict', 'This customer is not removed.', undefined, 'not_removed');
  const extra = await customers.contractAndInviter(deps.db, s, id);
  const type = extra?.previous_type ?? 'member';
  const status = type === 'member' && !c.activated_at ? 'invited' : 'active';
  const now = deps.clock.now();
  // Removal killed the old links: a restored invitee gets a fresh one at once (rendered first).
  const link =
    status === 'invited'
      ? await invitations.prepareLink(
          deps,
          s,
          await invitations.mailContext(deps.db, s),
          { email: c.email, firstName: c.first_name, lastName: c.last_name },
          'resend',
        )
      : null;
  await deps.db.transaction().execute(async (trx) => {
    await customers.updateCustomer(trx, s, id, {
      type,
      status,
      previous_type: null,
      removed_at: null,
      invited_at: status === 'invited' ? now.toISOString() : null,
      reminder_sent_at: null,
    });
    await activities.record(trx, { ...s, customerId: id, kind: 'restored', data: { type } }, now);
    await customers.announceCustomers(trx, s, 'customer.updated', [id], now);
    if (link) await invitations.writeLinksInTx(deps, trx, s, [{ customerId: id, userId: c.user_id, link }], 'resend');
  });
  return { customer: customers.toCustomerDto((await customers.findCustomer(deps.db, s, id))!) };
}

/** "Add nonmember": no email is sent; inviting them later makes them a member. */
export async function addNonmember(deps: Deps, s: AdminScope, input: { firstName: string; lastName: string; email: string; phone?: string | null }) {
  const location = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  const phone = normalisePhone(input.phone, location!.country);
  const now = deps.clock.now();
  const id = await deps.db
    .transaction()
    .execute(async (trx) => {
      const entered = { firstName: input.firstName, lastName: input.lastName, phone };
      const user = await users.findOrCreateAccount(trx, now, { email: input.email, ...entered });
      const existing = await customers.findCustomerByUser(trx, s, user.id);
      if (existing && existing.status !== 'removed') {
        throw new AppError('conflict', `${input.email} is already a ${existing.type} of ${location!.name}`, undefined, 'already_customer');
      }
      if (existing) {
        await customers.updateCustomer(trx, s, existing.id, { type: 'nonmember', status: 'active', previous_type: null, removed_at: null });
        await customers.updateEnteredDetails(trx, s, existing.id, phone ? entered : { firstName: entered.firstName, lastName: entered.lastName });
        await activities.record(trx, { ...s, customerId: existing.id, kind: 'restored', data: { type: 'nonmember' } }, now);
        return existing.id;
      }
      return customers.addCustomerInTx(
        trx,
        s,
        { userId: user.id, type: 'nonmember', status: 'active', source: 'manual', entered, account: user, companyName: null },
        now,
        s.actorUserId,
      );
    })
    .catch((err) => {
      if (isUniqueViolation(err)) throw new AppError('conflict', `${input.email} is already a customer of ${location!.name}`, undefined, 'already_customer');
      throw err;
    });
  return { customer: customers.toCustomerDto((await customers.findCustomer(deps.db, s, id))!) };
}
