// SQL for customers: every query filters by organization and location first.
import { sql } from 'kysely';
import type { Tx } from '../../deps.js';
import type { DbKind } from '../../db/database.js';
import { insertSlices } from '../../lib/batch.js';
import type { Keyset } from '../../lib/paging.js';
import type { CustomerFilter, CustomerSort } from './schema.js';
import type { LocationKey } from '../../scope.js';

/**
 * The details a record shows: what this organization entered, until the person activates the
 * account; from then on the person's own. (The same rule in TypeScript: `shownDetails`.)
 */
const shown = {
  firstName: sql<string>`case when users.activated_at is null then customers.first_name else users.first_name end`,
  lastName: sql<string>`case when users.activated_at is null then customers.last_name else users.last_name end`,
  phone: sql<string | null>`case when users.activated_at is null then customers.phone else users.phone end`,
};

function baseSelect(db: Tx) {
  return db
    .selectFrom('customers')
    .innerJoin('users', 'users.id', 'customers.user_id')
    .leftJoin('companies', 'companies.id', 'customers.company_id')
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
      'customers.sort_name',
      'companies.name as company_name',
      shown.firstName.as('first_name'),
      shown.lastName.as('last_name'),
      'users.email',
      shown.phone.as('phone'),
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

const SORTS = {
  created: sql<string>`customers.created_at`,
  name: sql<string>`customers.sort_name`,
  last_active: sql<string>`coalesce(customers.last_active_at, '')`,
} as const;

/** The customers matching a filter, one keyset page (no OFFSET) in the chosen order. */
export function listCustomers(db: Tx, kind: DbKind, s: LocationKey, f: CustomerFilter & { limit: number }, after: Keyset | null): Promise<CustomerRow[]> {
  let qb = baseSelect(db).where('customers.organization_id', '=', s.organizationId).where('customers.location_id', '=', s.locationId);
  if (f.type) qb = qb.where('customers.type', '=', f.type);
  // Removed customers show only when asked for, as the tab counts leave them out too.
  qb = f.status ? qb.where('customers.status', '=', f.status) : qb.where('customers.status', '!=', 'removed');
  if (f.companyId) qb = qb.where('customers.company_id', '=', f.companyId);
  if (f.source) qb = qb.where('customers.source', '=', f.source);
  if (f.createdFrom) qb = qb.where('customers.created_at', '>=', f.createdFrom);
  if (f.createdTo) qb = qb.where('customers.created_at', '<', nextDay(f.createdTo));
  const term = (f.q ?? '').toLowerCase();
  if (term) {
    // An index serves substring search on both databases: pg_trgm with LIKE, or SQLite's FTS5
    // trigram table with GLOB (its LIKE takes no ESCAPE; search_text is lower-case, so GLOB fits).
    qb =
      kind === 'postgres'
        ? qb.where(sql<boolean>`customers.search_text like ${`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`)
        : qb.where(
            sql<boolean>`customers.rowid in (select rowid from customers_fts where customers_fts.search_text glob ${`*${term.replace(/[*?[]/g, (c) => `[${c}]`)}*`})`,
          );
  }
  const desc = f.sort.startsWith('-');
  const key = SORTS[f.sort.replace(/^-/, '') as keyof typeof SORTS];
  if (after) {
    qb = desc
      ? qb.where(sql<boolean>`(${key} < ${after.value} or (${key} = ${after.value} and customers.id < ${after.id}))`)
      : qb.where(sql<boolean>`(${key} > ${after.value} or (${key} = ${after.value} and customers.id > ${after.id}))`);
  }
  const dir = desc ? 'desc' : 'asc';
  return qb
    .orderBy(key, dir)
    .orderBy('customers.id', dir)
    .limit(f.limit + 1)
    .execute();
}

function nextDay(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString();
}

/** The sort value of a row, for its cursor. */
export function sortValue(r: CustomerRow & { sort_name?: string }, sort: CustomerSort): string {
  const k = sort.replace(/^-/, '');
  if (k === 'name') return r.sort_name ?? '';
  if (k === 'last_active') return r.last_active_at ?? '';
  return r.created_at;
}

export async function countCustomers(db: Tx, s: LocationKey, type?: string): Promise<number> {
  let qb = db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId);
  if (type) qb = qb.where('type', '=', type as 'member');
  qb = qb.where('status', '!=', 'removed');
  return Number((await qb.executeTakeFirst())?.n ?? 0);
}

/** Every location relationship of a user, across organizations (for /me). */
export function customersOfUserUnscoped(db: Tx, userId: string) {
  return db
    .selectFrom('customers')
    .innerJoin('locations', 'locations.id', 'customers.location_id')
    .leftJoin('companies', (j) => j.onRef('companies.id', '=', 'customers.company_id').on('companies.deleted_at', 'is', null))
    .select([
      'customers.id',
      'customers.location_id',
      'customers.organization_id',
      'customers.type',
      'customers.status',
      'customers.company_id',
      'customers.company_manager',
      'companies.name as company_name',
      'locations.name as location_name',
      'locations.country as location_country',
    ])
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

export async function updateCustomer(db: Tx, s: LocationKey, id: string, set: import('../../db/schema.js').CustomerUpdate): Promise<void> {
  await db
    .updateTable('customers')
    .set(set)
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .execute();
}

/** Whether the organization has another record (any status, any location) of this account. */
export async function hasOtherRecordsInOrganization(db: Tx, organizationId: string, userId: string, exceptId: string): Promise<boolean> {
  const r = await db
    .selectFrom('customers')
    .select('id')
    .where('user_id', '=', userId)
    .where('organization_id', '=', organizationId)
    .where('id', '!=', exceptId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** A wrong-email record and what it left behind (its activities and dead links). */
export async function deleteCustomer(db: Tx, s: LocationKey, id: string): Promise<void> {
  await db
    .deleteFrom('activities')
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('customer_id', '=', id)
    .execute();
  await db
    .deleteFrom('invitations')
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('customer_id', '=', id)
    .execute();
  await db.deleteFrom('customers').where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId).where('id', '=', id).execute();
}

export function contractAndInviter(db: Tx, s: LocationKey, id: string) {
  return db
    .selectFrom('customers')
    .leftJoin('users as inviter', 'inviter.id', 'customers.invited_by_user_id')
    .select([
      'customers.contract_start',
      'customers.contract_end',
      'customers.invited_by_user_id',
      'customers.previous_type',
      'inviter.first_name',
      'inviter.last_name',
    ])
    .where('customers.organization_id', '=', s.organizationId)
    .where('customers.location_id', '=', s.locationId)
    .where('customers.id', '=', id)
    .executeTakeFirst();
}

/** What the search and sort columns are made of, for the customers of one customer, user or company. */
export function searchSources(db: Tx, where: { customerId: string } | { userId: string } | { companyId: string }) {
  let qb = db
    .selectFrom('customers')
    .innerJoin('users', 'users.id', 'customers.user_id')
    .leftJoin('companies', (j) => j.onRef('companies.id', '=', 'customers.company_id').on('companies.deleted_at', 'is', null))
    .select([
      'customers.id',
      shown.firstName.as('first_name'),
      shown.lastName.as('last_name'),
      'users.email',
      shown.phone.as('phone'),
      'users.last_active_at',
      'companies.name as company_name',
    ]);
  if ('customerId' in where) qb = qb.where('customers.id', '=', where.customerId);
  else if ('userId' in where) qb = qb.where('customers.user_id', '=', where.userId);
  else qb = qb.where('customers.company_id', '=', where.companyId);
  return qb.execute();
}

export async function setSearchColumns(db: Tx, id: string, cols: { search_text: string; sort_name: string; last_active_at: string | null }): Promise<void> {
  await db.updateTable('customers').set(cols).where('id', '=', id).execute();
}

/** Copies an account's last activity onto its customer rows (for the "last active" sort). */
export async function copyLastActive(db: Tx, userId: string, at: string): Promise<void> {
  await db.updateTable('customers').set({ last_active_at: at }).where('user_id', '=', userId).execute();
}

export async function findCustomersByUsers(db: Tx, s: LocationKey, userIds: string[]) {
  if (userIds.length === 0) return [];
  // By the unique key (location, user): without statistics SQLite would otherwise pick another
  // index and read every customer of the location. The organization is checked on the rows.
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'user_id', 'type', 'status', 'organization_id'])
    .where('location_id', '=', s.locationId)
    .where('user_id', 'in', userIds)
    .execute();
  return rows.filter((r) => r.organization_id === s.organizationId);
}

/** Multi-row insert of rows whose search and sort columns are already filled. */
export async function insertCustomers(db: Tx, rows: import('../../db/schema.js').Customer[]): Promise<void> {
  for (const slice of insertSlices(rows)) await db.insertInto('customers').values(slice).execute();
}

/** Which of these emails are already members (not removed) of the location. */
export async function memberEmailsAmong(db: Tx, s: LocationKey, emails: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < emails.length; i += 1000) {
    const part = emails.slice(i, i + 1000);
    if (part.length === 0) continue;
    // The accounts first (unique email), then their customers by the unique (location, user) key.
    const people = await db.selectFrom('users').select(['id', 'email']).where('email', 'in', part).execute();
    if (people.length === 0) continue;
    const emailOf = new Map(people.map((p) => [p.id, p.email]));
    const rows = await db
      .selectFrom('customers')
      .select(['user_id', 'organization_id', 'type', 'status'])
      .where('location_id', '=', s.locationId)
      .where('user_id', 'in', [...emailOf.keys()])
      .execute();
    for (const r of rows) if (r.organization_id === s.organizationId && r.type === 'member' && r.status !== 'removed') out.push(emailOf.get(r.user_id)!);
  }
  return out;
}

/**
 * Locks the record for the rest of the transaction, so that two requests deciding on the same
 * customer (a resend under its hourly limit, an email change) take turns. SQLite runs one
 * transaction at a time already.
 */
export async function lockCustomer(db: Tx, kind: DbKind, s: LocationKey, id: string): Promise<void> {
  if (kind !== 'postgres') return;
  await db
    .selectFrom('customers')
    .select('id')
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .forUpdate()
    .execute();
}

export type { LocationKey };

/** The people of a company here who are not removed (a company subscription covers them all). */
export function companyUsers(db: Tx, s: LocationKey, companyId: string) {
  return db
    .selectFrom('customers')
    .select(['id', 'user_id', 'type', 'status', 'company_manager'])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('company_id', '=', companyId)
    .where('status', '!=', 'removed')
    .execute();
}
