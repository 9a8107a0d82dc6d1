// The production build: `node dist/server/main.js start` (compiled by `npm run build`, no tsx) on a fresh data
// directory and port (and a fresh PostgreSQL database when DATABASE_URL is set), mail to a real SMTP server in this
// process, and the smoke set over HTTP: health, first-run setup, sign-in with an emailed code, an invitation, the
// customer list and the three web shells. One server start for the whole file.
// CI runs it once more against a release build elsewhere: ATRIUM_DIST_ROOT (a folder where scripts/build-release.sh
// ran: production dependencies only) and ATRIUM_DIST_NODE (the node binary to run it with, Node 24 there).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type FreshPostgres } from './testing/postgres.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const release = process.env.ATRIUM_DIST_ROOT ? path.resolve(process.env.ATRIUM_DIST_ROOT) : undefined;
const MAIN = path.join(release ?? root, 'dist', 'server', 'main.js');
const NODE = process.env.ATRIUM_DIST_NODE ? path.resolve(process.env.ATRIUM_DIST_NODE) : process.execPath;

interface Mail {
  to: string;
  subject: string;
  text: string;
}

let smtp: SMTPServer;
const mails: Mail[] = [];
let child: ChildProcess;
let output = '';
let url = '';
let dataDir = '';
let fresh: FreshPostgres | undefined;
const cookies = new Map<string, string>();

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the server said:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A request as the web apps make it: JSON, the session cookie, and the server's own Origin on writes. */
async function api<T = Record<string, unknown>>(method: string, pathname: string, body?: unknown): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers.origin = url;
  const res = await fetch(`${url}/api/v1${pathname}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const at = pair.indexOf('=');
    cookies.set(pair.slice(0, at), pair.slice(at + 1));
  }
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

/** The pids whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        // "pid (comm) state ppid ...": the name may hold spaces, so read after its closing parenthesis
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

beforeAll(async () => {
  // a fresh build unless dist/ is already up to date with the sources (it compiles in well under a minute)
  if (!release) {
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, ['scripts/build.js', '--if-stale'], { cwd: root, timeout: 280_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`npm run build failed:\n${stdout}\n${stderr}`)) : resolve(),
      ),
    );
  }

  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (m) => {
          mails.push({ to: m.to && !Array.isArray(m.to) ? m.to.text : '', subject: m.subject ?? '', text: m.text ?? '' });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  if (process.env.DATABASE_URL) fresh = await createPostgresDatabase(process.env.DATABASE_URL, 'atrium_dist');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-dist-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // as an operator would start it: none of the test runner's variables, no NODE_OPTIONS
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(VITEST|NODE_ENV$|NODE_OPTIONS$|DATABASE_URL$|SMTP_URL$)/.test(k)) env[k] = v;
  Object.assign(env, {
    ATRIUM_DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: url,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}?tls=off`,
    LOG_LEVEL: 'warn',
    ...(fresh ? { DATABASE_URL: fresh.url } : {}),
  });
  child = spawn(NODE, [MAIN, 'start'], { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    output += c.toString();
  });
  await until('GET /api/v1/health', async () => {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    return (await fetch(`${url}/api/v1/health`).catch(() => null))?.ok || undefined;
  });
}, 300_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await fresh?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the compiled server (dist/server, plain node)', () => {
  it('runs as `node dist/server/main.js start`: no tsx loader, no child process', () => {
    const pid = child.pid!;
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    expect(argv).toEqual([NODE, MAIN, 'start']);
    const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    expect(environ.filter((e) => e.startsWith('NODE_OPTIONS='))).toEqual([]);
    expect(argv.join(' ') + environ.join(' ')).not.toMatch(/tsx/);
    expect(childrenOf(pid)).toEqual([]);
    // and what it runs is JavaScript compiled from every server source, migrations included
    const migrations = fs.readdirSync(path.join(root, 'src', 'server', 'db', 'migrations')).filter((f) => f.endsWith('.ts'));
    const compiled = fs.readdirSync(path.join(path.dirname(MAIN), 'db', 'migrations')).filter((f) => f.endsWith('.js'));
    expect(compiled).toEqual(migrations.map((f) => f.replace(/\.ts$/, '.js')));
  });

  it('answers the smoke set: health, setup, sign-in with a code, an invitation, the customer list', async () => {
    expect((await api('GET', '/health')).body).toMatchObject({ status: 'ok' });
    expect((await api('GET', '/setup')).body).toEqual({ needed: true });

    const link = new URL(await until('the setup link', () => /First run: open this link[^\n]*\n\s*(https?:\/\/\S+)/.exec(output)?.[1]));
    const owner = 'owner@dist.atrium.test';
    const setup = await api('POST', '/setup', {
      token: link.searchParams.get('token'),
      organizationName: 'Compiled Coworking',
      locationName: 'Dist House',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      ownerEmail: owner,
      ownerFirstName: 'Olive',
      ownerLastName: 'Owner',
    });
    expect(setup.status).toBe(201);

    // a fresh sign-in, with the code the server emailed through SMTP
    expect((await api('POST', '/auth/sign-out', {})).status).toBeLessThan(300);
    cookies.clear();
    expect((await api('GET', '/me')).status).toBe(401);
    expect((await api('POST', '/auth/code', { email: owner })).status).toBe(202);
    const codeMail = await until('the sign-in code', () => mails.find((m) => m.to.includes(owner)));
    const code = /\b(\d{6})\b/.exec(codeMail.text)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const signIn = await api<{ user: { email: string } }>('POST', '/auth/sign-in', { email: owner, code });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user.email).toBe(owner);

    const { body: locations } = await api<{ items: { id: string; name: string }[] }>('GET', '/locations');
    const location = locations.items.find((l) => l.name === 'Dist House')!;
    expect(location).toBeDefined();

    const member = 'member@dist.atrium.test';
    const invite = await api<{ outcome: string }>('POST', `/locations/${location.id}/invitations`, { firstName: 'Mina', lastName: 'Member', email: member });
    expect(invite.status).toBe(201);
    expect(invite.body.outcome).toBe('invited');
    await until('the invitation email', () => mails.find((m) => m.to.includes(member)));

    const customers = await api<{ items: { email: string | null }[] }>('GET', `/locations/${location.id}/customers`);
    expect(customers.status).toBe(200);
    expect(customers.body.items.map((c) => c.email)).toContain(member);
  });

  it('serves the web shells from dist/web and their hashed assets', async () => {
    for (const page of ['/', '/admin', '/admin/customers', '/reception']) {
      const res = await fetch(`${url}${page}`);
      expect(res.status, page).toBe(200);
      expect(res.headers.get('content-type'), page).toContain('text/html');
      const html = await res.text();
      const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
      expect(script, page).toBeDefined();
      const asset = await fetch(`${url}${script}`);
      expect(asset.status, script).toBe(200);
      expect((await asset.text()).length, script).toBeGreaterThan(1000); // read in full: an unread body keeps its connection busy
    }
  });
});
