// The start and renew sweeps over more subscriptions than one pass serves (chunks of 1,000): each
// period granted and invoiced once whatever the number of sweeps (and, on PostgreSQL, two at once),
// the numbers gap-free and in order, the running balances following on, each email naming its invoice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SubscriptionTable } from '../../db/schema.js';
import { insertSlices } from '../../lib/batch.js';
import { runSweeps } from '../../lib/sweeps.js';
import { newId } from '../../lib/tokens.js';
import { seedCustomers } from '../../seed.js';
import { createTestContext, setupOrganization, type Org, type TestContext } from '../../testing/harness.js';
import { sweeps } from '../index.js';

const PEOPLE = 1_200;

let ctx: TestContext;
let org: Org;

beforeEach(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2027-03-10T09:00:00Z');
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

/** The billing sweeps of subscriptions only (no lot expiry, no mail delivery), as one server runs them each minute. */
const pass = () =>
  runSweeps(
    ctx.deps.db,
    ctx.deps.dbKind,
    sweeps(ctx.deps).filter((s) => ['subscription-start', 'subscription-renew', 'subscription-end', 'invoice-draft'].includes(s.name)),
    ctx.clock.now(),
  );

/** Sweeps until no sweep touches anything; the passes in which `name` did something. */
async function settle(name: string): Promise<number> {
  let busy = 0;
  for (let n = 1; n < 30; n++) {
    const counts = await pass();
    if (counts?.[name]) busy++;
    if (counts && Object.values(counts).every((c) => c === 0)) return busy;
  }
  throw new Error('the sweeps never settle');
}

/** What the sweeps wrote, to compare before and after one more sweep. */
async function state() {
  const count = async (table: 'ledger_transactions' | 'ledger_lots' | 'invoices' | 'invoice_lines' | 'outbox' | 'active_user_months') =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    transactions: await count('ledger_transactions'),
    lots: await count('ledger_lots'),
    invoices: await count('invoices'),
    lines: await count('invoice_lines'),
    outbox: await count('outbox'),
    active: await count('active_user_months'),
  };
}

describe('the subscription sweeps in chunks', () => {
  it(`${PEOPLE} people and 2 companies: one grant per unit and one invoice per period, numbers gap-free, swept again and at once`, async () => {
    const s = { organizationId: org.organizationId, locationId: org.locationId };
    await seedCustomers(ctx.deps, { ...s, count: Math.ceil(PEOPLE * 1.2) });
    const people = (
      await ctx.db
        .selectFrom('customers')
        .select('id')
        .where('location_id', '=', org.locationId)
        .where('type', '=', 'member')
        .where('status', '!=', 'removed')
        .orderBy('id')
        .execute()
    )
      .slice(0, PEOPLE)
      .map((r) => r.id);
    expect(people).toHaveLength(PEOPLE);
    const companyIds = (await ctx.db.selectFrom('companies').select('id').where('location_id', '=', org.locationId).orderBy('id').limit(2).execute()).map(
      (r) => r.id,
    );
    const res = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/plans`,
      cookie: org.ownerCookie,
      payload: { name: 'Resident desk', price: 25_000, cycle: 'month', setupFee: 5_000, credits: 20, dayPasses: 4 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const plan = await ctx.db.selectFrom('plans').selectAll().where('id', '=', res.json().plan.id).executeTakeFirstOrThrow();
    // scheduled from today, as a sale with a start in the future leaves them for the start sweep
    const now = ctx.clock.now().toISOString();
    const owners = [...people.map((id) => ({ customer_id: id, company_id: null })), ...companyIds.map((id) => ({ customer_id: null, company_id: id }))];
    const rows: SubscriptionTable[] = owners.map((o, i) => ({
      id: newId(),
      organization_id: org.organizationId,
      location_id: org.locationId,
      ...o,
      plan_id: plan.id,
      name: plan.name,
      price: plan.price,
      currency: 'EUR',
      quantity: 1,
      cycle: 'month',
      setup_fee: plan.setup_fee,
      credits: plan.credits,
      day_passes: plan.day_passes,
      tax_rate_bps: plan.tax_rate_bps,
      anchor: 'start_date',
      start_date: '2027-03-10',
      end_date: null,
      status: 'scheduled',
      current_period_start: null,
      current_period_end: null,
      granted_period_start: null,
      drafted_period_start: null,
      canceled_at: null,
      created_by_user_id: null,
      source: 'admin',
      // distinct creation instants: the order invoices of one sweep are numbered in
      created_at: new Date(Date.parse(now) - (owners.length - i) * 1000).toISOString(),
      updated_at: now,
    }));
    for (const slice of insertSlices(rows)) await ctx.db.insertInto('subscriptions').values(slice).execute();
    const total = rows.length;
    const order = rows.map((r) => r.id);

    // the first periods: more than one pass, then one more sweep changes nothing
    expect(await settle('subscription-start')).toBe(2);
    const started = await state();
    await pass();
    expect(await state()).toEqual(started);

    // April: drafted 7 days ahead by the draft sweep, issued on the 10th by the renewal; two servers sweep at once first
    ctx.clock.set('2027-04-03T09:00:00Z');
    expect(await settle('invoice-draft')).toBe(2);
    ctx.clock.set('2027-04-10T09:00:00Z');
    await Promise.all([pass(), pass()]);
    await settle('subscription-renew');
    // May: no draft ahead (the renewal drafts and issues in one go)
    ctx.clock.set('2027-05-10T09:00:00Z');
    expect(await settle('subscription-renew')).toBe(2);
    const renewed = await state();
    await pass();
    await pass();
    expect(await state()).toEqual(renewed);

    // grants: one per subscription, period and unit, 20 credits and 4 day passes each time
    const grants = await ctx.db
      .selectFrom('ledger_transactions')
      .select(['source_id', 'unit', 'amount', 'source_key'])
      .where('location_id', '=', org.locationId)
      .where('kind', '=', 'grant')
      .execute();
    expect(grants).toHaveLength(total * 3 * 2);
    expect(new Set(grants.map((g) => g.source_key)).size).toBe(grants.length);
    expect(grants.every((g) => g.amount === (g.unit === 'credit' ? 20 : 4))).toBe(true);
    // the running balances follow on per owner and unit
    const lines = await ctx.db
      .selectFrom('ledger_transactions')
      .select(['customer_id', 'company_id', 'unit', 'seq', 'amount', 'balance_after'])
      .where('location_id', '=', org.locationId)
      .orderBy('seq')
      .execute();
    const running = new Map<string, { seq: number; balance: number }>();
    for (const l of lines) {
      const key = `${l.customer_id ?? l.company_id} ${l.unit}`;
      const before = running.get(key) ?? { seq: 0, balance: 0 };
      expect(l.seq).toBe(before.seq + 1);
      expect(l.balance_after).toBe(before.balance + l.amount);
      running.set(key, { seq: l.seq, balance: l.balance_after });
    }
    expect(running.size).toBe(total * 2);
    const liveLots = await ctx.db
      .selectFrom('ledger_lots')
      .select(['remaining'])
      .where('location_id', '=', org.locationId)
      .where('remaining', '>', 0)
      .execute();
    expect(liveLots).toHaveLength(total * 2 * 3);

    // invoices: one per subscription and period, all issued, numbered 1 to 3 × total in the order of the sweeps
    const invoices = await ctx.db
      .selectFrom('invoices')
      .select(['id', 'subscription_id', 'period_start', 'number', 'status', 'total', 'customer_id'])
      .where('location_id', '=', org.locationId)
      .execute();
    expect(invoices).toHaveLength(total * 3);
    expect(invoices.every((i) => i.status === 'issued')).toBe(true);
    const numberOf = (i: { number: string | null }) => Number(/^INV-2027-(\d+)$/.exec(i.number ?? '')?.[1]);
    expect(invoices.map(numberOf).sort((a, b) => a - b)).toEqual(Array.from({ length: total * 3 }, (_, k) => k + 1));
    const totals: Set<number>[] = [];
    for (const [k, period] of ['2027-03-10', '2027-04-10', '2027-05-10'].entries()) {
      const ofPeriod = invoices.filter((i) => i.period_start === period).sort((a, b) => numberOf(a) - numberOf(b));
      expect(ofPeriod.map((i) => i.subscription_id)).toEqual(order);
      expect(ofPeriod.map(numberOf)).toEqual(Array.from({ length: total }, (_, j) => k * total + j + 1));
      totals.push(new Set(ofPeriod.map((i) => i.total)));
    }
    // the first with the setup fee, then the same price each month
    expect(totals.map((t) => t.size)).toEqual([1, 1, 1]);
    const [march, april, may] = totals.map((t) => [...t][0]);
    expect(march).toBeGreaterThan(april);
    expect(may).toBe(april);
    expect(
      Number(
        (
          await ctx.db
            .selectFrom('invoice_lines')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(total * 4);

    // each person's "issued" emails name their own invoices, with the link to each
    const someone = invoices.find((i) => i.customer_id === people[PEOPLE - 1] && i.period_start === '2027-05-10')!;
    const email = (
      await ctx.db
        .selectFrom('customers')
        .innerJoin('users', 'users.id', 'customers.user_id')
        .select('users.email')
        .where('customers.id', '=', people[PEOPLE - 1])
        .executeTakeFirstOrThrow()
    ).email;
    const mails = await ctx.db.selectFrom('outbox').select(['subject', 'text_body', 'html_body']).where('to_address', '=', email).execute();
    const issued = mails.filter((m) => m.subject.includes(someone.number!));
    expect(issued).toHaveLength(1);
    expect(issued[0].text_body).toContain(`/billing/invoices/${someone.id}`);
    expect(issued[0].html_body).toContain(someone.number!);
    for (const inv of invoices.filter((i) => i.customer_id === people[PEOPLE - 1]))
      expect(mails.filter((m) => m.subject.includes(inv.number!) && m.text_body?.includes(`/billing/invoices/${inv.id}`))).toHaveLength(1);
    expect(mails.filter((m) => /INV-2027-\d+/.test(m.subject))).toHaveLength(3);
    expect(mails.some((m) => `${m.subject}${m.text_body}${m.html_body}`.includes('\u0001'))).toBe(false);
  }, 600_000);
});
