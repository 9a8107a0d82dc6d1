// SQL for accounts. Users are installation-wide (one account per email), so these lookups are unscoped by design.
import { sql } from 'kysely';
import type { Tx } from '../../deps.js';
import type { User } from '../../db/schema.js';
import { insertSlices } from '../../lib/batch.js';

export function findUserByEmailUnscoped(db: Tx, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserByIdUnscoped(db: Tx, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUsersByEmailsUnscoped(db: Tx, emails: string[]): Promise<User[]> {
  if (emails.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').selectAll().where('email', 'in', emails).execute();
}

/** The saved language of the accounts of these emails, read in slices that every database accepts. */
export async function findLanguagesByEmailsUnscoped(db: Tx, emails: string[]): Promise<Pick<User, 'email' | 'language'>[]> {
  const out: Pick<User, 'email' | 'language'>[] = [];
  for (let i = 0; i < emails.length; i += 1000) {
    out.push(
      ...(await db
        .selectFrom('users')
        .select(['email', 'language'])
        .where('email', 'in', emails.slice(i, i + 1000))
        .where('language', 'is not', null)
        .execute()),
    );
  }
  return out;
}

/** What an email needs to know of these addresses' accounts, read in slices that every database accepts. */
export async function findMailDetailsByEmailsUnscoped(db: Tx, emails: string[]): Promise<Pick<User, 'email' | 'language' | 'first_name' | 'activated_at'>[]> {
  const out: Pick<User, 'email' | 'language' | 'first_name' | 'activated_at'>[] = [];
  for (let i = 0; i < emails.length; i += 1000) {
    out.push(
      ...(await db
        .selectFrom('users')
        .select(['email', 'language', 'first_name', 'activated_at'])
        .where('email', 'in', emails.slice(i, i + 1000))
        .execute()),
    );
  }
  return out;
}

/**
 * Inserts accounts and returns the emails it inserted; an email another transaction has just
 * taken is left as it is (the caller reads that account back).
 */
export async function insertUsers(db: Tx, rows: User[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const slice of insertSlices(rows)) {
    const done = await db
      .insertInto('users')
      .values(slice)
      .onConflict((oc) => oc.column('email').doNothing())
      .returning('email')
      .execute();
    for (const r of done) inserted.add(r.email);
  }
  return inserted;
}

/** Marks the account activated and its email verified, with the details it starts with; true when this call activated it. */
export async function markUserActivated(
  db: Tx,
  id: string,
  now: Date,
  details: { first_name: string; last_name: string; phone: string | null } | null,
): Promise<boolean> {
  const t = now.toISOString();
  const r = await db
    .updateTable('users')
    .set({ activated_at: t, email_verified_at: t, ...(details ?? {}) })
    .where('id', '=', id)
    .where('activated_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function touchLastActive(db: Tx, id: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ last_active_at: now.toISOString() }).where('id', '=', id).execute();
}

/** The person's own name, phone and language (never an administrator's edit: those live on the records). */
export async function updateOwnDetails(
  db: Tx,
  id: string,
  f: { first_name?: string; last_name?: string; phone?: string | null; language?: User['language'] },
): Promise<void> {
  const set = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length) await db.updateTable('users').set(set).where('id', '=', id).execute();
}

/**
 * Deletes a never-activated account that nothing holds any more: no customer record at any
 * status, no administrator grant, no ownership, no session, no month a location counted it as an
 * active user, anywhere in the installation. One
 * conditional statement, so a record added meanwhile by another organization keeps the account.
 * Its one-time sign-in links go with it (on delete cascade).
 */
export async function deleteIfUnheldUnscoped(db: Tx, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('users')
    .where('id', '=', id)
    .where('activated_at', 'is', null)
    .where(sql<boolean>`not exists (select 1 from customers where customers.user_id = users.id)`)
    .where(sql<boolean>`not exists (select 1 from administrators where administrators.user_id = users.id)`)
    .where(sql<boolean>`not exists (select 1 from organizations where organizations.owner_user_id = users.id)`)
    .where(sql<boolean>`not exists (select 1 from sessions where sessions.user_id = users.id)`)
    .where(sql<boolean>`not exists (select 1 from invitations where invitations.user_id = users.id)`)
    // a month in which a location counted the person as an active user (a company subscription covers invitees too)
    .where(sql<boolean>`not exists (select 1 from active_user_months where active_user_months.user_id = users.id)`)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
