// Customers of a location: listing, reading, and the status changes other modules trigger.
import type { Deps, Tx } from '../../deps.js';
import { AppError } from '../../http/errors.js';
import * as activities from '../activities/service.js';
import { newId } from '../../lib/tokens.js';
import * as q from './queries.js';
import type { CustomerDto, ListCustomersQuery } from './schema.js';

export type { CustomerRow, LocationKey } from './queries.js';
export const findCustomer = q.findCustomer;
export const findCustomerByUser = q.findCustomerByUser;
export const customersOfUser = q.customersOfUserUnscoped;

export function toCustomerDto(r: q.CustomerRow): CustomerDto {
  return {
    id: r.id,
    locationId: r.location_id,
    userId: r.user_id,
    type: r.type,
    status: r.status,
    source: r.source,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    phone: r.phone,
    companyId: r.company_id,
    companyManager: Boolean(r.company_manager),
    accountActivated: r.activated_at !== null,
    invitedAt: r.invited_at,
    createdAt: r.created_at,
    lastActiveAt: r.last_active_at,
    removedAt: r.removed_at,
  };
}

function encodeCursor(r: { created_at: string; id: string }): string {
  return Buffer.from(JSON.stringify([r.created_at, r.id])).toString('base64url');
}

function decodeCursor(c: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  } catch {
    // falls through to the error below
  }
  throw new AppError('bad_request', 'Invalid cursor', [{ path: 'cursor', message: 'Invalid cursor' }]);
}

export async function listCustomers(deps: Deps, s: q.LocationKey, f: ListCustomersQuery) {
  const rows = await q.listCustomers(deps.db, s, f, f.cursor ? decodeCursor(f.cursor) : null);
  const more = rows.length > f.limit;
  const page = more ? rows.slice(0, f.limit) : rows;
  return { items: page.map(toCustomerDto), nextCursor: more ? encodeCursor(page[page.length - 1]) : null };
}

export const countCustomers = (deps: Deps, s: q.LocationKey, type?: string) => q.countCustomers(deps.db, s, type);

/** Called when an account is activated: its invited memberships become active, each with an activity. */
export async function activateInvitedCustomers(trx: Tx, userId: string, now: Date): Promise<void> {
  const rows = await q.activateInvited(trx, userId);
  for (const r of rows) {
    await activities.record(trx, { organizationId: r.organization_id, locationId: r.location_id, customerId: r.id, actorUserId: userId, kind: 'activated' }, now);
  }
}

export interface NewCustomer {
  userId: string;
  type: 'member' | 'nonmember';
  status: 'invited' | 'active';
  source: CustomerDto['source'];
  companyId?: string | null;
  companyManager?: boolean;
  invitedByUserId?: string | null;
  /** set for invitations: starts the 3-day reminder clock */
  invited?: boolean;
}

/** Inserts a customer record and its "created" activity. */
export async function addCustomerInTx(trx: Tx, s: q.LocationKey, c: NewCustomer, now: Date, actorUserId: string | null): Promise<string> {
  const id = newId();
  const t = now.toISOString();
  await q.insertCustomer(trx, {
    id,
    organization_id: s.organizationId,
    location_id: s.locationId,
    user_id: c.userId,
    type: c.type,
    status: c.status,
    previous_type: null,
    source: c.source,
    company_id: c.companyId ?? null,
    company_manager: c.companyManager ? 1 : 0,
    invited_by_user_id: c.invitedByUserId ?? null,
    invited_at: c.invited ? t : null,
    reminder_sent_at: null,
    contract_start: null,
    contract_end: null,
    created_at: t,
    removed_at: null,
  });
  await activities.record(trx, { ...s, customerId: id, actorUserId, kind: 'created', data: { type: c.type, source: c.source } }, now);
  return id;
}

/** A nonmember or removed customer becomes a member again (invited, or active for an activated account). */
export async function makeMemberInTx(
  trx: Tx,
  s: q.LocationKey,
  id: string,
  c: { status: 'invited' | 'active'; companyId?: string | null; companyManager?: boolean; invitedByUserId: string | null },
  now: Date,
): Promise<void> {
  await q.updateCustomer(trx, s, id, {
    type: 'member',
    status: c.status,
    previous_type: null,
    removed_at: null,
    invited_by_user_id: c.invitedByUserId,
    invited_at: c.status === 'invited' ? now.toISOString() : null,
    reminder_sent_at: null,
    ...(c.companyId !== undefined ? { company_id: c.companyId, company_manager: c.companyManager ? 1 : 0 } : {}),
  });
}
