// SQL for customers: every query filters by organization and location first.
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Tx } from '../../deps.js';
import { type DbKind, unindexed } from '../../db/database.js';
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
export const shown = {
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

/** Scope first, then the list's filters: every list and search query of this file starts here. */
function filtered<Q>(qb: Q, s: LocationKey, f: CustomerFilter): Q {
  // biome-ignore lint/suspicious/noExplicitAny: one filter builder for the page and the search blocks, which join and select differently
  let q = qb as any;
  // A company's people: by the company's index, then sorted (a company holds a few to a few hundred people), not a walk of
  // the location's sort index until 51 of them turn up (all of it for a small company).
  const scope = (column: 'customers.organization_id' | 'customers.location_id') => (f.companyId ? unindexed(column) : column);
  q = q.where(scope('customers.organization_id'), '=', s.organizationId).where(scope('customers.location_id'), '=', s.locationId);
  if (f.type) q = q.where('customers.type', '=', f.type);
  // Removed customers show only when asked for, as the tab counts leave them out too.
  q = f.status ? q.where('customers.status', '=', f.status) : q.where('customers.status', '!=', 'removed');
  if (f.companyId) q = q.where('customers.company_id', '=', f.companyId);
  if (f.planId) q = q.where(coveredByPlan(s, f.planId));
  if (f.source) q = q.where('customers.source', '=', f.source);
  if (f.createdFrom) q = q.where('customers.created_at', '>=', f.createdFrom);
  if (f.createdTo) q = q.where('customers.created_at', '<', nextDay(f.createdTo));
  return q as Q;
}

/** The statuses of a subscription that covers people (the subscriptions module's "live"). */
const LIVE_SUBSCRIPTION = ['scheduled', 'active', 'ending'] as const;

/**
 * Covered by a live subscription of the plan: the customer's own, or their company's (removed customers are
 * covered by nothing). Each EXISTS is one probe of the subscriptions index by (customer_id, status) or
 * (company_id, status) for the row at hand, so the list keeps walking its sort's index page by page.
 */
function coveredByPlan(s: LocationKey, planId: string) {
  const live = sql.join(LIVE_SUBSCRIPTION.map((status) => sql.lit(status)));
  const sub = (owner: 'customer_id' | 'company_id', ref: 'id' | 'company_id') =>
    sql`exists (select 1 from subscriptions as sub where sub.${sql.ref(owner)} = customers.${sql.ref(ref)} and sub.status in (${live}) and sub.plan_id = ${planId} and sub.organization_id = ${s.organizationId} and sub.location_id = ${s.locationId})`;
  return sql<boolean>`(customers.status != 'removed' and (${sub('customer_id', 'id')} or (customers.company_id is not null and ${sub('company_id', 'company_id')})))`;
}

/**
 * The names of the live plans that cover each of these customers, personal ones first (oldest
 * subscription first), then their company's; each plan once; removed customers none. Two statements
 * for a page of the export, each by an owner index of subscriptions.
 */
export async function livePlanNames(
  db: Tx,
  s: LocationKey,
  listed: { id: string; company_id: string | null; status: string }[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const rows = listed.filter((r) => r.status !== 'removed');
  if (rows.length === 0) return out;
  const read = (owner: 'customer_id' | 'company_id', ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('subscriptions')
          .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
          .select([
            `subscriptions.${owner} as owner`,
            'subscriptions.organization_id',
            'subscriptions.location_id',
            'subscriptions.created_at',
            'subscriptions.id',
            'plans.id as plan_id',
            'plans.name',
          ])
          .where(`subscriptions.${owner}`, 'in', ids)
          .where('subscriptions.status', 'in', [...LIVE_SUBSCRIPTION])
          .execute()
          // By the owners' index: with the location in the WHERE clause (or an ORDER BY), SQLite would rather walk
          // every subscription of the location. The scope is checked on the rows, and they are sorted here.
          .then((found) =>
            found
              .filter((x) => x.organization_id === s.organizationId && x.location_id === s.locationId)
              .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id)),
          );
  const companyIds = [...new Set(rows.flatMap((r) => (r.company_id ? [r.company_id] : [])))];
  const personal = await read(
    'customer_id',
    rows.map((r) => r.id),
  );
  const company = await read('company_id', companyIds);
  const group = (list: typeof personal) => {
    const m = new Map<string, { plan_id: string; name: string }[]>();
    for (const x of list) if (x.owner) m.set(x.owner, [...(m.get(x.owner) ?? []), x]);
    return m;
  };
  const mine = group(personal);
  const theirs = group(company);
  for (const r of rows) {
    const plans = [...(mine.get(r.id) ?? []), ...(r.company_id ? (theirs.get(r.company_id) ?? []) : [])];
    const seen = new Set<string>();
    const names = plans.filter((p) => !seen.has(p.plan_id) && seen.add(p.plan_id)).map((p) => p.name);
    if (names.length > 0) out.set(r.id, names);
  }
  return out;
}

const sortKeyOf = (sort: CustomerSort) => SORTS[sort.replace(/^-/, '') as keyof typeof SORTS];

/**
 * The page's order and the keyset cursor, as a row-value comparison: both databases then start the walk
 * of the sort's index at the cursor (an `a < x or (a = x and id < y)` walks from the start of the
 * location). The plain inequality beside it says the same, for SQLite, which takes a row value as a
 * range on plain columns but only a plain comparison on an indexed expression (the last-active key).
 */
function inPageOrder(qb: ReturnType<typeof baseSelect>, sort: CustomerSort, after: Keyset | null, limit: number) {
  const desc = sort.startsWith('-');
  const key = sortKeyOf(sort);
  let q = qb;
  if (after) {
    const [op, orEqual] = desc ? ['<', '<='] : ['>', '>='];
    q = q.where(sql<boolean>`${key} ${sql.raw(orEqual)} ${after.value} and (${key}, customers.id) ${sql.raw(op)} (${after.value}, ${after.id})`);
  }
  const dir = desc ? 'desc' : 'asc';
  return q.orderBy(key, dir).orderBy('customers.id', dir).limit(limit);
}

/** Which group of a search's answer a row is in: word-prefix matches (0) before the other substring matches (1). */
export type SearchTier = 0 | 1;
/**
 * Where a block of a group's candidates starts: after this entry of the group's index. Word starts: the
 * word and customer id; substrings: SQLite's FTS rowid, or PostgreSQL's creation time and id.
 */
export type SearchBlock = [string, string] | number;
/** A search page's cursor: the group, its block, then the sort value and id within the block. */
export interface SearchKeyset extends Keyset {
  tier: SearchTier;
  block: SearchBlock | null;
}
export type ListedRow = CustomerRow & { search?: { tier: SearchTier; block: SearchBlock | null; value: string } };

/** How a search reads its indexes (see `searchCustomers`). */
export interface SearchTuning {
  /** candidates a block holds, read from the group's index in its order, then sorted for the page */
  candidates: number;
}
/** A few hundred: a block costs about that many lookups, whatever the location's size. */
export const SEARCH_TUNING: SearchTuning = { candidates: 300 };

/** The search term as it is matched: lower-case, like the search columns. Empty for no search. */
export function searchTerm(q: string | undefined): string {
  return (q ?? '').trim().toLowerCase();
}

/** Terms this long (in characters) also match inside words, through the trigram index; shorter ones match word starts only. */
export const SUBSTRING_MIN = 3;

/**
 * The customers matching a filter, one keyset page (no OFFSET) in the chosen order. With a search
 * term: the customers with a word that starts with it first, then (terms of 3 characters or more) the
 * others that contain it; see `searchCustomers` for the order within each.
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
  if (term) return searchCustomers(db, kind, s, f, term, after && 'tier' in after ? after : after ? { ...after, tier: 0, block: null } : null, tuning);
  return inPageOrder(filtered(baseSelect(db), s, f), f.sort, after, f.limit + 1).execute();
}

/**
 * Search, never sorting more than a few hundred matches. Each group (word starts, then the rest) is read
 * from its own index in that index's order, in blocks of `candidates` matches (with the filters); each
 * block is sorted in the page's order and paged with the cursor, then the next block follows. A group
 * with fewer matches than a block is one block: exactly in the page's order, as every search of a
 * location of ordinary size. A common term's first page is the best of its first few hundred matches in
 * index order (for word starts: alphabetical by word), and its later pages go on block after block, so
 * every match comes once.
 */
async function searchCustomers(
  db: Tx,
  kind: DbKind,
  s: LocationKey,
  f: CustomerFilter & { limit: number },
  term: string,
  after: SearchKeyset | null,
  tuning: SearchTuning,
): Promise<ListedRow[]> {
  const want = f.limit + 1;
  const page: { id: string; search: NonNullable<ListedRow['search']> }[] = [];
  const tiers: SearchTier[] = Array.from(term).length >= SUBSTRING_MIN ? [0, 1] : [0];
  for (const tier of tiers) {
    if (after && tier < after.tier) continue;
    // Words never contain white space: a term with a space starts none.
    if (tier === 0 && /\s/u.test(term)) continue;
    let block = after && after.tier === tier ? after.block : null;
    let from: Keyset | null = after && after.tier === tier ? after : null;
    for (;;) {
      const candidates =
        tier === 0
          ? await wordStartBlock(db, s, f, term, block as [string, string] | null, tuning.candidates)
          : await substringBlock(db, kind, s, f, term, block, tuning.candidates);
      for (const r of await sortBlock(db, kind, candidates.items, f.sort, from, want - page.length))
        page.push({ id: r.id, search: { tier, block, value: r.k } });
      if (page.length >= want || candidates.next === null) break;
      block = candidates.next;
      from = null;
    }
    if (page.length >= want) break;
  }
  if (page.length === 0) return [];
  const rows = new Map((await filtered(baseSelect(db, { kind, ids: page.map((r) => r.id) }), s, f).execute()).map((r) => [r.id, r]));
  return page.flatMap((p) => {
    const row = rows.get(p.id);
    return row ? [{ ...row, search: p.search }] : [];
  });
}

interface Block {
  /** the block's customers and their sort values */
  items: { id: string; k: string }[];
  /** where the next block starts, or null: this one is the group's last */
  next: SearchBlock | null;
}

/** The order of code points (UTF-8 bytes): SQLite's BINARY and PostgreSQL's "C", in which the word index is kept. */
const byCodePoint = (a: string, b: string) => {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i].codePointAt(0)! - y[i].codePointAt(0)!;
  return x.length - y.length;
};

/** True for a row with a word that starts with `term`: the word index's match, tested on the row's JSON words (see wordPrefixPatterns). */
function startsAWord(term: string) {
  const [first, other] = wordPrefixPatterns(term);
  return sql<boolean>`(customers.search_words like ${first} escape '\\' or customers.search_words like ${other} escape '\\')`;
}

/**
 * A block of the customers with a word that starts with the term: a range of the word index's key within
 * the location, from the block's start, each match's row checked against the filters (CROSS JOIN keeps
 * SQLite reading the words first). A customer with several such words belongs to the block of the first.
 */
async function wordStartBlock(db: Tx, s: LocationKey, f: CustomerFilter, term: string, block: [string, string] | null, size: number): Promise<Block> {
  const upper = nextPrefix(term);
  let q = db
    .selectFrom('customer_search_words as w')
    .crossJoin('customers')
    .whereRef('customers.id', '=', 'w.customer_id')
    .select(['w.word', 'w.customer_id', 'customers.search_words', sortKeyOf(f.sort).as('k')])
    .where('w.organization_id', '=', s.organizationId)
    .where('w.location_id', '=', s.locationId)
    .where('w.word', '>=', term);
  if (upper !== null) q = q.where('w.word', '<', upper);
  if (block) q = q.where(sql<boolean>`(w.word, w.customer_id) > (${block[0]}, ${block[1]})`);
  const rows = await filtered(q, s, f)
    .orderBy('w.word')
    .orderBy('w.customer_id')
    .limit(size + 1)
    .execute();
  const entries = rows.slice(0, size);
  const last = entries[entries.length - 1];
  return {
    items: entries
      .filter((e) => {
        const first = (JSON.parse(e.search_words) as string[]).filter((w) => w.startsWith(term)).sort(byCodePoint)[0];
        return first === e.word;
      })
      .map((e) => ({ id: e.customer_id, k: e.k })),
    next: rows.length > size ? [last.word, last.customer_id] : null,
  };
}

/**
 * A block of the customers who have the term inside a word and not at the start of one (those are the
 * first group), in the order of the substring index with the filters checked on each match's row.
 * SQLite's FTS5 trigram table serves GLOB (its LIKE takes no ESCAPE; search_text is lower-case, so GLOB
 * fits) in rowid order; it holds every location's rows, so CROSS JOIN reads it first, then each match's
 * customer by rowid. PostgreSQL's pg_trgm index serves LIKE but keeps no order: the block follows creation
 * order instead, and the planner chooses between the trigram index (few matches) and the creation index.
 */
async function substringBlock(db: Tx, kind: DbKind, s: LocationKey, f: CustomerFilter, term: string, block: SearchBlock | null, size: number): Promise<Block> {
  const notFirst = /\s/u.test(term) ? sql<boolean>`true` : sql<boolean>`not ${startsAWord(term)}`;
  if (kind === 'postgres') {
    let q = db
      .selectFrom('customers')
      .select(['customers.id', 'customers.created_at', sortKeyOf(f.sort).as('k')])
      .where(sql<boolean>`customers.search_text like ${`%${likeLiteral(term)}%`} escape '\\'`)
      .where(notFirst);
    if (Array.isArray(block)) q = q.where(sql<boolean>`(customers.created_at, customers.id) > (${block[0]}, ${block[1]})`);
    const rows = await filtered(q, s, f)
      .orderBy('customers.created_at')
      .orderBy('customers.id')
      .limit(size + 1)
      .execute();
    const last = rows[size - 1];
    return { items: rows.slice(0, size).map((r) => ({ id: r.id, k: r.k })), next: rows.length > size ? [last.created_at, last.id] : null };
  }
  let q = db
    .selectFrom(sql<{ rowid: number; search_text: string }>`customers_fts`.as('customers_fts'))
    .crossJoin('customers')
    .select([sql<number>`customers_fts.rowid`.as('r'), 'customers.id', sortKeyOf(f.sort).as('k')])
    .where(sql<boolean>`customers.rowid = customers_fts.rowid`)
    .where(sql<boolean>`customers_fts.search_text glob ${`*${term.replace(/[*?[]/g, (c) => `[${c}]`)}*`}`)
    .where(notFirst);
  if (typeof block === 'number') q = q.where(sql<boolean>`customers_fts.rowid > ${block}`);
  const rows = await filtered(q, s, f)
    .orderBy(sql`customers_fts.rowid`)
    .limit(size + 1)
    .execute();
  return { items: rows.slice(0, size).map((r) => ({ id: r.id, k: r.k })), next: rows.length > size ? rows[size - 1].r : null };
}

/**
 * A block's customers in the page's order after the cursor, sorted by the database from the values the
 * block read (no second visit to the rows), so the order and its collation are the list's.
 */
async function sortBlock(db: Tx, kind: DbKind, items: Block['items'], sort: CustomerSort, after: Keyset | null, limit: number) {
  if (items.length === 0 || limit <= 0) return [];
  const desc = sort.startsWith('-');
  const json = JSON.stringify(items.map((i) => [i.id, i.k]));
  const source =
    kind === 'postgres'
      ? sql`(select value ->> 0 as id, value ->> 1 as k from jsonb_array_elements(${json}::jsonb))`
      : sql`(select value ->> 0 as id, value ->> 1 as k from json_each(${json}))`;
  const cursor = after ? sql`where (b.k, b.id) ${sql.raw(desc ? '<' : '>')} (${after.value}, ${after.id})` : sql``;
  const dir = sql.raw(desc ? 'desc' : 'asc');
  return (await sql<{ id: string; k: string }>`select b.id, b.k from ${source} as b ${cursor} order by b.k ${dir}, b.id ${dir} limit ${limit}`.execute(db))
    .rows;
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
/** With `email`, the records the person may see: none at an organization that blacklisted the email. */
export function customersOfUserUnscoped(db: Tx, userId: string, email?: string) {
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
      'locations.logo_id as location_logo_id',
    ])
    .where('customers.user_id', '=', userId)
    .$if(email !== undefined, (qb) =>
      qb.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('blacklist_entries')
              .select('blacklist_entries.id')
              .whereRef('blacklist_entries.organization_id', '=', 'customers.organization_id')
              .where('blacklist_entries.email', '=', email!),
          ),
        ),
      ),
    )
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
  // by the unique key (location, user): the organization must not steer SQLite's plan (db.unindexed)
  return db
    .selectFrom('customers')
    .select(['id', 'user_id', 'type', 'status', 'organization_id'])
    .where(unindexed('organization_id'), '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('user_id', 'in', userIds)
    .execute();
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
      .select(['user_id', 'type', 'status'])
      .where(unindexed('organization_id'), '=', s.organizationId)
      .where('location_id', '=', s.locationId)
      .where('user_id', 'in', [...emailOf.keys()])
      .execute();
    for (const r of rows) if (r.type === 'member' && r.status !== 'removed') out.push(emailOf.get(r.user_id)!);
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

/** Locks many customers at once, in the order of their ids (the subscription sweeps lock a chunk's owners once). */
export async function lockCustomers(db: Tx, kind: DbKind, s: LocationKey, ids: string[]): Promise<void> {
  if (kind !== 'postgres') return;
  const sorted = [...new Set(ids)].sort();
  for (let i = 0; i < sorted.length; i += 1000)
    await db
      .selectFrom('customers')
      .select('id')
      .where(unindexed('organization_id'), '=', s.organizationId)
      .where(unindexed('location_id'), '=', s.locationId)
      .where('id', 'in', sorted.slice(i, i + 1000))
      .orderBy('id')
      .forUpdate()
      .execute();
}

/** Customer rows by id at a location (any status), in slices of 1,000 ids. */
export async function findCustomers(db: Tx, s: LocationKey, ids: string[]): Promise<CustomerRow[]> {
  const unique = [...new Set(ids)];
  const out: CustomerRow[] = [];
  for (let i = 0; i < unique.length; i += 1000)
    out.push(
      ...(await baseSelect(db)
        .where(unindexed('customers.organization_id'), '=', s.organizationId)
        .where(unindexed('customers.location_id'), '=', s.locationId)
        .where('customers.id', 'in', unique.slice(i, i + 1000))
        .execute()),
    );
  return out;
}

export type { LocationKey };

/** The people of a company here who are not removed (a company subscription covers them all). */
export function companyUsers(db: Tx, s: LocationKey, companyId: string) {
  return db
    .selectFrom('customers')
    .select(['id', 'user_id', 'type', 'status', 'company_manager'])
    .where(unindexed('organization_id'), '=', s.organizationId)
    .where(unindexed('location_id'), '=', s.locationId)
    .where('company_id', '=', companyId)
    .where('status', '!=', 'removed')
    .execute();
}

/** The people of these companies here who are not removed, with their company. */
export async function usersOfCompanies(db: Tx, s: LocationKey, companyIds: string[]) {
  const unique = [...new Set(companyIds)];
  const out = [];
  for (let i = 0; i < unique.length; i += 1000)
    out.push(
      ...(await db
        .selectFrom('customers')
        .select(['id', 'user_id', 'type', 'status', 'company_manager', 'company_id'])
        .where(unindexed('organization_id'), '=', s.organizationId)
        .where(unindexed('location_id'), '=', s.locationId)
        .where('company_id', 'in', unique.slice(i, i + 1000))
        .where('status', '!=', 'removed')
        .orderBy('created_at')
        .orderBy('id')
        .execute()),
    );
  return out;
}

/**
 * Members (not removed) whose shown name or company contains `term` (lower-case), by name, at most
 * `limit`: the hosts a visitor picks from at the reception kiosk. Email and phone are not searched.
 */
export function hostCandidates(db: Tx, s: LocationKey, term: string, limit: number) {
  const pattern = `%${likeLiteral(term)}%`;
  return baseSelect(db)
    .where('customers.organization_id', '=', s.organizationId)
    .where('customers.location_id', '=', s.locationId)
    .where('customers.type', '=', 'member')
    .where('customers.status', '!=', 'removed')
    .where(sql<boolean>`(customers.sort_name like ${pattern} escape '\\' or lower(companies.name) like ${pattern} escape '\\')`)
    .orderBy('customers.sort_name')
    .orderBy('customers.id')
    .limit(limit)
    .execute();
}
