// Transfer in Chromium against the real server: a member of Canal Works with a subscription is transferred from
// their profile to South Loft in one dialog (subscriptions canceled now, with the offboarding preview; the old record
// made a nonmember); the admin lands on the new record, whose timeline names where they came from, and the member's
// one email is South Loft's invitation.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import {
  callApiExpecting,
  launchBrowserWithPage,
  openMail,
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
const TARGET = 'South Loft';
const ANA = { firstName: 'Ana', lastName: 'Alves', email: 'ana.alves@example.com' };

let server: RunningServer;
let browser: Browser;
let owner: Page;
let problems: string[] = [];
let locationId = '';
let southId = '';
let anaId = '';

const step = stepsInOrder(async (name) => {
  await screenshotPages(browser?.context, name);
  printFailureContext(server, problems);
});

const ownerApiOk = <T = unknown>(method: string, path: string, body: unknown, status: number) => callApiExpecting<T>(owner, server, status, method, path, body);

describe('transfer: a member moved to another location from their profile', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'transfer-server' });
    ({ browser, page: owner, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  step('setup (API): two locations, a member with a monthly subscription', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Canal Coworking',
      locationName: LOCATION,
      address: '12 quai de Valmy, Paris',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      owner: OWNER,
    });
    southId = (
      await ownerApiOk<{ location: { id: string } }>('POST', '/locations', { name: TARGET, timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' }, 201)
    ).location.id;
    anaId = (await ownerApiOk<{ customer: { id: string } }>('POST', `/locations/${locationId}/invitations`, ANA, 201)).customer.id;
    const planId = (
      await ownerApiOk<{ plan: { id: string } }>(
        'POST',
        `/locations/${locationId}/plans`,
        { name: 'Hot desk', price: 25000, cycle: 'month', credits: 10, dayPasses: 0 },
        201,
      )
    ).plan.id;
    await ownerApiOk('POST', `/locations/${locationId}/subscriptions`, { customerId: anaId, planId, startDate: new Date().toISOString().slice(0, 10) }, 201);
  });

  step('the owner opens Transfer on the profile: the preview says what canceling now takes away', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/customers/${anaId}`);
    await owner.getByTestId('profile-name').getByText('Ana Alves').waitFor();
    await owner.getByRole('button', { name: 'Actions for Ana Alves' }).click();
    await owner.getByRole('menuitem', { name: 'Transfer to another location…' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Transfer Ana Alves to another location' });
    await dialog.waitFor();
    // the only other location is chosen already
    await expect.poll(() => dialog.getByRole('combobox', { name: /^Location/ }).inputValue()).toBe(TARGET);
    await dialog.getByRole('radio', { name: 'Cancel them now' }).check();
    const preview = dialog.getByTestId('transfer-preview');
    await expect.poll(() => preview.innerText()).toContain('Hot desk: canceled now');
    await expect.poll(() => preview.innerText()).toContain('10 credits expire');
    await dialog.getByRole('radio', { name: 'Make them a nonmember here' }).check();
    await expect
      .poll(() => dialog.getByTestId('transfer-summary').innerText())
      .toContain(`Ana Alves becomes a member of ${TARGET}. They become a nonmember at ${LOCATION}.`);
    await shot(owner, 'transfer-dialog.png', { fullPage: false });
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  step('the admin lands on the new record at South Loft, whose timeline names where Ana came from', async () => {
    await owner.waitForURL(new RegExp(`/admin/l/${southId}/customers/(?!${anaId})[0-9a-f-]{36}$`));
    await owner.getByText(`Ana Alves was transferred to ${TARGET}`).waitFor();
    await owner.getByTestId('profile-name').getByText('Ana Alves').waitFor();
    await expect.poll(() => owner.getByTestId('profile-status').innerText()).toBe('Invited');
    const timeline = owner.getByTestId('activities');
    await expect.poll(() => timeline.innerText()).toContain(`Transferred from ${LOCATION}`);
    await expect.poll(() => timeline.innerText()).toContain('Created as a member by a transfer');
    await shot(owner, 'transfer-new-record.png');

    await owner.goto(`${server.url}/admin/l/${locationId}/customers/${anaId}`);
    const old = owner.getByTestId('activities');
    await expect.poll(() => old.innerText()).toContain(`Transferred to ${TARGET} as a member; became a nonmember here`);
    await expect.poll(() => old.innerText()).toContain('Subscription to Hot desk canceled');

    const body = await openMail(owner, server, ANA.email, `You are invited to ${TARGET}`);
    expect(body).toContain('/activate/');
  });
});
