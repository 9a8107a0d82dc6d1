// The OpenAPI document as a product: it lints clean with Redocly's recommended rules (every optional
// route on, the web apps served), names its security, operationIds and errors the way the routes
// behave, never shows the web routes, takes its server from PUBLIC_URL; and every curl example of
// docs/api.md runs against the real routes (with an API key once they exist, else the owner's session).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../lib/schema.js';
import { appWithEveryRoute, describeProblem, lintOpenApi } from '../openapi-lint.js';
import { createTestContext, PUBLIC_URL, setupOrganization, type TestContext } from '../testing/harness.js';
import { operationIdOf } from './openapi.js';
import { SESSION_COOKIE } from './session.js';

type Operation = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses: Record<string, { $ref?: string }>;
};
type Document = {
  info: { description?: string; license?: { name: string; url?: string } };
  servers: { url: string }[];
  tags: { name: string; description?: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }>;
    schemas: Record<string, { properties: Record<string, { properties?: Record<string, unknown> }> }>;
    responses: Record<string, unknown>;
  };
};

const operations = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([p, item]) => Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, path: p, method, op })));

describe('the OpenAPI document', () => {
  let doc: Document;
  let webDir: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    // a stand-in for the built web apps, so that the catch-all and the static files are registered
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-web-'));
    for (const dir of ['', 'admin', 'reception']) {
      fs.mkdirSync(path.join(webDir, dir), { recursive: true });
      fs.writeFileSync(path.join(webDir, dir, 'index.html'), '<!doctype html><title>Atrium</title>');
    }
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), '');
    const built = await appWithEveryRoute({}, webDir);
    close = built.close;
    doc = built.app.swagger() as unknown as Document;
  });
  afterAll(async () => {
    await close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it("passes Redocly's recommended rules with no error", async () => {
    const problems = await lintOpenApi(doc);
    expect(problems.filter((p) => p.severity === 'error').map(describeProblem)).toEqual([]);
  });

  it('shows the API only: no web app route, no static file, no docs route', () => {
    expect(Object.keys(doc.paths).length).toBeGreaterThan(100);
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/v1/'))).toEqual([]);
    // the optional routes are there
    expect(doc.paths['/api/v1/payments/stripe/webhook']?.post).toBeTruthy();
  });

  it('describes itself: description, license, server from PUBLIC_URL, every tag described once', () => {
    expect(doc.info.description).toContain('/api/v1');
    expect(doc.info.license).toEqual({ name: 'AGPL-3.0-only', url: expect.stringMatching(/^https:\/\//) });
    expect(doc.servers).toEqual([{ url: 'https://atrium.example.org', description: expect.any(String) }]);
    const used = new Set(operations(doc).flatMap((o) => o.op.tags ?? []));
    expect(doc.tags.map((t) => t.name).sort()).toEqual([...used].sort());
    expect(doc.tags.filter((t) => !t.description).map((t) => t.name)).toEqual([]);
    for (const { key, op } of operations(doc)) {
      expect(op.summary, key).toBeTruthy();
      expect(op.tags?.length, key).toBeGreaterThan(0);
    }
  });

  it('names the session cookie and API keys, and which routes need neither', () => {
    expect(doc.components.securitySchemes.cookieAuth).toMatchObject({ type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ cookieAuth: [] }, { bearerAuth: [] }]);
    const open = operations(doc)
      .filter((o) => o.op.security && (o.op.security.length === 0 || o.op.security.some((s) => Object.keys(s).length === 0)))
      .map((o) => o.key)
      .sort();
    expect(open).toEqual(
      [
        'GET /api/v1/health',
        'GET /api/v1/health/ready',
        'GET /api/v1/setup',
        'POST /api/v1/setup',
        'POST /api/v1/auth/code',
        'POST /api/v1/auth/sign-in',
        'POST /api/v1/auth/sign-out',
        'POST /api/v1/auth/link',
        'POST /api/v1/activation',
        'POST /api/v1/activation/verify',
        'GET /api/v1/public/locations/{locationId}',
        'GET /api/v1/public/locations/{locationId}/plans',
        'GET /api/v1/public/locations/{locationId}/availability',
        'GET /api/v1/public/locations/{locationId}/feed',
        'GET /api/v1/public/organizations/{organizationId}/brand',
        'GET /api/v1/public/organizations/{organizationId}/logo',
        'GET /api/v1/public/locations/{locationId}/logo',
        'POST /api/v1/locations/{locationId}/join-requests',
        'POST /api/v1/payments/stripe/webhook',
      ].sort(),
    );
    // the portal is a person's own: the session cookie only
    for (const o of operations(doc).filter((x) => x.path.startsWith('/api/v1/portal/'))) expect(o.op.security, o.key).toEqual([{ cookieAuth: [] }]);
  });

  it('gives every operation a unique camelCase operationId from its method and path', () => {
    const ids = operations(doc).map((o) => o.op.operationId ?? '');
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(doc.paths['/api/v1/locations/{locationId}/customers'].get.operationId).toBe('listCustomers');
    expect(operationIdOf('GET', '/api/v1/locations/:locationId/customers')).toBe('listCustomers');
    expect(operationIdOf('GET', '/api/v1/locations/:locationId/customers/:customerId')).toBe('getCustomer');
    expect(operationIdOf('POST', '/api/v1/locations/:locationId/subscriptions')).toBe('createSubscription');
    expect(operationIdOf('PATCH', '/api/v1/locations/:locationId/companies/:companyId')).toBe('updateCompany');
    expect(operationIdOf('DELETE', '/api/v1/locations/:locationId/customers/:customerId/notes/:noteId')).toBe('deleteCustomerNote');
    expect(operationIdOf('POST', '/api/v1/locations/:locationId/invoices/:invoiceId/void')).toBe('voidInvoice');
    expect(operationIdOf('POST', '/api/v1/locations/:locationId/invoices/:invoiceId/payments')).toBe('createInvoicePayment');
    expect(operationIdOf('GET', '/api/v1/portal/locations/:locationId/invoices')).toBe('listPortalInvoices');
    expect(operationIdOf('GET', '/api/v1/locations/:locationId/reports/:report.csv')).toBe('getReport');
    expect(operationIdOf('GET', '/api/v1/me')).toBe('getMe');
  });

  it('documents the error answers once: every 4xx is a shared response of the Error schema', () => {
    const error = doc.components.schemas.Error.properties.error.properties ?? {};
    expect(Object.keys(error).sort()).toEqual(['code', 'details', 'message', 'reason']);
    for (const { key, op } of operations(doc)) {
      const fours = Object.entries(op.responses).filter(([s]) => s.startsWith('4'));
      expect(fours.length, key).toBeGreaterThan(['GET /api/v1/health', 'GET /api/v1/health/ready', 'GET /api/v1/setup'].includes(key) ? -1 : 0);
      for (const [status, response] of fours) expect(response.$ref, `${key} ${status}`).toMatch(/^#\/components\/responses\/[A-Za-z]+$/);
      // a signed-in route may answer 401, 403 and (API keys) 429
      if (!op.security || op.security.length > 0) {
        if (!op.security?.some((s) => Object.keys(s).length === 0))
          expect(Object.keys(op.responses), key).toEqual(expect.arrayContaining(['401', '403', '429']));
      }
    }
    expect(doc.paths['/api/v1/locations/{locationId}/customers/{customerId}'].patch.responses['422'].$ref).toBe('#/components/responses/Unprocessable');
    // a 204 says so, with no body
    expect(doc.paths['/api/v1/locations/{locationId}/customers/{customerId}'].delete.responses['204']).toEqual({ description: 'No content' });
  });
});

describe('the document against the running app', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext();
  });
  afterEach(() => ctx.close());

  it('takes its server from PUBLIC_URL, never from a forged Host header', async () => {
    const res = await ctx.request({ method: 'GET', url: '/api/docs/json', headers: { host: 'evil.test', 'x-forwarded-host': 'evil.test' } });
    expect(res.json().servers[0].url).toBe(PUBLIC_URL);
    expect(res.body).not.toContain('evil.test');
  });

  it('answers errors in the shape of the Error schema', async () => {
    const doc = (await ctx.request({ method: 'GET', url: '/api/docs/json' })).json() as Document;
    const keys = Object.keys(doc.components.schemas.Error.properties.error.properties ?? {});
    const bad = await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email: 'not an email' } });
    const signedOut = await ctx.request({ method: 'GET', url: '/api/v1/me' });
    for (const res of [bad, signedOut]) {
      expect(Object.keys(res.json())).toEqual(['error']);
      expect(Object.keys(res.json().error).filter((k) => !keys.includes(k))).toEqual([]);
    }
    expect(bad.json().error.details[0].path).toBe('email');
  });

  it('matches what the routes do signed out: a public GET answers, a secured GET answers 401', async () => {
    const doc = (await ctx.request({ method: 'GET', url: '/api/docs/json' })).json() as Document;
    const { locationId } = await setupOrganization(ctx);
    const id = '00000000-0000-4000-8000-000000000000';
    const wrong: string[] = [];
    for (const { key, path: p, method, op } of operations(doc)) {
      if (method !== 'get') continue;
      const res = await ctx.request({ method: 'GET', url: p.replace('{locationId}', locationId).replace(/\{[^}]+\}/g, id) });
      const open = op.security?.length === 0;
      // a query missing what it needs (a required parameter, one of customerId or companyId) answers 400 before anything else
      const required = ((op as { parameters?: { in: string }[] }).parameters ?? []).some((x) => x.in === 'query');
      if (open ? res.statusCode === 401 : res.statusCode !== 401 && !(required && res.statusCode === 400)) wrong.push(`${key}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('the curl examples of docs/api.md', () => {
  /** Examples of routes another part of the API brings (reports): they run once those routes exist. */
  const ELSEWHERE = new Set(['GET /api/v1/locations/$LOCATION_ID/reports/invoices.csv?from=2026-11-01&to=2026-11-30']);
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext();
  });
  afterEach(() => ctx.close());

  it('run against the real routes, each answering 2xx', async () => {
    const org = await setupOrganization(ctx);
    const cookie = org.ownerCookie;
    const vars: Record<string, string> = { LOCATION_ID: org.locationId };
    const post = async (url: string, payload: Record<string, unknown>) => {
      const res = await ctx.request({ method: 'POST', url, payload, cookie });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    // what the examples need to find: a plan, a public meeting room, a few customers to page through
    const base = `/api/v1/locations/${org.locationId}`;
    await post(`${base}/plans`, { name: 'Flex', price: 12000, cycle: 'month' });
    await post(`${base}/resources`, { type: 'meeting_room', name: 'Blue Room', visibility: 'public', bookingLevel: 'location_members' });
    for (const name of ['Garcia', 'Okafor', 'Novak'])
      await post(`${base}/nonmembers`, { firstName: 'Lead', lastName: name, email: `${name.toLowerCase()}@example.com` });
    // the day before the examples' dates
    ctx.clock.set('2026-12-01T08:00:00.000Z');
    // with API keys in the app, the examples run with a key holding every permission; else the owner's session stands in
    let auth: { cookie?: string; headers: Record<string, string> } = { cookie, headers: {} };
    const routes = (await ctx.request({ method: 'GET', url: '/api/docs/json' })).json() as Document;
    if (routes.paths['/api/v1/api-keys']?.post) {
      const key = await post('/api/v1/api-keys', { name: 'Docs', permissions: [...PERMISSIONS], locationId: org.locationId });
      auth = { headers: { authorization: `Bearer ${key.secret}` } };
    }

    const text = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/api.md'), 'utf8');
    const examples = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1].replace(/\\\n\s*/g, ' ').trim()).filter((c) => c.startsWith('curl'));
    expect(examples.length).toBeGreaterThanOrEqual(15);
    const ran: string[] = [];
    for (const example of examples) {
      const method = /-X (\w+)/.exec(example)?.[1] ?? 'GET';
      const url = /"\$ATRIUM([^"]+)"/.exec(example)?.[1];
      expect(url, example).toBeTruthy();
      const key = `${method} ${url}`;
      const sub = (s: string) => s.replace(/\$([A-Z_]+)/g, (_, v: string) => vars[v] ?? `$${v}`);
      const headers: Record<string, string> = {};
      for (const [, name, value] of example.matchAll(/-H "([^:]+): ([^"]+)"/g)) if (name !== 'Authorization') headers[name.toLowerCase()] = value;
      // every example sends the API key, but for the public routes and the document
      expect(example.includes('Authorization: Bearer $ATRIUM_KEY') || /^\/api\/(v1\/public|docs)\//.test(url!), key).toBe(true);
      const body = /-d '(.*)'$/.exec(example)?.[1].replace(/'"\$([A-Z_]+)"'/g, (_, v: string) => vars[v] ?? `$${v}`);
      const target = sub(url!);
      expect(target, `${key}: an id the earlier examples did not give`).not.toContain('$');
      const res = await ctx.request({
        method: method as 'GET',
        url: target,
        cookie: auth.cookie,
        headers: { ...headers, ...auth.headers },
        ...(body ? { payload: JSON.parse(body) } : {}),
      });
      if (ELSEWHERE.has(key) && res.statusCode === 404 && res.json().error.message.startsWith('No route')) continue;
      expect(res.statusCode, `${key}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, `${key}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
      ran.push(`${key} ${res.statusCode}`);
      // the ids later examples use
      const json = (res.headers['content-type'] ?? '').toString().startsWith('application/json') ? res.json() : null;
      if (key.endsWith('/invitations')) vars.CUSTOMER_ID = json.customer.id;
      if (key.endsWith('/customers?limit=2')) vars.NEXT_CURSOR = encodeURIComponent(json.nextCursor);
      if (key.endsWith('/plans')) vars.PLAN_ID = json.items[0].id;
      if (key.includes('/invoices?status=issued')) vars.INVOICE_ID = json.items[0].id;
      if (key.includes('/availability')) vars.RESOURCE_ID = json.resources[0].id;
    }
    expect(ran.length).toBeGreaterThanOrEqual(examples.length - ELSEWHERE.size);
    if (process.env.SHOW_EXAMPLES) console.log(ran.join('\n'));
  });
});
