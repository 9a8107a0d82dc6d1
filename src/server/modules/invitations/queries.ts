// SQL for invitation links and reminders.
import type { Tx } from '../../deps.js';
import { insertSlices } from '../../lib/batch.js';
import { newId } from '../../lib/tokens.js';
import type { LocationKey } from '../../scope.js';

export type LinkKind = 'invitation' | 'reminder' | 'resend' | 'join_request';

export async function insertInvitations(
  db: Tx,
  s: LocationKey,
  list: { customerId: string; userId: string; tokenHash: string; kind: LinkKind }[],
  now: Date,
): Promise<void> {
  const rows = list.map((i) => ({
    id: newId(),
    organization_id: s.organizationId,
    location_id: s.locationId,
    customer_id: i.customerId,
    user_id: i.userId,
    token_hash: i.tokenHash,
    kind: i.kind,
    created_at: now.toISOString(),
    used_at: null,
    revoked_at: null,
  }));
  for (const slice of insertSlices(rows)) await db.insertInto('invitations').values(slice).execute();
}

/** A link by its token hash, with what decides whether it still works. Unscoped: the token is the credential. */
export function findByTokenHashUnscoped(db: Tx, tokenHash: string) {
  return db
    .selectFrom('invitations')
    .innerJoin('customers', 'customers.id', 'invitations.customer_id')
    .innerJoin('users', 'users.id', 'invitations.user_id')
    .innerJoin('locations', 'locations.id', 'invitations.location_id')
    .select([
      'invitations.id',
      'invitations.organization_id',
      'invitations.location_id',
      'invitations.customer_id',
      'invitations.user_id',
      'invitations.created_at',
      'invitations.used_at',
      'invitations.revoked_at',
      'customers.status as customer_status',
      'customers.first_name',
      'customers.last_name',
      'customers.phone',
      'users.email',
      'users.activated_at',
      'users.language',
      'locations.language as location_language',
    ])
    .where('invitations.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Single use: only the first caller gets true. */
export async function consumeInvitation(db: Tx, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ used_at: now.toISOString() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function revokeForCustomer(db: Tx, s: LocationKey, customerId: string, now: Date): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ revoked_at: now.toISOString() })
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('customer_id', '=', customerId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** A record moved to another account: its live links die, and every link of it follows the record. */
export async function moveLinksOfCustomer(db: Tx, s: LocationKey, customerId: string, userId: string, now: Date): Promise<void> {
  const ofCustomer = () =>
    db.updateTable('invitations').where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId).where('customer_id', '=', customerId);
  await ofCustomer().set({ revoked_at: now.toISOString() }).where('revoked_at', 'is', null).execute();
  await ofCustomer().set({ user_id: userId }).execute();
}

export async function countRecentSends(db: Tx, s: LocationKey, customerId: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('customer_id', '=', customerId)
    .where('kind', '=', 'resend')
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Invited members due for their one reminder, oldest first, in a bounded batch. */
export function dueReminders(db: Tx, invitedBefore: string, limit: number) {
  // A bounded batch per sweep: after a large mass invitation, reminders go out over a few
  // minutes instead of in one long transaction.
  return db
    .selectFrom('customers')
    .select(['id', 'organization_id', 'location_id', 'user_id', 'invited_by_user_id'])
    .where('status', '=', 'invited')
    .where('type', '=', 'member')
    .where('reminder_sent_at', 'is', null)
    .where('invited_at', '<=', invitedBefore)
    .orderBy('invited_at')
    .limit(limit)
    .execute();
}

/**
 * Claims one reminder: only a record still invited, at the same account, with no reminder yet.
 * The claim and the reminder are in one transaction, so the reminder is sent once.
 */
export async function claimReminder(db: Tx, customerId: string, userId: string, invitedBefore: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('customers')
    .set({ reminder_sent_at: now.toISOString() })
    .where('id', '=', customerId)
    .where('user_id', '=', userId)
    .where('status', '=', 'invited')
    .where('reminder_sent_at', 'is', null)
    .where('invited_at', '<=', invitedBefore)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export type { LocationKey };
