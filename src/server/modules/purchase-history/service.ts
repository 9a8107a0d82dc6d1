// Purchase history: merges, newest first, what each selling module answers for a customer or a company. Each
// source gives its lines ordered by (at, id) descending, strictly after the cursor; asking every source for one
// more than the page and cutting the merge gives every line exactly once across pages, equal times included.
import type { Deps, Tx } from '../../deps.js';
import { notFound } from '../../errors.js';
import { decodeCursor, encodeCursor } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';
import * as benefits from '../benefits/service.js';
import * as bookings from '../bookings/service.js';
import * as companies from '../companies/service.js';
import * as customers from '../customers/service.js';
import * as events from '../events/service.js';
import * as shop from '../shop/service.js';
import type { PurchaseCursor, PurchaseItem, PurchaseKind, PurchaseOwner } from '../purchases/schema.js';
import type { PurchasesPage, PurchasesQuery } from './schema.js';

type PurchasesOf = (db: Tx, s: LocationKey, who: PurchaseOwner, after: PurchaseCursor | null, limit: number) => Promise<PurchaseItem[]>;

/** Every module that sells: one line each (events' tickets and the shop's orders join here). */
export const SOURCES: { kind: PurchaseKind; purchasesOf: PurchasesOf }[] = [
  { kind: 'booking', purchasesOf: bookings.purchasesOf },
  { kind: 'ticket', purchasesOf: events.purchasesOf },
  { kind: 'order', purchasesOf: shop.purchasesOf },
  { kind: 'benefit_application', purchasesOf: benefits.purchasesOf },
];

const CURSOR = 'purchases';
/** Newest first; equal times by id, descending (ids are unique across every source). */
const newestFirst = (a: PurchaseItem, b: PurchaseItem) => (a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1);

export async function purchaseHistory(deps: Deps, s: LocationKey, who: PurchaseOwner, f: PurchasesQuery): Promise<PurchasesPage> {
  if ('customerId' in who) {
    if (!(await customers.findCustomer(deps.db, s, who.customerId))) throw notFound('Customer not found');
  } else if (!(await companies.findCompany(deps.db, s, who.companyId))) throw notFound('Company not found');
  const keyset = f.cursor ? decodeCursor(f.cursor, CURSOR) : null;
  const after = keyset ? { at: keyset.value, id: keyset.id } : null;
  const sources = SOURCES.filter((x) => !f.kind || x.kind === f.kind);
  const lists = await Promise.all(sources.map((x) => x.purchasesOf(deps.db, s, who, after, f.limit + 1)));
  const merged = lists.flat().sort(newestFirst);
  const items = merged.slice(0, f.limit);
  const last = items.at(-1);
  return { items, nextCursor: merged.length > f.limit && last ? encodeCursor(CURSOR, { value: last.at, id: last.id }) : null };
}
