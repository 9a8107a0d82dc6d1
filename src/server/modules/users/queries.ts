// SQL for accounts. Users are installation-wide (one account per email), so these lookups are unscoped by design.
import type { Tx } from '../../deps.js';
import type { User } from '../../db/schema.js';
import { newId } from '../../lib/tokens.js';

export function findUserByEmailUnscoped(db: Tx, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserByIdUnscoped(db: Tx, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Tx, now: Date, u: { email: string; firstName: string; lastName: string; phone?: string | null }): Promise<User> {
  const row: User = {
    id: newId(),
    email: u.email,
    first_name: u.firstName,
    last_name: u.lastName,
    phone: u.phone ?? null,
    activated_at: null,
    email_verified_at: null,
    last_active_at: null,
    created_at: now.toISOString(),
  };
  await db.insertInto('users').values(row).execute();
  return row;
}

/** Marks the account activated and its email verified; returns true when this call activated it. */
export async function markUserActivated(db: Tx, id: string, now: Date): Promise<boolean> {
  const t = now.toISOString();
  const r = await db
    .updateTable('users')
    .set({ activated_at: t, email_verified_at: t })
    .where('id', '=', id)
    .where('activated_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function touchLastActive(db: Tx, id: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ last_active_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function updateUserFields(db: Tx, id: string, f: { firstName?: string; lastName?: string; phone?: string | null; email?: string }): Promise<void> {
  const set: Record<string, unknown> = {};
  if (f.firstName !== undefined) set.first_name = f.firstName;
  if (f.lastName !== undefined) set.last_name = f.lastName;
  if (f.phone !== undefined) set.phone = f.phone;
  if (f.email !== undefined) set.email = f.email;
  if (Object.keys(set).length) await db.updateTable('users').set(set).where('id', '=', id).execute();
}

export async function deleteUser(db: Tx, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', id).execute();
  await db.deleteFrom('sign_in_links').where('user_id', '=', id).execute();
  await db.deleteFrom('users').where('id', '=', id).execute();
}

export function findUsersByEmailsUnscoped(db: Tx, emails: string[]): Promise<User[]> {
  if (emails.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').selectAll().where('email', 'in', emails).execute();
}

export async function insertUsers(db: Tx, rows: User[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('users').values(rows.slice(i, i + 500)).execute();
}
