// SQLite's plans (it keeps no statistics) for the queries whose index choice went wrong: each runs once on the
// migrated schema through a plugin that keeps its operation node, and EXPLAIN QUERY PLAN of the compiled SQL must
// search the owner's own index, not walk or sort the location (docs/benchmarks.md, "SQLite plans without statistics").
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase } from '../db/database.js';
import * as access from './access/queries.js';
import * as benefits from './benefits/queries.js';
import * as bookings from './bookings/queries.js';
import * as companies from './companies/queries.js';
import * as invoices from './invoices/queries.js';
import * as shop from './shop/queries.js';
import * as subscriptions from './subscriptions/queries.js';

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  const handle = openDatabase({ sqliteFile: ':memory:' });
  db = handle.db;
  close = handle.close;
  await migrate(db);
});
afterAll(() => close());

const s = { organizationId: 'o', locationId: 'l' };

/** The plan of each statement `run` makes, one line per statement. */
async function plans(run: (db: Db) => Promise<unknown>): Promise<string[]> {
  const nodes: RootOperationNode[] = [];
  const keep: KyselyPlugin = {
    transformQuery: ({ node }) => {
      nodes.push(node);
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  await run(db.withPlugin(keep));
  const out: string[] = [];
  for (const node of nodes) {
    const compiled = db.getExecutor().compileQuery(node, { queryId: 'plan' } as never);
    const rows = await db.executeQuery<{ detail: string }>({ ...compiled, sql: `explain query plan ${compiled.sql}` });
    out.push(rows.rows.map((r) => r.detail).join(' | '));
  }
  return out;
}

const sqliteOnly = process.env.DATABASE_URL ? describe.skip : describe;

sqliteOnly('SQLite plans without statistics', () => {
  it("reads a customer's bookings, invoices, orders and subscriptions by the customer's index", async () => {
    const [booked] = await plans((d) => bookings.bookingsOf(d, s, 'c', { which: 'past', now: 0, limit: 50 }, null));
    expect(booked).toMatch(/SEARCH bookings USING INDEX bookings_by_customer_idx \(customer_id=\?\)/);
    const [billed] = await plans((d) => invoices.listInvoices(d, s, { customerId: 'c', limit: 50 }, null));
    expect(billed).toBe('SEARCH invoices USING INDEX invoices_by_customer_idx (customer_id=?)');
    const [any] = await plans((d) => invoices.hasInvoicesForCustomer(d, s, 'c'));
    expect(any).toMatch(/^SEARCH invoices USING (COVERING )?INDEX invoices_by_customer_idx \(customer_id=\?\)$/);
    const [ordered] = await plans((d) => shop.listOrders(d, s, { customerId: 'c', limit: 50 }, null));
    expect(ordered).toBe('SEARCH orders USING INDEX orders_by_customer_idx (customer_id=?)');
    const [covering] = await plans((d) => subscriptions.liveCovering(d, s, 'c', 'co'));
    expect(covering).toMatch(/subscriptions_by_customer_idx/);
    expect(covering).toMatch(/subscriptions_by_company_idx/);
    const [ofPlan] = await plans((d) => subscriptions.listSubscriptions(d, s, { planId: 'p', limit: 50 }, null));
    expect(ofPlan).toBe('SEARCH subscriptions USING INDEX subscriptions_by_plan_idx (plan_id=?)');
    const [applied] = await plans((d) => benefits.listApplications(d, s, { customerId: 'c', limit: 50 }, null));
    expect(applied).toMatch(/SEARCH a USING INDEX benefit_applications_by_customer_idx \(customer_id=\?\)/);
  });

  it("reads the location's overdue invoices and newest orders in order, without a sort", async () => {
    const [overdue] = await plans((d) => invoices.listInvoices(d, s, { overdueBefore: '2026-12-01', limit: 50 }, null));
    expect(overdue).toBe('SEARCH invoices USING INDEX invoices_by_location_status_idx (organization_id=? AND location_id=? AND status=?)');
    const [orders] = await plans((d) => shop.listOrders(d, s, { limit: 50 }, null));
    expect(orders).toBe('SEARCH orders USING INDEX orders_by_location_newest_idx (organization_id=? AND location_id=?)');
  });

  it("pages the companies by name and counts only the page's people", async () => {
    const [listed] = await plans((d) => companies.listCompanies(d, s, { limit: 50 }, null));
    expect(listed).toMatch(/^SEARCH companies USING INDEX companies_list_by_location_name_idx \(organization_id=\? AND location_id=\?\)/);
    expect(listed).not.toMatch(/TEMP B-TREE/);
  });

  it('finds the organizations a user owns by their index', async () => {
    // the two halves of the union are kept too, before the statement itself
    const rights = (await plans((d) => access.rightsOfUser(d, 'u'))).at(-1);
    expect(rights).toMatch(/SEARCH organizations USING INDEX organizations_by_owner_idx \(owner_user_id=\?\)/);
    expect(rights).not.toMatch(/SCAN organizations/);
  });
});
