// Request logs: one line per request with its id, and no token, code or cookie ever written, through
// a full first-run setup, sign-in by code and by link, and an invitation activated by link and by code.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR } from '../lib/clock.js';
import { createSignInLink } from '../modules/auth/service.js';
import { prepareSetupLink } from '../modules/setup/service.js';
import { codeFrom, createTestContext, linkFrom, sessionCookie, type TestContext } from '../testing/harness.js';
import { loggablePath } from './request-log.js';

let ctx: TestContext;
let lines: string[];

beforeEach(async () => {
  lines = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  ctx = await createTestContext({ log: pino({ level: 'info' }, sink) });
});
afterEach(() => ctx.close());

const cookieValue = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);
const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('request logs', () => {
  it('log one line per request and never a token, code or cookie of a sign-in or an invitation', async () => {
    const secrets: string[] = [];
    const keep = (s: string) => {
      expect(s.length).toBeGreaterThanOrEqual(6);
      secrets.push(s);
      return s;
    };

    // first run: the setup link (token in the query), opened in a browser, then the setup form
    const setupLink = (await prepareSetupLink(ctx.deps))!;
    const setupToken = keep(new URL(setupLink).searchParams.get('token')!);
    await ctx.request({ method: 'GET', url: `/admin/setup?token=${setupToken}&lang=fr` });
    const setup = await ctx.request({
      method: 'POST',
      url: '/api/v1/setup',
      payload: {
        token: setupToken,
        organizationName: 'Acme Spaces',
        locationName: 'North Hall',
        address: '1 Main Street',
        timeZone: 'Europe/Paris',
        currency: 'EUR',
        country: 'FR',
        ownerEmail: 'owner@acme.test',
        ownerFirstName: 'Olivia',
        ownerLastName: 'Owner',
      },
    });
    expect(setup.statusCode).toBe(201);
    const ownerCookie = sessionCookie(setup);
    keep(cookieValue(ownerCookie));
    const locations = await ctx.request({ method: 'GET', url: '/api/v1/locations', cookie: ownerCookie });
    const locationId = (locations.json() as { items: { id: string }[] }).items[0].id;

    // sign-in by code
    expect((await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email: 'owner@acme.test' } })).statusCode).toBe(202);
    const code = keep(codeFrom((await ctx.mailTo('owner@acme.test'))[0].text));
    const byCode = await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'owner@acme.test', code } });
    expect(byCode.statusCode).toBe(200);
    keep(cookieValue(sessionCookie(byCode)));

    // sign-in by a one-time link (token in the path), opened in a browser, then the API call
    const owner = await ctx.db.selectFrom('users').select('id').where('email', '=', 'owner@acme.test').executeTakeFirstOrThrow();
    const signInLink = await createSignInLink(ctx.deps, owner.id);
    const linkToken = keep(signInLink.split('/link/')[1]);
    await ctx.request({ method: 'GET', url: new URL(signInLink).pathname });
    const byLink = await ctx.request({ method: 'POST', url: '/api/v1/auth/link', payload: { token: linkToken } });
    expect(byLink.statusCode).toBe(200);
    keep(cookieValue(sessionCookie(byLink)));

    // an invitation activated by its link within 24 hours
    const invite = (email: string) =>
      ctx.request({ method: 'POST', url: `/api/v1/locations/${locationId}/invitations`, payload: { firstName: 'Pat', email }, cookie: ownerCookie });
    expect((await invite('pat@x.test')).statusCode).toBe(201);
    const patLink = linkFrom((await ctx.mailTo('pat@x.test'))[0].text);
    const patToken = keep(patLink.split('/activate/')[1]);
    await ctx.request({ method: 'GET', url: new URL(patLink).pathname });
    const activated = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token: patToken } });
    expect(activated.json().status).toBe('signed_in');
    const patCookie = sessionCookie(activated);
    keep(cookieValue(patCookie));
    await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: patCookie });

    // and one activated by code after 24 hours
    expect((await invite('sam@x.test')).statusCode).toBe(201);
    const samToken = keep(linkFrom((await ctx.mailTo('sam@x.test'))[0].text).split('/activate/')[1]);
    ctx.clock.advance(25 * HOUR);
    expect((await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token: samToken } })).json().status).toBe('code_required');
    const samCode = keep(codeFrom((await ctx.mailTo('sam@x.test'))[0].text));
    const verified = await ctx.request({ method: 'POST', url: '/api/v1/activation/verify', payload: { token: samToken, code: samCode } });
    expect(verified.json().status).toBe('signed_in');
    keep(cookieValue(sessionCookie(verified)));
    await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-out', cookie: sessionCookie(verified) });

    const text = lines.join('\n');
    for (const secret of secrets) expect(text, `a secret was logged: ${secret}`).not.toContain(secret);
    // one line per request, each with its id, method, path, status and time
    const requests = entries().filter((e) => e.msg === 'request');
    expect(requests.length).toBe(15);
    for (const r of requests) {
      expect(r).toMatchObject({ method: expect.any(String), path: expect.any(String), status: expect.any(Number), ms: expect.any(Number) });
      expect(r.reqId).toEqual(expect.any(String));
    }
    expect(requests.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        '/admin/setup?token=*&lang=fr',
        '/admin/link/*',
        '/activate/*',
        '/api/v1/auth/link',
        `/api/v1/locations/${locationId}/invitations`,
      ]),
    );
    // nothing else than the request lines and the mail lines: no headers, no bodies
    expect(text).not.toMatch(/cookie|authorization|"headers"|"body"/i);
  });

  it('keeps a sane incoming x-request-id, replaces any other, and sends it back', async () => {
    const kept = await ctx.request({ method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(kept.headers['x-request-id']).toBe('lb-7f3a.42');
    const forged = await ctx.request({ method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': 'x" "status":200 <script>' } });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const generated = await ctx.request({ method: 'GET', url: '/api/v1/health' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.headers['x-request-id']).not.toBe(forged.headers['x-request-id']);
    const ids = entries()
      .filter((e) => e.msg === 'request')
      .map((e) => e.reqId);
    expect(ids).toEqual(['lb-7f3a.42', forged.headers['x-request-id'], generated.headers['x-request-id']]);
  });
});

describe('loggablePath', () => {
  it('hides secret path segments and every query value that is not a known harmless one', () => {
    expect(loggablePath('/activate/abc123')).toBe('/activate/*');
    expect(loggablePath('/admin/link/abc123?x=1')).toBe('/admin/link/*?x=*');
    expect(loggablePath('/link/')).toBe('/link/');
    expect(loggablePath('/api/v1/customers?locationId=L1&q=pat%40x.test&token=t')).toBe('/api/v1/customers?locationId=L1&q=*&token=*');
    expect(loggablePath('/api/v1/health')).toBe('/api/v1/health');
  });
});
