// Network pages in Chromium against the real server: the owner finds a person on the Users page by searching,
// blacklists them after a confirmation with a reason and sees the mark; the Usage page draws its 12-month chart,
// counts the member who holds a subscription and shows the numbers as a table.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import {
  callApiExpecting,
  expectNoSidewaysScroll,
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
const ANA = { firstName: 'Ana', lastName: 'Alves', email: 'ana.alves@example.com' };
const BEN = { firstName: 'Ben', lastName: 'Berg', email: 'ben.berg@example.com' };

let server: RunningServer;
let ownerBrowser: Browser;
let owner: Page;
let problems: string[] = [];
let locationId = '';

const step = stepsInOrder(async (name) => {
  await screenshotPages(ownerBrowser?.context, `${name} owner`);
  printFailureContext(server, problems);
});

const ownerApiOk = <T = unknown>(method: string, path: string, body: unknown, status: number) => callApiExpecting<T>(owner, server, status, method, path, body);

describe('network: the Users page with its blacklist switch, and the Usage page', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'users-server' });
    ({ browser: ownerBrowser, page: owner, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    await ownerBrowser?.close();
    await server?.stop();
  });

  step('setup (API): a location, a member with a subscription from today, a nonmember', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Canal Coworking',
      locationName: LOCATION,
      address: '12 quai de Valmy, Paris',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      owner: OWNER,
    });
    const ana = (await ownerApiOk<{ customer: { id: string } }>('POST', `/locations/${locationId}/invitations`, ANA, 201)).customer.id;
    await ownerApiOk('POST', `/locations/${locationId}/nonmembers`, BEN, 201);
    const plan = (await ownerApiOk<{ plan: { id: string } }>('POST', `/locations/${locationId}/plans`, { name: 'Hot desk', price: 15000, cycle: 'month' }, 201))
      .plan.id;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    await ownerApiOk('POST', `/locations/${locationId}/subscriptions`, { customerId: ana, planId: plan, startDate: today }, 201);
  });

  step('the owner finds Ana on the Users page, blacklists her after confirming with a reason, and sees the mark', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}`);
    await owner.getByRole('navigation').getByRole('link', { name: 'Users', exact: true }).click();
    await owner.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    const table = owner.getByTestId('users-table');
    await table.getByText(OWNER.email).waitFor();
    await owner.getByRole('searchbox', { name: 'Search' }).fill('alves');
    await expect.poll(() => table.getByTestId('user-row').count()).toBe(1);
    const row = table.getByTestId('user-row').filter({ hasText: ANA.email });
    await expect.poll(() => row.innerText()).toContain(LOCATION);
    expect(owner.url()).toContain('q=alves');

    await row.getByRole('switch', { name: 'Blacklist Ana Alves' }).click({ force: true });
    const dialog = owner.getByRole('dialog', { name: 'Blacklist Ana Alves?' });
    await dialog.getByText(`${ANA.email} will be signed out now`).waitFor();
    await dialog.getByRole('textbox', { name: /^Reason/ }).fill('Left without paying');
    await shot(owner, 'users-blacklist-confirm.png', { fullPage: false });
    await dialog.getByRole('button', { name: 'Blacklist' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByTestId('blacklisted-mark').waitFor();
    expect(await row.getByRole('switch', { name: 'Blacklist Ana Alves' }).isChecked()).toBe(true);
    const { items } = await ownerApiOk<{ items: { email: string; reason: string }[] }>('GET', '/blacklist', undefined, 200);
    expect(items).toEqual([expect.objectContaining({ email: ANA.email, reason: 'Left without paying' })]);
    // the same email again, typed in "Blacklist an email": the page says it is already there
    await owner.getByRole('button', { name: 'Blacklist an email' }).click();
    const add = owner.getByRole('dialog', { name: 'Blacklist an email' });
    await add.getByRole('textbox', { name: /^Email/ }).fill(ANA.email);
    await add.getByRole('button', { name: 'Blacklist' }).click();
    await add.getByText('This email is already on the blacklist.').waitFor();
    await add.getByRole('button', { name: 'Cancel' }).click();
    await add.waitFor({ state: 'hidden' });
    await expectNoSidewaysScroll(owner);
    await shot(owner, 'users.png');
  });

  step('the Usage page draws its chart, counts Ana once, and shows the numbers as a table', async () => {
    await owner.getByRole('navigation').getByRole('link', { name: 'Usage', exact: true }).click();
    await owner.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
    const chart = owner.getByTestId('usage-chart');
    await chart.locator('svg.recharts-surface').first().waitFor();
    await expect.poll(() => chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await expect.poll(() => owner.getByTestId('usage-total').innerText()).toBe('1');
    await owner.getByTestId('usage-people').getByText(ANA.email).waitFor();
    await expect.poll(() => owner.getByTestId('usage-people').innerText()).toContain('Subscription');
    await shot(owner, 'usage.png');
    await owner.getByRole('button', { name: 'Show the numbers as a table' }).click();
    await expect.poll(() => owner.getByTestId('usage-months-table').locator('tbody tr').count()).toBe(12);
  });
});
