// API keys and webhooks in Chromium against the real server: the owner creates an API key in Settings (its secret shown
// once, with a warning), the test uses it from outside the browser; the owner adds a webhook to a local receiver (the
// server runs with WEBHOOKS_ALLOW_PRIVATE=1), a change made with the key reaches the receiver signed, the standardwebhooks
// package verifies it, and the delivery shows as succeeded in the webhook's log.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  field,
  launchBrowserWithPage,
  printFailureContext,
  screenshotPages,
  shot,
  startServer,
  stepsInOrder,
  type Browser,
  type RunningServer,
  setUpByApi,
} from './support.js';

const OWNER = { email: 'olivia.owner@example.com', firstName: 'Olivia', lastName: 'Owner' };
const LOCATION = 'Canal Works';

let server: RunningServer;
let ownerBrowser: Browser;
let owner: Page;
let problems: string[] = [];
let locationId = '';
let apiKey = '';
let signingSecret = '';
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.end('ok');
  });
});
let receiverUrl = '';

const step = stepsInOrder(async (name) => {
  await screenshotPages(ownerBrowser?.context, `${name} owner`);
  printFailureContext(server, problems);
});

/** A call with the API key only: no cookie, no Origin, from outside the browser. */
const withKey = (method: string, path: string, body?: unknown) =>
  fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

describe('integrations: an API key shown once and used, a webhook delivered and logged', () => {
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/atrium`;
    server = await startServer({ name: 'integrations-server', env: { WEBHOOKS_ALLOW_PRIVATE: '1' } });
    ({ browser: ownerBrowser, page: owner, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    await ownerBrowser?.close();
    await server?.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  step('setup (API): an organization and its location', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Canal Coworking',
      locationName: LOCATION,
      address: '12 quai de Valmy, Paris',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      owner: OWNER,
    });
  });

  step('the owner creates an API key in Settings: the secret is shown once, with a warning', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/settings`);
    const section = owner.getByRole('region', { name: 'API keys' });
    await section.getByText('No API keys yet.').waitFor();
    await section.getByRole('button', { name: 'Create API key' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Create API key' });
    await field(dialog, 'Name').fill('CRM sync');
    await dialog.getByRole('checkbox', { name: 'Customers' }).check();
    await dialog.getByRole('button', { name: 'Create API key' }).click();
    const reveal = owner.getByRole('dialog', { name: 'Copy the secret now' });
    await reveal.getByText('This is the only time it is shown.').waitFor();
    apiKey = (await reveal.getByTestId('secret').innerText()).trim();
    expect(apiKey).toMatch(/^atr_[A-Za-z0-9_-]{43}$/);
    await reveal.getByRole('button', { name: 'Copy' }).waitFor();
    await shot(owner, 'integrations-api-key-secret.png', { fullPage: false });
    await reveal.getByRole('button', { name: 'I have copied it' }).click();
    await reveal.waitFor({ state: 'hidden' });
    const row = section.getByRole('row').filter({ hasText: 'CRM sync' });
    await expect.poll(() => row.innerText()).toContain(apiKey.slice(0, 12));
    await expect.poll(() => row.innerText()).toContain('Never');
    expect(await owner.content()).not.toContain(apiKey);
  });

  step('the key works from outside the browser, as an administrator with its permissions', async () => {
    const list = await withKey('GET', `/locations/${locationId}/customers?type=member`);
    expect(list.status).toBe(200);
    expect((await withKey('GET', `/locations/${locationId}/plans`)).status).toBe(403);
    expect((await withKey('GET', '/api-keys')).status).toBe(403);
    await owner.reload();
    const row = owner.getByRole('region', { name: 'API keys' }).getByRole('row').filter({ hasText: 'CRM sync' });
    await expect.poll(() => row.innerText()).not.toContain('Never');
  });

  step('the owner adds a webhook to a local receiver; a change made with the key is delivered signed and logged', async () => {
    const section = owner.getByRole('region', { name: 'Webhooks' });
    await section.getByText('No webhooks yet.').waitFor();
    await section.getByRole('button', { name: 'Add webhook' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Add webhook' });
    await field(dialog, 'Endpoint URL').fill(receiverUrl);
    await field(dialog, 'Description').fill('Our CRM');
    await dialog.getByRole('button', { name: 'Add webhook' }).click();
    const reveal = owner.getByRole('dialog', { name: 'Copy the secret now' });
    signingSecret = (await reveal.getByTestId('secret').innerText()).trim();
    expect(signingSecret).toMatch(/^whsec_/);
    await reveal.getByRole('button', { name: 'I have copied it' }).click();
    await section.getByText(receiverUrl).waitFor();
    await shot(owner, 'integrations-webhooks.png');

    const added = await withKey('POST', `/locations/${locationId}/nonmembers`, { firstName: 'Kay', lastName: 'Lead', email: 'kay.lead@example.com' });
    expect(added.status).toBe(201);
    await expect.poll(() => received.length, { timeout: 15_000, interval: 250 }).toBeGreaterThan(0);
    const [hit] = received;
    const event = new Webhook(signingSecret).verify(hit.body, hit.headers as Record<string, string>) as { type: string; data: { email: string } };
    expect(event.type).toBe('customer.created');
    expect(event.data.email).toBe('kay.lead@example.com');

    await section.getByRole('button', { name: `Deliveries of ${receiverUrl}` }).click();
    const log = owner.getByRole('dialog', { name: `Deliveries of ${receiverUrl}` });
    const table = log.getByTestId('delivery-log');
    await expect.poll(() => table.innerText(), { timeout: 15_000 }).toContain('customer.created');
    await expect.poll(() => table.innerText(), { timeout: 15_000 }).toContain('Succeeded');
    await expect.poll(() => table.innerText()).toContain(String(hit.headers['webhook-id']));
    await shot(owner, 'integrations-delivery-log.png', { fullPage: false });
    await log.getByRole('button', { name: `Replay ${hit.headers['webhook-id']}` }).click();
    await expect.poll(() => received.length, { timeout: 15_000, interval: 250 }).toBe(2);
    expect(received[1].headers['webhook-id']).toBe(hit.headers['webhook-id']);
  });
});
