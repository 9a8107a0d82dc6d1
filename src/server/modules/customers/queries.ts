// SQL for customers: every query filters by organization and location first.
import { sql } from 'kysely';
import type { Tx } from '../../deps.js';
import type { ListCustomersQuery } from './schema.js';

export interface LocationKey {
  organizationId: string;
  locationId: string;
}

function baseSelect(db: Tx) {
  return db
    .selectFrom('customers')
    .innerJoin('users', 'users.id', 'customers.user_id')
    .select([
      'customers.id',
      'customers.organization_id',
      'customers.location_id',
      'customers.user_id',
      'customers.type',
      'customers.status',
      'customers.source',
      'customers.company_id',
      'customers.company_manager',
      'customers.invited_at',
      'customers.created_at',
      'customers.removed_at',
      'users.first_name',
      'users.last_name',
      'users.email',
      'users.phone',
      'users.activated_at',
      'users.last_active_at',
    ]);
}
export type CustomerRow = Awaited<ReturnType<ReturnType<typeof baseSelect>['executeTakeFirstOrThrow']>>;

export function findCustomer(db: Tx, s: LocationKey, id: string): Promise<CustomerRow | undefined> {
  return baseSelect(db)
    .where('customers.organization_id', '=', s.organizationId)
    .where('customers.location_id', '=', s.locationId)
    .where('customers.id', '=', id)
    .executeTakeFirst();
}

export function findCustomerByUser(db: Tx, s: LocationKey, userId: string): Promise<CustomerRow | undefined> {
  return baseSelect(db)
    .where('customers.organization_id', '=', s.organizationId)
    .where('customers.location_id', '=', s.locationId)
    .where('customers.user_id', '=', userId)
    .executeTakeFirst();
}

export function listCustomers(db: Tx, s: LocationKey, f: ListCustomersQuery, after: { createdAt: string; id: string } | null): Promise<CustomerRow[]> {
  let qb = baseSelect(db).where('customers.organization_id', '=', s.organizationId).where('customers.location_id', '=', s.locationId);
  if (f.type) qb = qb.where('customers.type', '=', f.type);
  if (f.status) qb = qb.where('customers.status', '=', f.status);
  if (f.companyId) qb = qb.where('customers.company_id', '=', f.companyId);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // One escape character on both databases: SQLite's LIKE has none unless told.
    qb = qb.where(
      sql<boolean>`(lower(users.first_name || ' ' || users.last_name) like ${like} escape '\\' or lower(users.email) like ${like} escape '\\' or users.phone like ${like} escape '\\')`,
    );
  }
  if (after) {
    qb = qb.where((eb) =>
      eb.or([eb('customers.created_at', '<', after.createdAt), eb.and([eb('customers.created_at', '=', after.createdAt), eb('customers.id', '<', after.id)])]),
    );
  }
  return qb.orderBy('customers.created_at', 'desc').orderBy('customers.id', 'desc').limit(f.limit + 1).execute();
}

export async function countCustomers(db: Tx, s: LocationKey, type?: string): Promise<number> {
  let qb = db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId);
  if (type) qb = qb.where('type', '=', type as 'member');
  return Number((await qb.executeTakeFirst())?.n ?? 0);
}

/** Every location relationship of a user, across organizations (for /me). */
export function customersOfUserUnscoped(db: Tx, userId: string) {
  return db
    .selectFrom('customers')
    .innerJoin('locations', 'locations.id', 'customers.location_id')
    .select(['customers.id', 'customers.location_id', 'customers.organization_id', 'customers.type', 'customers.status', 'locations.name as location_name'])
    .where('customers.user_id', '=', userId)
    .orderBy('locations.created_at')
    .execute();
}

/** An activated account turns every invited membership of it into an active one. */
export function activateInvited(db: Tx, userId: string) {
  return db
    .updateTable('customers')
    .set({ status: 'active' })
    .where('user_id', '=', userId)
    .where('status', '=', 'invited')
    .returning(['id', 'organization_id', 'location_id'])
    .execute();
}

export async function insertCustomer(db: Tx, row: import('../../db/schema.js').Customer): Promise<void> {
  await db.insertInto('customers').values(row).execute();
}

export async function updateCustomer(db: Tx, s: LocationKey, id: string, set: import('../../db/schema.js').CustomerUpdate): Promise<void> {
  await db.updateTable('customers').set(set).where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId).where('id', '=', id).execute();
}

/** Customer records of a user that are not removed, anywhere in the installation. */
export async function countLiveCustomersOfUserUnscoped(db: Tx, userId: string): Promise<number> {
  const r = await db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', userId).where('status', '!=', 'removed').executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Everything a never-activated account left behind, before the account itself is deleted. */
export async function deleteCustomersOfUserUnscoped(db: Tx, userId: string): Promise<void> {
  const ids = db.selectFrom('customers').select('id').where('user_id', '=', userId);
  await db.deleteFrom('activities').where('customer_id', 'in', ids).execute();
  await db.deleteFrom('invitations').where('user_id', '=', userId).execute();
  await db.deleteFrom('customers').where('user_id', '=', userId).execute();
}

export function contractAndInviter(db: Tx, s: LocationKey, id: string) {
  return db
    .selectFrom('customers')
    .leftJoin('users as inviter', 'inviter.id', 'customers.invited_by_user_id')
    .select(['customers.contract_start', 'customers.contract_end', 'customers.invited_by_user_id', 'customers.previous_type', 'inviter.first_name', 'inviter.last_name'])
    .where('customers.organization_id', '=', s.organizationId)
    .where('customers.location_id', '=', s.locationId)
    .where('customers.id', '=', id)
    .executeTakeFirst();
}
