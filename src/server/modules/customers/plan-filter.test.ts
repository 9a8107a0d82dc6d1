// The Customers list filtered by plan and the export's plan column (design 7.2, issue 10 item 9): who a live
// subscription (scheduled, active, ending) of a plan covers, personally or through their company; ended and
// canceled ones cover nobody; another location's plan is an empty list; billing information needs billing.
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepOnce } from '../../runtime.js';
import { createTestContext, linkFrom, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;
let globex: string;
const plans: Record<'hotDesk' | 'office' | 'flex', string> = { hotDesk: '', office: '', flex: '' };
const people: Record<string, string> = {};

const loc = (p: string, locationId = org.locationId) => `/api/v1/locations/${locationId}${p}`;
const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', p: string, payload?: Record<string, unknown>, cookie = org.ownerCookie) =>
  ctx.request({ method, url: p.startsWith('/api/') ? p : loc(p), cookie, ...(payload ? { payload } : {}) });

async function created(method: 'POST', p: string, payload: Record<string, unknown>) {
  const r = await api(method, p, payload);
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

async function invite(firstName: string, extra: Record<string, unknown> = {}) {
  const c = (await created('POST', '/invitations', { firstName, lastName: 'Test', email: `${firstName.toLowerCase()}@x.test`, ...extra })).customer;
  people[firstName] = c.id;
  return c.id as string;
}

const subscribe = async (body: Record<string, unknown>) => (await created('POST', '/subscriptions', { startDate: '2027-03-10', ...body })).subscription;

/** Every page of the list at this query, each customer's first name in the order given. */
async function names(query: string, limit = 50, cookie = org.ownerCookie): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const r = await api('GET', `/customers?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, cookie);
    expect(r.statusCode, r.body).toBe(200);
    out.push(...r.json().items.map((c: { firstName: string }) => c.firstName));
    cursor = r.json().nextCursor;
  } while (cursor);
  return out;
}

const csv = (body: string) => Papa.parse<string[]>(body, { skipEmptyLines: true }).data;

beforeEach(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2027-03-10T09:00:00Z');
  org = await setupOrganization(ctx);
  globex = (await created('POST', '/companies', { name: 'Globex' })).company.id;
  plans.hotDesk = (await created('POST', '/plans', { name: 'Hot desk', price: 19000, cycle: 'month', credits: 10 })).plan.id;
  plans.office = (await created('POST', '/plans', { name: 'Office', price: 90000, cycle: 'month' })).plan.id;
  plans.flex = (await created('POST', '/plans', { name: 'Flex', price: 9000, cycle: 'month' })).plan.id;
  await invite('Ana');
  await invite('Ben', { companyId: globex });
  await invite('Cleo', { companyId: globex });
  await invite('Dan');
  await invite('Eve');
  await invite('Fay');
  await invite('Gus');
  await invite('Hal', { companyId: globex });
  await subscribe({ customerId: people.Ana, planId: plans.hotDesk });
  // the company's subscription first: the export still names Cleo's own plan before it
  await subscribe({ companyId: globex, planId: plans.office, quantity: 3 });
  await subscribe({ customerId: people.Cleo, planId: plans.flex });
  await subscribe({ customerId: people.Dan, planId: plans.hotDesk, startDate: '2027-04-01' }); // scheduled
  await subscribe({ customerId: people.Eve, planId: plans.hotDesk, endDate: '2027-03-20' }); // ending
  people.faySubscription = (await subscribe({ customerId: people.Fay, planId: plans.hotDesk })).id;
});
afterEach(() => ctx.close());

describe('the customers list filtered by plan', () => {
  it('lists the people a scheduled, active or ending subscription covers, their own or their company’s', async () => {
    const dan = (await api('GET', `/subscriptions?customerId=${people.Dan}`)).json().items[0];
    expect(dan.status).toBe('scheduled');
    expect(await names(`planId=${plans.hotDesk}&sort=name`)).toEqual(['Ana', 'Dan', 'Eve', 'Fay']);
    expect(await names(`planId=${plans.office}&sort=name`)).toEqual(['Ben', 'Cleo', 'Hal']);
    expect(await names(`planId=${plans.flex}`)).toEqual(['Cleo']);
    // with the other filters and the search
    expect(await names(`planId=${plans.office}&q=cl`)).toEqual(['Cleo']);
    expect(await names(`planId=${plans.hotDesk}&q=gus`)).toEqual([]);
    expect(await names(`planId=${plans.office}&companyId=${globex}&status=invited&sort=-name`)).toEqual(['Hal', 'Cleo', 'Ben']);
    expect(await names(`planId=${plans.hotDesk}&type=nonmember`)).toEqual([]);
    // the whole list is unchanged without it
    expect(await names('sort=name')).toEqual(['Ana', 'Ben', 'Cleo', 'Dan', 'Eve', 'Fay', 'Gus', 'Hal']);
  });

  it('pages with the keyset cursor in every sort, each covered person once', async () => {
    for (const sort of ['name', '-name', 'created', '-created', 'last_active', '-last_active']) {
      const all = await names(`planId=${plans.hotDesk}&sort=${sort}`);
      expect(await names(`planId=${plans.hotDesk}&sort=${sort}`, 1), sort).toEqual(all);
      expect([...all].sort()).toEqual(['Ana', 'Dan', 'Eve', 'Fay']);
      // a search pages by its own cursor
      expect(await names(`planId=${plans.office}&q=x.test&sort=${sort}`, 2), sort).toHaveLength(3);
    }
  });

  it('leaves out canceled and ended subscriptions, and removed people', async () => {
    expect((await api('POST', `/subscriptions/${people.faySubscription}/cancel`)).statusCode).toBe(200);
    expect(await names(`planId=${plans.hotDesk}&sort=name`)).toEqual(['Ana', 'Dan', 'Eve']);
    // Eve's last day is 20 March: the end sweep of the 21st ends it (auto-remove is off, she stays a member)
    ctx.clock.set('2027-03-21T09:00:00Z');
    org.ownerCookie = await signIn(ctx, org.ownerEmail);
    await sweepOnce(ctx.deps);
    expect((await api('GET', `/subscriptions?customerId=${people.Eve}`)).json().items[0].status).toBe('ended');
    expect(await names(`planId=${plans.hotDesk}&sort=name`)).toEqual(['Ana', 'Dan']);
    expect((await api('GET', `/customers/${people.Eve}`)).json().customer.type).toBe('member');
    // a removed person (activated: the record stays) is covered by nothing, whatever the status filter
    const token = linkFrom((await ctx.mailTo('hal@x.test'))[0].text).split('/activate/')[1];
    expect((await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } })).json().status).toBe('signed_in');
    expect((await api('DELETE', `/customers/${people.Hal}`)).statusCode).toBe(204);
    expect(await names('status=removed')).toEqual(['Hal']);
    expect(await names(`planId=${plans.office}&sort=name`)).toEqual(['Ben', 'Cleo']);
    expect(await names(`planId=${plans.office}&status=removed`)).toEqual([]);
    // the company's subscription ends for all its people at once
    const office = (await api('GET', `/subscriptions?companyId=${globex}`)).json().items[0];
    expect((await api('POST', `/subscriptions/${office.id}/cancel`)).statusCode).toBe(200);
    expect(await names(`planId=${plans.office}`)).toEqual([]);
    expect(await names(`planId=${plans.flex}`)).toEqual(['Cleo']);
  });

  it('answers an empty list for a plan of another location or organization, and 400 for a malformed id', async () => {
    const south = (await created('POST', '/api/v1/locations', { name: 'South Loft', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' })).location.id;
    const southPlan = (await created('POST', loc('/plans', south), { name: 'Hot desk', price: 100, cycle: 'month' })).plan.id;
    const southPerson = (await created('POST', loc('/invitations', south), { firstName: 'Sol', email: 'sol@x.test' })).customer.id;
    await created('POST', loc('/subscriptions', south), { customerId: southPerson, planId: southPlan, startDate: '2027-03-10' });
    expect(await names(`planId=${southPlan}`)).toEqual([]);
    expect((await api('GET', `/customers/export.csv?planId=${southPlan}`)).body.split('\r\n').filter(Boolean)).toHaveLength(1);
    // and the other way round: this location's plan lists nobody there
    expect((await api('GET', loc(`/customers?planId=${plans.hotDesk}`, south))).json().items).toEqual([]);
    expect((await api('GET', loc(`/customers?planId=${southPlan}`, south))).json().items.map((c: { firstName: string }) => c.firstName)).toEqual(['Sol']);

    const other = await otherOrganizationPlan();
    expect(await names(`planId=${other}`)).toEqual([]);
    expect(await names('planId=00000000-0000-4000-8000-000000000000')).toEqual([]);
    for (const bad of ['nope', '123']) {
      expect((await api('GET', `/customers?planId=${bad}`)).statusCode).toBe(400);
      expect((await api('GET', `/customers/export.csv?planId=${bad}`)).statusCode).toBe(400);
    }
  });

  it('is billing information: an administrator without the billing permission gets 403, and an export without the plan column', async () => {
    const grant = await api('POST', '/api/v1/administrators', {
      firstName: 'Cara',
      email: 'cara@acme.test',
      locationId: org.locationId,
      permissions: ['customers'],
    });
    expect(grant.statusCode, grant.body).toBe(201);
    const cara = await signIn(ctx, 'cara@acme.test');
    expect(await names('sort=name', 50, cara)).toEqual(['Ana', 'Ben', 'Cleo', 'Dan', 'Eve', 'Fay', 'Gus', 'Hal']);
    expect((await api('GET', `/customers?planId=${plans.hotDesk}`, undefined, cara)).statusCode).toBe(403);
    expect((await api('GET', `/customers/export.csv?planId=${plans.hotDesk}`, undefined, cara)).statusCode).toBe(403);
    const rows = csv((await api('GET', '/customers/export.csv?sort=name', undefined, cara)).body);
    expect(rows[0]).toEqual(['First name', 'Last name', 'Email', 'Phone', 'Type', 'Status', 'Company', 'Source', 'Created at', 'Last active at']);
    expect(rows[1]).toHaveLength(10);
    // with billing as well, both
    const both = await api('POST', '/api/v1/administrators', {
      firstName: 'Bo',
      email: 'bo@acme.test',
      locationId: org.locationId,
      permissions: ['customers', 'billing'],
    });
    expect(both.statusCode, both.body).toBe(201);
    const bo = await signIn(ctx, 'bo@acme.test');
    expect(await names(`planId=${plans.flex}`, 50, bo)).toEqual(['Cleo']);
    expect(csv((await api('GET', '/customers/export.csv', undefined, bo)).body)[0].at(-1)).toBe('Plan');
  });
});

/** A plan of another organization (its own owner), for the filter that must not see it. */
async function otherOrganizationPlan(): Promise<string> {
  const other = await setupOrganization(ctx, 'Other Co', 'owner@other.test');
  const r = await ctx.request({
    method: 'POST',
    url: `/api/v1/locations/${other.locationId}/plans`,
    cookie: other.ownerCookie,
    payload: { name: 'Theirs', price: 100, cycle: 'month' },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().plan.id;
}

describe('the export’s plan column', () => {
  it('names the live plans covering each person, their own first, then their company’s, joined with "; "', async () => {
    // a second subscription of a plan already held names it once; an archived plan still covers
    await subscribe({ customerId: people.Ana, planId: plans.hotDesk, startDate: '2027-05-01' });
    await subscribe({ customerId: people.Ben, planId: plans.flex });
    expect((await api('PATCH', `/plans/${plans.flex}`, { archived: true })).statusCode).toBe(200);
    expect((await api('POST', `/subscriptions/${people.faySubscription}/cancel`)).statusCode).toBe(200);
    const r = await api('GET', '/customers/export.csv?sort=name');
    expect(r.statusCode).toBe(200);
    const rows = csv(r.body);
    expect(rows[0]).toEqual(['First name', 'Last name', 'Email', 'Phone', 'Type', 'Status', 'Company', 'Source', 'Created at', 'Last active at', 'Plan']);
    expect(Object.fromEntries(rows.slice(1).map((row) => [row[0], row[10]]))).toEqual({
      Ana: 'Hot desk',
      Ben: 'Flex; Office',
      Cleo: 'Flex; Office',
      Dan: 'Hot desk',
      Eve: 'Hot desk',
      Fay: '',
      Gus: '',
      Hal: 'Office',
    });
    // the filter and the column together
    const office = csv((await api('GET', `/customers/export.csv?planId=${plans.office}&sort=-name`)).body);
    expect(office.slice(1).map((row) => `${row[0]}: ${row[10]}`)).toEqual(['Hal: Office', 'Cleo: Flex; Office', 'Ben: Flex; Office']);
  });

  it('neutralises a plan name a spreadsheet would run, like every other cell', async () => {
    expect((await api('PATCH', `/plans/${plans.hotDesk}`, { name: '=HYPERLINK("http://evil.test","x")' })).statusCode).toBe(200);
    expect((await api('PATCH', `/plans/${plans.office}`, { name: '@SUM(A1)' })).statusCode).toBe(200);
    const rows = csv((await api('GET', '/customers/export.csv?sort=name')).body);
    const plan = (name: string) => rows.find((row) => row[0] === name)![10];
    expect(plan('Ana')).toBe(`'=HYPERLINK("http://evil.test","x")`);
    expect(plan('Ben')).toBe(`'@SUM(A1)`);
    // a cell that joins two names is neutralised as a whole, by its first character
    expect(plan('Cleo')).toBe('Flex; @SUM(A1)');
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('streams a company of 1,100 people in pages of 1,000, each row with its plan', async () => {
    const text = Array.from({ length: 1100 }, (_, i) => `P${String(i).padStart(4, '0')}\tBulk\tp${i}@bulk.test`).join('\n');
    const job = await api('POST', '/invitations/bulk', { text, companyId: globex });
    expect(job.statusCode, job.body).toBe(202);
    for (let i = 0; i < 400; i++) {
      const r = await api('GET', `/invitations/bulk/${job.json().jobId}`);
      if (r.json().status === 'done') break;
      await new Promise((res) => setTimeout(res, 25));
    }
    const rows = csv((await api('GET', `/customers/export.csv?planId=${plans.office}`)).body);
    expect(rows).toHaveLength(1 + 1100 + 3);
    expect(new Set(rows.slice(1).map((row) => row[2])).size).toBe(1103);
    expect(rows.slice(1).filter((row) => row[10] === 'Office')).toHaveLength(1102);
    expect(rows.find((row) => row[0] === 'Cleo')![10]).toBe('Flex; Office');
  });
});
