// The outbox and its dispatcher: the mailbox, real SMTP (smtp-server + mailparser), outages,
// retries, a crash after SMTP acceptance, two dispatchers on one PostgreSQL database, sweeps.
import net, { type AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweeps } from '../../modules/index.js';
import { openDatabase, type DbHandle } from '../../db/database.js';
import { codeMail } from '../../modules/auth/service.js';
import { dispatcherDeps } from '../../runtime.js';
import {
  codeFrom,
  createTestContext,
  freshDatabase,
  PUBLIC_URL,
  setupOrganization,
  T0,
  type Org,
  type TestContext,
  type TestDb,
} from '../../testing/harness.js';
import { FixedClock, HOUR, MINUTE } from '../clock.js';
import { runSweeps, type Sweep } from '../sweeps.js';
import { backoffMs, dispatchDue, MAX_ATTEMPTS, type DispatcherDeps } from './dispatcher.js';
import { renderLayout } from './layout.js';
import { enqueueMail } from './outbox.js';
import { smtpTransport, type MailTransport } from './transports.js';

const onPostgres = Boolean(process.env.DATABASE_URL);
const MESSAGE_ID = /^<[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@atrium\.test>$/;

interface Received {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

interface Smtp {
  port: number;
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that parses what it receives. */
async function startSmtp(port = 0): Promise<Smtp> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (m) => {
          received.push({
            messageId: m.messageId ?? '',
            to: m.to && !Array.isArray(m.to) ? m.to.text : '',
            subject: m.subject ?? '',
            text: m.text ?? '',
            html: typeof m.html === 'string' ? m.html : '',
          });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}?tls=off`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port on which nothing listens (for now). */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function countBy<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
}

/** Queues `n` messages straight into the outbox, as a module would inside its transaction. */
async function queue(db: TestContext['db'], now: Date, n: number, prefix = 'person'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      await enqueueMail(db, now, PUBLIC_URL, {
        organizationId: null,
        to: `${prefix}${i}@mail.test`,
        subject: `Message ${i}`,
        ...renderLayout('en', { greeting: `Hi ${prefix} ${i},`, paragraphs: [`This is message number ${i}.`] }),
      }),
    );
  }
  return ids;
}

function outboxRows(ctx: TestContext) {
  return ctx.db.selectFrom('outbox').selectAll().orderBy('created_at').orderBy('id').execute();
}

async function askCode(ctx: TestContext, email: string) {
  const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email } });
  expect(res.statusCode).toBe(202);
}

describe('mailbox transport', () => {
  let ctx: TestContext;
  let org: Org;
  beforeEach(async () => {
    ctx = await createTestContext();
    org = await setupOrganization(ctx);
  });
  afterEach(() => ctx.close());

  it('delivers a sign-in code mail and keeps its bodies, with a stable Message-ID', async () => {
    await askCode(ctx, org.ownerEmail);
    const [queued] = await outboxRows(ctx);
    expect(queued).toMatchObject({ status: 'pending', attempts: 0, to_address: org.ownerEmail, subject: 'Your Atrium sign-in code' });
    expect(queued.message_id).toBe(`<${queued.id}@atrium.test>`);
    expect(queued.message_id).toMatch(MESSAGE_ID);

    expect(await ctx.deliver()).toEqual({ sent: 1, failed: 0 });
    const [row] = await outboxRows(ctx);
    expect(row.status).toBe('sent');
    expect(row.sent_at).not.toBeNull();
    expect(row.claimed_until).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.message_id).toBe(queued.message_id);
    expect(row.text_body).toBe(queued.text_body);
    expect(row.html_body).toBe(queued.html_body);

    // a second pass sends nothing more
    expect(await ctx.deliver()).toEqual({ sent: 0, failed: 0 });
  });

  it('renders HTML and text twins from the one layout', async () => {
    await askCode(ctx, org.ownerEmail);
    const [mail] = await ctx.mailTo(org.ownerEmail);
    const code = codeFrom(mail.text);
    const expected = codeMail('en', code, 'Olivia', 'Your code to sign in to Atrium is:');
    expect(mail.text).toBe(expected.text);
    expect(mail.html).toBe(expected.html);
    for (const part of ['Hi Olivia,', code, 'It works once, for 10 minutes.']) {
      expect(mail.text).toContain(part);
      expect(mail.html).toContain(part);
    }
    expect(mail.html).toMatch(/^<!doctype html>/);
    expect(mail.text).toMatch(/\n-- \nAtrium\n$/);
  });

  it('escapes HTML in the layout but not in the text twin', () => {
    const m = renderLayout('en', {
      greeting: 'Hi <Zoë> & co,',
      paragraphs: ['"quoted"'],
      button: { label: 'Open', url: 'http://atrium.test/a?x=1&y=2' },
      footer: 'Small print',
    });
    expect(m.html).toContain('Hi &lt;Zoë&gt; &amp; co,');
    expect(m.html).toContain('href="http://atrium.test/a?x=1&amp;y=2"');
    expect(m.html).not.toContain('<Zoë>');
    expect(m.text).toContain('Hi <Zoë> & co,');
    expect(m.text).toContain('Open: http://atrium.test/a?x=1&y=2');
    expect(m.text).toContain('Small print');
  });

  it('delivers queued mail in queue order, so the newest code is the newest message', async () => {
    await askCode(ctx, org.ownerEmail);
    await askCode(ctx, org.ownerEmail);
    await askCode(ctx, org.ownerEmail);
    expect(await ctx.deliver()).toEqual({ sent: 3, failed: 0 });
    const rows = await outboxRows(ctx);
    const sentOrder = [...rows].sort((a, b) => a.sent_at!.localeCompare(b.sent_at!)).map((r) => r.id);
    expect(sentOrder).toEqual(rows.map((r) => r.id));
    const res = await ctx.request({ method: 'GET', url: '/api/v1/dev/mailbox', cookie: org.ownerCookie }); // PUBLIC_URL is not loopback: owners only
    const [newest] = res.json().messages as { text: string }[];
    const signIn = await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: org.ownerEmail, code: codeFrom(newest.text) } });
    expect(signIn.statusCode).toBe(200);
  });

  it('lists delivered mail, newest first, in the dev mailbox', async () => {
    await askCode(ctx, org.ownerEmail);
    await queue(ctx.db, ctx.clock.now(), 1, 'other');
    await ctx.deliver();
    const res = await ctx.request({ method: 'GET', url: '/api/v1/dev/mailbox', cookie: org.ownerCookie }); // PUBLIC_URL is not loopback: owners only
    expect(res.statusCode).toBe(200);
    const messages = res.json().messages as { to: string; subject: string; text: string; html: string; createdAt: string; messageId: string }[];
    expect(messages.map((m) => m.to)).toEqual(['other0@mail.test', org.ownerEmail]);
    expect(messages[1].text).toContain('Your code to sign in to Atrium is:');
    expect(messages[1].html).toContain('<!doctype html>');
    expect(messages[1].messageId).toMatch(MESSAGE_ID);
  });
});

describe('SMTP transport', () => {
  let ctx: TestContext | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    await ctx?.close();
    ctx = undefined;
  });

  async function withSmtp(url: string): Promise<TestContext> {
    const transport = smtpTransport(url);
    cleanups.push(() => transport.close());
    ctx = await createTestContext({ transport });
    return ctx;
  }

  async function smtpServer(port = 0): Promise<Smtp> {
    const s = await startSmtp(port);
    // transports are closed first (reverse order), so the server has no idle connection left
    cleanups.unshift(() => s.close());
    return s;
  }

  it('delivers once, with the outbox Message-ID, and drops the body from the outbox', async () => {
    const smtp = await smtpServer();
    const c = await withSmtp(smtp.url);
    const org = await setupOrganization(c);
    await askCode(c, org.ownerEmail);
    const [queued] = await outboxRows(c);
    expect(await c.deliver()).toEqual({ sent: 1, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0];
    expect(got.messageId).toBe(queued.message_id);
    expect(got.to).toBe(org.ownerEmail);
    expect(got.subject).toBe('Your Atrium sign-in code');
    const code = codeFrom(got.text);
    expect(got.text.trimEnd()).toBe(queued.text_body!.trimEnd());
    expect(got.html).toContain(code);
    expect(got.html).toContain('<!doctype html>');

    const [row] = await outboxRows(c);
    expect(row).toMatchObject({ status: 'sent', text_body: null, html_body: null, message_id: queued.message_id, attempts: 1, last_error: null });
    expect(row.sent_at).not.toBeNull();

    // the code arrived by SMTP signs in
    const signIn = await c.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: org.ownerEmail, code } });
    expect(signIn.statusCode).toBe(200);

    expect(await c.deliver()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('has no dev mailbox route with SMTP', async () => {
    const smtp = await smtpServer();
    const c = await withSmtp(smtp.url);
    const res = await c.request({ method: 'GET', url: '/api/v1/dev/mailbox' });
    expect(res.statusCode).toBe(404);
  });

  it('keeps messages queued while the server is down and delivers all once it is back', async () => {
    const port = await freePort();
    const c = await withSmtp(`smtp://127.0.0.1:${port}?tls=off`);
    const ids = await queue(c.db, c.clock.now(), 5);

    expect(await c.deliver()).toEqual({ sent: 0, failed: 0 });
    let rows = await outboxRows(c);
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'pending', attempts: 1, claimed_until: null });
      expect(r.last_error).toBeTruthy();
      expect(r.text_body).not.toBeNull();
      expect(Date.parse(r.next_attempt_at)).toBeGreaterThan(c.clock.now().getTime());
    }

    // not due yet: nothing is tried before the backoff
    expect(await c.deliver()).toEqual({ sent: 0, failed: 0 });
    expect((await outboxRows(c)).every((r) => r.attempts === 1)).toBe(true);

    // a second failed round counts a second attempt
    c.clock.advance(backoffMs(1) + 1000);
    await c.deliver();
    rows = await outboxRows(c);
    expect(rows.every((r) => r.status === 'pending' && r.attempts === 2 && r.last_error)).toBe(true);

    const smtp = await smtpServer(port);
    c.clock.advance(backoffMs(2) + 1000);
    expect(await c.deliver()).toEqual({ sent: 5, failed: 0 });
    rows = await outboxRows(c);
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill('sent'));
    expect(rows.every((r) => r.attempts === 3 && r.last_error === null && r.text_body === null)).toBe(true);

    const byId = countBy(smtp.received, (m) => m.messageId);
    expect(byId.size).toBe(5);
    for (const r of rows) expect(byId.get(r.message_id)).toBe(1);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
  });

  it(`marks a message failed after ${MAX_ATTEMPTS} attempts and keeps it visible`, async () => {
    const port = await freePort();
    const c = await withSmtp(`smtp://127.0.0.1:${port}?tls=off`);
    const [id] = await queue(c.db, c.clock.now(), 1);
    let failed = 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const r = await c.deliver();
      failed += r.failed;
      const row = await c.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.attempts).toBe(attempt);
      expect(row.status).toBe(attempt < MAX_ATTEMPTS ? 'pending' : 'failed');
      c.clock.advance(backoffMs(attempt) + 1000);
    }
    expect(failed).toBe(1);

    // later passes leave it alone, even with the server back
    const smtp = await smtpServer(port);
    c.clock.advance(24 * HOUR);
    expect(await c.deliver()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
    const row = await c.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, to_address: 'person0@mail.test', subject: 'Message 0' });
    expect(row.last_error).toBeTruthy();
    expect(row.sent_at).toBeNull();
  });

  it('a crash after SMTP acceptance sends a message at most twice, with the same Message-ID', async () => {
    const smtp = await smtpServer();
    const c = await withSmtp(smtp.url);
    const ids = await queue(c.db, c.clock.now(), 3);

    // the first dispatcher sends the first message for real, then its process "dies":
    // the pass never goes on, so the row is never marked sent
    const inner = smtpTransport(smtp.url);
    cleanups.push(() => inner.close());
    let sends = 0;
    const dying: MailTransport = {
      name: 'smtp',
      keepsBodies: false,
      async send(m) {
        await inner.send(m);
        sends++;
        await new Promise<never>(() => {});
      },
      close: () => inner.close(),
    };
    void dispatchDue({ ...dispatcherDeps(c.deps), transport: dying });
    // accepted by the server and acknowledged to the dispatcher, which then halts
    await until('the first message to be accepted', () => smtp.received.length === 1 && sends === 1);
    let rows = await outboxRows(c);
    expect(rows.every((r) => r.status === 'sending' && r.attempts === 1)).toBe(true);

    // within the claim, another dispatcher leaves the rows alone
    expect(await c.deliver()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);

    // once the claim has expired, the rows are taken over and sent
    c.clock.advance(2 * MINUTE + 1000);
    expect(await c.deliver()).toEqual({ sent: 3, failed: 0 });
    rows = await outboxRows(c);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 2 && r.text_body === null)).toBe(true);
    expect(await c.deliver()).toEqual({ sent: 0, failed: 0 });

    const byId = countBy(smtp.received, (m) => m.messageId);
    expect(smtp.received).toHaveLength(4);
    expect(byId.size).toBe(3);
    for (const r of rows) expect(byId.get(r.message_id)).toBeLessThanOrEqual(2);
    const twice = [...byId].filter(([, n]) => n === 2);
    expect(twice).toHaveLength(1);
    expect(rows.map((r) => r.message_id)).toContain(twice[0][0]);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
  });
});

describe.skipIf(!onPostgres)('two app servers on one PostgreSQL database', () => {
  let testDb: TestDb;
  let second: DbHandle;
  let smtp: Smtp;
  const transports: MailTransport[] = [];
  beforeEach(async () => {
    testDb = await freshDatabase();
    second = openDatabase({ databaseUrl: testDb.url, poolSize: 5 });
    smtp = await startSmtp();
  });
  afterEach(async () => {
    for (const t of transports.splice(0)) await t.close();
    await smtp.close();
    await second.close();
    await testDb.drop();
  });

  function dispatcherOn(handle: DbHandle, clock: FixedClock): DispatcherDeps {
    const transport = smtpTransport(smtp.url);
    transports.push(transport);
    return { db: handle.db, dbKind: handle.kind, clock, transport, from: 'Atrium <no-reply@atrium.test>', log: pino({ level: 'silent' }) };
  }

  it('two dispatchers send each message exactly once', async () => {
    const clock = new FixedClock(T0, 1);
    const ids = await queue(testDb.handle.db, clock.now(), 50);
    const a = dispatcherOn(testDb.handle, clock);
    const b = dispatcherOn(second, clock);
    const results = await Promise.all([dispatchDue(a), dispatchDue(b), dispatchDue(a), dispatchDue(b)]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(50);

    const rows = await testDb.handle.db.selectFrom('outbox').select(['id', 'message_id', 'status', 'attempts']).execute();
    expect(rows).toHaveLength(50);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    const byId = countBy(smtp.received, (m) => m.messageId);
    expect(smtp.received).toHaveLength(50);
    for (const r of rows) expect(byId.get(r.message_id)).toBe(1);
  });

  it('a sweep running on one server makes the other skip (advisory lock)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    let runs = 0;
    const slow: Sweep = {
      name: 'slow',
      async run() {
        runs++;
        entered();
        await gate;
        return 1;
      },
    };
    const now = new Date(T0);
    const first = runSweeps(testDb.handle.db, 'postgres', [slow], now);
    await inside;
    expect(await runSweeps(second.db, 'postgres', [slow], now)).toBeNull();
    expect(await runSweeps(testDb.handle.db, 'postgres', [slow], now)).toBeNull();
    release();
    expect(await first).toEqual({ slow: 1 });
    expect(runs).toBe(1);
    // the lock goes with the transaction: the next sweep runs
    expect(await runSweeps(second.db, 'postgres', [slow], now)).toEqual({ slow: 1 });
    expect(runs).toBe(2);
  });
});

describe('sweeps', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext();
    await setupOrganization(ctx);
  });
  afterEach(() => ctx.close());

  it('two concurrent sweeps never process the same rows twice', async () => {
    for (let i = 0; i < 6; i++) await askCode(ctx, `nobody${i}@mail.test`);
    const before = await ctx.db.selectFrom('code_requests').select('id').execute();
    expect(before).toHaveLength(6);
    const later = new Date(ctx.clock.now().getTime() + 3 * HOUR);
    const results = await Promise.all([
      runSweeps(ctx.db, ctx.deps.dbKind, sweeps(ctx.deps), later),
      runSweeps(ctx.db, ctx.deps.dbKind, sweeps(ctx.deps), later),
    ]);
    const ran = results.filter((r): r is Record<string, number> => r !== null);
    expect(ran.length).toBeGreaterThan(0);
    expect(ran.reduce((n, r) => n + r['prune-code-requests'], 0)).toBe(6);
    expect(await ctx.db.selectFrom('code_requests').select('id').execute()).toHaveLength(0);
    // idempotent: once more, nothing to do
    expect(await runSweeps(ctx.db, ctx.deps.dbKind, sweeps(ctx.deps), later)).toMatchObject({ 'prune-code-requests': 0 });
  });

  it('keeps code requests still inside the throttling window', async () => {
    await askCode(ctx, 'nobody@mail.test');
    const soon = new Date(ctx.clock.now().getTime() + 30 * MINUTE);
    expect(await runSweeps(ctx.db, ctx.deps.dbKind, sweeps(ctx.deps), soon)).toMatchObject({ 'prune-code-requests': 0 });
    expect(await ctx.db.selectFrom('code_requests').select('id').execute()).toHaveLength(1);
  });
});
