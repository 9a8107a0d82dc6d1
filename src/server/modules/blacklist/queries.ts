// SQL of the blacklist: an organization's refused emails, and what an account holds elsewhere.
import type { Tx } from '../../deps.js';
import { newId } from '../../lib/tokens.js';

const entryColumns = ['id', 'organization_id', 'email', 'reason', 'created_by_user_id', 'created_at'] as const;

export function listEntries(db: Tx, organizationId: string) {
  return db.selectFrom('blacklist_entries').select(entryColumns).where('organization_id', '=', organizationId).orderBy('email').orderBy('id').execute();
}
export type EntryRow = Awaited<ReturnType<typeof listEntries>>[number];

export function findEntry(db: Tx, organizationId: string, id: string) {
  return db.selectFrom('blacklist_entries').select(entryColumns).where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

export function findEntryByEmail(db: Tx, organizationId: string, email: string) {
  return db.selectFrom('blacklist_entries').select(entryColumns).where('organization_id', '=', organizationId).where('email', '=', email).executeTakeFirst();
}

export async function insertEntry(
  db: Tx,
  e: { organizationId: string; email: string; reason: string | null; createdByUserId: string; now: Date },
): Promise<EntryRow> {
  const row: EntryRow = {
    id: newId(),
    organization_id: e.organizationId,
    email: e.email,
    reason: e.reason,
    created_by_user_id: e.createdByUserId,
    created_at: e.now.toISOString(),
  };
  await db.insertInto('blacklist_entries').values(row).execute();
  return row;
}

export async function deleteEntry(db: Tx, organizationId: string, id: string): Promise<void> {
  await db.deleteFrom('blacklist_entries').where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

/** The emails among these that the organization blacklisted. */
export async function blacklistedAmong(db: Tx, organizationId: string, emails: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await db
      .selectFrom('blacklist_entries')
      .select('email')
      .where('organization_id', '=', organizationId)
      .where('email', 'in', emails.slice(i, i + 500))
      .execute();
    out.push(...rows.map((r) => r.email));
  }
  return out;
}

/** Every organization of the installation that blacklisted this email. */
export async function organizationsBlacklisting(db: Tx, email: string): Promise<string[]> {
  const rows = await db.selectFrom('blacklist_entries').select('organization_id').where('email', '=', email).execute();
  return rows.map((r) => r.organization_id);
}

/**
 * Whether an account holds anything in an organization other than these: a customer record (any
 * status), an administrator grant or an ownership. One statement.
 */
export async function holdsOutside(db: Tx, userId: string, organizationIds: string[]): Promise<boolean> {
  const none = organizationIds.length ? organizationIds : [''];
  const row = await db
    .selectFrom('customers')
    .select('id')
    .where('user_id', '=', userId)
    .where('organization_id', 'not in', none)
    .unionAll(db.selectFrom('administrators').select('id').where('user_id', '=', userId).where('organization_id', 'not in', none))
    .unionAll(db.selectFrom('organizations').select('id').where('owner_user_id', '=', userId).where('id', 'not in', none))
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}
