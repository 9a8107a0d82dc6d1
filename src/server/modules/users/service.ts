// Accounts: find or create by email, activation, names, last-active tracking.
import type { Deps, Tx } from '../../deps.js';
import type { User } from '../../db/schema.js';
import { activateInvitedCustomers, copyLastActive, refreshSearchForUser } from '../customers/service.js';
import * as q from './queries.js';
import type { UpdateMeInput, UserDto } from './schema.js';
import { normalisePhone } from '../../lib/phone.js';

export const findUserByEmail = q.findUserByEmailUnscoped;
export const findUserById = q.findUserByIdUnscoped;
export const insertUser = q.insertUser;
export const findUsersByEmails = q.findUsersByEmailsUnscoped;
export const insertUsers = q.insertUsers;
/** Name, email or phone changes also refresh what the customers list searches and sorts by. */
export async function updateUserFields(trx: Tx, id: string, f: Parameters<typeof q.updateUserFields>[2]): Promise<void> {
  await q.updateUserFields(trx, id, f);
  await refreshSearchForUser(trx, id);
}
export const deleteUser = q.deleteUser;

export function toUserDto(u: User): UserDto {
  return {
    id: u.id,
    email: u.email,
    firstName: u.first_name,
    lastName: u.last_name,
    phone: u.phone,
    activatedAt: u.activated_at,
    lastActiveAt: u.last_active_at,
  };
}

/** Activates the account (the person proved the mailbox); idempotent. */
export async function activateUser(deps: Deps, trx: Tx, userId: string): Promise<boolean> {
  const now = deps.clock.now();
  const changed = await q.markUserActivated(trx, userId, now);
  if (changed) {
    await activateInvitedCustomers(trx, userId, now);
    // Activating is using the product: "last active" starts now.
    await q.touchLastActive(trx, userId, now);
    await copyLastActive(trx, userId, now.toISOString());
  }
  return changed;
}

const ACTIVE_WRITE_EVERY_MS = 60_000;

/** Moves lastActiveAt on authenticated use, written at most once a minute per user. */
export async function noteActivity(deps: Deps, user: { id: string; last_active_at: string | null }): Promise<void> {
  const now = deps.clock.now();
  if (user.last_active_at && now.getTime() - Date.parse(user.last_active_at) < ACTIVE_WRITE_EVERY_MS) return;
  await q.touchLastActive(deps.db, user.id, now);
  await copyLastActive(deps.db, user.id, now.toISOString());
}

/** The person edits their own name and phone (read in the country of their first location). */
export async function updateOwnProfile(deps: Deps, userId: string, input: UpdateMeInput, country: string): Promise<UserDto> {
  const phone = input.phone === undefined ? undefined : normalisePhone(input.phone, country);
  await updateUserFields(deps.db, userId, { firstName: input.firstName, lastName: input.lastName, phone });
  return toUserDto((await q.findUserByIdUnscoped(deps.db, userId))!);
}
