// Accounts: the one place that creates, activates, edits and deletes rows of the users table.
// An account is shared by every organization that knows the person, so nothing here lets an
// organization write what another one sees: what an organization enters lives on its records.
import type { Deps, Tx } from '../../deps.js';
import type { User } from '../../db/schema.js';
import { normalisePhone } from '../../lib/phone.js';
import type { Language } from '../../lib/schema.js';
import { newId } from '../../lib/tokens.js';
import { accountActivated, accountActive, accountDetailsChanged } from './events.js';
import * as q from './queries.js';
import type { UpdateMeInput, UserDto } from './schema.js';

export const findUserByEmail = q.findUserByEmailUnscoped;
export const findUserById = q.findUserByIdUnscoped;

export function toUserDto(u: User): UserDto {
  return {
    id: u.id,
    email: u.email,
    firstName: u.first_name,
    lastName: u.last_name,
    phone: u.phone,
    activatedAt: u.activated_at,
    lastActiveAt: u.last_active_at,
    language: u.language,
  };
}

/** The saved language of each email that has an account and chose one (for the emails they get). */
export async function languagesByEmail(db: Tx, emails: string[]): Promise<Map<string, Language | null>> {
  return new Map((await q.findLanguagesByEmailsUnscoped(db, emails)).map((u) => [u.email, u.language]));
}

/** What an email to these addresses needs to know beforehand: the saved language, the first name, and whether the account is activated. */
export async function mailDetailsByEmail(db: Tx, emails: string[]): Promise<Map<string, Pick<User, 'language' | 'first_name' | 'activated_at'>>> {
  return new Map((await q.findMailDetailsByEmailsUnscoped(db, emails)).map((u) => [u.email, u]));
}

/** Who is being added: an email (normalised) and what the adding organization entered. */
export interface Person {
  email: string;
  firstName: string;
  lastName: string;
  phone?: string | null;
}

/**
 * The account of each email, created when none exists. An existing account is returned as it
 * is: what this organization entered goes on its own record, never onto the shared account.
 * A new account starts with the details of the organization that created it, until activation.
 * `created` names the emails whose account this call created: nothing can refer to those yet.
 */
export async function findOrCreateAccounts(trx: Tx, now: Date, people: Person[]): Promise<{ byEmail: Map<string, User>; created: Set<string> }> {
  const byEmail = new Map((await q.findUsersByEmailsUnscoped(trx, [...new Set(people.map((p) => p.email))])).map((u) => [u.email, u]));
  const fresh: User[] = [];
  for (const p of people) {
    if (byEmail.has(p.email)) continue;
    const row: User = {
      id: newId(),
      email: p.email,
      first_name: p.firstName,
      last_name: p.lastName,
      phone: p.phone ?? null,
      activated_at: null,
      email_verified_at: null,
      last_active_at: null,
      created_at: now.toISOString(),
      language: null,
    };
    fresh.push(row);
    byEmail.set(p.email, row);
  }
  const inserted = await q.insertUsers(trx, fresh);
  // Two organizations adding the same new person at once: the account created first is the one.
  const taken = fresh.filter((f) => !inserted.has(f.email)).map((f) => f.email);
  for (const u of await q.findUsersByEmailsUnscoped(trx, taken)) byEmail.set(u.email, u);
  return { byEmail, created: inserted };
}

export async function findOrCreateAccount(trx: Tx, now: Date, person: Person): Promise<User> {
  return (await findOrCreateAccounts(trx, now, [person])).byEmail.get(person.email)!;
}

/** Bulk creation of ready-made rows, for `atrium seed`. */
export const insertSeedUsers = q.insertUsers;

/**
 * Activates the account (the person proved the mailbox); idempotent. The account takes the
 * details of the record the person activated through, when there is one.
 */
export async function activateUser(
  deps: Deps,
  trx: Tx,
  userId: string,
  through?: { firstName: string; lastName: string; phone: string | null },
): Promise<boolean> {
  const now = deps.clock.now();
  const changed = await q.markUserActivated(
    trx,
    userId,
    now,
    through ? { first_name: through.firstName, last_name: through.lastName, phone: through.phone } : null,
  );
  if (changed) {
    // Activating is using the product: "last active" starts now.
    await q.touchLastActive(trx, userId, now);
    await accountActivated.publish(trx, { userId, at: now });
  }
  return changed;
}

/** Deletes a never-activated account that no record, grant, ownership or session holds any more. */
export const deleteAccountIfUnheld = q.deleteIfUnheldUnscoped;

const ACTIVE_WRITE_EVERY_MS = 60_000;

/**
 * Moves lastActiveAt on authenticated use, written at most once a minute per user. Answers the
 * value the account now holds, so a caller that read the row before need not read it again.
 */
export async function noteActivity(deps: Deps, user: { id: string; last_active_at: string | null }): Promise<string | null> {
  const now = deps.clock.now();
  if (user.last_active_at && now.getTime() - Date.parse(user.last_active_at) < ACTIVE_WRITE_EVERY_MS) return user.last_active_at;
  await q.touchLastActive(deps.db, user.id, now);
  await accountActive.publish(deps.db, { userId: user.id, at: now });
  return now.toISOString();
}

/** The person edits their own name, phone (read in the country of their first location) and language. */
export async function updateOwnProfile(deps: Deps, userId: string, input: UpdateMeInput, country: string): Promise<UserDto> {
  const phone = input.phone === undefined ? undefined : normalisePhone(input.phone, country);
  await deps.db.transaction().execute(async (trx) => {
    await q.updateOwnDetails(trx, userId, { first_name: input.firstName, last_name: input.lastName, phone, language: input.language });
    await accountDetailsChanged.publish(trx, { userId });
  });
  return toUserDto((await q.findUserByIdUnscoped(deps.db, userId))!);
}
