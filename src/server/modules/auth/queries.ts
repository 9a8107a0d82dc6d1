// SQL for sign-in codes, code-request throttling and one-time sign-in links.
import type { Tx } from '../../deps.js';
import { newId } from '../../lib/tokens.js';

export async function countCodeRequests(db: Tx, by: 'email' | 'ip', value: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('code_requests')
    .select((eb) => eb.fn.countAll().as('n'))
    .where(by, '=', value)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertCodeRequest(db: Tx, email: string, ip: string, now: Date): Promise<void> {
  await db.insertInto('code_requests').values({ id: newId(), email, ip, created_at: now.toISOString() }).execute();
}

export async function pruneCodeRequests(db: Tx, before: string): Promise<number> {
  const r = await db.deleteFrom('code_requests').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A new code replaces every earlier live code of that email and purpose. */
export async function replaceCode(
  db: Tx,
  c: { email: string; purpose: string; codeHash: string; ip: string | null; now: Date; expiresAt: string },
): Promise<void> {
  const t = c.now.toISOString();
  await db
    .updateTable('sign_in_codes')
    .set({ used_at: t })
    .where('email', '=', c.email)
    .where('purpose', '=', c.purpose)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('sign_in_codes')
    .values({
      id: newId(),
      email: c.email,
      purpose: c.purpose,
      code_hash: c.codeHash,
      attempts: 0,
      ip: c.ip,
      expires_at: c.expiresAt,
      used_at: null,
      created_at: t,
    })
    .execute();
}

export function findLiveCode(db: Tx, email: string, purpose: string, now: Date) {
  return db
    .selectFrom('sign_in_codes')
    .selectAll()
    .where('email', '=', email)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** Counts one guess; false when the code has no guesses left. */
export async function spendAttempt(db: Tx, id: string, maxAttempts: number): Promise<boolean> {
  const r = await db
    .updateTable('sign_in_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('attempts', '<', maxAttempts)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Single use: only the first caller gets true. */
export async function consumeCode(db: Tx, id: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('sign_in_codes').set({ used_at: now.toISOString() }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function insertSignInLink(db: Tx, l: { tokenHash: string; userId: string; now: Date; expiresAt: string }): Promise<void> {
  await db
    .insertInto('sign_in_links')
    .values({ id: newId(), token_hash: l.tokenHash, user_id: l.userId, expires_at: l.expiresAt, used_at: null, created_at: l.now.toISOString() })
    .execute();
}

/** Uses a sign-in link once; returns its user when it was live. */
export async function consumeSignInLink(db: Tx, tokenHash: string, now: Date): Promise<string | undefined> {
  const t = now.toISOString();
  const row = await db
    .updateTable('sign_in_links')
    .set({ used_at: t })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', t)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}
