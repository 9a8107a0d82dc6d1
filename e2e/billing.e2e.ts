// Billing in Chromium: the owner adds a plan on Billing > Plans, sells it to a member and another to a company from
// their pages (the end-date dialog previews what ending takes away), adjusts the member's credits; the member, on a
// phone, activates their account and reads their plan, period and balances, and their company's, on the Billing tab.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import {
  artifact,
  callApiExpecting,
  field,
  launchBrowserWithPage,
  openMail,
  printFailureContext,
  screenshotPages,
  startServer,
  stepsInOrder,
  type Browser,
  type RunningServer,
} from './support.js';

const OWNER = { email: 'olivia.owner@example.com', firstName: 'Olivia', lastName: 'Owner' };
const LOCATION = 'Harbor Docks';
const ANA = { firstName: 'Ana', lastName: 'Alves', email: 'ana.alves@example.com' };
const COMPANY = 'Blue Fern Studio';
const PHONE = { width: 390, height: 844 };

let server: RunningServer;
let ownerBrowser: Browser;
let owner: Page;
const people: Browser[] = [];
let problems: string[] = [];
let locationId = '';
let companyId = '';
let anaId = '';
/** The member's credits after the adjustment (the first period's grant is prorated by the days it covers). */
let anaCredits = 0;
let companyCredits = 0;

/** The credits a balances line reads ("12 credits   2 day passes" → 12). */
async function creditsIn(p: Page, testId: string, scope?: string): Promise<number> {
  const root = scope ? p.getByTestId(scope).getByTestId(testId) : p.getByTestId(testId);
  await expect.poll(() => root.innerText()).toMatch(/\d+ credits?/);
  return Number(/(\d+) credits?/.exec(await root.innerText())![1]);
}

const step = stepsInOrder(async (name) => {
  await screenshotPages(ownerBrowser?.context, `${name} owner`);
  for (const [i, person] of people.entries()) await screenshotPages(person.context, `${name} person ${i + 1}`);
  printFailureContext(server, problems);
});

const ownerApiOk = <T = unknown>(method: string, path: string, body: unknown, status: number) => callApiExpecting<T>(owner, server, status, method, path, body);

async function notification(p: Page, message: string | RegExp) {
  await p.getByRole('alert').filter({ hasText: message }).first().waitFor();
}

async function shot(p: Page, name: string) {
  await p.waitForTimeout(400);
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.screenshot({ path: artifact(name), fullPage: true, style: '.mantine-Notifications-root { display: none !important; }' });
}

async function pickOption(p: Page, label: string, option: RegExp | string) {
  await p.getByRole('combobox', { name: new RegExp(`^${label}`) }).click();
  await p.getByRole('option', { name: option }).click();
}

describe('billing: plans, subscriptions, credits in the admin app; the Billing tab of the portal', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'billing-server' });
    ({ browser: ownerBrowser, page: owner, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    for (const person of people) await person.close();
    await ownerBrowser?.close();
    await server?.stop();
  });

  step('setup: the organization, a company and an invited member in it (API)', async () => {
    const link = new URL(await server.setupLink());
    await owner.goto(`${server.url}/admin/`);
    await ownerApiOk(
      'POST',
      '/setup',
      {
        token: link.searchParams.get('token'),
        organizationName: 'Harbor Coworking',
        locationName: LOCATION,
        address: '12 Quai des Chartrons, Bordeaux',
        timeZone: 'Europe/Paris',
        currency: 'EUR',
        country: 'FR',
        ownerEmail: OWNER.email,
        ownerFirstName: OWNER.firstName,
        ownerLastName: OWNER.lastName,
      },
      201,
    );
    const { items } = await ownerApiOk<{ items: { id: string; name: string }[] }>('GET', '/locations', undefined, 200);
    locationId = items.find((l) => l.name === LOCATION)!.id;
    companyId = (await ownerApiOk<{ company: { id: string } }>('POST', `/locations/${locationId}/companies`, { name: COMPANY }, 201)).company.id;
    anaId = (await ownerApiOk<{ customer: { id: string } }>('POST', `/locations/${locationId}/invitations`, { ...ANA, companyId }, 201)).customer.id;
  });

  step('the owner adds a plan on Billing > Plans, with the form checking the price first', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/customers`);
    await owner.getByRole('link', { name: 'Plans' }).click();
    await owner.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
    await owner.getByText('No plans yet.').waitFor();
    await owner.getByRole('button', { name: 'Add plan' }).first().click();
    const drawer = owner.getByRole('dialog', { name: 'Add plan' });
    await field(drawer, 'Name').fill('Hot desk');
    await drawer.getByRole('button', { name: 'Add plan' }).click();
    await drawer.getByText('Fill in this field').waitFor();
    await field(drawer, 'Price per cycle (EUR)').fill('190');
    await field(drawer, 'Credits per cycle').fill('10');
    await field(drawer, 'Day passes per cycle').fill('2');
    await pickOption(owner, 'Who can see it', 'Members of this location');
    await drawer.getByLabel('Members can sign up for it themselves in the portal').check();
    await drawer.getByRole('button', { name: 'Add plan' }).click();
    await notification(owner, 'Plan Hot desk added');
    const table = owner.getByTestId('plans-table');
    await expect.poll(() => table.innerText()).toContain('€190.00 per month');
    await expect.poll(() => table.innerText()).toContain('Members of this location');
    await ownerApiOk('POST', `/locations/${locationId}/plans`, { name: 'Team office', price: 28000, cycle: 'month', credits: 15, dayPasses: 2 }, 201);
    await owner.reload();
    await expect.poll(() => table.innerText()).toContain('Team office');
    await shot(owner, 'billing-admin-plans.png');
  });

  step('the owner subscribes the member from their profile and adjusts their credits', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/customers/${anaId}`);
    const card = owner.getByTestId('profile-subscriptions');
    await card.getByText('No current subscription.').waitFor();
    await card.getByRole('button', { name: 'Add subscription' }).click();
    const dialog = owner.getByRole('dialog', { name: `Add a subscription for ${ANA.firstName} ${ANA.lastName}` });
    await pickOption(owner, 'Plan', /^Hot desk/);
    await dialog.getByRole('button', { name: 'Add subscription' }).click();
    await notification(owner, 'Subscription to Hot desk added');
    const subscription = card.getByTestId('subscription');
    await expect.poll(() => subscription.innerText()).toContain('Active');
    await expect.poll(() => subscription.innerText()).toContain('Current period:');

    // Setting an end date previews what ending takes away, then saves nothing here.
    await card.getByRole('button', { name: 'Actions for the subscription Hot desk' }).click();
    await owner.getByRole('menuitem', { name: 'Set end date' }).click();
    const end = owner.getByRole('dialog', { name: 'End the subscription to Hot desk' });
    const nextYear = `${new Date().getFullYear() + 1}-01-31`;
    await field(end, 'End date').fill(nextYear);
    await expect.poll(() => end.getByTestId('offboarding').innerText()).toMatch(/credits expire|Nothing else changes/);
    await owner.keyboard.press('Escape');

    const credits = owner.getByTestId('profile-credits');
    const granted = await creditsIn(owner, 'balances', 'profile-credits');
    expect(granted).toBeGreaterThan(0);
    expect(granted).toBeLessThanOrEqual(10);
    await credits.getByRole('button', { name: 'Adjust' }).click();
    const adjust = owner.getByRole('dialog', { name: /^Adjust the balance of/ });
    await field(adjust, 'Amount').fill('5');
    await field(adjust, 'Why').fill('Welcome gift');
    await adjust.getByRole('button', { name: 'Save adjustment' }).click();
    await notification(owner, 'Balance adjusted');
    anaCredits = granted + 5;
    await expect.poll(() => credits.getByTestId('balances').innerText()).toContain(`${anaCredits} credits`);
    await expect.poll(() => credits.getByTestId('ledger').innerText()).toContain('Welcome gift');
    await shot(owner, 'billing-admin-profile.png');
  });

  step('the owner subscribes the company from its page, three seats', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/companies/${companyId}`);
    const card = owner.getByTestId('profile-subscriptions');
    await card.getByRole('button', { name: 'Add subscription' }).click();
    const dialog = owner.getByRole('dialog', { name: `Add a subscription for ${COMPANY}` });
    await pickOption(owner, 'Plan', /^Team office/);
    await field(dialog, 'Quantity').fill('3');
    await dialog.getByRole('button', { name: 'Add subscription' }).click();
    await notification(owner, 'Subscription to Team office added');
    await expect.poll(() => card.getByTestId('subscription').innerText()).toContain('3 × Team office');
    companyCredits = await creditsIn(owner, 'balances', 'profile-credits');
    expect(companyCredits).toBeGreaterThan(0);
    await shot(owner, 'billing-admin-company.png');
  });

  step('the member activates on a phone and reads plan and balances on the Billing tab', async () => {
    const body = await openMail(owner, server, ANA.email, `You are invited to ${LOCATION}`);
    expect(body).toContain('Activate my account:');
    const href = await owner
      .getByRole('article')
      .getByRole('link', { name: /\/activate\// })
      .getAttribute('href');
    const { browser, page: ana } = await launchBrowserWithPage(problems);
    people.push(browser);
    await ana.setViewportSize(PHONE);
    await ana.goto(href!);
    await ana.getByRole('heading', { name: 'My locations', level: 1 }).waitFor();
    await ana.getByRole('navigation').getByRole('link', { name: 'Billing' }).click();
    await ana.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    const mine = ana.getByTestId('my-subscription').filter({ hasText: 'Hot desk' });
    await expect.poll(() => mine.innerText()).toContain('Current period:');
    await expect.poll(() => ana.getByTestId('my-subscription').filter({ hasText: 'Team office' }).innerText()).toContain(`Through ${COMPANY}`);
    await expect.poll(() => ana.getByTestId('my-balances').innerText()).toContain(`${anaCredits} credits`);
    const company = ana.getByTestId('company-balances');
    await expect.poll(() => company.innerText()).toContain(`${companyCredits} credits`);
    await expect.poll(() => company.innerText()).toMatch(/You may use them\.|Only the company’s managers may use them\./);
    await shot(ana, 'billing-portal-phone.png');
  });
});
