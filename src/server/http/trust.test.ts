// Who the client is behind a proxy (TRUST_PROXY), who may read the dev mailbox, HOST's default and equal work on the code route.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../config.js';
import { hashCode } from '../lib/tokens.js';
import { createTestContext, setupOrganization, signIn, type TestContext } from '../testing/harness.js';

const contexts: TestContext[] = [];
async function context(config: Partial<Config> = {}): Promise<TestContext> {
  const ctx = await createTestContext({ config });
  contexts.push(ctx);
  return ctx;
}
afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.close();
});

function askCode(ctx: TestContext, email: string, remoteAddress: string, forwardedFor?: string) {
  return ctx.request({
    method: 'POST',
    url: '/api/v1/auth/code',
    payload: { email },
    remoteAddress,
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });
}

/** The statuses of `n` code requests for distinct emails (so that only the per-address limits count). */
async function statuses(n: number, ask: (i: number) => ReturnType<typeof askCode>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await ask(i)).statusCode);
  return out;
}

const PROXY = '10.0.0.2';
const THROTTLED = [...Array<number>(30).fill(202), ...Array<number>(5).fill(429)];

describe('TRUST_PROXY', () => {
  it.each([
    ['a hop count', 1],
    ['the proxy address', [PROXY]],
    ['a CIDR holding the proxy', ['10.0.0.0/8']],
  ] as const)('throttles each client behind a proxy trusted by %s, not the proxy as a whole', async (_name, trustProxy) => {
    const ctx = await context({ trustProxy: typeof trustProxy === 'number' ? trustProxy : [...trustProxy] });
    expect(await statuses(35, (i) => askCode(ctx, `visitor${i}@x.test`, PROXY, '203.0.113.5'))).toEqual(THROTTLED);
    // another person behind the same proxy still gets a code
    expect((await askCode(ctx, 'other@x.test', PROXY, '203.0.113.6')).statusCode).toBe(202);
    const row = await ctx.db.selectFrom('code_requests').select('ip').where('email', '=', 'other@x.test').executeTakeFirstOrThrow();
    expect(row.ip).toBe('203.0.113.6');
  });

  it('lets no client behind a trusted proxy pick its own address by forging X-Forwarded-For', async () => {
    const ctx = await context({ trustProxy: 1 });
    // the proxy appends the address it saw to whatever the client sent
    expect(await statuses(35, (i) => askCode(ctx, `visitor${i}@x.test`, PROXY, `198.51.100.${i}, 203.0.113.5`))).toEqual(THROTTLED);
    expect((await askCode(ctx, 'other@x.test', PROXY, '203.0.113.6')).statusCode).toBe(202);
  });

  it('ignores X-Forwarded-For when TRUST_PROXY is unset', async () => {
    expect(loadConfig({}).trustProxy).toBeUndefined();
    const ctx = await context();
    expect(await statuses(35, (i) => askCode(ctx, `visitor${i}@x.test`, '198.51.100.7', `203.0.113.${i}`))).toEqual(THROTTLED);
    expect((await askCode(ctx, 'other@x.test', '198.51.100.8', '198.51.100.7')).statusCode).toBe(202);

    // nor does a forged loopback address open the mailbox of a loopback server to a remote client
    const local = await context({ publicUrl: 'http://127.0.0.1:3000' });
    const forged = await local.request({
      method: 'GET',
      url: '/api/v1/dev/mailbox',
      remoteAddress: '198.51.100.7',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('reads a hop count or a list of proxy addresses and CIDRs, and refuses anything else', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.1, 192.168.0.0/16 ,::1,fd00::/8' }).trustProxy).toEqual(['10.0.0.1', '192.168.0.0/16', '::1', 'fd00::/8']);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBeUndefined();
    for (const bad of ['yes', 'true', '0', '-1', '1.5', '10.0.0.300', '10.0.0.0/33', 'fd00::/129', '10.0.0.1/8/8', '10.0.0.1,', 'proxy.example.com']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});

describe('HOST', () => {
  it('listens only on this machine while PUBLIC_URL is this machine, on every interface otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:8080' }).host).toBe('127.0.0.1');
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' }).host).toBe('127.0.0.1');
    expect(loadConfig({ PUBLIC_URL: 'http://[::1]:3000' }).host).toBe('::1');
    expect(loadConfig({ PUBLIC_URL: 'https://atrium.example.com' }).host).toBe('0.0.0.0');
    expect(loadConfig({ PUBLIC_URL: 'http://192.168.1.10:3000' }).host).toBe('0.0.0.0');
    expect(loadConfig({ PUBLIC_URL: 'https://atrium.example.com', HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
});

describe('the dev mailbox', () => {
  const mailbox = (ctx: TestContext, opts: { cookie?: string; remoteAddress?: string; forwardedFor?: string } = {}) =>
    ctx.request({
      method: 'GET',
      url: '/api/v1/dev/mailbox',
      cookie: opts.cookie,
      remoteAddress: opts.remoteAddress,
      headers: opts.forwardedFor ? { 'x-forwarded-for': opts.forwardedFor } : {},
    });

  it('is closed on a public URL: 401 signed out, 403 to anyone but an owner, 200 to the owner', async () => {
    const ctx = await context(); // PUBLIC_URL http://atrium.test, the client on 127.0.0.1
    const org = await setupOrganization(ctx);
    expect((await askCode(ctx, org.ownerEmail, '203.0.113.5')).statusCode).toBe(202);
    await ctx.deliver();

    const signedOut = await mailbox(ctx);
    expect(signedOut.statusCode).toBe(401);
    expect(signedOut.body).not.toContain(org.ownerEmail);

    const granted = await ctx.request({
      method: 'POST',
      url: '/api/v1/administrators',
      cookie: org.ownerCookie,
      payload: { email: 'ada@x.test', firstName: 'Ada', locationId: null, permissions: ['customers', 'settings', 'reception'] },
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const admin = await mailbox(ctx, { cookie: await signIn(ctx, 'ada@x.test') });
    expect(admin.statusCode).toBe(403);
    expect(admin.body).not.toContain(org.ownerEmail);

    const owner = await mailbox(ctx, { cookie: org.ownerCookie });
    expect(owner.statusCode).toBe(200);
    expect((owner.json().messages as { to: string }[]).map((m) => m.to)).toContain(org.ownerEmail);
  });

  it('is closed to the owner of one organization on an installation shared with others', async () => {
    const ctx = await context();
    const org = await setupOrganization(ctx);
    const rival = await setupOrganization(ctx, 'Rival Rooms', 'rival@rival.test');
    // the rival would otherwise read our owner's sign-in code here and sign in as them
    expect((await mailbox(ctx, { cookie: rival.ownerCookie })).statusCode).toBe(403);
    expect((await mailbox(ctx, { cookie: org.ownerCookie })).statusCode).toBe(403);
  });

  it('is open on a loopback URL to loopback clients only, also behind a local proxy', async () => {
    for (const publicUrl of ['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000']) {
      const ctx = await context({ publicUrl });
      for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1'])
        expect((await mailbox(ctx, { remoteAddress })).statusCode, `${publicUrl} ${remoteAddress}`).toBe(200);
      for (const remoteAddress of ['192.168.1.20', '::ffff:192.168.1.20', '2001:db8::1'])
        expect((await mailbox(ctx, { remoteAddress })).statusCode, `${publicUrl} ${remoteAddress}`).toBe(401);
    }
    // a proxy on this machine: the client it forwards decides
    const proxied = await context({ publicUrl: 'http://127.0.0.1:3000', trustProxy: ['127.0.0.1'] });
    expect((await mailbox(proxied, { remoteAddress: '127.0.0.1', forwardedFor: '203.0.113.5' })).statusCode).toBe(401);
    expect((await mailbox(proxied, { remoteAddress: '127.0.0.1', forwardedFor: '127.0.0.1' })).statusCode).toBe(200);
  });
});

describe('POST /api/v1/auth/code', () => {
  const TABLES = ['code_requests', 'sign_in_codes', 'outbox'] as const;
  async function counts(ctx: TestContext): Promise<Record<(typeof TABLES)[number], number>> {
    const out = {} as Record<(typeof TABLES)[number], number>;
    for (const t of TABLES)
      out[t] = Number(
        (
          await ctx.db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return out;
  }
  async function delta(ctx: TestContext, email: string) {
    const before = await counts(ctx);
    const res = await askCode(ctx, email, '203.0.113.5');
    const after = await counts(ctx);
    return { status: res.statusCode, body: res.json(), written: Object.fromEntries(TABLES.map((t) => [t, after[t] - before[t]])) };
  }

  it('answers and writes the same for a known and an unknown email; only the mail is skipped', async () => {
    const ctx = await context();
    const org = await setupOrganization(ctx);
    const known = await delta(ctx, org.ownerEmail);
    const unknown = await delta(ctx, 'nobody@x.test');
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(unknown.status);
    expect(known.body).toEqual(unknown.body);
    expect(known.written).toEqual({ code_requests: 1, sign_in_codes: 1, outbox: 1 });
    expect(unknown.written).toEqual({ code_requests: 1, sign_in_codes: 1, outbox: 0 });

    // what the unknown email stored matches no 6-digit code at all, so it can never sign anyone in
    const row = await ctx.db.selectFrom('sign_in_codes').select(['code_hash', 'used_at']).where('email', '=', 'nobody@x.test').executeTakeFirstOrThrow();
    expect(row.used_at).toBeNull();
    for (let n = 0; n < 1_000_000; n++) {
      if (hashCode('nobody@x.test', n.toString().padStart(6, '0')) === row.code_hash) throw new Error(`code ${n} matches the unknown email's row`);
    }
  });
});
