// SQL for companies.
import { sql } from 'kysely';
import type { Tx } from '../../deps.js';
import type { Keyset } from '../../lib/paging.js';
import { type DbKind, unindexed } from '../../db/database.js';
import type { Company } from '../../db/schema.js';
import type { LocationKey } from '../../scope.js';

export async function insertCompany(db: Tx, row: Company): Promise<void> {
  await db.insertInto('companies').values(row).execute();
}

export function findCompany(db: Tx, s: LocationKey, id: string) {
  return db
    .selectFrom('companies')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

function withUserCount(db: Tx, s: LocationKey) {
  return db
    .selectFrom('companies')
    .selectAll('companies')
    .select((eb) =>
      eb
        .selectFrom('customers')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('customers.company_id', '=', 'companies.id')
        .where('customers.status', '!=', 'removed')
        .as('user_count'),
    )
    .where('companies.organization_id', '=', s.organizationId)
    .where('companies.location_id', '=', s.locationId)
    .where('companies.deleted_at', 'is', null);
}
export type CompanyRow = Awaited<ReturnType<ReturnType<typeof withUserCount>['executeTakeFirstOrThrow']>>;

export function findCompanyWithCount(db: Tx, s: LocationKey, id: string) {
  return withUserCount(db, s).where('companies.id', '=', id).executeTakeFirst();
}

/** Companies by name, keyset-paged on (lower(name), id). */
export function listCompanies(db: Tx, s: LocationKey, f: { q?: string; limit: number }, after: Keyset | null) {
  let qb = withUserCount(db, s);
  const term = (f.q ?? '').toLowerCase();
  if (term) qb = qb.where(sql<boolean>`lower(companies.name) like ${`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`);
  if (after) qb = qb.where(sql<boolean>`(lower(companies.name) > ${after.value} or (lower(companies.name) = ${after.value} and companies.id > ${after.id}))`);
  return qb
    .orderBy(sql`lower(companies.name)`)
    .orderBy('companies.id')
    .limit(f.limit + 1)
    .execute();
}

export function findByNamesCaseInsensitive(db: Tx, s: LocationKey, namesLower: string[]) {
  if (namesLower.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('companies')
    .select(['id', 'name'])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('deleted_at', 'is', null)
    .where(sql<string>`lower(name)`, 'in', namesLower)
    .execute();
}

export async function countCompanies(db: Tx, s: LocationKey): Promise<number> {
  const r = await db
    .selectFrom('companies')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function updateCompany(db: Tx, s: LocationKey, id: string, set: Partial<Company>): Promise<void> {
  if (Object.keys(set).length === 0) return;
  await db
    .updateTable('companies')
    .set(set)
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .execute();
}

/** Deleting a company keeps its people as customers, without the company. */
export async function detachPeople(db: Tx, s: LocationKey, companyId: string) {
  return db
    .updateTable('customers')
    .set({ company_id: null, company_manager: 0 })
    .where(unindexed('organization_id'), '=', s.organizationId)
    .where(unindexed('location_id'), '=', s.locationId)
    .where('company_id', '=', companyId)
    .returning(['id'])
    .execute();
}

export async function setMembership(db: Tx, s: LocationKey, customerId: string, companyId: string | null, manager: boolean): Promise<void> {
  await db
    .updateTable('customers')
    .set({ company_id: companyId, company_manager: manager ? 1 : 0 })
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', customerId)
    .execute();
}

export type { LocationKey };

/** Locks the company row until the transaction ends (PostgreSQL; SQLite writes one at a time). */
export async function lockCompany(db: Tx, kind: DbKind, s: LocationKey, id: string): Promise<void> {
  if (kind !== 'postgres') return;
  await db
    .selectFrom('companies')
    .select('id')
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .forUpdate()
    .execute();
}

/** Locks many companies at once, in the order of their ids. */
export async function lockCompanies(db: Tx, kind: DbKind, s: LocationKey, ids: string[]): Promise<void> {
  if (kind !== 'postgres') return;
  const sorted = [...new Set(ids)].sort();
  for (let i = 0; i < sorted.length; i += 1000)
    await db
      .selectFrom('companies')
      .select('id')
      .where(unindexed('organization_id'), '=', s.organizationId)
      .where(unindexed('location_id'), '=', s.locationId)
      .where('id', 'in', sorted.slice(i, i + 1000))
      .orderBy('id')
      .forUpdate()
      .execute();
}

/** Companies by id at a location (not deleted), in slices of 1,000 ids. */
export async function findCompanies(db: Tx, s: LocationKey, ids: string[]) {
  const unique = [...new Set(ids)];
  const out = [];
  for (let i = 0; i < unique.length; i += 1000)
    out.push(
      ...(await db
        .selectFrom('companies')
        .selectAll()
        .where(unindexed('organization_id'), '=', s.organizationId)
        .where(unindexed('location_id'), '=', s.locationId)
        .where('id', 'in', unique.slice(i, i + 1000))
        .where('deleted_at', 'is', null)
        .execute()),
    );
  return out;
}
