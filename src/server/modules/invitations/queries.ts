// SQL for invitation links and reminders.
import type { Tx } from '../../deps.js';
import { newId } from '../../lib/tokens.js';

export interface LocationKey {
  organizationId: string;
  locationId: string;
}

export type LinkKind = 'invitation' | 'reminder' | 'resend' | 'join_request';

export async function insertInvitations(db: Tx, s: LocationKey, list: { customerId: string; userId: string; tokenHash: string; kind: LinkKind }[], now: Date): Promise<void> {
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
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('invitations').values(rows.slice(i, i + 1000)).execute();
}

/** A link by its token hash, with what decides whether it still works. Unscoped: the token is the credential. */
export function findByTokenHashUnscoped(db: Tx, tokenHash: string) {
  return db
    .selectFrom('invitations')
    .innerJoin('customers', 'customers.id', 'invitations.customer_id')
    .innerJoin('users', 'users.id', 'invitations.user_id')
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
      'users.email',
      'users.activated_at',
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

/** When an account's email changes, every link sent to the old address dies. */
export async function revokeForUserUnscoped(db: Tx, userId: string, now: Date): Promise<void> {
  await db.updateTable('invitations').set({ revoked_at: now.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
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

/**
 * Claims the invited members due for their one reminder. The claim and the reminder are in
 * one transaction and the claim only takes rows with no reminder yet, so it is sent once.
 */
export function claimDueReminders(db: Tx, now: Date, invitedBefore: string, limit: number) {
  // A bounded batch per sweep: after a large mass invitation, reminders go out over a few
  // minutes instead of in one long transaction.
  const due = db
    .selectFrom('customers')
    .select('id')
    .where('status', '=', 'invited')
    .where('type', '=', 'member')
    .where('reminder_sent_at', 'is', null)
    .where('invited_at', '<=', invitedBefore)
    .orderBy('invited_at')
    .limit(limit);
  return db
    .updateTable('customers')
    .set({ reminder_sent_at: now.toISOString() })
    .where('id', 'in', due)
    .where('reminder_sent_at', 'is', null)
    .returning(['id', 'organization_id', 'location_id', 'user_id', 'invited_by_user_id'])
    .execute();
}
