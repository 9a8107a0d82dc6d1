// The real `atrium` command as a child process: migrate, setup, sweep --at and demo, each on
// its own fresh data directory (and its own fresh PostgreSQL database when DATABASE_URL is set).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from './db/database.js';
import { enqueueMail } from './lib/mail/outbox.js';
import { renderLayout } from './lib/mail/layout.js';
import { createTestContext } from './testing/harness.js';
import { createPostgresDatabase, type FreshPostgres } from './testing/postgres.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI_URL = 'http://cli.atrium.test:8080';
const base = process.env.DATABASE_URL;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dataDir: string;
let databaseUrl: string | undefined;
let fresh: FreshPostgres | undefined;

async function createDatabase(): Promise<void> {
  if (!base) return;
  fresh = await createPostgresDatabase(base, 'atrium_cli');
  databaseUrl = fresh.url;
}

async function dropDatabase(): Promise<void> {
  await fresh?.drop();
  fresh = databaseUrl = undefined;
}

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-cli-'));
  await createDatabase();
});
afterEach(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await dropDatabase();
});

function atrium(...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ATRIUM_DATA_DIR: dataDir, PUBLIC_URL: CLI_URL, LOG_LEVEL: 'warn', PORT: '0' };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/atrium.js', ...args], { cwd: root, env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The database the CLI used, opened in this process. */
function openCliDatabase(): DbHandle {
  return databaseUrl ? openDatabase({ databaseUrl, poolSize: 2 }) : openDatabase({ sqliteFile: path.join(dataDir, 'atrium.sqlite') });
}

async function withCliDatabase<T>(fn: (h: DbHandle) => Promise<T>): Promise<T> {
  const h = openCliDatabase();
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

const setupArgs = (org: string, email: string) => [
  'setup',
  '--organization',
  org,
  '--location',
  `${org} Hall`,
  '--owner-email',
  email,
  '--owner-first-name',
  'A',
  '--time-zone',
  'Europe/Paris',
];

describe('atrium CLI', { timeout: 120_000 }, () => {
  it('migrate creates the schema and can run again', async () => {
    const first = await atrium('migrate');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Database is up to date.');
    if (!databaseUrl) expect(fs.existsSync(path.join(dataDir, 'atrium.sqlite'))).toBe(true);
    const tables = await withCliDatabase((h) => h.db.selectFrom('organizations').select('id').execute());
    expect(tables).toEqual([]);
    const again = await atrium('migrate');
    expect(again.code).toBe(0);
  });

  it('setup prints a one-time sign-in link built from PUBLIC_URL, and adds another organization when run again', async () => {
    const res = await atrium(...setupArgs('X', 'a@b.test'));
    expect(res.code).toBe(0);
    const link = /(\S+\/admin\/link\/[A-Za-z0-9_-]+)/.exec(res.stdout)?.[1];
    expect(link).toBeDefined();
    expect(link!.startsWith(`${CLI_URL}/admin/link/`)).toBe(true);
    expect(res.stdout).toContain('Organization "X" created.');

    const again = await atrium(...setupArgs('Y', 'c@d.test'));
    expect(again.code).toBe(0);

    // the printed link signs its owner in, once
    await withCliDatabase(async (handle) => {
      const orgs = await handle.db.selectFrom('organizations').select('name').orderBy('name').execute();
      expect(orgs.map((o) => o.name)).toEqual(['X', 'Y']);
      const ctx = await createTestContext({ db: { handle, drop: async () => {} }, config: { publicUrl: CLI_URL } });
      try {
        const token = link!.split('/admin/link/')[1];
        ctx.clock.set(new Date());
        const signIn = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/link', payload: { token } });
        expect(signIn.statusCode).toBe(200);
        expect(signIn.json().user).toMatchObject({ email: 'a@b.test', firstName: 'A' });
        const twice = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/link', payload: { token } });
        expect(twice.statusCode).toBe(404);
      } finally {
        await ctx.app.close();
      }
    });
  });

  it('setup with a missing or bad option exits 2 naming it', async () => {
    const missing = await atrium('setup', '--organization', 'X', '--location', 'Y', '--owner-first-name', 'A');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ownerEmail');
    const badTz = await atrium(...setupArgs('X', 'a@b.test'), '--time-zone', 'Mars/Base');
    expect(badTz.code).toBe(2);
    expect(badTz.stderr).toContain('timeZone');
  });

  it('sweep --at runs the sweeps as of that time, prints JSON and delivers due mail before exiting', async () => {
    expect((await atrium('migrate')).code).toBe(0);
    await withCliDatabase((h) =>
      enqueueMail(h.db, new Date('2026-12-31T12:00:00Z'), CLI_URL, {
        organizationId: null,
        to: 'queued@b.test',
        subject: 'Waiting',
        ...renderLayout('en', { paragraphs: ['Hello'] }),
      }),
    );

    const res = await atrium('sweep', '--at', '2027-01-01T00:00:00Z');
    expect(res.code).toBe(0);
    const last = res.stdout.trim().split('\n').pop()!;
    const out = JSON.parse(last);
    expect(out.at).toBe('2027-01-01T00:00:00.000Z');
    expect(out.sweeps).toMatchObject({ 'prune-code-requests': 0 });
    expect(out.mailSent).toBe(1);
    expect(out.mailFailed).toBe(0);

    const row = await withCliDatabase((h) => h.db.selectFrom('outbox').selectAll().where('to_address', '=', 'queued@b.test').executeTakeFirstOrThrow());
    expect(row.status).toBe('sent');
    expect(row.sent_at).toBe('2027-01-01T00:00:00.000Z');
    // the mailbox transport keeps the body so that the dev mailbox can show it
    expect(row.text_body).toContain('Hello');
  });

  it('sweep --at with a bad date fails plainly', async () => {
    const res = await atrium('sweep', '--at', 'next tuesday');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('not a date');
  });

  it('demo loads data into an empty database, and refuses a second time', async () => {
    const first = await atrium('demo');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Demo data loaded');
    expect(first.stdout).toContain(`${CLI_URL}/admin/link/`);
    const counts = await withCliDatabase(async (h) => ({
      organizations: (await h.db.selectFrom('organizations').select('id').execute()).length,
      locations: (await h.db.selectFrom('locations').select('id').execute()).length,
      customers: (await h.db.selectFrom('customers').select('id').execute()).length,
      companies: (await h.db.selectFrom('companies').select('id').execute()).length,
      administrators: (await h.db.selectFrom('administrators').select('id').execute()).length,
    }));
    expect(counts.organizations).toBe(1);
    expect(counts.locations).toBe(2);
    expect(counts.customers).toBeGreaterThanOrEqual(40);
    expect(counts.companies).toBeGreaterThan(0);
    expect(counts.administrators).toBeGreaterThan(0);

    const second = await atrium('demo');
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain('The database is not empty');
    const after = await withCliDatabase(async (h) => (await h.db.selectFrom('customers').select('id').execute()).length);
    expect(after).toBe(counts.customers);
  });

  it('an unknown command prints the usage and exits 2', async () => {
    const res = await atrium('frobnicate');
    expect(res.code).toBe(2);
    expect(res.stdout).toContain('Usage: atrium <command>');
  });
});
