// Benefits in Chromium against the real server: the owner adds a perk on the admin Benefits page (drawer editor); a
// member applies on a phone from the portal's Perks tab and reads the perk's confirmation; the owner approves it with a
// note in the Applications inbox; the member sees it approved with the note; the member's profile lists the
// application and a booking (made through the API) in its Purchase history card, with the Perks tab filtering.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import {
  shot,
  expectNoSidewaysScroll,
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
const LOCATION = 'Canal Works';
const ANA = { firstName: 'Ana', lastName: 'Alves', email: 'ana.alves@example.com' };
const PHONE = { width: 375, height: 812 };
const PERK = 'Ten percent off at Bean There';
const CONFIRMATION = 'Show this code at the till: ATRIUM10.';

let server: RunningServer;
let ownerBrowser: Browser;
let owner: Page;
let anaBrowser: Browser | undefined;
let ana: Page;
let problems: string[] = [];
let locationId = '';
let anaId = '';

const step = stepsInOrder(async (name) => {
  await screenshotPages(ownerBrowser?.context, `${name} owner`);
  await screenshotPages(anaBrowser?.context, `${name} member`);
  printFailureContext(server, problems);
});

const ownerApiOk = <T = unknown>(method: string, path: string, body: unknown, status: number) => callApiExpecting<T>(owner, server, status, method, path, body);

describe('benefits: a perk, an application from a phone, approved with a note, in the purchase history', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'benefits-server' });
    ({ browser: ownerBrowser, page: owner, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    await anaBrowser?.close();
    await ownerBrowser?.close();
    await server?.stop();
  });

  step('setup (API): a location in Paris, a member invited', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Canal Coworking',
      locationName: LOCATION,
      address: '12 quai de Valmy, Paris',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      owner: OWNER,
    });
    anaId = (await ownerApiOk<{ customer: { id: string } }>('POST', `/locations/${locationId}/invitations`, ANA, 201)).customer.id;
  });

  step('the owner adds a perk on the Benefits page: empty state, the drawer editor, a bad link refused, then saved', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/benefits`);
    await owner.getByRole('heading', { name: 'Benefits', level: 1 }).waitFor();
    await owner.getByText('No perks yet.').waitFor();
    await owner.getByRole('button', { name: 'Add perk' }).first().click();
    const drawer = owner.getByRole('dialog', { name: 'Add perk' });
    await field(drawer, 'Title').fill(PERK);
    await field(drawer, 'Description').fill('A coffee or a pastry, ten percent off, any day of the week.');
    await field(drawer, 'Provider').fill('Bean There');
    await drawer.getByRole('combobox', { name: /^How often one person can apply/ }).click();
    await owner.getByRole('option', { name: 'Once per person' }).click();
    await field(drawer, 'Call-to-action link').fill('javascript:alert(1)');
    await field(drawer, 'Confirmation text').fill(CONFIRMATION);
    await drawer.getByRole('button', { name: 'Add perk' }).click();
    await drawer.getByText('Enter a full link starting with https:// or http://').waitFor();
    await shot(owner, 'benefits-editor.png', { fullPage: false });
    await field(drawer, 'Call-to-action link').fill('https://beanthere.example/atrium');
    await drawer.getByRole('button', { name: 'Add perk' }).click();
    await drawer.waitFor({ state: 'hidden' });
    const table = owner.getByTestId('benefits-table');
    await table.getByText(PERK).waitFor();
    await expect.poll(() => table.innerText()).toContain('Once per person');
    await expect.poll(() => table.innerText()).toContain('Members of this location');
    await shot(owner, 'benefits-perks.png');
  });

  step('the member activates on a phone, opens Perks and applies with a message; the confirmation shows the perk’s words', async () => {
    const body = await openMail(owner, server, ANA.email, `You are invited to ${LOCATION}`);
    expect(body).toContain('Activate my account:');
    const href = await owner
      .getByRole('article')
      .getByRole('link', { name: /\/activate\// })
      .getAttribute('href');
    ({ browser: anaBrowser, page: ana } = await launchBrowserWithPage(problems));
    await ana.setViewportSize(PHONE);
    await ana.goto(href!);
    await ana.getByRole('heading', { name: 'My locations', level: 1 }).waitFor();
    // on a phone Perks is under "More" in the bottom navigation
    await ana.getByRole('navigation').getByRole('button', { name: 'More', exact: true }).click();
    await ana.getByRole('menuitem', { name: 'Perks', exact: true }).click();
    await ana.getByRole('heading', { name: 'Perks', level: 1 }).waitFor();
    const perk = ana.getByTestId('perk').filter({ hasText: PERK });
    await perk.getByText('Offered by Bean There').waitFor();
    expect(await perk.getByRole('link', { name: `Open the offer of ${PERK} (new tab)` }).getAttribute('href')).toBe('https://beanthere.example/atrium');
    await ana.getByText('You have not applied for any perk yet.').waitFor();
    await expectNoSidewaysScroll(ana, { labels: true });
    await shot(ana, 'benefits-portal-perks.png');
    await perk.getByRole('button', { name: `Apply for ${PERK}` }).click();
    const dialog = ana.getByRole('dialog', { name: `Apply for ${PERK}` });
    await dialog.getByLabel('Message (optional)').fill('I work here on Tuesdays and Thursdays.');
    await shot(ana, 'benefits-portal-apply.png', { fullPage: false });
    await dialog.getByRole('button', { name: 'Send application' }).click();
    const notice = ana.getByTestId('applied-notice');
    await notice.waitFor();
    await expect.poll(() => notice.innerText()).toContain('Application #1 sent');
    await expect.poll(() => notice.innerText()).toContain(CONFIRMATION);
    // allowed once: no second Apply
    await perk.getByText('Applied', { exact: true }).waitFor();
    const mine = ana.getByTestId('my-application');
    await expect.poll(() => mine.innerText()).toContain('Waiting for a decision');
    await expectNoSidewaysScroll(ana, { labels: true });
    await shot(ana, 'benefits-portal-applied.png');
    const confirmation = await openMail(owner, server, ANA.email, `Application #1 received: ${PERK}`);
    expect(confirmation).toContain(CONFIRMATION);
    await openMail(owner, server, OWNER.email, `New application #1: ${PERK}`);
  });

  step('the owner approves #1 with a note in the Applications inbox; the member sees it approved with the note', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/benefits`);
    await owner.getByRole('tab', { name: 'Applications' }).click();
    const card = owner.getByTestId('application').filter({ hasText: '#1' });
    await expect.poll(() => card.innerText()).toContain('Ana Alves');
    await expect.poll(() => card.innerText()).toContain('I work here on Tuesdays and Thursdays.');
    await shot(owner, 'benefits-inbox.png');
    await card.getByRole('button', { name: 'Approve' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Approve application #1' });
    await dialog.getByLabel('Note to the applicant (optional)').fill('Enjoy, see you on Tuesday!');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await owner.getByText('No applications here.').waitFor();
    await owner.locator('.mantine-SegmentedControl-root label', { hasText: /^Approved$/ }).click();
    await expect.poll(() => owner.getByTestId('application').first().innerText()).toContain('Note: Enjoy, see you on Tuesday!');
    const mail = await openMail(owner, server, ANA.email, `Approved: ${PERK}`);
    expect(mail).toContain('A note from the team: Enjoy, see you on Tuesday!');

    await ana.reload();
    const mine = ana.getByTestId('my-application');
    await expect.poll(() => mine.innerText()).toContain('Approved');
    await expect.poll(() => mine.innerText()).toContain('Note from the team: Enjoy, see you on Tuesday!');
    await shot(ana, 'benefits-portal-approved.png');
  });

  step('the profile’s Purchase history lists the application and a booking; the Perks tab filters', async () => {
    const room = (
      await ownerApiOk<{ resource: { id: string } }>('POST', `/locations/${locationId}/resources`, { type: 'meeting_room', name: 'Lock Room' }, 201)
    ).resource.id;
    const start = new Date(Date.now() + 3 * 24 * 3600_000);
    start.setUTCHours(9, 0, 0, 0);
    await ownerApiOk(
      'POST',
      `/locations/${locationId}/bookings`,
      { customerId: anaId, resourceId: room, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3600_000).toISOString(), paymentMethod: 'free' },
      201,
    );
    await owner.goto(`${server.url}/admin/l/${locationId}/customers/${anaId}`);
    const card = owner.getByTestId('profile-purchases');
    await card.getByRole('heading', { name: 'Purchase history' }).waitFor();
    const items = card.getByTestId('purchase');
    await expect.poll(() => items.count()).toBe(2);
    await expect.poll(() => items.nth(0).innerText()).toContain('Lock Room');
    await expect.poll(() => items.nth(0).innerText()).toContain('Booking');
    await expect.poll(() => items.nth(1).innerText()).toContain(`#1 ${PERK}`);
    await expect.poll(() => items.nth(1).innerText()).toContain('Approved');
    await card.scrollIntoViewIfNeeded();
    await shot(owner, 'benefits-purchase-history.png', { fullPage: false });
    await card.getByRole('tab', { name: 'Perks' }).click();
    await expect.poll(() => items.count()).toBe(1);
    await expect.poll(() => items.first().innerText()).toContain(PERK);
    await card.getByRole('tab', { name: 'Tickets' }).click();
    await card.getByText('Nothing of this kind yet.').waitFor();
    // the 401s are the pages asking who is signed in before anyone is
    expect(problems.filter((p) => !p.includes('status of 401'))).toEqual([]);
  });
});
