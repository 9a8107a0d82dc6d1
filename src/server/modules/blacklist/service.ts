// The blacklist (design 11.1): an email an organization refuses. Its people cannot be invited,
// subscribed or signed up there, its requests there answer 404 (the access statement reads the
// entries), and an account that only this organization holds loses its sessions and its codes.
// Low on purpose: auth, invitations, subscriptions, join requests and the kiosk call it.
import type { Deps, Tx } from '../../deps.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import type { OwnerScope } from '../../scope.js';
import * as access from '../access/service.js';
import * as users from '../users/service.js';
import * as q from './queries.js';
import type { AddBlacklistEntryInput, BlacklistEntryDto } from './schema.js';

export const blacklistedError = () => new AppError('unprocessable', 'This email is on the blacklist of this organization.', undefined, 'blacklisted');

function toDto(r: q.EntryRow): BlacklistEntryDto {
  return { id: r.id, email: r.email, reason: r.reason, createdAt: r.created_at };
}

/** Whether the organization blacklisted the email (normalised: trimmed, lower case). */
export async function isBlacklisted(db: Tx, organizationId: string, email: string): Promise<boolean> {
  return Boolean(await q.findEntryByEmail(db, organizationId, email.trim().toLowerCase()));
}

/** 422 `blacklisted` when the organization blacklisted the email. */
export async function refuseBlacklisted(db: Tx, organizationId: string, email: string): Promise<void> {
  if (await isBlacklisted(db, organizationId, email)) throw blacklistedError();
}

/** The emails among these (normalised) that the organization blacklisted. */
export async function blacklistedAmong(db: Tx, organizationId: string, emails: string[]): Promise<Set<string>> {
  return new Set(emails.length ? await q.blacklistedAmong(db, organizationId, emails) : []);
}

/** The organizations that blacklisted this email: `/me` lists neither them nor the person's records there. */
export async function organizationsBlacklisting(db: Tx, email: string): Promise<Set<string>> {
  return new Set(await q.organizationsBlacklisting(db, email));
}

/**
 * Whether an account is shut out of the installation: blacklisted by some organization and held
 * by no other one (no record, grant or ownership elsewhere). Such an account gets no sign-in code
 * and keeps no session; one that another organization holds keeps both.
 */
export async function isShutOut(db: Tx, account: { id: string; email: string }): Promise<boolean> {
  const by = await q.organizationsBlacklisting(db, account.email);
  return by.length > 0 && !(await q.holdsOutside(db, account.id, by));
}

export async function listEntries(deps: Deps, scope: OwnerScope): Promise<BlacklistEntryDto[]> {
  return (await q.listEntries(deps.db, scope.organizationId)).map(toDto);
}

/** Blacklists an email at once: an account held by no other organization loses every session. */
export async function addEntry(deps: Deps, scope: OwnerScope, input: AddBlacklistEntryInput): Promise<BlacklistEntryDto> {
  if (input.email === (await users.findUserById(deps.db, scope.actorUserId))?.email)
    throw new AppError('unprocessable', 'The owner cannot be blacklisted.', undefined, 'cannot_blacklist_owner');
  const conflict = () => new AppError('conflict', `${input.email} is already on the blacklist.`, undefined, 'already_blacklisted');
  if (await q.findEntryByEmail(deps.db, scope.organizationId, input.email)) throw conflict();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const row = await q.insertEntry(trx, {
        organizationId: scope.organizationId,
        email: input.email,
        reason: input.reason ?? null,
        createdByUserId: scope.actorUserId,
        now: deps.clock.now(),
      });
      const account = await users.findUserByEmail(trx, input.email);
      if (account && (await isShutOut(trx, account))) await access.endSessionsOf(trx, account.id);
      return toDto(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict();
    throw err;
  }
}

/** Lifts an entry; nothing refused meanwhile comes back by itself. */
export async function removeEntry(deps: Deps, scope: OwnerScope, id: string): Promise<void> {
  if (!(await q.findEntry(deps.db, scope.organizationId, id))) throw notFound('Blacklist entry not found');
  await q.deleteEntry(deps.db, scope.organizationId, id);
}
