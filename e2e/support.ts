// Browser-test support: the real server (`atrium start`) in a child process on a fresh database, and headless Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect, test, type TestContext } from 'vitest';
import { createPostgresDatabase } from '../src/server/testing/postgres.js';
import { expectNoAccessibilityViolations, logAxeFindingsTo, setAxeStory, watchAccessibility } from './axe.js';
import { type Browser, CHROMIUM_PATH, launchBrowser } from './chromium.js';

export { type Browser, CHROMIUM_PATH, launchBrowser };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Screenshots and server logs; .tmp/ is ignored by git. */
export const ARTIFACTS = path.join(ROOT, '.tmp', 'e2e-artifacts');

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

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** the file that keeps everything the server printed, in .tmp/e2e-artifacts */
  logFile: string;
  /** everything the server printed so far (stdout and stderr) */
  output(): string;
  /** the link printed at first start ("First run: open this link ..."), waiting for it to be printed */
  setupLink(timeoutMs?: number): Promise<string>;
  /**
   * Runs `atrium sweep --at <at>` on the server's database, as an operator would from a shell beside the running
   * server: the scheduled rules once, as if it were that time (the server's own clock stays real). Returns what the
   * command printed (`{at, sweeps: {name: count}, mailSent, mailFailed}`).
   */
  sweep(at: Date): Promise<{ at: string; sweeps: Record<string, number>; mailSent: number; mailFailed: number }>;
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
  const database = process.env.DATABASE_URL ? await createPostgresDatabase(process.env.DATABASE_URL, 'atrium_e2e') : undefined;
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
    logFile,
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
    sweep: (at) => sweepAt(env, at),
  };
}

/** `node bin/atrium.js sweep --at ISO` with the server's environment; its one line of JSON, or an error with its output. */
function sweepAt(
  env: Record<string, string | undefined>,
  at: Date,
): Promise<{ at: string; sweeps: Record<string, number>; mailSent: number; mailFailed: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'atrium.js'), 'sweep', '--at', at.toISOString()], {
      cwd: ROOT,
      env: { ...env, LOG_LEVEL: 'warn' } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('{"at"'));
      if (code !== 0 || !line) reject(new Error(`atrium sweep --at ${at.toISOString()} exited with ${code}:\n${out}`));
      else resolve(JSON.parse(line));
    });
  });
}

/** A fresh browser (launchBrowser) and its first tab, whose console errors and failed requests go to `problems`. */
/** A browser and its first tab; the tab's problems go to `problems` when given (to share one list). */
export async function launchBrowserWithPage(
  problems?: string[],
  opts: { locale?: string; timezoneId?: string } = {},
): Promise<{ browser: Browser; page: Page; problems: string[] }> {
  const browser = await launchBrowser(opts);
  // Every page of the browser is checked by axe-core (e2e/axe.ts), those the story opens later too.
  browser.context.on('page', watchAccessibility);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  watchAccessibility(page);
  return { browser, page, problems: recordPageProblems(page, problems) };
}

/** Screenshots of every open page, named after the failed test, into .tmp/e2e-artifacts. */
export async function screenshotPages(context: BrowserContext | undefined, testName: string): Promise<string[]> {
  if (!context) return [];
  const base =
    testName
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'failure';
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
/** Records the page's console errors, page errors and failed requests into `problems` (a new list by default). */
export function recordPageProblems(page: Page, problems: string[] = []): string[] {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  // A request that a navigation or a reload cut short (net::ERR_ABORTED) is the browser's doing, not the app's: a
  // failed answer still shows as a console error with its status.
  page.on('requestfailed', (req) => {
    const error = req.failure()?.errorText ?? '';
    if (!error.includes('net::ERR_ABORTED')) problems.push(`request failed: ${req.method()} ${req.url()} ${error}`);
  });
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

/**
 * The steps of a story, as tests: each step needs the ones before it, so after a failure the rest are skipped, not
 * failed again. `onFailure` runs for the step that failed (screenshots, what the browser and the server said). A step
 * also fails on a critical or serious accessibility violation found by axe-core in any page it acted on or left open
 * (e2e/axe.ts); every finding goes to .tmp/e2e-artifacts/axe-findings.jsonl.
 */
export function stepsInOrder(onFailure: (name: string) => Promise<void>): (name: string, fn: () => Promise<void>) => void {
  let broken = false;
  return (name, fn) => {
    test(name, async (ctx: TestContext) => {
      if (broken) ctx.skip();
      ctx.onTestFailed(async () => {
        broken = true;
        await onFailure(name);
      });
      setAxeStory(`${path.basename(expect.getState().testPath ?? '')}: ${name}`);
      logAxeFindingsTo(artifact('axe-findings.jsonl'));
      await fn();
      await expectNoAccessibilityViolations();
    });
  };
}

/** Prints the browser problems recorded so far and the end of the server's output, to explain a failed step. */
export function printFailureContext(server: RunningServer | undefined, problems: string[]): void {
  if (problems.length) console.error(`browser problems so far:\n  ${problems.join('\n  ')}`);
  const logFile = server ? ` (also in ${path.relative(ROOT, server.logFile)})` : '';
  console.error(`server output${logFile}:\n${server?.output().slice(-4000)}`);
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A form field by its label, whether or not the label carries the required-field asterisk. */
export function field(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${escapeRegExp(label)}\\s*\\*?$`));
}

export interface Person {
  email: string;
  firstName: string;
  lastName: string;
}

export interface OrganizationSetup {
  organization: string;
  location: string;
  address: string;
  owner: Person;
  /** try the country and currency pickers before settling on France and euros */
  exercisePickers?: boolean;
  /** a screenshot of the filled form, before it is sent */
  screenshot?: string;
}

/** Picks an option of a searchable Mantine Select by typing part of its name. */
export async function pick(scope: Page | Locator, page: Page, label: RegExp, search: string, option: string): Promise<void> {
  const box = scope.getByRole('combobox', { name: label });
  await box.click();
  await box.fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * Opens the setup link the server printed and fills the setup form as a person would: the organization, its first
 * location and its owner; then presses "Create organization". The browser is English (en-US) on a Paris clock, so
 * the defaults must agree with the clock: Europe/Paris, France, euros. With `exercisePickers`, the country and
 * currency pickers are tried first (the currency follows the country until picked), then set back to France and euros.
 */
export async function setUpOrganizationInBrowser(page: Page, server: RunningServer, setup: OrganizationSetup): Promise<void> {
  await page.goto(await server.setupLink());
  await page.getByRole('heading', { name: 'Set up Atrium' }).waitFor();
  await field(page, 'Organization name').fill(setup.organization);
  await field(page, 'Location name').fill(setup.location);
  await field(page, 'Address').fill(setup.address);
  const value = (label: RegExp) => page.getByRole('combobox', { name: label }).inputValue();
  await expect.poll(() => value(/^Time zone/)).toBe('Europe/Paris');
  await expect.poll(() => value(/^Country/)).toBe('France');
  await expect.poll(() => value(/^Currency/)).toBe('Euro (EUR)');
  if (setup.exercisePickers) {
    await pick(page, page, /^Country/, 'switz', 'Switzerland');
    await expect.poll(() => value(/^Currency/)).toBe('Swiss Franc (CHF)');
    await pick(page, page, /^Currency/, 'EUR', 'Euro (EUR)');
    // picked by the person: the currency no longer follows the country
    await pick(page, page, /^Country/, 'united kingdom', 'United Kingdom');
    await expect.poll(() => value(/^Currency/)).toBe('Euro (EUR)');
    await pick(page, page, /^Country/, 'France', 'France');
  }
  await field(page, 'Owner email').fill(setup.owner.email);
  await field(page, 'Owner first name').fill(setup.owner.firstName);
  await field(page, 'Owner last name').fill(setup.owner.lastName);
  if (setup.screenshot) await shot(page, setup.screenshot);
  await page.getByRole('button', { name: 'Create organization' }).click();
}

/**
 * A JSON call to the API as the person signed in in `page`'s browser: its session cookie (a cookie the answer sets
 * is kept by the browser), and the Origin the server requires of writes, as the web apps send them.
 */
export async function callApi<T = unknown>(
  page: Page,
  server: RunningServer,
  method: string,
  path: string,
  data?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await page.request.fetch(`${server.url}/api/v1${path}`, { method, data, headers: { Origin: server.url } });
  return { status: res.status(), body: (await res.json().catch(() => undefined)) as T };
}

/** callApi that insists on the answer's status and returns its body. */
export async function callApiExpecting<T = unknown>(
  page: Page,
  server: RunningServer,
  status: number,
  method: string,
  path: string,
  data?: unknown,
): Promise<T> {
  const res = await callApi<T>(page, server, method, path, data);
  if (res.status !== status) throw new Error(`${method} ${path} answered ${res.status}, not ${status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** What first-run setup asks for, as the e2e stories fill it in through the API. */
export interface SetupPlace {
  organizationName: string;
  locationName: string;
  address: string;
  timeZone: string;
  currency: string;
  country: string;
  owner: { email: string; firstName: string; lastName: string };
}

/**
 * First-run setup through the API with the printed setup link, signed in as the new owner in `page` (the setup
 * answer sets the session cookie); returns the id of the location it created.
 */
export async function setUpByApi(page: Page, server: RunningServer, place: SetupPlace): Promise<string> {
  const link = new URL(await server.setupLink());
  await page.goto(`${server.url}/admin/`);
  const { owner, ...rest } = place;
  await callApiExpecting(page, server, 201, 'POST', '/setup', {
    token: link.searchParams.get('token'),
    ...rest,
    ownerEmail: owner.email,
    ownerFirstName: owner.firstName,
    ownerLastName: owner.lastName,
  });
  const { items } = await callApiExpecting<{ items: { id: string; name: string }[] }>(page, server, 200, 'GET', '/locations');
  return items.find((l) => l.name === place.locationName)!.id;
}

/**
 * Opens, on the Mailbox page in `page`, the newest message to `email` whose subject contains `subject`, as a person
 * would read it, and returns the message's plain text; the message stays open.
 */
export async function openMail(page: Page, server: RunningServer, email: string, subject: string): Promise<string> {
  if (!page.url().includes('/admin/mailbox')) await page.goto(`${server.url}/admin/mailbox`);
  const heading = page.getByRole('heading', { name: 'Mailbox' });
  const signIn = page.getByRole('button', { name: 'Send code' });
  await heading.or(signIn).first().waitFor();
  if (!(await heading.isVisible())) {
    throw new Error(`the Mailbox page asks a signed-out visitor to sign in (now at ${page.url()}), so the message cannot be read there`);
  }
  // The dispatcher delivers within about 2 seconds and the page refreshes itself every 3; the newest is listed first.
  const item = page.getByTestId('mailbox-message').filter({ hasText: email }).filter({ hasText: subject }).first();
  await expect.poll(() => item.count(), { timeout: 30_000, interval: 500 }).toBeGreaterThan(0);
  await item.click();
  const message = page.getByRole('article');
  await expect.poll(() => message.innerText()).toContain(`To: ${email}`);
  await expect.poll(() => message.getByRole('heading', { level: 2 }).innerText()).toContain(subject);
  return message.innerText();
}

/**
 * A freshly invited person activates their account: the "Activate my account" link of their newest invitation to
 * `email` with that subject is read on the Mailbox page in `reader` (an owner's page) and opened in `page` (the
 * person's own browser), which lands signed in on the portal's home. Answers the link.
 */
export async function activateMember(reader: Page, server: RunningServer, email: string, subject: string, page: Page): Promise<string> {
  const body = await openMail(reader, server, email, subject);
  expect(body).toContain('Activate my account:');
  const href = await reader
    .getByRole('article')
    .getByRole('link', { name: /\/activate\// })
    .getAttribute('href');
  if (!href?.startsWith(`${server.url}/activate/`)) throw new Error(`no activation link in the message:\n${body}`);
  await page.goto(href);
  await page.getByRole('heading', { name: 'My locations', level: 1 }).waitFor();
  return href;
}

/** The 6-digit code of the newest message to `email` with that subject, read on the Mailbox page in `page`. */
export async function codeFromMailbox(page: Page, server: RunningServer, email: string, subject: string): Promise<string> {
  const body = await openMail(page, server, email, subject);
  const code = codeIn(body.slice(body.indexOf(subject) + subject.length));
  if (!code) throw new Error(`no 6-digit code in the message:\n${body}`);
  return code;
}

/** A picture of the page as a person sees it, into .tmp/e2e-artifacts (notifications hidden: they come and go). */
export async function shot(p: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await p.waitForTimeout(400);
  await p.screenshot({ path: artifact(name), fullPage, style: '.mantine-Notifications-root { display: none !important; }' });
}

/**
 * Nothing wider than the phone: no sideways scrolling; with `labels`, also no label of the bottom navigation or of a
 * button cut off.
 */
export async function expectNoSidewaysScroll(p: Page, { labels = false } = {}): Promise<void> {
  const { scrollWidth, innerWidth } = await p.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  if (!labels) return;
  const cut = await p.evaluate(() =>
    Array.from(document.querySelectorAll('footer nav a, .mantine-Button-label'))
      .filter((element) => element.scrollWidth > element.clientWidth + 1)
      .map((element) => element.textContent),
  );
  expect(cut).toEqual([]);
}
