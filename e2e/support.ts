// Browser-test support: the real server (`atrium start`) in a child process on a fresh database, and headless Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Screenshots and server logs; .tmp/ is ignored by git. */
export const ARTIFACTS = path.join(ROOT, '.tmp', 'e2e-artifacts');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function artifact(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface FreshPostgres {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty PostgreSQL database beside DATABASE_URL (the server migrates it at start). */
async function freshPostgres(base: string): Promise<FreshPostgres> {
  const name = `atrium_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** everything the server printed so far (stdout and stderr) */
  output(): string;
  /** the link printed at first start ("First run: open this link ..."), waiting for it to be printed */
  setupLink(timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

const SETUP_LINK = /First run: open this link[^\n]*\n\s*(https?:\/\/\S+)/;

/**
 * Starts `node bin/atrium.js start` in its own process group with a fresh data directory,
 * a free port and PUBLIC_URL on 127.0.0.1, on a fresh PostgreSQL database when DATABASE_URL
 * is set, and waits for GET /api/v1/health.
 */
export async function startServer(opts: { name?: string; env?: Record<string, string | undefined> } = {}): Promise<RunningServer> {
  const name = opts.name ?? 'server';
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-e2e-'));
  const database = process.env.DATABASE_URL ? await freshPostgres(process.env.DATABASE_URL) : undefined;
  const env: Record<string, string | undefined> = {
    ...process.env,
    ATRIUM_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    DATABASE_URL: database?.url,
    SMTP_URL: undefined, // the built-in mailbox: the tests read codes from the Mailbox page
    LOG_LEVEL: 'info',
    ...opts.env,
  };
  // As a person would start it: none of the test runner's variables (NODE_ENV=test, VITEST_*).
  for (const k of Object.keys(env)) if (env[k] === undefined || k === 'NODE_ENV' || k.startsWith('VITEST')) delete env[k];

  const logFile = artifact(`${name}.log`);
  const log = fs.createWriteStream(logFile);
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin', 'atrium.js'), 'start'], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    detached: true, // its own process group, so stop() ends it and anything it started
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    log.write(chunk);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited: number | string | null = null;
  const exitPromise = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = code ?? signal ?? 'exit';
      resolve();
    }),
  );
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onParentExit = () => killGroup('SIGKILL');
  process.once('exit', onParentExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (exited === null) {
      killGroup('SIGTERM');
      await Promise.race([exitPromise, sleep(10_000)]);
      if (exited === null) {
        killGroup('SIGKILL');
        await Promise.race([exitPromise, sleep(5_000)]);
      }
    }
    process.removeListener('exit', onParentExit);
    await new Promise((r) => log.end(r));
    await database?.drop().catch((err) => console.error(`could not drop the e2e database: ${err}`));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`the server exited (${exited}) before it was healthy; its output:\n${out}`);
    }
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /api/v1/health within 90 s; its output:\n${out}`);
    }
    await sleep(200);
  }

  return {
    url,
    port,
    dataDir,
    databaseUrl: database?.url,
    output: () => out,
    async setupLink(timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const m = SETUP_LINK.exec(out);
        if (m) return m[1];
        if (Date.now() > until) throw new Error(`no setup link in the server's output:\n${out}`);
        await sleep(100);
      }
    },
    stop,
  };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile directory (removed on close). */
export async function launchBrowser(): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'Europe/Paris',
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Screenshots of every open page, named after the failed test, into .tmp/e2e-artifacts. */
export async function screenshotPages(context: BrowserContext | undefined, testName: string): Promise<string[]> {
  if (!context) return [];
  const base = testName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'failure';
  const files: string[] = [];
  for (const [i, page] of context.pages().entries()) {
    const file = artifact(`failed-${base}${i ? `-${i + 1}` : ''}.png`);
    try {
      await page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
      files.push(file);
    } catch {
      // a closed or crashed page: nothing to keep
    }
  }
  if (files.length) console.error(`screenshots of the failure: ${files.join(', ')}`);
  return files;
}

/** Console errors and failed requests of a page, kept to explain a failure. */
export function recordPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText ?? ''}`));
  return problems;
}

/** The 6-digit code in a piece of mail text ("Your code to sign in to Atrium is: 123456"). */
export function codeIn(text: string): string | null {
  return /\b(\d{6})\b/.exec(text)?.[1] ?? null;
}

/**
 * Moves every invitation link sent to `email` `hours` into the past, straight in the running server's database
 * (its SQLite file, or its PostgreSQL database): the way to try "the link opened a day later" without moving the
 * server's clock. Returns the number of links changed.
 */
export async function ageInvitations(server: RunningServer, email: string, hours: number): Promise<number> {
  const createdAt = new Date(Date.now() - hours * 3600_000).toISOString();
  const where = 'user_id in (select id from users where email = ';
  if (server.databaseUrl) {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      const result = await client.query(`update invitations set created_at = $1 where ${where}$2)`, [createdAt, email.toLowerCase()]);
      return result.rowCount ?? 0;
    } finally {
      await client.end();
    }
  }
  const { default: SQLite } = await import('better-sqlite3');
  const db = new SQLite(path.join(server.dataDir, 'atrium.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare(`update invitations set created_at = ? where ${where}?)`).run(createdAt, email.toLowerCase()).changes;
  } finally {
    db.close();
  }
}
