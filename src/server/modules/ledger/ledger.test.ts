// The ledger through the API: adjustments, balances and lots, the running balance, draws by
// earliest expiry, never below zero under 20 parallel requests, idempotency, expiry, scoping.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../lib/clock.js';
import { sweepOnce } from '../../runtime.js';
import { createTestContext, setupOrganization, type Org, type TestContext } from '../../testing/harness.js';
import * as ledger from './service.js';

let ctx: TestContext;
let org: Org;
let memberId: string;
let companyId: string;

beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
  const invited = await ctx.request({
    method: 'POST',
    url: `/api/v1/locations/${org.locationId}/invitations`,
    payload: { firstName: 'Pat', lastName: 'Lee', email: 'pat@x.test' },
    cookie: org.ownerCookie,
  });
  memberId = invited.json().customer.id;
  const company = await ctx.request({
    method: 'POST',
    url: `/api/v1/locations/${org.locationId}/companies`,
    payload: { name: 'Globex' },
    cookie: org.ownerCookie,
  });
  companyId = company.json().company.id;
});
afterEach(() => ctx.close());

const url = (path: string) => `/api/v1/locations/${org.locationId}${path}`;
const adjust = (payload: Record<string, unknown>, headers: Record<string, string> = {}, cookie = org.ownerCookie) =>
  ctx.request({ method: 'POST', url: url('/ledger/adjustments'), payload, cookie, headers });
const balances = (owner: string) => ctx.request({ method: 'GET', url: url(`/balances?${owner}`), cookie: org.ownerCookie });

describe('adjustments and balances', () => {
  it('adds lots (one expiring), draws the earliest expiry first, and keeps a running balance on every line', async () => {
    const add = await adjust({ customerId: memberId, unit: 'credit', amount: 5, memo: 'Welcome' });
    expect(add.statusCode).toBe(201);
    expect(add.json().transaction).toMatchObject({ kind: 'adjust', unit: 'credit', amount: 5, balanceAfter: 5, memo: 'Welcome', expiresAt: null });
    const expiring = new Date(Date.parse(ctx.clock.now().toISOString()) + 2 * DAY).toISOString();
    await adjust({ customerId: memberId, unit: 'credit', amount: 3, memo: 'Promo', expiresAt: expiring });
    const take = await adjust({ customerId: memberId, unit: 'credit', amount: -4, memo: 'Printed too much' });
    expect(take.json().transaction).toMatchObject({ amount: -4, balanceAfter: 4 });

    const b = (await balances(`customerId=${memberId}`)).json();
    // 3 from the expiring lot first, then 1 from the lasting one
    expect(b).toMatchObject({ credits: 4, dayPasses: 0, lots: [{ unit: 'credit', remaining: 4, expiresAt: null }] });

    const page = (await ctx.request({ method: 'GET', url: url(`/ledger?customerId=${memberId}`), cookie: org.ownerCookie })).json();
    expect(page.items.map((l: { amount: number; balanceAfter: number }) => [l.amount, l.balanceAfter])).toEqual([
      [-4, 4],
      [3, 8],
      [5, 5],
    ]);
  });

  it('never goes below zero: 422 insufficient_balance writes nothing', async () => {
    await adjust({ customerId: memberId, unit: 'day_pass', amount: 2, memo: 'Two passes' });
    const res = await adjust({ customerId: memberId, unit: 'day_pass', amount: -3, memo: 'Too many' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.reason).toBe('insufficient_balance');
    expect((await balances(`customerId=${memberId}`)).json().dayPasses).toBe(2);
  });

  it('20 parallel draws of 1 against a balance of 5: exactly 5 succeed', async () => {
    await adjust({ customerId: memberId, unit: 'credit', amount: 5, memo: 'Five' });
    const results = await Promise.all(Array.from({ length: 20 }, () => adjust({ customerId: memberId, unit: 'credit', amount: -1, memo: 'One' })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(5);
    expect(results.filter((r) => r.statusCode === 422)).toHaveLength(15);
    expect((await balances(`customerId=${memberId}`)).json().credits).toBe(0);
    const lines = (await ctx.request({ method: 'GET', url: url(`/ledger?customerId=${memberId}&unit=credit`), cookie: org.ownerCookie })).json().items;
    expect(lines.map((l: { balanceAfter: number }) => l.balanceAfter)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('20 parallel spends of one source charge it once (service level)', async () => {
    await adjust({ customerId: memberId, unit: 'credit', amount: 5, memo: 'Five' });
    const s = { organizationId: org.organizationId, locationId: org.locationId };
    const source = { type: 'booking', id: 'b-1' };
    await Promise.all(
      Array.from({ length: 20 }, () =>
        ctx.deps.db
          .transaction()
          .execute((trx) => ledger.spendInTx(ctx.deps, trx, s, { customerId: memberId }, { unit: 'credit', amount: 2, source, actorUserId: null })),
      ),
    );
    expect((await balances(`customerId=${memberId}`)).json().credits).toBe(3);
    // refunded once, into the lot it came from
    for (let i = 0; i < 3; i++)
      await ctx.deps.db.transaction().execute((trx) => ledger.refundInTx(ctx.deps, trx, s, { unit: 'credit', source, actorUserId: null }));
    expect((await balances(`customerId=${memberId}`)).json().credits).toBe(5);
  });

  it('a refund skips what came from a lot that expired since', async () => {
    const s = { organizationId: org.organizationId, locationId: org.locationId };
    const soon = new Date(ctx.clock.now().getTime() + DAY).toISOString();
    await adjust({ customerId: memberId, unit: 'credit', amount: 2, memo: 'Short', expiresAt: soon });
    await adjust({ customerId: memberId, unit: 'credit', amount: 5, memo: 'Long' });
    const source = { type: 'booking', id: 'b-2' };
    await ctx.deps.db
      .transaction()
      .execute((trx) => ledger.spendInTx(ctx.deps, trx, s, { customerId: memberId }, { unit: 'credit', amount: 4, source, actorUserId: null }));
    ctx.clock.advance(2 * DAY);
    await sweepOnce(ctx.deps);
    const refund = await ctx.deps.db.transaction().execute((trx) => ledger.refundInTx(ctx.deps, trx, s, { unit: 'credit', source, actorUserId: null }));
    expect(refund?.amount).toBe(2);
    expect((await balances(`customerId=${memberId}`)).json()).toMatchObject({ credits: 5, lots: [{ remaining: 5, expiresAt: null }] });
  });

  it('expiry: the balance stops counting a lot at its time, and the sweep writes the expiry once', async () => {
    const at = new Date(ctx.clock.now().getTime() + HOUR).toISOString();
    await adjust({ customerId: memberId, unit: 'credit', amount: 3, memo: 'Brief', expiresAt: at });
    ctx.clock.advance(2 * HOUR);
    expect((await balances(`customerId=${memberId}`)).json()).toMatchObject({ credits: 0, lots: [] });
    await sweepOnce(ctx.deps);
    await sweepOnce(ctx.deps);
    const lines = (await ctx.request({ method: 'GET', url: url(`/ledger?customerId=${memberId}`), cookie: org.ownerCookie })).json().items;
    expect(lines.map((l: { kind: string; amount: number; balanceAfter: number }) => [l.kind, l.amount, l.balanceAfter])).toEqual([
      ['expire', -3, 0],
      ['adjust', 3, 3],
    ]);
  });

  it('company balances are separate from personal ones', async () => {
    await adjust({ companyId, unit: 'credit', amount: 10, memo: 'Company pack' });
    expect((await balances(`companyId=${companyId}`)).json().credits).toBe(10);
    expect((await balances(`customerId=${memberId}`)).json().credits).toBe(0);
  });
});

describe('what the ledger refuses', () => {
  it('an Idempotency-Key repeats the first answer; the key with another body is 409', async () => {
    const body = { customerId: memberId, unit: 'credit', amount: 2, memo: 'Once' };
    const first = await adjust(body, { 'idempotency-key': 'k-1' });
    const again = await adjust(body, { 'idempotency-key': 'k-1' });
    expect(again.statusCode).toBe(201);
    expect(again.json().transaction.id).toBe(first.json().transaction.id);
    const parallel = await Promise.all(Array.from({ length: 20 }, () => adjust({ ...body, memo: 'Par' }, { 'idempotency-key': 'k-2' })));
    expect(new Set(parallel.map((r) => r.json().transaction.id)).size).toBe(1);
    const other = await adjust({ ...body, amount: 3 }, { 'idempotency-key': 'k-1' });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.reason).toBe('idempotency_key_reused');
    expect((await balances(`customerId=${memberId}`)).json().credits).toBe(4);
  });

  it('both or neither owner is 400; a zero amount, a missing memo, a past or negative expiry are 400', async () => {
    expect((await adjust({ customerId: memberId, companyId, unit: 'credit', amount: 1, memo: 'x' })).statusCode).toBe(400);
    expect((await adjust({ unit: 'credit', amount: 1, memo: 'x' })).statusCode).toBe(400);
    expect((await adjust({ customerId: memberId, unit: 'credit', amount: 0, memo: 'x' })).statusCode).toBe(400);
    expect((await adjust({ customerId: memberId, unit: 'credit', amount: 1, memo: ' ' })).statusCode).toBe(400);
    expect((await adjust({ customerId: memberId, unit: 'credit', amount: 1, memo: 'x', expiresAt: '2020-01-01T00:00:00Z' })).statusCode).toBe(400);
    expect((await adjust({ customerId: memberId, unit: 'credit', amount: -1, memo: 'x', expiresAt: '2030-01-01T00:00:00Z' })).statusCode).toBe(400);
    expect((await balances(`customerId=${memberId}&companyId=${companyId}`)).statusCode).toBe(400);
  });

  it('credits are for members: a nonmember is 422 members_only', async () => {
    const nonmember = await ctx.request({
      method: 'POST',
      url: url('/nonmembers'),
      payload: { firstName: 'Vi', email: 'vi@x.test' },
      cookie: org.ownerCookie,
    });
    expect(nonmember.statusCode).toBe(201);
    const res = await adjust({ customerId: nonmember.json().customer.id, unit: 'credit', amount: 1, memo: 'x' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.reason).toBe('members_only');
  });

  it("another organization's administrator gets 404, and its ids are 404 here", async () => {
    const other = await setupOrganization(ctx, 'Other Co', 'boss@other.test');
    const theirs = await ctx.request({ method: 'GET', url: url(`/balances?customerId=${memberId}`), cookie: other.ownerCookie });
    expect(theirs.statusCode).toBe(404);
    const foreignCompany = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${other.locationId}/companies`,
      payload: { name: 'Initech' },
      cookie: other.ownerCookie,
    });
    const res = await adjust({ companyId: foreignCompany.json().company.id, unit: 'credit', amount: 1, memo: 'x' });
    expect(res.statusCode).toBe(404);
  });

  it('an administrator without the billing permission gets 403', async () => {
    const admin = await ctx.request({
      method: 'POST',
      url: '/api/v1/administrators',
      payload: { organizationId: org.organizationId, locationId: org.locationId, email: 'desk@acme.test', firstName: 'Desk', permissions: ['customers'] },
      cookie: org.ownerCookie,
    });
    expect(admin.statusCode).toBe(201);
    const { signIn } = await import('../../testing/harness.js');
    const cookie = await signIn(ctx, 'desk@acme.test');
    expect((await adjust({ customerId: memberId, unit: 'credit', amount: 1, memo: 'x' }, {}, cookie)).statusCode).toBe(403);
  });
});
