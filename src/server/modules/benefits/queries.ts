// SQL for benefits and their applications.
import { type Selectable, sql } from 'kysely';
import { type DbKind, unindexed } from '../../db/database.js';
import type { BenefitApplicationStatus, BenefitApplicationTable, BenefitTable, Visibility } from '../../db/schema.js';
import type { Tx } from '../../deps.js';
import type { Keyset } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';
import type { PurchaseCursor } from '../purchases/schema.js';

export type BenefitRow = Selectable<BenefitTable>;
export type ApplicationRow = Selectable<BenefitApplicationTable>;

export async function insertBenefit(db: Tx, row: BenefitRow): Promise<void> {
  await db.insertInto('benefits').values(row).execute();
}

export function findBenefit(db: Tx, s: LocationKey, id: string): Promise<BenefitRow | undefined> {
  return db
    .selectFrom('benefits')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The benefit, locked for the rest of the transaction (PostgreSQL); SQLite's single writer serialises instead. */
export function lockBenefit(db: Tx, kind: DbKind, s: LocationKey, id: string): Promise<BenefitRow | undefined> {
  const qb = db.selectFrom('benefits').selectAll().where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId).where('id', '=', id);
  return (kind === 'postgres' ? qb.forUpdate() : qb).executeTakeFirst();
}

export async function updateBenefit(db: Tx, s: LocationKey, id: string, set: Partial<BenefitRow>): Promise<void> {
  await db
    .updateTable('benefits')
    .set(set)
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .execute();
}

/** Newest first, keyset on (created_at, id) descending; only these levels when given (what a person may see). */
export function listBenefits(db: Tx, s: LocationKey, f: { levels?: Visibility[]; limit: number }, after: Keyset | null): Promise<BenefitRow[]> {
  if (f.levels && f.levels.length === 0) return Promise.resolve([]);
  let qb = db.selectFrom('benefits').selectAll().where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId);
  if (f.levels) qb = qb.where('visibility', 'in', f.levels);
  if (after) qb = qb.where((eb) => eb.or([eb('created_at', '<', after.value), eb.and([eb('created_at', '=', after.value), eb('id', '<', after.id)])]));
  return qb
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

export async function insertApplication(db: Tx, row: ApplicationRow): Promise<void> {
  await db.insertInto('benefit_applications').values(row).execute();
}

export function hasApplied(db: Tx, s: LocationKey, benefitId: string, customerId: string): Promise<boolean> {
  return db
    .selectFrom('benefit_applications')
    .select('id')
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('benefit_id', '=', benefitId)
    .where('customer_id', '=', customerId)
    .limit(1)
    .executeTakeFirst()
    .then((r) => r !== undefined);
}

/** An application with what its answer shows: the benefit's title and the applicant's names as the location sees them. */
function withPeople(db: Tx, s: LocationKey, scope: 'indexed' | 'unindexed' = 'indexed') {
  const at = (column: 'a.organization_id' | 'a.location_id') => (scope === 'indexed' ? column : unindexed(column));
  return db
    .selectFrom('benefit_applications as a')
    .innerJoin('benefits as b', 'b.id', 'a.benefit_id')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .selectAll('a')
    .select([
      'b.title as benefit_title',
      // what this organization entered until the person activates the account, then their own
      sql<string>`case when u.activated_at is null then c.first_name else u.first_name end`.as('first_name'),
      sql<string>`case when u.activated_at is null then c.last_name else u.last_name end`.as('last_name'),
      'u.email',
    ])
    .where(at('a.organization_id'), '=', s.organizationId)
    .where(at('a.location_id'), '=', s.locationId);
}
export type ApplicationView = ApplicationRow & { benefit_title: string; first_name: string; last_name: string; email: string };

export function findApplication(db: Tx, s: LocationKey, id: string): Promise<ApplicationView | undefined> {
  return withPeople(db, s).where('a.id', '=', id).executeTakeFirst();
}

/** The application, locked for the rest of the transaction (PostgreSQL). */
export function lockApplication(db: Tx, kind: DbKind, s: LocationKey, id: string): Promise<ApplicationRow | undefined> {
  const qb = db
    .selectFrom('benefit_applications')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id);
  return (kind === 'postgres' ? qb.forUpdate() : qb).executeTakeFirst();
}

export async function updateApplication(db: Tx, s: LocationKey, id: string, set: Partial<ApplicationRow>): Promise<void> {
  await db
    .updateTable('benefit_applications')
    .set(set)
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .execute();
}

/** Highest number first (newest), keyset on number. */
export function listApplications(
  db: Tx,
  s: LocationKey,
  f: { status?: BenefitApplicationStatus; benefitId?: string; customerId?: string; limit: number },
  after: Keyset | null,
): Promise<ApplicationView[]> {
  // a benefit's or a customer's: by their own index, then sorted, not a walk of the location's numbers
  let qb = withPeople(db, s, f.benefitId || f.customerId ? 'unindexed' : 'indexed');
  if (f.status) qb = qb.where('a.status', '=', f.status);
  if (f.benefitId) qb = qb.where('a.benefit_id', '=', f.benefitId);
  if (f.customerId) qb = qb.where('a.customer_id', '=', f.customerId);
  if (after) qb = qb.where('a.number', '<', Number(after.value));
  return qb
    .orderBy('a.number', 'desc')
    .limit(f.limit + 1)
    .execute() as Promise<ApplicationView[]>;
}

/** A customer's applications for the purchase history: newest first, strictly after (at, id). */
export function applicationsOfCustomer(db: Tx, s: LocationKey, customerId: string, after: PurchaseCursor | null, limit: number) {
  let qb = db
    .selectFrom('benefit_applications as a')
    .innerJoin('benefits as b', 'b.id', 'a.benefit_id')
    .select(['a.id', 'a.number', 'a.status', 'a.created_at', 'b.title'])
    .where('a.organization_id', '=', s.organizationId)
    .where('a.location_id', '=', s.locationId)
    .where('a.customer_id', '=', customerId);
  if (after) qb = qb.where((eb) => eb.or([eb('a.created_at', '<', after.at), eb.and([eb('a.created_at', '=', after.at), eb('a.id', '<', after.id)])]));
  return qb.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}
