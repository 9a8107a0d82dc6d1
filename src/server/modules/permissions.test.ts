// Walks every route of the app: each one is listed below as public, for any signed-in person, for
// members (portal), for owners, or as a location route with the permission it needs. A route the lists do not know fails
// the first test, so every new route must be classified here. Location routes are then called as
// an administrator without the permission (403), as an administrator holding only that permission
// (passes the check), as another organization's owner or another location's administrator (404,
// revealing nothing) and signed out (401).
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Permission } from '../lib/schema.js';
import { codeFrom, createTestContext, linkFrom, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../testing/harness.js';

type Body = Record<string, unknown> | (() => Record<string, unknown>) | typeof UPLOAD;
/** Marks the multipart upload of a small file. */
const UPLOAD = Symbol('upload');
const BOUNDARY = '----atrium-permissions-test';
const uploadBody = Buffer.concat([
  Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="contract.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
  Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
  Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
]);

/** Routes anyone may call, signed in or not. */
const PUBLIC = new Set([
  'GET /api/v1/health',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/auth/code',
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/auth/sign-out',
  'POST /api/v1/auth/link',
  'POST /api/v1/activation',
  'POST /api/v1/activation/verify',
  'GET /api/v1/public/locations/:locationId',
  'POST /api/v1/locations/:locationId/join-requests',
  'GET /api/v1/dev/mailbox',
]);
/** The OpenAPI document and its UI (swagger-ui registers its own static routes under it). */
const PUBLIC_PREFIX = '/api/docs';

/** Routes for any signed-in person, about themselves. */
const SIGNED_IN = new Set(['GET /api/v1/me', 'PATCH /api/v1/me', 'GET /api/v1/locations']);

/** Portal routes for members of the location (company self-service): 404 for anyone who is not one. */
const MEMBER: Record<string, { body?: Body }> = {
  'GET /api/v1/portal/locations/:locationId/company': {},
  'PATCH /api/v1/portal/locations/:locationId/company': { body: { address: '3 Side Street' } },
  'DELETE /api/v1/portal/locations/:locationId/company/people/:customerId': {},
  'POST /api/v1/portal/locations/:locationId/company/invitations': { body: () => ({ firstName: 'Col', email: `colleague${++seq}@x.test` }) },
};

/** Routes for organization owners, with a valid body. */
const OWNER: Record<string, { body?: Body }> = {
  'POST /api/v1/locations': { body: { name: 'Annex', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' } },
  'GET /api/v1/administrators': {},
  'POST /api/v1/administrators': { body: { email: 'granted@x.test', firstName: 'Gran', locationId: null, permissions: [] } },
  'PATCH /api/v1/administrators/:administratorId': { body: { permissions: ['customers'] } },
  'DELETE /api/v1/administrators/:administratorId': {},
};

let seq = 0;
const template = { subject: 'Hi {{ first_name }}', body: 'Welcome to {{ location_name }}' };

/** Location routes: the permission each needs (null: any administrator of the location) and a valid body. */
const LOCATION: Record<string, { permission: Permission | null; body?: Body }> = {
  'GET /api/v1/locations/:locationId': { permission: null },
  'PATCH /api/v1/locations/:locationId': { permission: 'settings', body: { address: '2 Main Street' } },
  'GET /api/v1/locations/:locationId/customers': { permission: 'customers' },
  'GET /api/v1/locations/:locationId/customers/:customerId': { permission: 'customers' },
  'PATCH /api/v1/locations/:locationId/customers/:customerId': { permission: 'customers', body: { contractStart: '2026-12-01' } },
  'DELETE /api/v1/locations/:locationId/customers/:customerId': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/customers/:customerId/restore': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/customers/:customerId/resend-invitation': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/invitations': { permission: 'customers', body: () => ({ firstName: 'New', email: `new${++seq}@x.test` }) },
  'POST /api/v1/locations/:locationId/invitations/bulk/preview': { permission: 'customers', body: () => ({ text: `Bea\tBulk\tbulk${++seq}@x.test` }) },
  'POST /api/v1/locations/:locationId/invitations/bulk': { permission: 'customers', body: () => ({ text: `Bea\tBulk\tbulk${++seq}@x.test` }) },
  'GET /api/v1/locations/:locationId/invitations/bulk/:jobId': { permission: 'customers' },
  'GET /api/v1/locations/:locationId/join-requests': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/join-requests/:requestId/approve': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/join-requests/:requestId/decline': { permission: 'customers', body: { reason: 'Full' } },
  'GET /api/v1/locations/:locationId/invitation-template': { permission: 'settings' },
  'PUT /api/v1/locations/:locationId/invitation-template': { permission: 'settings', body: template },
  'DELETE /api/v1/locations/:locationId/invitation-template': { permission: 'settings' },
  'POST /api/v1/locations/:locationId/invitation-template/preview': { permission: 'settings', body: template },
  'POST /api/v1/locations/:locationId/invitation-template/test': { permission: 'settings', body: template },
  // the customers page and companies
  'GET /api/v1/locations/:locationId/customers/export.csv': { permission: 'customers' },
  'GET /api/v1/locations/:locationId/customers/counts': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/nonmembers': { permission: 'customers', body: () => ({ firstName: 'Non', email: `nonmember${++seq}@x.test` }) },
  'GET /api/v1/locations/:locationId/customers/:customerId/notes': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/customers/:customerId/notes': { permission: 'customers', body: { body: 'Prefers the quiet room' } },
  'PATCH /api/v1/locations/:locationId/customers/:customerId/notes/:noteId': { permission: 'customers', body: { body: 'Prefers the window desk' } },
  'DELETE /api/v1/locations/:locationId/customers/:customerId/notes/:noteId': { permission: 'customers' },
  'GET /api/v1/locations/:locationId/customers/:customerId/attachments': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/customers/:customerId/attachments': { permission: 'customers', body: UPLOAD },
  'GET /api/v1/locations/:locationId/customers/:customerId/attachments/:attachmentId/download': { permission: 'customers' },
  'DELETE /api/v1/locations/:locationId/customers/:customerId/attachments/:attachmentId': { permission: 'customers' },
  'GET /api/v1/locations/:locationId/companies': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/companies': { permission: 'customers', body: () => ({ name: `Company ${++seq}` }) },
  'GET /api/v1/locations/:locationId/companies/:companyId': { permission: 'customers' },
  'PATCH /api/v1/locations/:locationId/companies/:companyId': { permission: 'customers', body: { taxId: 'FR123' } },
  'DELETE /api/v1/locations/:locationId/companies/:companyId': { permission: 'customers' },
  'POST /api/v1/locations/:locationId/companies/:companyId/people': { permission: 'customers', body: () => ({ customerId: fx.customerId }) },
  'PATCH /api/v1/locations/:locationId/companies/:companyId/people/:customerId': { permission: 'customers', body: { manager: true } },
  'DELETE /api/v1/locations/:locationId/companies/:companyId/people/:customerId': { permission: 'customers' },
};

/** Every method and path the app serves, read from Fastify's route tree (HEAD twins left out). */
function routesOf(app: FastifyInstance): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    if (!line.trim()) continue;
    const m = /^((?:│ {3}| {4})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) throw new Error(`cannot read this line of printRoutes(): ${line}`);
    stack.length = m[1].length / 4;
    stack.push(m[2]);
    for (const method of m[3]?.split(', ') ?? []) if (method !== 'HEAD') out.push(`${method} ${stack.join('')}`);
  }
  return out;
}

let ctx: TestContext;
let org: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

describe('the route map', () => {
  it('knows every route of the app, and only those', () => {
    const routes = routesOf(ctx.app);
    expect(routes.length).toBeGreaterThan(30);
    const known = (r: string) => PUBLIC.has(r) || SIGNED_IN.has(r) || r in MEMBER || r in OWNER || r in LOCATION || r.split(' ')[1].startsWith(PUBLIC_PREFIX);
    expect(routes.filter((r) => !known(r)), 'routes missing from the permission map of this test').toEqual([]);
    const listed = [...PUBLIC, ...SIGNED_IN, ...Object.keys(MEMBER), ...Object.keys(OWNER), ...Object.keys(LOCATION)];
    expect(listed.filter((r) => !routes.includes(r)), 'routes in the map that the app no longer serves').toEqual([]);
    expect(routes.filter((r) => r.includes('/api/v1/locations/:locationId') && !PUBLIC.has(r)).every((r) => r in LOCATION)).toBe(true);
  });
});

interface Fixture {
  customerId: string;
  memberCookie: string;
  requestId: string;
  administratorId: string;
  companyId: string;
  noteId: string;
  attachmentId: string;
  jobId: string;
  noPermissions: string;
  holders: Record<string, string>;
  otherLocationAdmin: string;
  rival: Org;
}
let fx: Fixture;

async function grantAndSignIn(email: string, locationId: string | null, permissions: Permission[]) {
  const res = await ctx.request({ method: 'POST', url: '/api/v1/administrators', cookie: org.ownerCookie, payload: { email, firstName: 'Admin', locationId, permissions } });
  expect(res.statusCode).toBe(201);
  return { id: res.json().administrator.id as string, cookie: await signIn(ctx, email) };
}

/** Real ids for every kind of nested id, so that the permission check is what answers. */
async function buildFixture(): Promise<Fixture> {
  const at = `/api/v1/locations/${org.locationId}`;
  const owner = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) => ctx.request({ method, url: `${at}${url}`, cookie: org.ownerCookie, payload });
  expect((await owner('PATCH', '', { joinRequests: 'approval' })).statusCode).toBe(200);
  const customer = await owner('POST', '/invitations', { firstName: 'Cus', email: 'cust@x.test' });
  expect(customer.statusCode, customer.body).toBe(201);
  const token = linkFrom((await ctx.mailTo('cust@x.test'))[0].text).split('/activate/')[1];
  const memberCookie = sessionCookie(await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } }));
  const customerId = customer.json().customer.id as string;
  expect((await ctx.request({ method: 'POST', url: `${at}/join-requests`, payload: { firstName: 'Vic', email: 'vic@x.test' } })).statusCode).toBe(202);
  const code = codeFrom((await ctx.mailTo('vic@x.test'))[0].text);
  expect((await ctx.request({ method: 'POST', url: `${at}/join-requests`, payload: { email: 'vic@x.test', code } })).statusCode).toBe(201);
  const requests = (await owner('GET', '/join-requests')).json().items;
  const company = await owner('POST', '/companies', { name: 'Widgets Ltd' });
  expect(company.statusCode).toBe(201);
  const companyId = company.json().company.id as string;
  expect((await owner('POST', `/companies/${companyId}/people`, { customerId, manager: true })).statusCode).toBeLessThan(300);
  const note = await owner('POST', `/customers/${customerId}/notes`, { body: 'Met at the open day' });
  expect(note.statusCode).toBe(201);
  const upload = await ctx.request({ method: 'POST', url: `${at}/customers/${customerId}/attachments`, cookie: org.ownerCookie, payload: uploadBody, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } });
  expect(upload.statusCode, upload.body).toBe(201);
  const job = await owner('POST', '/invitations/bulk', { text: 'Bea\tBulk\tbulk@x.test' });
  expect(job.statusCode).toBe(202);
  await settleJobs();
  const south = await ctx.request({ method: 'POST', url: '/api/v1/locations', cookie: org.ownerCookie, payload: { name: 'South Loft', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' } });
  const none = await grantAndSignIn('none@x.test', org.locationId, []);
  const customersOnly = await grantAndSignIn('customers@x.test', org.locationId, ['customers']);
  const settingsOnly = await grantAndSignIn('settings@x.test', org.locationId, ['settings']);
  const elsewhere = await grantAndSignIn('elsewhere@x.test', south.json().location.id, ['customers', 'settings']);
  return {
    customerId,
    memberCookie,
    requestId: requests[0].id,
    administratorId: none.id,
    companyId,
    noteId: note.json().note.id,
    attachmentId: upload.json().attachment.id,
    jobId: job.json().jobId,
    noPermissions: none.cookie,
    holders: { customers: customersOnly.cookie, settings: settingsOnly.cookie, any: none.cookie },
    otherLocationAdmin: elsewhere.cookie,
    rival: await setupOrganization(ctx, 'Rival Works', 'boss@rival.test'),
  };
}

function call(route: string, cookie: string | undefined, o: { locationId?: string; body?: Body; query?: string } = {}) {
  const [method, path] = route.split(' ');
  const url = path
    .replace(':locationId', o.locationId ?? org.locationId)
    .replace(':customerId', fx.customerId)
    .replace(':requestId', fx.requestId)
    .replace(':administratorId', fx.administratorId)
    .replace(':companyId', fx.companyId)
    .replace(':noteId', fx.noteId)
    .replace(':attachmentId', fx.attachmentId)
    .replace(':jobId', fx.jobId);
  if (o.body === UPLOAD) {
    return ctx.request({ method: 'POST', url, cookie, payload: uploadBody, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } });
  }
  const payload = typeof o.body === 'function' ? o.body() : o.body;
  return ctx.request({ method: method as 'GET', url: url + (o.query ?? ''), cookie, ...(payload ? { payload } : {}) });
}

const nestedIds = /:(customerId|requestId|companyId|noteId|attachmentId|jobId)/;

/** Mass invitations run in the background: let them finish before the database goes away. */
async function settleJobs() {
  for (let i = 0; i < 200; i++) {
    const busy = await ctx.db.selectFrom('bulk_jobs').select('id').where('status', 'in', ['queued', 'running']).execute();
    if (busy.length === 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('mass invitations did not finish');
}

describe('every location route', () => {
  beforeEach(async () => {
    fx = await buildFixture();
  });

  it('answers 403 to an administrator of the location who lacks the permission', async () => {
    for (const [route, rule] of Object.entries(LOCATION)) {
      const res = await call(route, fx.noPermissions, rule);
      if (rule.permission) {
        expect(res.statusCode, route).toBe(403);
        expect(res.json().error.message, route).toContain(`"${rule.permission}" permission`);
      } else {
        expect(res.statusCode, route).toBe(200);
      }
    }
    // the other permission does not stand in for the one needed
    for (const [route, rule] of Object.entries(LOCATION)) {
      if (!rule.permission) continue;
      const other = rule.permission === 'customers' ? fx.holders.settings : fx.holders.customers;
      expect((await call(route, other, rule)).statusCode, route).toBe(403);
    }
  });

  it('lets an administrator holding only that permission through the check', async () => {
    // deletions last, the most nested first, so every call finds its ids
    const order = Object.entries(LOCATION).sort(([a], [b]) => Number(a.startsWith('DELETE')) - Number(b.startsWith('DELETE')) || (a.startsWith('DELETE') ? b.length - a.length : 0));
    for (const [route, rule] of order) {
      const res = await call(route, fx.holders[rule.permission ?? 'any'], rule);
      expect([401, 403, 404], `${route}: ${res.statusCode} ${res.body}`).not.toContain(res.statusCode);
    }
    await settleJobs();
  });

  it("answers 404 to another organization's owner and another location's administrator, revealing nothing", async () => {
    for (const [route, rule] of Object.entries(LOCATION)) {
      for (const cookie of [fx.rival.ownerCookie, fx.otherLocationAdmin]) {
        const res = await call(route, cookie, rule);
        expect(res.statusCode, route).toBe(404);
        for (const secret of ['Acme', 'cust@x.test', 'vic@x.test', 'Widgets', fx.customerId]) expect(res.body, route).not.toContain(secret);
      }
      // their own location with our customer, request, company, note or attachment id
      if (nestedIds.test(route)) {
        const res = await call(route, fx.rival.ownerCookie, { ...rule, locationId: fx.rival.locationId });
        expect(res.statusCode, `${route} at the rival's location`).toBe(404);
        expect(res.body).not.toContain('cust@x.test');
      }
    }
    const ours = await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}/customers/${fx.customerId}`, cookie: org.ownerCookie });
    expect(ours.json().customer).toMatchObject({ status: 'active', contractStart: null });
  });

  it('answers 401 (or 404) when signed out', async () => {
    for (const [route, rule] of Object.entries(LOCATION)) {
      expect([401, 404], route).toContain((await call(route, undefined, rule)).statusCode);
    }
    for (const route of SIGNED_IN) expect((await call(route, undefined, { body: route.startsWith('PATCH') ? { firstName: 'X' } : undefined })).statusCode, route).toBe(401);
    for (const [route, rule] of [...Object.entries(OWNER), ...Object.entries(MEMBER)]) expect((await call(route, undefined, rule)).statusCode, route).toBe(401);
  });

  it('keeps the portal routes to members of the location: 404 for anyone else', async () => {
    for (const [route, rule] of Object.entries(MEMBER)) {
      for (const cookie of [fx.noPermissions, fx.rival.ownerCookie, fx.otherLocationAdmin]) {
        const res = await call(route, cookie, rule);
        expect(res.statusCode, route).toBe(404);
        expect(res.body, route).not.toContain('Widgets');
      }
    }
    const mine = await call('GET /api/v1/portal/locations/:locationId/company', fx.memberCookie);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().company.name).toBe('Widgets Ltd');
  });

  it('keeps the owner routes to owners: 403 to administrators, 404 for another organization', async () => {
    for (const [route, rule] of Object.entries(OWNER)) {
      const res = await call(route, fx.noPermissions, rule);
      expect([403, 404], route).toContain(res.statusCode);
      const rival = await call(route, fx.rival.ownerCookie, { ...rule, query: `?organizationId=${org.organizationId}`, body: route === 'POST /api/v1/locations' ? { ...(rule.body as object), organizationId: org.organizationId } : rule.body });
      expect(rival.statusCode, route).toBe(404);
      expect(rival.body, route).not.toContain('none@x.test');
    }
    // the rival's own organization does not hold our administrator either
    expect((await call('PATCH /api/v1/administrators/:administratorId', fx.rival.ownerCookie, OWNER['PATCH /api/v1/administrators/:administratorId'])).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/administrators', cookie: fx.rival.ownerCookie })).json().items.map((a: { email: string }) => a.email)).toEqual([]);
  });

  it('serves the public routes signed out', async () => {
    for (const route of PUBLIC) {
      if (!route.startsWith('GET')) continue;
      const res = await call(route, undefined);
      expect(res.statusCode, route).toBe(200);
    }
  });
});
