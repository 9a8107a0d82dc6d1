// SQL of the Users page: the accounts an organization holds (records, grants, ownership), paged by email.
import { sql } from 'kysely';
import type { Tx } from '../../deps.js';
import type { Keyset } from '../../lib/paging.js';
import { likeLiteral } from '../../lib/search-words.js';

export interface UserFilter {
  q?: string;
  blacklisted?: boolean;
}

/** One page of the organization's accounts by email (limit + 1 rows). */
export function listAccounts(db: Tx, organizationId: string, f: UserFilter, after: Keyset | null, limit: number) {
  let qb = db
    .selectFrom('users')
    .select(['users.id', 'users.email', 'users.first_name', 'users.last_name', 'users.activated_at', 'users.created_at', 'users.last_active_at'])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('customers')
            .select('customers.id')
            .where('customers.organization_id', '=', organizationId)
            .whereRef('customers.user_id', '=', 'users.id'),
        ),
        eb.exists(
          eb
            .selectFrom('administrators')
            .select('administrators.id')
            .where('administrators.organization_id', '=', organizationId)
            .whereRef('administrators.user_id', '=', 'users.id'),
        ),
        eb.exists(
          eb
            .selectFrom('organizations')
            .select('organizations.id')
            .where('organizations.id', '=', organizationId)
            .whereRef('organizations.owner_user_id', '=', 'users.id'),
        ),
      ]),
    );
  const term = f.q?.toLowerCase();
  if (term) {
    const pattern = `%${likeLiteral(term)}%`;
    qb = qb.where((eb) =>
      eb.or([
        sql<boolean>`lower(users.email) like ${pattern} escape '\\'`,
        sql<boolean>`lower(users.first_name || ' ' || users.last_name) like ${pattern} escape '\\'`,
        eb.exists(
          eb
            .selectFrom('customers')
            .select('customers.id')
            .where('customers.organization_id', '=', organizationId)
            .whereRef('customers.user_id', '=', 'users.id')
            .where(sql<boolean>`customers.search_text like ${pattern} escape '\\'`),
        ),
      ]),
    );
  }
  if (f.blacklisted !== undefined) {
    qb = qb.where((eb) => {
      const listed = eb.exists(
        eb
          .selectFrom('blacklist_entries')
          .select('blacklist_entries.id')
          .where('blacklist_entries.organization_id', '=', organizationId)
          .whereRef('blacklist_entries.email', '=', 'users.email'),
      );
      return f.blacklisted ? listed : eb.not(listed);
    });
  }
  if (after) qb = qb.where((eb) => eb.or([eb('users.email', '>', after.value), eb.and([eb('users.email', '=', after.value), eb('users.id', '>', after.id)])]));
  return qb
    .orderBy('users.email')
    .orderBy('users.id')
    .limit(limit + 1)
    .execute();
}
export type AccountRow = Awaited<ReturnType<typeof listAccounts>>[number];

/** The records these accounts have at the organization's locations, newest first. */
export function recordsOf(db: Tx, organizationId: string, userIds: string[]) {
  if (!userIds.length) return Promise.resolve([]);
  return db
    .selectFrom('customers')
    .innerJoin('locations', 'locations.id', 'customers.location_id')
    .select([
      'customers.id',
      'customers.user_id',
      'customers.location_id',
      'locations.name as location_name',
      'customers.type',
      'customers.status',
      'customers.first_name',
      'customers.last_name',
      'customers.created_at',
    ])
    .where('customers.organization_id', '=', organizationId)
    .where('customers.user_id', 'in', userIds)
    .orderBy('customers.created_at', 'desc')
    .orderBy('customers.id')
    .execute();
}

export function grantsOf(db: Tx, organizationId: string, userIds: string[]) {
  if (!userIds.length) return Promise.resolve([]);
  return db
    .selectFrom('administrators')
    .select(['user_id', 'first_name', 'last_name'])
    .where('organization_id', '=', organizationId)
    .where('user_id', 'in', userIds)
    .orderBy('created_at')
    .execute();
}

export async function ownerOf(db: Tx, organizationId: string): Promise<string | null> {
  const row = await db.selectFrom('organizations').select('owner_user_id').where('id', '=', organizationId).executeTakeFirst();
  return row?.owner_user_id ?? null;
}

export function entriesFor(db: Tx, organizationId: string, emails: string[]) {
  if (!emails.length) return Promise.resolve([]);
  return db.selectFrom('blacklist_entries').select(['id', 'email']).where('organization_id', '=', organizationId).where('email', 'in', emails).execute();
}
