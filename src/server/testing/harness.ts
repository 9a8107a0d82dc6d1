// Test harness: a freshly migrated real database per context (SQLite in memory, a SQLite file with
// SQLITE_TEST_FILE=1, or a new PostgreSQL database when DATABASE_URL is set), the app through inject, a hand-moved clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Response as InjectResponse } from 'light-my-request';
import { createPostgresDatabase } from './postgres.js';
import pino from 'pino';
import { buildApp } from '../app.js';
import { testConfig, type Config } from '../config.js';
import { migrate, openDatabase, type DbHandle } from '../db/database.js';
import type { Deps } from '../deps.js';
import { FixedClock } from '../lib/clock.js';
import { dispatchDue } from '../lib/mail/dispatcher.js';
import { mailboxTransport, type MailTransport } from '../lib/mail/transports.js';
import { dispatcherDeps } from '../runtime.js';

export const PUBLIC_URL = 'http://atrium.test';
export const ORIGIN = PUBLIC_URL;
export const T0 = '2026-11-28T09:00:00.000Z';

export interface TestDb {
  handle: DbHandle;
  url?: string;
  drop(): Promise<void>;
}

/**
 * A new, migrated database: SQLite in memory, or a fresh PostgreSQL database beside DATABASE_URL. SQLITE_TEST_FILE=1
 * puts SQLite in a file of its own, as `atrium start` does: reads then go to read-only connections beside the writer.
 */
export async function freshDatabase(): Promise<TestDb> {
  const base = process.env.DATABASE_URL;
  if (!base && process.env.SQLITE_TEST_FILE === '1') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-test-'));
    const handle = openDatabase({ sqliteFile: path.join(dir, 'atrium.sqlite') });
    await migrate(handle.db);
    return {
      handle,
      async drop() {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!base) {
    const handle = openDatabase({ sqliteFile: ':memory:' });
    await migrate(handle.db);
    return { handle, drop: () => handle.close() };
  }
  const fresh = await createPostgresDatabase(base);
  const handle = openDatabase({ databaseUrl: fresh.url, poolSize: 5 });
  await migrate(handle.db);
  return {
    handle,
    url: fresh.url,
    async drop() {
      await handle.close();
      await fresh.drop();
    },
  };
}

export interface TestContext {
  app: FastifyInstance;
  deps: Deps;
  clock: FixedClock;
  db: Deps['db'];
  /** inject with the Origin header of PUBLIC_URL, and the cookie when given */
  request(opts: InjectOptions & { cookie?: string }): Promise<InjectResponse>;
  /** delivers due mail now, as the dispatcher would */
  deliver(): Promise<{ sent: number; failed: number }>;
  /** the delivered messages to an address, newest first */
  mailTo(email: string): Promise<{ subject: string; text: string; html: string; messageId: string }[]>;
  close(): Promise<void>;
}

export async function createTestContext(
  opts: { transport?: MailTransport; config?: Partial<Config>; db?: TestDb; log?: Deps['log'] } = {},
): Promise<TestContext> {
  const testDb = opts.db ?? (await freshDatabase());
  const clock = new FixedClock(T0, 1);
  const config = testConfig({ publicUrl: PUBLIC_URL, ...opts.config });
  const deps: Deps = {
    db: testDb.handle.db,
    dbKind: testDb.handle.kind,
    clock,
    config,
    mail: opts.transport ?? mailboxTransport(),
    log: opts.log ?? pino({ level: 'silent' }),
  };
  const app = await buildApp(deps, { web: false, checkAnswers: true });
  await app.ready();
  return {
    app,
    deps,
    clock,
    db: deps.db,
    request({ cookie, headers, ...rest }) {
      return app.inject({ ...rest, headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}), ...headers } });
    },
    deliver: () => dispatchDue(dispatcherDeps(deps)),
    async mailTo(email) {
      await dispatchDue(dispatcherDeps(deps));
      const rows = await deps.db
        .selectFrom('outbox')
        .select(['subject', 'text_body', 'html_body', 'message_id', 'created_at'])
        .where('to_address', '=', email)
        .where('status', '=', 'sent')
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => ({ subject: r.subject, text: r.text_body ?? '', html: r.html_body ?? '', messageId: r.message_id }));
    },
    async close() {
      await app.close();
      if (!opts.db) await testDb.drop();
    },
  };
}

/** The session cookie ("name=value") from an inject response. */
export function sessionCookie(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : [raw];
  const c = list.find((x): x is string => typeof x === 'string' && x.startsWith('atrium_session='));
  if (!c) throw new Error('no session cookie in the response');
  return c.split(';')[0];
}

export function codeFrom(text: string): string {
  const m = /\b(\d{6})\b/.exec(text);
  if (!m) throw new Error(`no code in: ${text}`);
  return m[1];
}

export function linkFrom(text: string, pathPrefix = '/activate/'): string {
  const m = new RegExp(`https?://[^\\s]+${pathPrefix.replace(/\//g, '\\/')}[A-Za-z0-9_-]+`).exec(text);
  if (!m) throw new Error(`no ${pathPrefix} link in: ${text}`);
  return m[0];
}

export interface Org {
  organizationId: string;
  locationId: string;
  ownerEmail: string;
  ownerCookie: string;
}

/** Sets up an organization through the setup API and returns the signed-in owner. */
export async function setupOrganization(ctx: TestContext, name = 'Acme Spaces', ownerEmail = 'owner@acme.test'): Promise<Org> {
  const { prepareSetupLink, setupFromCli } = await import('../modules/setup/service.js');
  let cookie: string;
  const link = await prepareSetupLink(ctx.deps);
  const input = {
    organizationName: name,
    locationName: `${name} North Hall`,
    address: '1 Main Street',
    timeZone: 'Europe/Paris',
    currency: 'EUR',
    country: 'FR',
    ownerEmail,
    ownerFirstName: 'Olivia',
    ownerLastName: 'Owner',
  };
  if (link) {
    const token = new URL(link).searchParams.get('token')!;
    const res = await ctx.request({ method: 'POST', url: '/api/v1/setup', payload: { token, ...input } });
    if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
    cookie = sessionCookie(res);
  } else {
    const { link: signInLink } = await setupFromCli(ctx.deps, input);
    const token = signInLink.split('/link/')[1];
    const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/link', payload: { token } });
    if (res.statusCode !== 200) throw new Error(`link sign-in failed: ${res.statusCode} ${res.body}`);
    cookie = sessionCookie(res);
  }
  const locs = await ctx.request({ method: 'GET', url: '/api/v1/locations', cookie });
  const loc = (locs.json() as { items: { id: string; organizationId: string; name: string }[] }).items.find((l) => l.name === `${name} North Hall`)!;
  return { organizationId: loc.organizationId, locationId: loc.id, ownerEmail, ownerCookie: cookie };
}

/** Signs a person in through the code flow, reading the code from the mailbox. */
export async function signIn(ctx: TestContext, email: string): Promise<string> {
  const r = await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email } });
  if (r.statusCode !== 202) throw new Error(`code request failed: ${r.statusCode} ${r.body}`);
  const [mail] = await ctx.mailTo(email);
  const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, code: codeFrom(mail.text) } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return sessionCookie(res);
}

/** Invites a person to a location of `org` and activates their account through the emailed link: their session cookie and customer record. */
export async function activeMember(
  ctx: TestContext,
  org: Org,
  locationId: string,
  firstName: string,
  email: string,
): Promise<{ cookie: string; customerId: string }> {
  const invited = await ctx.request({
    method: 'POST',
    url: `/api/v1/locations/${locationId}/invitations`,
    cookie: org.ownerCookie,
    payload: { firstName, email },
  });
  if (invited.statusCode !== 201) throw new Error(`invitation failed: ${invited.statusCode} ${invited.body}`);
  const token = linkFrom((await ctx.mailTo(email)).at(-1)!.text).split('/activate/')[1];
  const cookie = sessionCookie(await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } }));
  return { cookie, customerId: invited.json().customer.id as string };
}

/**
 * The two callers a visibility rule tells apart beside a member and an administrator: a member of another location of
 * the same organization (at a new location, South Loft) and a visitor (signed in, with nothing at this organization).
 */
export async function outsiders(ctx: TestContext, org: Org): Promise<{ neighbour: string; visitor: string }> {
  const south = await ctx.request({
    method: 'POST',
    url: '/api/v1/locations',
    cookie: org.ownerCookie,
    payload: { name: 'South Loft', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
  });
  if (south.statusCode !== 201) throw new Error(`location failed: ${south.statusCode} ${south.body}`);
  const neighbour = (await activeMember(ctx, org, south.json().location.id, 'Nia', 'nia@x.test')).cookie;
  const visitor = (await setupOrganization(ctx, 'Elsewhere', 'boss@else.test')).ownerCookie;
  return { neighbour, visitor };
}

export const VISIBILITY_LEVELS = ['administrators', 'location_members', 'network_members', 'public'] as const;

/**
 * Who sees which visibility levels at `org`'s location: a visitor, a member of another location, the member whose
 * cookie is given and the owner, as [who, cookie, levels seen].
 */
export async function visibilityCallers(ctx: TestContext, org: Org, memberCookie: string): Promise<[string, string, string[]][]> {
  const { neighbour, visitor } = await outsiders(ctx, org);
  return [
    ['visitor', visitor, ['public']],
    ['member of another location', neighbour, ['network_members', 'public']],
    ['member', memberCookie, ['location_members', 'network_members', 'public']],
    ['administrator', org.ownerCookie, [...VISIBILITY_LEVELS]],
  ];
}
