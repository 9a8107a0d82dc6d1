// SQL for customers: every query filters by organization and location first.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Tx } from '../../deps.js';
import type { DbKind } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Keyset } from '../../lib/paging.js';
import { likeLiteral, nextPrefix, wordPrefixPatterns } from '../../lib/search-words.js';
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

interface Picked {
  kind: DbKind;
  ids: string[];
}

function customersFrom(db: Tx, picked?: Picked) {
  if (!picked) return db.selectFrom('customers');
  const ids =
    picked.kind === 'postgres'
      ? sql<{ value: string }>`(select unnest(${picked.ids}::text[]) as value)`
      : sql<{ value: string }>`(select value from json_each(${JSON.stringify(picked.ids)}))`;
  return db.selectFrom(ids.as('picked')).crossJoin('customers').where(sql<boolean>`customers.id = picked.value`) as unknown as SelectQueryBuilder<
    Database,
    'customers',
    object
  >;
}

/**
 * Customer rows as the list shows them. With `picked`, only those ids, read in that order: a CROSS JOIN
 * from the list makes SQLite look each one up by its key, where an `id in (...)` lets it walk a whole
 * location's list index instead to save a sort; PostgreSQL plans the same join by its statistics.
 */
function baseSelect(db: Tx, picked?: Picked) {
  return customersFrom(db, picked)
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
  // the expression the last-active indexes are built on: never-active customers sort as '' (last when newest first)
  last_active: sql<string>`coalesce(customers.last_active_at, '')`,
} as const;

type Select = ReturnType<typeof baseSelect>;

/** Scope first, then the list's filters: every list and search query of this file starts here. */
function filtered<Q>(qb: Q, s: LocationKey, f: CustomerFilter): Q {
  // biome-ignore lint/suspicious/noExplicitAny: one filter builder for the page and the probes, which join and select differently
  let q = qb as any;
  q = q.where('customers.organization_id', '=', s.organizationId).where('customers.location_id', '=', s.locationId);
  if (f.type) q = q.where('customers.type', '=', f.type);
  // Removed customers show only when asked for, as the tab counts leave them out too.
  q = f.status ? q.where('customers.status', '=', f.status) : q.where('customers.status', '!=', 'removed');
  if (f.companyId) q = q.where('customers.company_id', '=', f.companyId);
  if (f.source) q = q.where('customers.source', '=', f.source);
  if (f.createdFrom) q = q.where('customers.created_at', '>=', f.createdFrom);
  if (f.createdTo) q = q.where('customers.created_at', '<', nextDay(f.createdTo));
  return q as Q;
}

/**
 * The page's order and the keyset cursor, as one row-value comparison: both databases then start the
 * walk of the sort's index at the cursor (an `a < x or (a = x and id < y)` would walk from the start).
 */
function inPageOrder(qb: Select, sort: CustomerSort, after: Keyset | null, limit: number): Select {
  const desc = sort.startsWith('-');
  const key = SORTS[sort.replace(/^-/, '') as keyof typeof SORTS];
  if (after) qb = qb.where(sql<boolean>`(${key}, customers.id) ${sql.raw(desc ? '<' : '>')} (${after.value}, ${after.id})`);
  const dir = desc ? 'desc' : 'asc';
  return qb.orderBy(key, dir).orderBy('customers.id', dir).limit(limit);
}

/** Which group of a search's answer a row is in: word-prefix matches (0) before the other substring matches (1). */
export type SearchTier = 0 | 1;
/** A search page's cursor: the group, then the sort value and id within it. */
export interface SearchKeyset extends Keyset {
  tier: SearchTier;
}
export type ListedRow = CustomerRow & { search_tier?: SearchTier };

/**
 * How many matches a search reads from an index before choosing how to answer. At most this many: every
 * match is in hand, and the page is those rows sorted (a sort of at most this many). More: the term is
 * common, and the page is the first matches met walking the sort's index, which stops after one page.
 */
export const SEARCH_CANDIDATES = 1000;

/** The search term as it is matched: lower-case, like the search columns. Empty for no search. */
export function searchTerm(q: string | undefined): string {
  return (q ?? '').trim().toLowerCase();
}

/** Terms this long (in characters) also match inside words, through the trigram index; shorter ones match word starts only. */
export const SUBSTRING_MIN = 3;

/**
 * The customers matching a filter, one keyset page (no OFFSET) in the chosen order. With a search
 * term: the customers with a word that starts with it first, then (terms of 3 characters or more) the
 * others that contain it; each group in the chosen order (see `searchCustomers`).
 */
export function listCustomers(
  db: Tx,
  kind: DbKind,
  s: LocationKey,
  f: CustomerFilter & { limit: number },
  after: Keyset | SearchKeyset | null,
  candidates = SEARCH_CANDIDATES,
): Promise<ListedRow[]> {
  const term = searchTerm(f.q);
  if (term) return searchCustomers(db, kind, s, f, term, after && 'tier' in after ? after : after ? { ...after, tier: 0 } : null, candidates);
  return inPageOrder(filtered(baseSelect(db), s, f), f.sort, after, f.limit + 1).execute();
}

/**
 * Search: word-prefix matches, then substring matches, each group read through its own index. For each
 * group a probe reads at most SEARCH_CANDIDATES + 1 matches (with the filters) in index order: at most
 * SEARCH_CANDIDATES and they are all the group's matches, so the page is them sorted; more and the group
 * is common enough that walking the sort's index and testing each row finds a page quickly. Either way the
 * answer is exact and the cursor keeps its meaning: the group, then the sort value and id within it.
 */
async function searchCustomers(
  db: Tx,
  kind: DbKind,
  s: LocationKey,
  f: CustomerFilter & { limit: number },
  term: string,
  after: SearchKeyset | null,
  candidates: number,
) {
  const rows: ListedRow[] = [];
  const tiers: SearchTier[] = Array.from(term).length >= SUBSTRING_MIN ? [0, 1] : [0];
  for (const tier of tiers) {
    if (after && tier < after.tier) continue;
    const from = after && after.tier === tier ? after : null;
    const need = f.limit + 1 - rows.length;
    const got =
      tier === 0 ? await prefixMatches(db, kind, s, f, term, from, need, candidates) : await substringMatches(db, kind, s, f, term, from, need, candidates);
    for (const r of got) rows.push({ ...r, search_tier: tier });
    if (rows.length > f.limit) break;
  }
  return rows;
}

/** True for a row with a word that starts with `term` (the same test as the word index, on the row's JSON words). */
function hasWordStarting(term: string) {
  const [first, other] = wordPrefixPatterns(term);
  return sql<boolean>`(customers.search_words like ${first} escape '\\' or customers.search_words like ${other} escape '\\')`;
}

/** Words never contain white space, so a term with a space starts no word. */
const startsNoWord = (term: string) => /\s/u.test(term);

/**
 * The page among at most SEARCH_CANDIDATES customers: sorted on the customer rows alone, then only the
 * page's rows joined to their account and company (a sort of every candidate with its joins costs several times more).
 */
async function pageOfPicked(
  db: Tx,
  kind: DbKind,
  s: LocationKey,
  f: CustomerFilter,
  ids: string[],
  after: Keyset | null,
  limit: number,
): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  const page = await inPageOrder(filtered(customersFrom(db, { kind, ids }).select('customers.id'), s, f) as unknown as Select, f.sort, after, limit).execute();
  if (page.length === 0) return [];
  return inPageOrder(filtered(baseSelect(db, { kind, ids: page.map((r) => r.id) }), s, f), f.sort, null, limit).execute();
}

/**
 * Filters that keep only a small part of a location (a company, a source, a creation date, a status
 * other than "not removed"). With one of them the probes check every match's row, so that the count
 * says how many matches the page can really come from; without, the tabs' type leaves at least a tenth.
 */
const selective = (f: CustomerFilter) => Boolean(f.companyId || f.source || f.createdFrom || f.createdTo || f.status);

async function prefixMatches(
  db: Tx,
  kind: DbKind,
  s: LocationKey,
  f: CustomerFilter & { limit: number },
  term: string,
  after: Keyset | null,
  limit: number,
  candidates: number,
): Promise<CustomerRow[]> {
  if (startsNoWord(term)) return [];
  const upper = nextPrefix(term);
  let probe = db
    .selectFrom('customer_search_words as w')
    .select('w.customer_id')
    .where('w.organization_id', '=', s.organizationId)
    .where('w.location_id', '=', s.locationId)
    .where('w.word', '>=', term);
  if (upper !== null) probe = probe.where('w.word', '<', upper);
  // A range of the word index's key alone; with a selective filter, each match's row too (CROSS JOIN keeps
  // SQLite reading the words first).
  const found = await (selective(f) ? filtered(probe.crossJoin('customers').whereRef('customers.id', '=', 'w.customer_id'), s, f) : probe)
    .limit(candidates + 1)
    .execute();
  if (found.length <= candidates) {
    // Every match is here (a customer can have several matching words): the page is them, sorted.
    const ids = [...new Set(found.map((r) => r.customer_id))];
    return pageOfPicked(db, kind, s, f, ids, after, limit);
  }
  // A common term: walk the sort's index, testing each row, until a page is found.
  return inPageOrder(filtered(baseSelect(db), s, f).where(hasWordStarting(term)), f.sort, after, limit).execute();
}

async function substringMatches(
  db: Tx,
  kind: DbKind,
  s: LocationKey,
  f: CustomerFilter & { limit: number },
  term: string,
  after: Keyset | null,
  limit: number,
  candidates: number,
): Promise<CustomerRow[]> {
  // This group leaves out what the first one already answered.
  // biome-ignore lint/suspicious/noExplicitAny: the probes and the page select different columns
  const notFirstGroup = <Q>(qb: Q): Q => (startsNoWord(term) ? qb : (qb as any).where(sql<boolean>`not ${hasWordStarting(term)}`));
  const like = `%${likeLiteral(term)}%`;
  // The probe checks each match's row (scope, filters, not in the first group): the trigram index knows
  // nothing of locations, and most matches of a common word are in the first group already.
  let found: { id: string }[];
  if (kind === 'postgres') {
    // pg_trgm's index serves LIKE.
    found = await notFirstGroup(
      filtered(db.selectFrom('customers').select('customers.id'), s, f).where(sql<boolean>`customers.search_text like ${like} escape '\\'`),
    )
      .limit(candidates + 1)
      .execute();
  } else {
    // SQLite's FTS5 trigram table serves GLOB (its LIKE takes no ESCAPE; search_text is lower-case, so GLOB
    // fits). It holds every location's rows: CROSS JOIN reads it first, then each match's customer by rowid.
    const glob = `*${term.replace(/[*?[]/g, (c) => `[${c}]`)}*`;
    found = await notFirstGroup(
      filtered(
        db
          .selectFrom(sql<{ rowid: number; search_text: string }>`customers_fts`.as('customers_fts'))
          .crossJoin('customers')
          .select('customers.id')
          .where(sql<boolean>`customers.rowid = customers_fts.rowid`)
          .where(sql<boolean>`customers_fts.search_text glob ${glob}`),
        s,
        f,
      ),
    )
      .limit(candidates + 1)
      .execute();
  }
  if (found.length <= candidates)
    return pageOfPicked(
      db,
      kind,
      s,
      f,
      found.map((r) => r.id),
      after,
      limit,
    );
  return inPageOrder(
    notFirstGroup(filtered(baseSelect(db), s, f).where(sql<boolean>`customers.search_text like ${like} escape '\\'`)),
    f.sort,
    after,
    limit,
  ).execute();
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

export async function setSearchColumns(
  db: Tx,
  id: string,
  cols: { search_text: string; search_words: string; sort_name: string; last_active_at: string | null },
): Promise<void> {
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
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('customers')
      .values(rows.slice(i, i + 500))
      .execute();
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
