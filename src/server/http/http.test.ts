// The HTTP edge: JSON errors (400, 404, 413, plain 500), health, OpenAPI, security headers,
// and emailed content that never follows a forged Host or X-Forwarded-Host header.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BODY_LIMIT, buildApp } from '../app.js';
import { prepareSetupLink } from '../modules/setup/service.js';
import { createTestContext, linkFrom, PUBLIC_URL, setupOrganization, type Org, type TestContext } from '../testing/harness.js';
import { AppError } from '../errors.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(() => ctx.close());

const FORGED = { host: 'evil.test', 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'https', forwarded: 'host=evil.test;proto=https' };

describe('errors as JSON', () => {
  it('answers malformed JSON with a 400 JSON error', async () => {
    const res = await ctx.request({
      method: 'POST',
      url: '/api/v1/auth/code',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.test",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().error.code).toBe('bad_request');
    expect(typeof res.json().error.message).toBe('string');
  });

  it('answers an empty JSON body and a prototype-poisoning body with 400', async () => {
    const empty = await ctx.request({ method: 'POST', url: '/api/v1/auth/code', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('bad_request');
    const poisoned = await ctx.request({
      method: 'POST',
      url: '/api/v1/auth/code',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":"a@b.test","__proto__":{"admin":true}}',
    });
    expect(poisoned.statusCode).toBe(400);
    expect(poisoned.json().error.code).toBe('bad_request');
  });

  it('answers a body with missing or wrong fields with 400 naming them', async () => {
    const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'not-an-email', code: 12 } });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'code']));
    expect(res.json().error.message).toMatch(/email/);
  });

  it('answers a body over 1 MB with a 413 JSON error', async () => {
    const payload = JSON.stringify({ email: 'a@b.test', padding: 'x'.repeat(BODY_LIMIT) });
    expect(payload.length).toBeGreaterThan(1024 * 1024);
    const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/code', headers: { 'content-type': 'application/json' }, payload });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
    // nothing was queued for the address inside the oversize body
    expect(await ctx.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
  });

  it('accepts a body just under the limit as far as size goes', async () => {
    const payload = JSON.stringify({ email: 'a@b.test', padding: 'x'.repeat(1000) });
    const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/code', headers: { 'content-type': 'application/json' }, payload });
    expect(res.statusCode).toBe(202);
  });

  it('answers an unsupported content type with a JSON error', async () => {
    const res = await ctx.request({
      method: 'POST',
      url: '/api/v1/auth/code',
      headers: { 'content-type': 'application/xml' },
      payload: '<email>a@b.test</email>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('bad_request');
  });

  it('answers an unknown /api route with a JSON 404', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nothing-here'],
      ['POST', '/api/v1/nothing-here'],
      ['GET', '/api/v2/health'],
    ] as const) {
      const res = await ctx.request({ method, url });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json().error.code).toBe('not_found');
    }
  });

  it('answers an id that is not a uuid with 400, not 500', async () => {
    const org = await setupOrganization(ctx);
    const res = await ctx.request({ method: 'GET', url: '/api/v1/locations/not-a-uuid/customers', cookie: org.ownerCookie });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('locationId');
  });
});

describe('unknown errors', () => {
  let app: FastifyInstance;
  const logged: unknown[] = [];
  beforeEach(async () => {
    const log = ctx.deps.log.child({});
    const origError = log.error.bind(log);
    log.error = ((...args: unknown[]) => {
      logged.push(args[0]);
      return origError(...(args as [string]));
    }) as typeof log.error;
    app = await buildApp({ ...ctx.deps, log }, { web: false });
    app.get('/api/v1/test/boom', async () => {
      throw new Error('secret internal detail: password=hunter2');
    });
    app.get('/api/v1/test/boom-503', async () => {
      throw Object.assign(new Error('upstream database at 10.1.2.3 refused'), { statusCode: 503 });
    });
    app.get('/api/v1/test/app-error', async () => {
      throw new AppError('unprocessable', 'The name of an activated account cannot be changed');
    });
    await app.ready();
  });
  afterEach(() => app.close());

  it('answers a plain 500 without the internal message, and logs it', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side' } });
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toContain('stack');
    expect(logged.length).toBeGreaterThan(0);
  });

  it('does not leak the message of a 5xx error that carries its own status', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/test/boom-503' });
    expect(res.statusCode).toBeGreaterThanOrEqual(500);
    expect(res.body).not.toContain('10.1.2.3');
    expect(res.json().error.code).toBe('internal');
  });

  it('maps AppError codes to their statuses', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/test/app-error' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'unprocessable', message: 'The name of an activated account cannot be changed' });
  });
});

describe('health, docs and headers', () => {
  it('GET /api/v1/health answers {status:"ok"}', async () => {
    const res = await ctx.request({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('serves the OpenAPI document at /api/docs', async () => {
    const json = await ctx.request({ method: 'GET', url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
    const doc = json.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/v1/auth/code',
      '/api/v1/auth/sign-in',
      '/api/v1/me',
      '/api/v1/health',
      '/api/v1/locations',
      '/api/v1/locations/{locationId}',
      '/api/v1/administrators',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(doc.paths['/api/v1/auth/code'].post).toBeTruthy();
    expect(doc.paths['/api/v1/locations/{locationId}'].patch).toBeTruthy();
    expect(doc.servers[0].url).toBe(PUBLIC_URL);
    const ui = await ctx.request({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('sends security headers on API answers, errors included', async () => {
    for (const url of ['/api/v1/health', '/api/v1/nothing-here']) {
      const res = await ctx.request({ method: 'GET', url });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
      expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
      // plain http public URL: no HSTS
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('sends HSTS when the public URL is https', async () => {
    const secure = await createTestContext({ config: { publicUrl: 'https://atrium.test', secureCookies: true } });
    try {
      const res = await secure.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await secure.close();
    }
  });
});

describe('forged Host and X-Forwarded-Host', () => {
  let org: Org;
  beforeEach(async () => {
    org = await setupOrganization(ctx);
  });

  it('never change the sign-in code mail', async () => {
    const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/code', headers: FORGED, payload: { email: org.ownerEmail } });
    expect(res.statusCode).toBe(202);
    const [mail] = await ctx.mailTo(org.ownerEmail);
    expect(mail).toBeTruthy();
    for (const part of [mail.text, mail.html, mail.subject, mail.messageId]) expect(part).not.toMatch(/evil/i);
    expect(mail.messageId).toMatch(/@atrium\.test>$/);
  });

  it('never change an invitation link', async () => {
    const res = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/invitations`,
      cookie: org.ownerCookie,
      headers: FORGED,
      payload: { firstName: 'Ivy', email: 'ivy@guest.test' },
    });
    expect(res.statusCode).toBe(201);
    const [mail] = await ctx.mailTo('ivy@guest.test');
    expect(mail).toBeTruthy();
    for (const part of [mail.text, mail.html, mail.messageId]) expect(part).not.toMatch(/evil/i);
    const link = linkFrom(mail.text);
    expect(link.startsWith(`${PUBLIC_URL}/activate/`)).toBe(true);
    expect(mail.html).toContain(`href="${link}"`);
  });

  it('the setup link is built from PUBLIC_URL', async () => {
    const fresh = await createTestContext();
    try {
      // a request with forged headers first, so that nothing request-derived could be cached
      await fresh.request({ method: 'GET', url: '/api/v1/setup', headers: FORGED });
      const link = await prepareSetupLink(fresh.deps);
      expect(link).toMatch(new RegExp(`^${PUBLIC_URL.replace(/\./g, '\\.')}/admin/setup\\?token=[A-Za-z0-9_-]{20,}$`));
    } finally {
      await fresh.close();
    }
  });
});
