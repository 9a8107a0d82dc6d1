// A graceful stop of the mail dispatcher: the message being sent goes out in full, the rest of the
// pass goes back to the queue at once (not after its claim runs out), and none is sent twice.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { dispatcherDeps } from '../../runtime.js';
import { createTestContext, PUBLIC_URL, type TestContext } from '../../testing/harness.js';
import { startDispatcher } from './dispatcher.js';
import { renderLayout } from './layout.js';
import { enqueueMail } from './outbox.js';
import { smtpTransport } from './transports.js';

let ctx: TestContext;
let server: SMTPServer;
let url: string;
const arrived: string[] = [];
const accepted: string[] = [];

beforeEach(async () => {
  arrived.length = accepted.length = 0;
  // a real SMTP server that takes a second to accept each message
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo[0]?.address ?? '';
      arrived.push(to);
      stream.resume();
      stream.on('end', () =>
        setTimeout(() => {
          accepted.push(to);
          callback();
        }, 1_000),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}?tls=off`;
  ctx = await createTestContext({ transport: smtpTransport(url) });
});
afterEach(async () => {
  await ctx.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it('finishes the message it is sending when stopped, and hands the rest of its pass back to the queue', async () => {
  const now = ctx.clock.now();
  for (let i = 0; i < 4; i++) {
    await enqueueMail(ctx.db, now, PUBLIC_URL, {
      organizationId: null,
      to: `person${i}@mail.test`,
      subject: `Message ${i}`,
      ...renderLayout('en', { greeting: `Hi ${i},`, paragraphs: ['A message.'] }),
    });
  }
  const dispatcher = startDispatcher(dispatcherDeps(ctx.deps), 10);
  const end = Date.now() + 20_000;
  while (arrived.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  expect(arrived).toHaveLength(1);
  await dispatcher.stop();
  // stop() waited for the message on the wire
  expect(accepted).toEqual(arrived);
  expect(accepted).toHaveLength(1);
  const rows = await ctx.db.selectFrom('outbox').select(['to_address', 'status', 'attempts', 'claimed_until']).orderBy('to_address').execute();
  expect(rows.filter((r) => r.status === 'sent').map((r) => r.to_address)).toEqual(accepted);
  for (const r of rows.filter((r) => r.status !== 'sent')) expect(r).toMatchObject({ status: 'pending', attempts: 0, claimed_until: null });
  // the next dispatcher sends the three others at once, each once
  await ctx.deliver();
  expect(accepted.sort()).toEqual(['person0@mail.test', 'person1@mail.test', 'person2@mail.test', 'person3@mail.test']);
}, 60_000);
