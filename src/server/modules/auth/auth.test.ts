// Sign-in by emailed code, sessions and sign-out, with the bad inputs of the foundation issue.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock.js';
import { codeFrom, createTestContext, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

async function askCode(email: unknown, ip?: string) {
  return ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email }, remoteAddress: ip });
}

describe('sign-in codes', () => {
  it('signs in with a mailed code, shows /me and signs out', async () => {
    const cookie = await signIn(ctx, org.ownerEmail);
    const me = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(org.ownerEmail);
    expect(me.json().admin[0]).toMatchObject({ locationId: org.locationId });
    expect(me.json().organizations[0]).toMatchObject({ role: 'owner' });
    const out = await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-out', cookie });
    expect(out.statusCode).toBe(204);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/me', cookie })).statusCode).toBe(401);
  });

  it('answers the same for an unknown email and sends it nothing', async () => {
    const known = await askCode(org.ownerEmail);
    const unknown = await askCode('nobody@acme.test');
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    expect(await ctx.mailTo('nobody@acme.test')).toHaveLength(0);
  });

  it('trims and lower-cases the email', async () => {
    expect((await askCode('  OWNER@Acme.TEST ')).statusCode).toBe(202);
    const mails = await ctx.mailTo(org.ownerEmail);
    expect(mails.length).toBeGreaterThan(0);
  });

  it('rejects an email that is not one string with 400 naming the field', async () => {
    for (const email of [['a@b.test', 'c@d.test'], { x: 1 }, 'not-an-email', 42]) {
      const res = await askCode(email);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain('email');
    }
  });

  it('fails the sixth guess even with the right code', async () => {
    await askCode(org.ownerEmail);
    const code = codeFrom((await ctx.mailTo(org.ownerEmail))[0].text);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const r = await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: org.ownerEmail, code: wrong } });
      expect(r.statusCode).toBe(401);
    }
    const sixth = await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: org.ownerEmail, code } });
    expect(sixth.statusCode).toBe(401);
  });

  it('fails an expired code and a used code', async () => {
    await askCode(org.ownerEmail);
    const code = codeFrom((await ctx.mailTo(org.ownerEmail))[0].text);
    ctx.clock.advance(10 * MINUTE + 1000);
    expect((await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: org.ownerEmail, code } })).statusCode).toBe(401);

    await askCode(org.ownerEmail);
    const code2 = codeFrom((await ctx.mailTo(org.ownerEmail))[0].text);
    const first = await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: org.ownerEmail, code: code2 } });
    expect(first.statusCode).toBe(200);
    const again = await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: org.ownerEmail, code: code2 } });
    expect(again.statusCode).toBe(401);
  });

  it('a new code replaces the previous one', async () => {
    await askCode(org.ownerEmail);
    const old = codeFrom((await ctx.mailTo(org.ownerEmail))[0].text);
    await askCode(org.ownerEmail);
    const fresh = codeFrom((await ctx.mailTo(org.ownerEmail))[0].text);
    if (old !== fresh) {
      expect((await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: org.ownerEmail, code: old } })).statusCode).toBe(401);
    }
    expect((await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: org.ownerEmail, code: fresh } })).statusCode).toBe(200);
  });

  it('throttles code emails per address (5 an hour) and per IP (30 an hour)', async () => {
    for (let i = 0; i < 5; i++) expect((await askCode(org.ownerEmail, `10.0.0.${i}`)).statusCode).toBe(202);
    expect((await askCode(org.ownerEmail, '10.0.0.99')).statusCode).toBe(429);
    for (let i = 0; i < 30; i++) expect((await askCode(`someone${i}@x.test`, '10.9.9.9')).statusCode).toBe(202);
    expect((await askCode('other@x.test', '10.9.9.9')).statusCode).toBe(429);
  });

  it('stores codes and session tokens only as hashes', async () => {
    const cookie = await signIn(ctx, org.ownerEmail);
    const token = decodeURIComponent(cookie.split('=')[1]);
    const sessions = await ctx.db.selectFrom('sessions').selectAll().execute();
    expect(sessions.some((s) => s.token_hash === token || s.token_hash.includes(token))).toBe(false);
    const codes = await ctx.db.selectFrom('sign_in_codes').select('code_hash').execute();
    expect(codes.every((c) => /^[0-9a-f]{64}$/.test(c.code_hash))).toBe(true);
  });

  it('gives a new session at every sign-in and ends idle sessions', async () => {
    const a = await signIn(ctx, org.ownerEmail);
    const b = await signIn(ctx, org.ownerEmail);
    expect(a).not.toBe(b);
    ctx.clock.advance(15 * 24 * 60 * MINUTE);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: a })).statusCode).toBe(401);
  });

  it('refuses a cookie-carrying write from another origin', async () => {
    const cookie = await signIn(ctx, org.ownerEmail);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie, origin: 'https://evil.test' } });
    expect(res.statusCode).toBe(403);
    const none = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie } });
    expect(none.statusCode).toBe(403);
  });

  it('sets an httpOnly SameSite=Lax cookie', async () => {
    await askCode(org.ownerEmail);
    const code = codeFrom((await ctx.mailTo(org.ownerEmail))[0].text);
    const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: org.ownerEmail, code } });
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Lax/i);
    expect(sessionCookie(res)).toMatch(/^atrium_session=/);
  });
});
