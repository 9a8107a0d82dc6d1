// Customers of a location: listing, reading, and the status changes other modules trigger.
import type { Deps, Tx } from '../../deps.js';
import { AppError, forbidden } from '../../errors.js';
import * as activities from '../activities/service.js';
import { announced } from '../../lib/announcements.js';
import { csvLines, UTF8_BOM } from '../../lib/csv.js';
import type { Language } from '../../lib/i18n.js';
import { type CustomerCsvColumn, customerCsvLabels, isCustomerCsvColumn } from './csv-labels.js';
import { cutPage, decodeCursor } from '../../lib/paging.js';
import { searchWordsColumn } from '../../lib/search-words.js';
import { newId } from '../../lib/tokens.js';
import * as q from './queries.js';
import { accountActivated, accountActive, accountDetailsChanged } from '../users/events.js';
import type { Customer, User } from '../../db/schema.js';
import type { AdminScope } from '../../scope.js';
import type { CustomerDto, CustomerFilter, ListCustomersQuery } from './schema.js';

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
    companyName: r.company_name,
    companyManager: Boolean(r.company_manager),
    accountActivated: r.activated_at !== null,
    invitedAt: r.invited_at,
    createdAt: r.created_at,
    lastActiveAt: r.last_active_at,
    removedAt: r.removed_at,
  };
}

/** The date filters name real days (the schema checks only their shape): 2026-13-01 is a 400, not a 500. */
export function checkFilter(f: CustomerFilter): void {
  for (const path of ['createdFrom', 'createdTo'] as const) {
    const d = f[path];
    if (d === undefined) continue;
    const t = Date.parse(`${d}T00:00:00Z`);
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== d)
      throw new AppError('bad_request', `Invalid ${path}`, [{ path, message: 'Not a valid date' }]);
  }
}

/**
 * One keyset page: `nextCursor` continues after the last row in the same order. A search's cursor also
 * names where its last row was read from (the group, and the block of the group: see `listCustomers`),
 * and is made for searches only, so that a list's cursor and a search's are never taken for one another.
 */
export async function listCustomerRows(
  deps: Deps,
  s: q.LocationKey,
  f: CustomerFilter & { limit: number; cursor?: string },
  tuning: q.SearchTuning = q.SEARCH_TUNING,
) {
  checkFilter(f);
  if (!q.searchTerm(f.q)) {
    const rows = await q.listCustomers(deps.db, deps.dbKind, s, f, f.cursor ? decodeCursor(f.cursor, f.sort) : null);
    return cutPage(rows, f.limit, f.sort, (last) => q.sortValue(last, f.sort));
  }
  const sortTag = `${f.sort}:search`;
  const rows = await q.listCustomers(deps.db, deps.dbKind, s, f, f.cursor ? decodeSearchCursor(f.cursor, sortTag) : null, tuning);
  return cutPage(rows, f.limit, sortTag, (last) => JSON.stringify([last.search?.tier ?? 0, last.search?.block ?? null, last.search?.value ?? '']));
}

const invalidCursor = () => new AppError('bad_request', 'Invalid cursor', [{ path: 'cursor', message: 'Invalid cursor' }]);

/** A search cursor's value: [group, block start or null, sort value], as `listCustomerRows` writes it. */
function decodeSearchCursor(cursor: string, sortTag: string): q.SearchKeyset {
  const k = decodeCursor(cursor, sortTag);
  let parsed: unknown;
  try {
    parsed = JSON.parse(k.value);
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalidCursor();
  const [tier, block, value] = parsed as unknown[];
  const pair = (b: unknown): b is [string, string] => Array.isArray(b) && b.length === 2 && b.every((x) => typeof x === 'string');
  const blockOk = block === null || (Number.isSafeInteger(block) && (block as number) >= 0) || pair(block);
  if ((tier !== 0 && tier !== 1) || !blockOk || typeof value !== 'string') throw invalidCursor();
  return { tier, block: block as q.SearchBlock | null, value, id: k.id };
}

export async function listCustomers(deps: Deps, s: q.LocationKey, f: ListCustomersQuery) {
  const { rows, nextCursor } = await listCustomerRows(deps, s, f);
  return { items: rows.map(toCustomerDto), nextCursor };
}

export interface SearchPerson {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  companyName: string | null;
  lastActiveAt: string | null;
}

/**
 * The denormalised columns the list searches (lower-case name, email, phone, company; and its words, which
 * triggers copy into the word-prefix index) and sorts by.
 */
export function searchColumns(p: SearchPerson) {
  const name = `${p.firstName} ${p.lastName}`.trim();
  const searchText = [name, p.email, p.phone ?? '', p.companyName ?? ''].join(' ').toLowerCase();
  return {
    search_text: searchText,
    search_words: searchWordsColumn(searchText),
    sort_name: name.toLowerCase(),
    last_active_at: p.lastActiveAt,
  };
}

/** Recomputes those columns after a name, email, phone or company change. */
async function refreshSearch(trx: Tx, where: Parameters<typeof q.searchSources>[1]): Promise<void> {
  for (const r of await q.searchSources(trx, where)) {
    await q.setSearchColumns(
      trx,
      r.id,
      searchColumns({
        firstName: r.first_name,
        lastName: r.last_name,
        email: r.email,
        phone: r.phone,
        companyName: r.company_name,
        lastActiveAt: r.last_active_at,
      }),
    );
  }
}
export const refreshSearchForUser = (trx: Tx, userId: string) => refreshSearch(trx, { userId });
export const refreshSearchForCustomer = (trx: Tx, customerId: string) => refreshSearch(trx, { customerId });
export const refreshSearchForCompany = (trx: Tx, companyId: string) => refreshSearch(trx, { companyId });
export const copyLastActive = q.copyLastActive;

export const countCustomers = (deps: Deps, s: q.LocationKey, type?: string) => q.countCustomers(deps.db, s, type);

/** Called when an account is activated: its invited memberships become active, each with an activity. */
export async function activateInvitedCustomers(trx: Tx, userId: string, now: Date): Promise<void> {
  const rows = await q.activateInvited(trx, userId);
  for (const r of rows) {
    await activities.record(
      trx,
      { organizationId: r.organization_id, locationId: r.location_id, customerId: r.id, actorUserId: userId, kind: 'activated' },
      now,
    );
  }
}

/** What this organization entered about a person: its record shows it until the account is activated. */
export interface EnteredDetails {
  firstName: string;
  lastName: string;
  phone: string | null;
}

/** The shared account, as far as a record of it may show: its email, and the person's own details once activated. */
export type AccountView = Pick<User, 'email' | 'first_name' | 'last_name' | 'phone' | 'activated_at' | 'last_active_at'>;

/** The details a record shows (the same rule in SQL: `shown` in queries.ts). */
export function shownDetails(entered: EnteredDetails, account: AccountView): EnteredDetails {
  return account.activated_at ? { firstName: account.first_name, lastName: account.last_name, phone: account.phone } : entered;
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
  entered: EnteredDetails;
  account: AccountView;
  /** the company's name, for search */
  companyName: string | null;
}

/** A customer row ready to insert (search and sort columns are filled by the insert). */
export function newCustomerRow(s: q.LocationKey, c: NewCustomer, id: string, now: Date): Customer {
  const t = now.toISOString();
  return {
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
    first_name: c.entered.firstName,
    last_name: c.entered.lastName,
    phone: c.entered.phone,
    ...searchColumns({ ...shownDetails(c.entered, c.account), email: c.account.email, companyName: c.companyName, lastActiveAt: c.account.last_active_at }),
  };
}

export const insertCustomers = q.insertCustomers;
export const findCustomersByUsers = q.findCustomersByUsers;
export const memberEmailsAmong = q.memberEmailsAmong;

/** Inserts a customer record and its "created" activity. */
export async function addCustomerInTx(trx: Tx, s: q.LocationKey, c: NewCustomer, now: Date, actorUserId: string | null): Promise<string> {
  const id = newId();
  await q.insertCustomers(trx, [newCustomerRow(s, c, id, now)]);
  await activities.record(trx, { ...s, customerId: id, actorUserId, kind: 'created', data: { type: c.type, source: c.source } }, now);
  await announceCustomers(trx, s, 'customer.created', [id], now);
  return id;
}

/** Tells integrators (webhooks) of changed records, as the API answers them, in the transaction of the change. */
export async function announceCustomers(
  trx: Tx,
  s: q.LocationKey,
  type: 'customer.created' | 'customer.updated' | 'customer.removed',
  ids: string[],
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  for (const r of await q.findCustomers(trx, s, ids))
    await announced.publish(trx, { organizationId: s.organizationId, locationId: s.locationId, type, data: toCustomerDto(r), at });
}

/** A nonmember or removed customer becomes a member again (invited, or active for an activated account). */
export async function makeMemberInTx(
  trx: Tx,
  s: q.LocationKey,
  id: string,
  c: { status: 'invited' | 'active'; companyId?: string | null; companyManager?: boolean; invitedByUserId: string | null; entered: EnteredDetails },
  now: Date,
): Promise<void> {
  await q.updateCustomer(trx, s, id, {
    // before activation the administrator's latest details win (a phone left out keeps the one known)
    first_name: c.entered.firstName,
    last_name: c.entered.lastName,
    ...(c.entered.phone ? { phone: c.entered.phone } : {}),
    type: 'member',
    status: c.status,
    previous_type: null,
    removed_at: null,
    invited_by_user_id: c.invitedByUserId,
    invited_at: c.status === 'invited' ? now.toISOString() : null,
    reminder_sent_at: null,
    ...(c.companyId !== undefined ? { company_id: c.companyId, company_manager: c.companyManager ? 1 : 0 } : {}),
  });
  await refreshSearch(trx, { customerId: id });
}

/** An administrator's edit of the names and phone on this organization's record (before activation). */
export async function updateEnteredDetails(trx: Tx, s: q.LocationKey, id: string, f: Partial<EnteredDetails>): Promise<void> {
  const set = Object.fromEntries(Object.entries({ first_name: f.firstName, last_name: f.lastName, phone: f.phone }).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return;
  await q.updateCustomer(trx, s, id, set);
  await refreshSearch(trx, { customerId: id });
}

/** The record now belongs to another account (an email change before activation). */
export async function moveToAccountInTx(trx: Tx, s: q.LocationKey, id: string, userId: string): Promise<void> {
  await q.updateCustomer(trx, s, id, { user_id: userId });
  await refreshSearch(trx, { customerId: id });
}

export const deleteCustomer = q.deleteCustomer;
export const updateCustomer = q.updateCustomer;
export const contractAndInviter = q.contractAndInviter;
export const hasOtherRecordsInOrganization = q.hasOtherRecordsInOrganization;
export const lockCustomer = q.lockCustomer;
export const companyUsers = q.companyUsers;
export const lockCustomers = q.lockCustomers;
export const findCustomers = q.findCustomers;
export const usersOfCompanies = q.usersOfCompanies;

const CSV_COLUMNS: CustomerCsvColumn[] = ['firstName', 'lastName', 'email', 'phone', 'type', 'status', 'company', 'source', 'createdAt', 'lastActiveAt'];
/** The last column, for administrators who hold billing: the live plans covering the person, personal first, then the company's. */
const CSV_PLAN_COLUMN: CustomerCsvColumn = 'plan';
export { type CustomerCsvColumn, customerCsvLabels, isCustomerCsvColumn };

/** Whether an administrator may see who is covered by which plan: billing information, beside the customers permission. */
export const seesPlans = (s: AdminScope) => s.permissions.includes('billing');

/** Filtering by plan reads billing information: 403 for an administrator without the billing permission. */
export function checkPlanFilter(s: AdminScope, f: CustomerFilter): void {
  if (f.planId !== undefined && !seesPlans(s)) throw forbidden('Filtering by plan needs the "billing" permission');
}

/**
 * Every customer matching the filter as CSV, fetched page by page so memory stays flat. With `plans`, a
 * last column names the live plans covering each person (read for each page), joined with "; ". A BOM
 * first (spreadsheets then read the accents), and the words of the Customers page in `lang`.
 */
export async function* exportCsv(
  deps: Deps,
  s: q.LocationKey,
  f: CustomerFilter,
  opts: { plans: boolean; lang: Language } = { plans: false, lang: 'en' },
): AsyncGenerator<string> {
  const label = customerCsvLabels(opts.lang);
  yield UTF8_BOM + csvLines([(opts.plans ? [...CSV_COLUMNS, CSV_PLAN_COLUMN] : CSV_COLUMNS).map(label.column)]);
  let cursor: string | undefined;
  do {
    // A search's blocks as large as a page of the file: a search with up to 10,000 matches comes out
    // wholly in the chosen order, a larger one in sorted runs of 10,000.
    const page = await listCustomerRows(deps, s, { ...f, limit: 1000, cursor }, { candidates: 10_000 });
    const plans = opts.plans ? await q.livePlanNames(deps.db, s, page.rows) : null;
    yield csvLines(
      page.rows.map((r) => {
        const cells = [
          r.first_name,
          r.last_name,
          r.email,
          r.phone,
          label.type(r.type),
          label.status(r.status),
          r.company_name,
          label.source(r.source),
          r.created_at,
          r.last_active_at,
        ];
        return plans ? [...cells, (plans.get(r.id) ?? []).join('; ')] : cells;
      }),
    );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export async function counts(deps: Deps, s: q.LocationKey) {
  const [members, nonmembers] = await Promise.all([q.countCustomers(deps.db, s, 'member'), q.countCustomers(deps.db, s, 'nonmember')]);
  return { members, nonmembers };
}

// Records copy what they show of an account (for search and sort): they follow its changes.
// Subscribed when this module loads, which every server, command and test does through app.ts.
accountActivated.subscribe(async (trx, e) => {
  // its invited memberships become active, and every record now shows the person's own details
  await activateInvitedCustomers(trx, e.userId, e.at);
  await copyLastActive(trx, e.userId, e.at.toISOString());
  await refreshSearchForUser(trx, e.userId);
});
accountActive.subscribe((trx, e) => copyLastActive(trx, e.userId, e.at.toISOString()));
accountDetailsChanged.subscribe((trx, e) => refreshSearchForUser(trx, e.userId));
export const hostCandidates = q.hostCandidates;
