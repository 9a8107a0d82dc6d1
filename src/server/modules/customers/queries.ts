// SQL for customers: every query filters by organization and location first.
import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Tx } from '../../deps.js';
import type { DbKind } from '../../db/database.js';
import { insertSlices } from '../../lib/batch.js';
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

/**
 * The customers table, or with `picked` only those ids, read from the list: a CROSS JOIN from the list
 * makes SQLite look each one up by its key, where an `id in (...)` lets it walk a whole location's list
 * index instead to save a sort; PostgreSQL plans the same join by its statistics.
 */
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

/** Customer rows as the list shows them (only the `picked` ones when given). */
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

const sortKey = (sort: CustomerSort) => SORTS[sort.replace(/^-/, '') as keyof typeof SORTS];

/**
 * The page's order and the keyset cursor, as a row-value comparison: both databases then start the walk
 * of the sort's index at the cursor (an `a < x or (a = x and id < y)` walks from the start of the
 * location). The plain inequality beside it says the same, for SQLite, which takes a row value as a
 * range on plain columns but only a plain comparison on an indexed expression (the last-active key).
 */
function inPageOrder<Q>(qb: Q, sort: CustomerSort, after: Keyset | null, limit: number): Q {
  const desc = sort.startsWith('-');
  const key = sortKey(sort);
  // biome-ignore lint/suspicious/noExplicitAny: the same order for the page and for the id-only queries of a search
  let q = qb as any;
  if (after) {
    const [op, orEqual] = desc ? ['<', '<='] : ['>', '>='];
    q = q.where(sql<boolean>`${key} ${sql.raw(orEqual)} ${after.value} and (${key}, customers.id) ${sql.raw(op)} (${after.value}, ${after.id})`);
  }
  const dir = desc ? 'desc' : 'asc';
  return q.orderBy(key, dir).orderBy('customers.id', dir).limit(limit);
}

/** Which group of a search's answer a row is in: word-prefix matches (0) before the other substring matches (1). */
export type SearchTier = 0 | 1;
/** A search page's cursor: the group, then the sort value and id within it. */
export interface SearchKeyset extends Keyset {
  tier: SearchTier;
}
export type ListedRow = CustomerRow & { search_tier?: SearchTier };

/** How a search reads its indexes (see `groupPage`); tests make the numbers small to take every path. */
export interface SearchTuning {
  /** matches a probe reads: at most this many and they are sorted, more and the term is common */
  candidates: number;
  /** rows of the sort's index read at a time when walking it for a common term, per row the page needs */
  walkRowsPerHit: number;
  /** chunks walked before every match is sorted instead */
  walkChunks: number;
}
/**
 * A page of 50 walks at most 4 chunks of 2,550 rows: enough for a term in 1 customer of 200, while a
 * common term (over 1,000 matches) in a location of a million is in 1 of 1,000 at least; between the two,
 * the walk gives way to sorting every match, a few thousand at most unless they are bunched (see groupPage).
 */
export const SEARCH_TUNING: SearchTuning = { candidates: 1000, walkRowsPerHit: 50, walkChunks: 4 };

/** The search term as it is matched: lower-case, like the search columns. Empty for no search. */
export function searchTerm(q: string | undefined): string {
  return (q ?? '').trim().toLowerCase();
}

/** Terms this long (in characters) also match inside words, through the trigram index; shorter ones match word starts only. */
export const SUBSTRING_MIN = 3;

/**
 * The customers matching a filter, one keyset page (no OFFSET) in the chosen order. With a search
 * term: the customers with a word that starts with it first, then (terms of 3 characters or more) the
 * others that contain it; each group in the chosen order (see `groupPage`).
 */
export function listCustomers(
  db: Tx,
  kind: DbKind,
  s: LocationKey,
  f: CustomerFilter & { limit: number },
  after: Keyset | SearchKeyset | null,
  tuning: SearchTuning = SEARCH_TUNING,
): Promise<ListedRow[]> {
  const term = searchTerm(f.q);
  if (term) return searchCustomers(db, kind, s, f, term, after && 'tier' in after ? after : after ? { ...after, tier: 0 } : null, tuning);
  return inPageOrder(filtered(baseSelect(db), s, f), f.sort, after, f.limit + 1).execute();
}

async function searchCustomers(
  db: Tx,
  kind: DbKind,
  s: LocationKey,
  f: CustomerFilter & { limit: number },
  term: string,
  after: SearchKeyset | null,
  tuning: SearchTuning,
) {
  const rows: ListedRow[] = [];
  const tiers: SearchTier[] = Array.from(term).length >= SUBSTRING_MIN ? [0, 1] : [0];
  for (const tier of tiers) {
    if (after && tier < after.tier) continue;
    // Words never contain white space: a term with a space starts none.
    if (tier === 0 && /\s/u.test(term)) continue;
    const group = tier === 0 ? prefixGroup(db, s, f, term) : substringGroup(db, kind, s, f, term);
    const got = await groupPage(db, kind, s, f, group, after && after.tier === tier ? after : null, f.limit + 1 - rows.length, tuning);
    for (const r of got) rows.push({ ...r, search_tier: tier });
    if (rows.length > f.limit) break;
  }
  return rows;
}

/** One group of a search's answer, as each way of answering needs it. */
interface Group {
  /** at most `n` matching customer ids (one may repeat), read through the group's index in its order */
  probe(n: number): Promise<string[]>;
  /** the same match, tested on a customers row */
  test: RawBuilder<boolean>;
  /** every match's customers.id, read through the group's index: for sorting them all */
  everyMatch(): Select;
}

/**
 * One page of a group, exact in the page's order, without sorting a common term's matches:
 * 1. the probe reads at most `candidates` + 1 matches through the group's index (with the filters). At most
 *    `candidates`: they are all, and the page is them sorted (on the customer rows alone, then the page's
 *    rows joined to account and company).
 * 2. More: the term is common, so walking the sort's index from the cursor and testing each row meets a
 *    page soon (a term in 1 customer of 40 needs about 2,000 rows for 50), whatever the location's size.
 * 3. Unless the matches are bunched far from where the walk starts (sorted by name, "mate" matches the
 *    Mateos, who sit together in the middle): after `walkChunks` chunks the page is taken by sorting every
 *    match, read through the group's index. The only sort of more than `candidates` rows, and rare.
 */
async function groupPage(db: Tx, kind: DbKind, s: LocationKey, f: CustomerFilter, g: Group, after: Keyset | null, limit: number, tuning: SearchTuning) {
  const found = await g.probe(tuning.candidates + 1);
  let ids: string[];
  if (found.length <= tuning.candidates) {
    const picked = [...new Set(found)];
    ids =
      picked.length === 0
        ? []
        : (await inPageOrder(filtered(customersFrom(db, { kind, ids: picked }).select('customers.id'), s, f), f.sort, after, limit).execute()).map((r) => r.id);
  } else {
    ids =
      (await walkForHits(db, s, f, g.test, after, limit, tuning)) ??
      (await inPageOrder(filtered(g.everyMatch(), s, f), f.sort, after, limit).execute()).map((r) => r.id);
  }
  if (ids.length === 0) return [];
  return inPageOrder(filtered(baseSelect(db, { kind, ids }), s, f), f.sort, null, limit).execute();
}

/** The ids of the first `limit` rows after the cursor, in the page's order, that pass `test`; null when the walk ran out of chunks first. */
async function walkForHits(
  db: Tx,
  s: LocationKey,
  f: CustomerFilter,
  test: RawBuilder<boolean>,
  after: Keyset | null,
  limit: number,
  tuning: SearchTuning,
): Promise<string[] | null> {
  const hits: string[] = [];
  const chunkRows = limit * tuning.walkRowsPerHit;
  let from = after;
  for (let i = 0; i < tuning.walkChunks; i++) {
    const chunk = await inPageOrder(
      filtered(
        db.selectFrom('customers').select(['customers.id', sortKey(f.sort).as('sort_value'), sql<number>`case when ${test} then 1 else 0 end`.as('hit')]),
        s,
        f,
      ),
      f.sort,
      from,
      chunkRows,
    ).execute();
    for (const r of chunk) if (Number(r.hit) === 1 && hits.push(r.id) === limit) return hits;
    // the end of the location: every match after the cursor is in hand
    if (chunk.length < chunkRows) return hits;
    const last = chunk[chunk.length - 1];
    from = { value: last.sort_value, id: last.id };
  }
  return null;
}

/**
 * Filters that keep only a small part of a location (a company, a source, a creation date, a status
 * other than "not removed"). With one of them the word probe checks every match's row, so that its
 * count says how many matches the page can really come from; without, the tabs' type leaves at least a tenth.
 */
const selective = (f: CustomerFilter) => Boolean(f.companyId || f.source || f.createdFrom || f.createdTo || f.status);

/** True for a row with a word that starts with `term`: the word index's match, tested on the row's JSON words (see wordPrefixPatterns). */
function startsAWord(term: string) {
  const [first, other] = wordPrefixPatterns(term);
  return sql<boolean>`(customers.search_words like ${first} escape '\\' or customers.search_words like ${other} escape '\\')`;
}

/** Customers with a word that starts with the term: a range of the word index's key, within the location. */
function prefixGroup(db: Tx, s: LocationKey, f: CustomerFilter, term: string): Group {
  const upper = nextPrefix(term);
  const range = () => {
    const q = db
      .selectFrom('customer_search_words as w')
      .select('w.customer_id')
      .where('w.organization_id', '=', s.organizationId)
      .where('w.location_id', '=', s.locationId)
      .where('w.word', '>=', term);
    return upper === null ? q : q.where('w.word', '<', upper);
  };
  return {
    async probe(n) {
      // CROSS JOIN keeps SQLite reading the words first, then each match's row.
      const q = selective(f) ? filtered(range().crossJoin('customers').whereRef('customers.id', '=', 'w.customer_id'), s, f) : range();
      return (await q.limit(n).execute()).map((r) => r.customer_id);
    },
    test: startsAWord(term),
    everyMatch: () =>
      db
        .selectFrom(range().distinct().as('m'))
        .crossJoin('customers')
        .where(sql<boolean>`customers.id = m.customer_id`)
        .select('customers.id') as unknown as Select,
  };
}

/**
 * Customers who have the term inside a word, and not at the start of one (those are the first group):
 * the trigram index, which knows nothing of locations, so each match's row is checked.
 */
function substringGroup(db: Tx, kind: DbKind, s: LocationKey, f: CustomerFilter, term: string): Group {
  const notFirst = /\s/u.test(term) ? sql<boolean>`true` : sql<boolean>`not ${startsAWord(term)}`;
  const like = sql<boolean>`customers.search_text like ${`%${likeLiteral(term)}%`} escape '\\'`;
  // pg_trgm's index serves LIKE. SQLite's FTS5 trigram table serves GLOB (its LIKE takes no ESCAPE;
  // search_text is lower-case, so GLOB fits): CROSS JOIN reads it first, then each match's customer by rowid.
  const matches = () =>
    (kind === 'postgres'
      ? db.selectFrom('customers').select('customers.id').where(like)
      : db
          .selectFrom(sql<{ rowid: number; search_text: string }>`customers_fts`.as('customers_fts'))
          .crossJoin('customers')
          .select('customers.id')
          .where(sql<boolean>`customers.rowid = customers_fts.rowid`)
          .where(sql<boolean>`customers_fts.search_text glob ${`*${term.replace(/[*?[]/g, (c) => `[${c}]`)}*`}`)
    ).where(notFirst) as unknown as Select;
  return {
    async probe(n) {
      return (await filtered(matches(), s, f).limit(n).execute()).map((r) => r.id);
    },
    test: sql<boolean>`(${like} and ${notFirst})`,
    everyMatch: matches,
  };
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
