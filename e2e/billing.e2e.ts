// Billing in Chromium: the owner adds a plan on Billing > Plans, sells it to a member and another to a company from
// their pages (the end-date dialog previews what ending takes away), adjusts the member's credits; the member, on a
// phone, activates their account and reads their plan, period and balances, and their company's, on the Billing tab.
// Then the owner filters the Customers list by plan, changes the company's quantity and price, adds credits that last
// through a day of the location's calendar (from a browser in another time zone), and with auto-remove on sets the
// member's end date: `atrium sweep --at` the next day makes them a nonmember.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, localDateAt, startOfLocalDay } from '../src/server/lib/local-date.js';
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
  setUpByApi,
} from './support.js';

const OWNER = { email: 'olivia.owner@example.com', firstName: 'Olivia', lastName: 'Owner' };
const LOCATION = 'Harbor Docks';
const ANA = { firstName: 'Ana', lastName: 'Alves', email: 'ana.alves@example.com' };
const COMPANY = 'Blue Fern Studio';
const PHONE = { width: 390, height: 844 };
const ZONE = 'Europe/Paris';
/** The owner's browser keeps another zone's clock: the admin's billing dates must be the location's all the same. */
const OWNER_BROWSER_ZONE = 'America/New_York';

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
    ({ browser: ownerBrowser, page: owner, problems } = await launchBrowserWithPage(undefined, { timezoneId: OWNER_BROWSER_ZONE }));
  });

  afterAll(async () => {
    for (const person of people) await person.close();
    await ownerBrowser?.close();
    await server?.stop();
  });

  step('setup: the organization, a company and an invited member in it (API)', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Harbor Coworking',
      locationName: LOCATION,
      address: '12 Quai des Chartrons, Bordeaux',
      timeZone: ZONE,
      currency: 'EUR',
      country: 'FR',
      owner: OWNER,
    });
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

  step('the owner filters the Customers list by plan, kept in the address', async () => {
    await ownerApiOk('POST', `/locations/${locationId}/invitations`, { firstName: 'Bruno', lastName: 'Bento', email: 'bruno.bento@example.com' }, 201);
    await owner.goto(`${server.url}/admin/l/${locationId}/customers`);
    const table = owner.getByTestId('customers-table');
    await expect.poll(() => table.innerText()).toContain('Bruno Bento');
    await pickOption(owner, 'Plan', 'Hot desk');
    await expect.poll(() => owner.getByTestId('customer-row').count()).toBe(1);
    await expect.poll(() => table.innerText()).toContain(`${ANA.firstName} ${ANA.lastName}`);
    expect(new URL(owner.url()).searchParams.get('planId')).toMatch(/^[0-9a-f-]{36}$/);
    // the company's plan covers its people too
    await pickOption(owner, 'Plan', 'Team office');
    await expect.poll(() => owner.url()).toContain('planId=');
    await expect.poll(() => owner.getByTestId('customer-row').count()).toBe(1);
    await expect.poll(() => table.innerText()).toContain(`${ANA.firstName} ${ANA.lastName}`);
    await shot(owner, 'billing-admin-customers-by-plan.png');
    // the export takes the same filter, and the same address opens the same view
    await owner.getByRole('button', { name: 'More actions' }).click();
    expect(await owner.getByRole('menuitem', { name: 'Export CSV' }).getAttribute('href')).toContain('planId=');
    await owner.keyboard.press('Escape');
    await owner.reload();
    await expect.poll(() => owner.getByRole('combobox', { name: /^Plan/ }).inputValue()).toBe('Team office');
    await expect.poll(() => owner.getByTestId('customer-row').count()).toBe(1);
  });

  step('the owner changes the company subscription’s quantity and price', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/companies/${companyId}`);
    const card = owner.getByTestId('profile-subscriptions');
    await card.getByRole('button', { name: 'Actions for the subscription Team office' }).click();
    await owner.getByRole('menuitem', { name: 'Change quantity or price' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Change the subscription to Team office' });
    await expect.poll(() => field(dialog, 'Quantity').inputValue()).toBe('3');
    await expect.poll(() => dialog.getByTestId('change-applies').innerText()).toContain('apply to the periods not invoiced yet');
    await field(dialog, 'Quantity').fill('0');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByText('Enter a whole number from 1 to 1,000').waitFor();
    await field(dialog, 'Quantity').fill('4');
    await field(dialog, 'Price per unit per month (EUR)').fill('300');
    await shot(owner, 'billing-admin-change-subscription.png');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await notification(owner, 'The subscription to Team office was changed');
    const subscription = card.getByTestId('subscription');
    await expect.poll(() => subscription.innerText()).toContain('4 × Team office');
    await expect.poll(() => subscription.innerText()).toContain('€300.00 per month');
    const { items } = await ownerApiOk<{ items: { quantity: number; price: number }[] }>(
      'GET',
      `/locations/${locationId}/subscriptions?companyId=${companyId}`,
      undefined,
      200,
    );
    expect(items[0]).toMatchObject({ quantity: 4, price: 30000 });
  });

  step('the owner adds credits usable through a day of the location’s calendar, from a browser in another zone', async () => {
    const lastDay = `${new Date().getFullYear() + 1}-01-31`;
    await owner.goto(`${server.url}/admin/l/${locationId}/customers/${anaId}`);
    const credits = owner.getByTestId('profile-credits');
    await credits.getByRole('button', { name: 'Adjust' }).click();
    const adjust = owner.getByRole('dialog', { name: /^Adjust the balance of/ });
    await adjust.getByText(`They expire at the end of that day: midnight in ${ZONE}, the location’s time zone.`).waitFor();
    await field(adjust, 'Amount').fill('2');
    await field(adjust, 'Last day of use').fill(lastDay);
    await field(adjust, 'Why').fill('Event pass');
    await shot(owner, 'billing-admin-adjust-dialog.png');
    await adjust.getByRole('button', { name: 'Save adjustment' }).click();
    await notification(owner, 'Balance adjusted');
    const shown = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${lastDay}T00:00:00Z`));
    await expect.poll(() => credits.getByTestId('ledger').innerText()).toContain(`Event pass · usable through ${shown}`);
    // the local midnight after that day at the location (Paris), not the browser's (New York)
    const { items } = await ownerApiOk<{ items: { memo: string | null; expiresAt: string | null }[] }>(
      'GET',
      `/locations/${locationId}/ledger?customerId=${anaId}`,
      undefined,
      200,
    );
    expect(items.find((line) => line.memo === 'Event pass')?.expiresAt).toBe(startOfLocalDay(addDays(lastDay, 1), ZONE).toISOString());
    await shot(owner, 'billing-admin-adjust-expiry.png');
  });

  step('with auto-remove on, an end date and then a sweep past it make the member a nonmember', async () => {
    await ownerApiOk('PATCH', `/locations/${locationId}`, { autoRemoveMembers: true }, 200);
    // the company's subscription goes first: then only Ana's own plan covers her
    await owner.goto(`${server.url}/admin/l/${locationId}/companies/${companyId}`);
    const companyCard = owner.getByTestId('profile-subscriptions');
    await companyCard.getByRole('button', { name: 'Actions for the subscription Team office' }).click();
    await owner.getByRole('menuitem', { name: 'Cancel now' }).click();
    const cancel = owner.getByRole('dialog', { name: 'Cancel the subscription to Team office' });
    await expect.poll(() => cancel.getByTestId('offboarding').innerText()).not.toContain(ANA.firstName);
    await cancel.getByRole('button', { name: 'Cancel subscription' }).click();
    await notification(owner, 'The subscription to Team office was canceled');
    await companyCard.getByText('No current subscription.').waitFor();

    // her last day is today at the location; the preview names her
    const today = localDateAt(new Date(), ZONE);
    await owner.goto(`${server.url}/admin/l/${locationId}/customers/${anaId}`);
    const card = owner.getByTestId('profile-subscriptions');
    await card.getByRole('button', { name: 'Actions for the subscription Hot desk' }).click();
    await owner.getByRole('menuitem', { name: 'Set end date' }).click();
    const end = owner.getByRole('dialog', { name: 'End the subscription to Hot desk' });
    await field(end, 'End date').fill(today);
    await expect.poll(() => end.getByTestId('offboarding').innerText()).toContain(`These people become nonmembers: ${ANA.firstName} ${ANA.lastName}`);
    await shot(owner, 'billing-admin-end-date-auto-remove.png');
    await end.getByRole('button', { name: 'Set end date' }).click();
    await notification(owner, /The subscription to Hot desk now ends on/);
    await expect.poll(() => card.getByTestId('subscription').innerText()).toContain('Ending');
    await expect.poll(() => owner.getByTestId('profile-name').locator('..').innerText()).toContain('Member');

    // the next morning at the location, as `atrium sweep --at` runs it
    const result = await server.sweep(new Date(startOfLocalDay(addDays(today, 1), ZONE).getTime() + 60 * 60_000));
    expect(result.sweeps['subscription-end']).toBe(1);
    await owner.reload();
    await expect.poll(() => owner.getByTestId('profile-name').locator('..').innerText()).toContain('Nonmember');
    await card.getByText('No current subscription.').waitFor();
    await expect.poll(() => owner.getByTestId('activity').filter({ hasText: 'Became a nonmember: no subscription covers them any more' }).count()).toBe(1);
    await shot(owner, 'billing-admin-auto-removed.png');
    // and the Customers page lists her under Nonmembers
    await owner.goto(`${server.url}/admin/l/${locationId}/customers?type=nonmember`);
    await expect.poll(() => owner.getByTestId('customers-table').innerText()).toContain(`${ANA.firstName} ${ANA.lastName}`);
  });
});
