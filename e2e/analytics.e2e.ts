// Analytics in Chromium against the real server: a location with people, an invitation accepted, a meeting room
// booked and an invoice paid (all through the API, this month); the owner opens Analytics from the navigation, sees
// the five charts drawn with a point or bar per month, opens a chart's numbers as a table, and downloads a report.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  type Browser,
  callApiExpecting,
  launchBrowserWithPage,
  printFailureContext,
  type RunningServer,
  screenshotPages,
  shot,
  startServer,
  stepsInOrder,
  setUpByApi,
} from './support.js';

const OWNER = { email: 'olivia.owner@example.com', firstName: 'Olivia', lastName: 'Owner' };
const LOCATION = 'Canal Works';

let server: RunningServer;
let ownerBrowser: Browser;
let owner: Page;
let problems: string[] = [];
let locationId = '';

const step = stepsInOrder(async (name) => {
  await screenshotPages(ownerBrowser?.context, `${name} owner`);
  printFailureContext(server, problems);
});

const api = <T = unknown>(method: string, path: string, body: unknown, status: number) => callApiExpecting<T>(owner, server, status, method, path, body);

describe('analytics: charts from seeded data, and a report downloaded', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'analytics-server' });
    ({ browser: ownerBrowser, page: owner, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    await ownerBrowser?.close();
    await server?.stop();
  });

  step('setup (API): members, a nonmember, a room booked, an invoice paid', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Canal Coworking',
      locationName: LOCATION,
      address: '12 quai de Valmy, Paris',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      owner: OWNER,
    });
    const at = (path: string) => `/locations/${locationId}${path}`;
    const ana = (await api<{ customer: { id: string } }>('POST', at('/invitations'), { firstName: 'Ana', lastName: 'Alves', email: 'ana@example.com' }, 201))
      .customer.id;
    await api('POST', at('/invitations'), { firstName: 'Ben', email: 'ben@example.com' }, 201);
    await api('POST', at('/nonmembers'), { firstName: 'Nora', lastName: '=1+1', email: 'nora@example.com' }, 201);
    // every day open around the clock, so that a booking tomorrow fits whatever the day
    const allDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));
    await api('PATCH', at(''), { openingHours: allDay }, 200);
    const room = (await api<{ resource: { id: string } }>('POST', at('/resources'), { type: 'meeting_room', name: 'Atlas' }, 201)).resource.id;
    const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000);
    await api(
      'POST',
      at('/bookings'),
      { customerId: ana, resourceId: room, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), paymentMethod: 'free' },
      201,
    );
    const invoice = (
      await api<{ invoice: { id: string } }>(
        'POST',
        at('/invoices'),
        { customerId: ana, lines: [{ description: 'Desk', quantity: 1, unitPrice: 25_000 }] },
        201,
      )
    ).invoice.id;
    await api('POST', at(`/invoices/${invoice}/issue`), {}, 200);
    await api('POST', at(`/invoices/${invoice}/payments`), { amount: 25_000, method: 'cash' }, 201);
  });

  step('the owner opens Analytics: five charts, a point or bar for each of 12 months, numbers a click away', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/customers`);
    await owner.getByRole('navigation').getByRole('link', { name: 'Analytics' }).click();
    await owner.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
    for (const id of ['members', 'invitations', 'active-users', 'occupancy', 'money'])
      await owner.getByTestId(`chart-${id}`).locator('svg.recharts-surface').first().waitFor();
    // two lines of 12 dots (members, nonmembers)
    await expect.poll(() => owner.getByTestId('chart-members').locator('.recharts-line-dot').count()).toBe(24);
    // bars with a height this month: invitations sent (2), revenue and invoiced
    await expect.poll(() => owner.getByTestId('chart-invitations').locator('.recharts-bar-rectangle path').count()).toBeGreaterThan(0);
    await expect.poll(() => owner.getByTestId('chart-money').locator('.recharts-bar-rectangle path').count()).toBeGreaterThan(0);
    await expect.poll(() => owner.getByTestId('chart-occupancy').locator('.recharts-line-dot').count()).toBeGreaterThan(0);
    const members = owner.getByTestId('chart-members');
    await members.getByRole('button', { name: 'Show the numbers' }).click();
    const lastRow = members.getByRole('row').last();
    await expect.poll(() => lastRow.innerText()).toMatch(/2\s+1$/);
    const money = owner.getByTestId('chart-money');
    await money.getByRole('button', { name: 'Show the numbers' }).click();
    await expect.poll(() => money.getByRole('row').last().innerText()).toContain('€250.00');
    await shot(owner, 'analytics.png');
  });

  step('a report downloads as CSV with a BOM, the header and the rows, a formula neutralised', async () => {
    const reports = owner.getByTestId('custom-reports');
    await reports.getByRole('combobox', { name: 'Report' }).click();
    await owner.getByRole('option', { name: 'People' }).click();
    const href = await reports.getByTestId('report-download').getAttribute('href');
    expect(href).toMatch(new RegExp(`/api/v1/locations/${locationId}/reports/users\\.csv\\?from=\\d{4}-\\d{2}-01&to=\\d{4}-\\d{2}-\\d{2}$`));
    const [download] = await Promise.all([owner.waitForEvent('download'), reports.getByTestId('report-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^users-.*\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(
      'ID,First name,Last name,Email,Phone,Type,Status,Source,Company,Company manager,Activated,Created at,Removed at,Last active at',
    );
    expect(text).toContain('ana@example.com');
    // the words the pages show, not the API's codes
    expect(text).toMatch(/ana@example\.com,[^\r\n]*,Member,/);
    expect(text).toContain("'=1+1");
    await shot(owner, 'analytics-reports.png', { fullPage: false });
  });
});
