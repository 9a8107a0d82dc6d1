// Webhooks (design 11.1): deliveries queued in the event's transaction, signed with Standard Webhooks
// headers and checked by the standardwebhooks package against a real HTTP receiver, retried with
// the same id, replayed, turned off after a 410 or 5 days of failures (the owner emailed), private
// URLs refused unless WEBHOOKS_ALLOW_PRIVATE=1, and each delivery sent once by parallel dispatchers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../lib/clock.js';
import { announced } from '../../lib/announcements.js';
import { createTestContext, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';
import { dispatchWebhooks, RETRY_DELAYS_MS } from './dispatcher.js';
import type { CreatedWebhook, Delivery } from './schema.js';
import { isPrivateAddress } from './url.js';

interface Hit {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local receiver: keeps every request, answers with `status(n)` for the nth one. */
async function startReceiver() {
  const hits: Hit[] = [];
  const r = {
    hits,
    status: (_n: number) => 200,
    url: '',
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      hits.push({ headers: req.headers, body });
      res.statusCode = r.status(hits.length);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return r;
}

let ctx: TestContext;
let org: Org;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeEach(async () => {
  ctx = await createTestContext({ config: { webhooksAllowPrivate: true } });
  org = await setupOrganization(ctx);
  receiver = await startReceiver();
});
afterEach(async () => {
  await receiver.close();
  await ctx.close();
});

async function makeWebhook(events: string[], url = receiver.url): Promise<CreatedWebhook> {
  const r = await ctx.request({ method: 'POST', url: '/api/v1/webhooks', cookie: org.ownerCookie, payload: { url, events } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

let seq = 0;
async function addNonmember(email = `lead${++seq}@x.test`) {
  const r = await ctx.request({
    method: 'POST',
    url: `/api/v1/locations/${org.locationId}/nonmembers`,
    cookie: org.ownerCookie,
    payload: { firstName: 'Lee', email },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().customer as { id: string; email: string };
}

async function deliveries(webhookId: string, query = ''): Promise<Delivery[]> {
  const r = await ctx.request({ method: 'GET', url: `/api/v1/webhooks/${webhookId}/deliveries${query}`, cookie: org.ownerCookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items;
}

const dispatch = () => dispatchWebhooks(ctx.deps);

describe('webhooks', () => {
  it('signs each delivery with Standard Webhooks headers that standardwebhooks verifies', async () => {
    ctx.clock.set(new Date()); // Webhook.verify allows 5 minutes between the timestamp and its own clock
    const { webhook, secret } = await makeWebhook(['customer.created']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhook).toMatchObject({ url: receiver.url, events: ['customer.created'], enabled: true });
    const listed = await ctx.request({ method: 'GET', url: '/api/v1/webhooks', cookie: org.ownerCookie });
    expect(listed.body).not.toContain(secret);

    const customer = await addNonmember('kay@x.test');
    expect(await dispatch()).toEqual({ succeeded: 1, failed: 0 });
    expect(receiver.hits).toHaveLength(1);
    const [hit] = receiver.hits;
    const payload = new Webhook(secret).verify(hit.body, hit.headers as Record<string, string>) as {
      type: string;
      timestamp: string;
      data: Record<string, unknown>;
    };
    expect(payload.type).toBe('customer.created');
    expect(payload.data).toMatchObject({ id: customer.id, email: 'kay@x.test', type: 'nonmember', locationId: org.locationId });
    expect(hit.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(hit.headers['webhook-signature']).toMatch(/^v1,/);
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(hit.body, hit.headers as Record<string, string>)).toThrow();

    const [d] = await deliveries(webhook.id);
    expect(d).toMatchObject({
      id: hit.headers['webhook-id'],
      eventType: 'customer.created',
      status: 'succeeded',
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
    });
    expect(await dispatch()).toEqual({ succeeded: 0, failed: 0 });
  });

  it('sends only the events an enabled endpoint chose', async () => {
    const invoices = await makeWebhook(['invoice.paid']);
    const all = await makeWebhook(['*']);
    const off = await makeWebhook(['customer.created']);
    expect(
      (await ctx.request({ method: 'PATCH', url: `/api/v1/webhooks/${off.webhook.id}`, cookie: org.ownerCookie, payload: { enabled: false } })).json().webhook
        .enabled,
    ).toBe(false);
    await addNonmember();
    expect(await deliveries(invoices.webhook.id)).toEqual([]);
    expect(await deliveries(off.webhook.id)).toEqual([]);
    expect((await deliveries(all.webhook.id)).map((d) => d.eventType)).toEqual(['customer.created']);
    const edited = await ctx.request({
      method: 'PATCH',
      url: `/api/v1/webhooks/${invoices.webhook.id}`,
      cookie: org.ownerCookie,
      payload: { events: ['customer.created', 'customer.removed'] },
    });
    expect(edited.json().webhook.events).toEqual(['customer.created', 'customer.removed']);
    await addNonmember();
    expect(await deliveries(invoices.webhook.id)).toHaveLength(1);
  });

  it('queues in the transaction of the change: nothing when it rolls back', async () => {
    const { webhook } = await makeWebhook(['*']);
    const event = { organizationId: org.organizationId, locationId: org.locationId, type: 'booking.created' as const, data: { id: 'b1' }, at: ctx.clock.now() };
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await announced.publish(trx, event);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await deliveries(webhook.id)).toEqual([]);
    await ctx.db.transaction().execute((trx) => announced.publish(trx, event));
    const [d] = await deliveries(webhook.id);
    expect(d).toMatchObject({ eventType: 'booking.created', status: 'pending', attempts: 0 });
    await dispatch();
    expect(JSON.parse(receiver.hits[0].body)).toEqual({ type: 'booking.created', timestamp: event.at.toISOString(), data: { id: 'b1' } });
  });

  it('retries a failed delivery on schedule with the same id, then gives up', async () => {
    const { webhook, secret } = await makeWebhook(['customer.created']);
    receiver.status = (n) => (n === 1 ? 500 : 200);
    await addNonmember();
    expect(await dispatch()).toEqual({ succeeded: 0, failed: 1 });
    let [d] = await deliveries(webhook.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    const due = Date.parse(d.nextAttemptAt!);
    // not before its time
    expect(await dispatch()).toEqual({ succeeded: 0, failed: 0 });
    ctx.clock.set(new Date(due));
    expect(await dispatch()).toEqual({ succeeded: 1, failed: 0 });
    expect(receiver.hits).toHaveLength(2);
    expect(receiver.hits[1].headers['webhook-id']).toBe(receiver.hits[0].headers['webhook-id']);
    for (const hit of receiver.hits) {
      const h = hit.headers as Record<string, string>;
      expect(h['webhook-signature']).toBe(new Webhook(secret).sign(h['webhook-id'], new Date(Number(h['webhook-timestamp']) * 1000), hit.body));
    }
    [d] = await deliveries(webhook.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 2, lastStatusCode: 200, nextAttemptAt: null });

    // always failing: 8 attempts, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h apart, then failed
    receiver.status = () => 503;
    await addNonmember();
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      expect(await dispatch()).toEqual({ succeeded: 0, failed: 1 });
      [d] = await deliveries(webhook.id);
      if (d.nextAttemptAt) {
        seen.push(Date.parse(d.nextAttemptAt));
        ctx.clock.set(new Date(d.nextAttemptAt));
      }
    }
    expect(d).toMatchObject({ status: 'failed', attempts: 8, lastStatusCode: 503, nextAttemptAt: null });
    // the clock ticks a millisecond a reading: compare to the second
    expect(seen.slice(1).map((t, i) => Math.round((t - seen[i]) / 1000) * 1000)).toEqual(RETRY_DELAYS_MS.slice(1));
  });

  it('replays a delivery with the same id', async () => {
    const { webhook } = await makeWebhook(['customer.created']);
    await addNonmember();
    await dispatch();
    const [d] = await deliveries(webhook.id);
    const replay = await ctx.request({ method: 'POST', url: `/api/v1/webhooks/${webhook.id}/deliveries/${d.id}/replay`, cookie: org.ownerCookie });
    expect(replay.statusCode, replay.body).toBe(202);
    expect(replay.json().delivery).toMatchObject({ id: d.id, status: 'pending' });
    // a second replay while the first waits is refused
    const again = await ctx.request({ method: 'POST', url: `/api/v1/webhooks/${webhook.id}/deliveries/${d.id}/replay`, cookie: org.ownerCookie });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.reason).toBe('delivery_pending');
    expect(await dispatch()).toEqual({ succeeded: 1, failed: 0 });
    expect(receiver.hits.map((h) => h.headers['webhook-id'])).toEqual([d.id, d.id]);
    expect(receiver.hits[1].body).toBe(receiver.hits[0].body);
    expect((await deliveries(webhook.id))[0]).toMatchObject({ id: d.id, status: 'succeeded', attempts: 2 });
    const unknown = await ctx.request({ method: 'POST', url: `/api/v1/webhooks/${webhook.id}/deliveries/msg_0000/replay`, cookie: org.ownerCookie });
    expect(unknown.statusCode).toBe(404);
  });

  it('turns an endpoint off after a 410 and emails the owner', async () => {
    const { webhook } = await makeWebhook(['*']);
    receiver.status = () => 410;
    await addNonmember();
    await addNonmember();
    expect(await dispatch()).toMatchObject({ succeeded: 0 });
    const hook = (await ctx.request({ method: 'GET', url: '/api/v1/webhooks', cookie: org.ownerCookie })).json().items[0];
    expect(hook).toMatchObject({ enabled: false, disabledReason: 'gone' });
    expect((await deliveries(webhook.id)).every((d) => d.status === 'failed')).toBe(true);
    const mail = await ctx.mailTo(org.ownerEmail);
    expect(mail.filter((m) => m.subject.startsWith('Webhook turned off'))).toHaveLength(1);
    expect(mail[0].text).toContain('410');
    // nothing more is queued or sent while it is off; replay waits for it to be turned on
    await addNonmember();
    expect(await deliveries(webhook.id)).toHaveLength(2);
    const d = (await deliveries(webhook.id))[0];
    const replay = await ctx.request({ method: 'POST', url: `/api/v1/webhooks/${webhook.id}/deliveries/${d.id}/replay`, cookie: org.ownerCookie });
    expect(replay.json().error.reason).toBe('webhook_disabled');
    const on = await ctx.request({ method: 'PATCH', url: `/api/v1/webhooks/${webhook.id}`, cookie: org.ownerCookie, payload: { enabled: true } });
    expect(on.json().webhook).toMatchObject({ enabled: true, disabledReason: null });
  });

  it('turns an endpoint off after 5 days of nothing but failures, in French for a French owner', async () => {
    await ctx.request({ method: 'PATCH', url: '/api/v1/me', cookie: org.ownerCookie, payload: { language: 'fr' } });
    const { webhook } = await makeWebhook(['customer.created']);
    receiver.status = () => 500;
    await addNonmember();
    await dispatch();
    ctx.clock.advance(4 * DAY);
    await addNonmember();
    await dispatch();
    expect((await ctx.request({ method: 'GET', url: '/api/v1/webhooks', cookie: org.ownerCookie })).json().items[0].enabled).toBe(true);
    ctx.clock.advance(DAY);
    await addNonmember();
    await dispatch();
    const hook = (await ctx.request({ method: 'GET', url: '/api/v1/webhooks', cookie: org.ownerCookie })).json().items[0];
    expect(hook).toMatchObject({ enabled: false, disabledReason: 'failing' });
    const mail = (await ctx.mailTo(org.ownerEmail)).filter((m) => m.subject.startsWith('Webhook désactivé'));
    expect(mail).toHaveLength(1);
    expect(mail[0].text).toContain(webhook.url);
  });

  it('forgets the failures after a success', async () => {
    await makeWebhook(['customer.created']);
    receiver.status = (n) => (n === 2 ? 200 : 500);
    await addNonmember();
    await dispatch();
    ctx.clock.advance(3 * DAY);
    await addNonmember();
    await dispatch(); // the first one's retry is due too: one of the two succeeds
    ctx.clock.advance(3 * DAY);
    await addNonmember();
    await dispatch();
    expect((await ctx.request({ method: 'GET', url: '/api/v1/webhooks', cookie: org.ownerCookie })).json().items[0].enabled).toBe(true);
  });

  it('sends each of 20 deliveries once with dispatchers running side by side', async () => {
    const { webhook } = await makeWebhook(['customer.created']);
    for (let i = 0; i < 20; i++) await addNonmember();
    const results = await Promise.all([dispatch(), dispatch(), dispatch(), dispatch(), dispatch()]);
    expect(results.reduce((n, r) => n + r.succeeded, 0)).toBe(20);
    const ids = receiver.hits.map((h) => h.headers['webhook-id']);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    const log = await deliveries(webhook.id, '?limit=15');
    expect(log).toHaveLength(15);
    expect(log.every((d) => d.status === 'succeeded' && d.attempts === 1)).toBe(true);
    const first = await ctx.request({ method: 'GET', url: `/api/v1/webhooks/${webhook.id}/deliveries?limit=15`, cookie: org.ownerCookie });
    const rest = await deliveries(webhook.id, `?limit=15&cursor=${first.json().nextCursor}`);
    expect(rest).toHaveLength(5);
    // newest first, across pages
    const all = [...log, ...rest];
    expect(all.map((d) => d.createdAt + d.id)).toEqual(
      all
        .map((d) => d.createdAt + d.id)
        .sort()
        .reverse(),
    );
  });

  it('deletes an endpoint with its log', async () => {
    const { webhook } = await makeWebhook(['*']);
    await addNonmember();
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/webhooks/${webhook.id}`, cookie: org.ownerCookie })).statusCode).toBe(204);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/webhooks', cookie: org.ownerCookie })).json().items).toEqual([]);
    expect(await ctx.db.selectFrom('webhook_deliveries').select('id').execute()).toEqual([]);
  });

  it('are the owner’s alone', async () => {
    const { webhook } = await makeWebhook(['*']);
    await ctx.request({
      method: 'POST',
      url: '/api/v1/administrators',
      cookie: org.ownerCookie,
      payload: { email: 'deputy@x.test', firstName: 'Dee', locationId: null, permissions: ['customers', 'settings'] },
    });
    const deputy = await signIn(ctx, 'deputy@x.test');
    expect((await ctx.request({ method: 'GET', url: `/api/v1/webhooks?organizationId=${org.organizationId}`, cookie: deputy })).statusCode).toBe(403);
    expect((await ctx.request({ method: 'PATCH', url: `/api/v1/webhooks/${webhook.id}`, cookie: deputy, payload: { enabled: false } })).statusCode).toBe(403);
    const rival = await setupOrganization(ctx, 'Rival Works', 'owner@rival.test');
    expect((await ctx.request({ method: 'GET', url: `/api/v1/webhooks/${webhook.id}/deliveries`, cookie: rival.ownerCookie })).statusCode).toBe(404);
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/webhooks/${webhook.id}`, cookie: rival.ownerCookie })).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: `/api/v1/webhooks?organizationId=${org.organizationId}`, cookie: rival.ownerCookie })).statusCode).toBe(
      404,
    );
  });
});

describe('webhook URLs', () => {
  it('refuses private, loopback and link-local addresses and plain http unless WEBHOOKS_ALLOW_PRIVATE=1', async () => {
    const strict = await createTestContext({ db: undefined });
    try {
      const owner = await setupOrganization(strict);
      const post = (url: string) => strict.request({ method: 'POST', url: '/api/v1/webhooks', cookie: owner.ownerCookie, payload: { url, events: ['*'] } });
      for (const [url, reason] of [
        ['http://hooks.example.com/in', 'webhook_url_not_https'],
        ['ftp://hooks.example.com/in', 'webhook_url_not_https'],
        ['https://user:pw@hooks.example.com/in', 'webhook_url_not_https'],
        ['https://127.0.0.1/in', 'webhook_url_private'],
        ['https://10.1.2.3/in', 'webhook_url_private'],
        ['https://192.168.1.10/in', 'webhook_url_private'],
        ['https://169.254.169.254/latest', 'webhook_url_private'],
        ['https://[::1]/in', 'webhook_url_private'],
        ['https://[::ffff:127.0.0.1]/in', 'webhook_url_private'],
        ['https://localhost/in', 'webhook_url_private'],
        [receiver.url, 'webhook_url_not_https'],
      ]) {
        const r = await post(url);
        expect(r.statusCode, url).toBe(422);
        expect(r.json().error.reason, url).toBe(reason);
      }
      expect((await post('https://hooks.example.com/in')).statusCode).toBe(201);

      // checked again when sending: an endpoint that became private (or was stored before) is not called
      await strict.db
        .insertInto('webhook_endpoints')
        .values({
          id: '00000000-0000-4000-8000-000000000001',
          organization_id: owner.organizationId,
          url: receiver.url.replace('http:', 'https:'),
          description: '',
          events: '["*"]',
          secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
          enabled: 1,
          created_at: strict.clock.now().toISOString(),
          updated_at: strict.clock.now().toISOString(),
        })
        .execute();
      await strict.request({
        method: 'POST',
        url: `/api/v1/locations/${owner.locationId}/nonmembers`,
        cookie: owner.ownerCookie,
        payload: { firstName: 'Al', email: 'al@x.test' },
      });
      const sent = await dispatchWebhooks(strict.deps);
      expect(sent.succeeded).toBe(0);
      expect(receiver.hits).toEqual([]);
      const failed = await strict.db
        .selectFrom('webhook_deliveries')
        .select(['last_error', 'status'])
        .where('endpoint_id', '=', '00000000-0000-4000-8000-000000000001')
        .execute();
      expect(failed[0].last_error).toContain('private');
    } finally {
      await strict.close();
    }
    // with the flag, a local receiver over http is fine
    expect(
      (await ctx.request({ method: 'POST', url: '/api/v1/webhooks', cookie: org.ownerCookie, payload: { url: receiver.url, events: ['*'] } })).statusCode,
    ).toBe(201);
  });

  it('knows which addresses are private', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.0.1',
      '169.254.1.1',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:10.0.0.1',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '172.32.0.1']) expect(isPrivateAddress(a), a).toBe(false);
  });
});
