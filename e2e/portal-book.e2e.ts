// The portal's Book tab on a phone (375x812), in Chromium against the real server: a member of a location in New York
// (the browser is in Paris, so times are the location's and the page says so) picks a day and a room, loses a time to
// someone faster ("no longer free", the grid refreshed), books another with credits, sees the balance drop on the
// Billing tab, reads the refund rule (and the title she gave) on My bookings, cancels in time and sees the credits come
// back and the booking under "Past and canceled". A booking the team made for her to pay by card offers "Pay now": the
// dev checkout, paid, confirms it. Notifications on the phone sit at the top, clear of the bottom navigation. Then the
// same pages in French. Data is set up through the API as the owner.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import {
  activateMember,
  shot,
  expectNoSidewaysScroll,
  artifact,
  callApiExpecting,
  launchBrowserWithPage,
  printFailureContext,
  screenshotPages,
  startServer,
  stepsInOrder,
  type Browser,
  type RunningServer,
  setUpByApi,
} from './support.js';

const OWNER = { email: 'olivia.owner@example.com', firstName: 'Olivia', lastName: 'Owner' };
const LOCATION = 'Hudson Yards Loft';
const ZONE = 'America/New_York';
const ANA = { firstName: 'Ana', lastName: 'Alves', email: 'ana.alves@example.com' };
const BEN = { firstName: 'Ben', lastName: 'Brun', email: 'ben.brun@example.com' };
const PHONE = { width: 375, height: 812 };
const ROOM = 'Garden Room';
const COMPANY = 'Blue Fern Studio';
const CREDITS = 10;

let server: RunningServer;
let ownerBrowser: Browser;
let owner: Page;
let anaBrowser: Browser | undefined;
let ana: Page;
let problems: string[] = [];
let locationId = '';
let roomId = '';
let benId = '';
let anaId = '';
/** The day Ana books: two days ahead at the location, so a cancel is in time (24 hours' notice). */
let day = '';

const step = stepsInOrder(async (name) => {
  await screenshotPages(ownerBrowser?.context, `${name} owner`);
  await screenshotPages(anaBrowser?.context, `${name} member`);
  printFailureContext(server, problems);
});

const ownerApiOk = <T = unknown>(method: string, path: string, body: unknown, status: number) => callApiExpecting<T>(owner, server, status, method, path, body);

/** A local date at the location, some days from now. */
function localDay(daysAhead: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + daysAhead * 24 * 3600_000),
  );
}

/** The wall time of an instant at the location, as the portal shows it there (en-US: "10:00 AM"), with plain spaces. */
function wallTime(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hour: 'numeric', minute: '2-digit' }).format(new Date(iso)).replace(/\s/g, ' ');
}

/** The Billing tab comes to show this balance (what it kept from before may show first, until it is read again). */
async function creditsOnBillingTab(expected: string): Promise<void> {
  await ana.getByRole('navigation').getByRole('link', { name: 'Billing', exact: true }).click();
  await ana.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
  const balances = ana.getByTestId('my-balances');
  await expect.poll(() => balances.innerText(), { timeout: 5000 }).toContain(expected);
}

describe('portal Book tab: book a room with credits, the balance, My bookings and a cancel in time', () => {
  beforeAll(async () => {
    // with the dev payment provider: a card is offered, and a booking paid by card waits for its checkout
    server = await startServer({ name: 'portal-book-server', env: { PAYMENTS_DEV: '1' } });
    ({ browser: ownerBrowser, page: owner, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    await anaBrowser?.close();
    await ownerBrowser?.close();
    await server?.stop();
  });

  step('setup (API): a location in New York open every day, a room sold in credits and money, two members, credits', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Harbor Coworking',
      locationName: LOCATION,
      address: '500 W 33rd St, New York',
      timeZone: ZONE,
      currency: 'USD',
      country: 'US',
      owner: OWNER,
    });
    // open every day, so that the test runs on any day of the week
    const hours = { mon: [['08:00', '20:00']], tue: [['08:00', '20:00']], wed: [['08:00', '20:00']], thu: [['08:00', '20:00']] };
    const openingHours = { ...hours, fri: [['08:00', '20:00']], sat: [['08:00', '20:00']], sun: [['08:00', '20:00']] };
    await ownerApiOk('PATCH', `/locations/${locationId}`, { openingHours, cancellationNoticeHours: 24 }, 200);
    const resources = `/locations/${locationId}/resources`;
    roomId = (
      await ownerApiOk<{ resource: { id: string } }>(
        'POST',
        resources,
        { type: 'meeting_room', name: ROOM, pricePerHour: 2000, creditsPerHour: 2, minMinutes: 30, maxMinutes: 240, incrementMinutes: 30 },
        201,
      )
    ).resource.id;
    await ownerApiOk('POST', resources, { type: 'meeting_room', name: 'Boardroom', pricePerHour: 4500, minMinutes: 60, incrementMinutes: 60 }, 201);
    await ownerApiOk('POST', resources, { type: 'hot_desk', name: 'Open Space', seats: 12, creditsPerHour: 1 }, 201);
    // Ana manages a company (with no credits of its own): the summary offers it as the payer
    const companyId = (await ownerApiOk<{ company: { id: string } }>('POST', `/locations/${locationId}/companies`, { name: COMPANY }, 201)).company.id;
    const invited = { ...ANA, companyId, companyManager: true };
    anaId = (await ownerApiOk<{ customer: { id: string } }>('POST', `/locations/${locationId}/invitations`, invited, 201)).customer.id;
    benId = (await ownerApiOk<{ customer: { id: string } }>('POST', `/locations/${locationId}/invitations`, BEN, 201)).customer.id;
    await ownerApiOk(
      'POST',
      `/locations/${locationId}/ledger/adjustments`,
      { customerId: anaId, unit: 'credit', amount: CREDITS, memo: 'Welcome credits' },
      201,
    );
    day = localDay(2);
  });

  step('the member activates on a phone and opens the Book tab: today’s grid, in the location’s time zone', async () => {
    ({ browser: anaBrowser, page: ana } = await launchBrowserWithPage(problems));
    await ana.setViewportSize(PHONE);
    await activateMember(owner, server, ANA.email, `You are invited to ${LOCATION}`, ana);
    // the welcome notification: at the top of a phone's screen, clear of the bottom navigation
    const toast = ana.locator('.mantine-Notification-root').first();
    await toast.waitFor();
    const box = (await toast.boundingBox())!;
    const nav = (await ana.locator('footer nav').boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(nav.y);
    expect(box.y).toBeLessThan(PHONE.height / 3);
    await ana.screenshot({ path: artifact('portal-phone-notification.png') });
    await ana.getByRole('navigation').getByRole('link', { name: 'Book', exact: true }).click();
    await ana.getByRole('heading', { name: 'Book a space', level: 1 }).waitFor();
    // the browser is in Paris, the location in New York: the page says whose times these are
    await expect.poll(() => ana.getByTestId('time-zone-note').first().innerText()).toBe('Times are New York time (America/New_York).');
    // the type chips: radios (visually hidden inputs behind their labels), the first kind chosen
    await expect.poll(() => ana.getByRole('radio', { name: 'Meeting rooms' }).isChecked()).toBe(true);
    await expect.poll(() => ana.getByRole('radio', { name: 'Hot desks' }).isChecked()).toBe(false);
    await ana.getByRole('region', { name: ROOM }).getByText('$20.00 or 2 credits per hour').waitFor();
    await expectNoSidewaysScroll(ana, { labels: true });
  });

  step('a day two days ahead; a time taken meanwhile says "no longer free" and the grid is refreshed', async () => {
    await ana.getByLabel('Date', { exact: true }).fill(day);
    const room = ana.getByRole('region', { name: ROOM });
    await room.getByRole('button', { name: /^10:00\sAM$/ }).click();
    const summary = ana.getByRole('dialog', { name: 'Your booking' });
    await summary.getByTestId('summary-when').waitFor();
    await expect.poll(() => summary.getByTestId('summary-when').innerText()).toMatch(/10:00/);

    // someone faster: the owner books that hour for another member
    const grid = await ownerApiOk<{ resources: { slots: { startsAt: string }[] }[] }>(
      'GET',
      `/portal/locations/${locationId}/availability?date=${day}&resourceId=${roomId}`,
      undefined,
      200,
    );
    const ten = grid.resources[0].slots.find((slot) => wallTime(slot.startsAt) === '10:00 AM')!;
    const endsAt = new Date(Date.parse(ten.startsAt) + 3600_000).toISOString();
    await ownerApiOk(
      'POST',
      `/locations/${locationId}/bookings`,
      { customerId: benId, resourceId: roomId, startsAt: ten.startsAt, endsAt, paymentMethod: 'free' },
      201,
    );

    await summary.getByRole('button', { name: 'Confirm booking' }).click();
    await room.getByTestId('slot-gone').waitFor();
    await expect.poll(() => room.getByTestId('slot-gone').innerText()).toContain('no longer free');
    await room.getByRole('button', { name: /^10:00\sAM, not available$/ }).waitFor();
    await expect.poll(() => room.getByRole('button', { name: /^10:30\sAM, not available$/ }).isDisabled()).toBe(true);
    await expectNoSidewaysScroll(ana, { labels: true });
    await room.scrollIntoViewIfNeeded();
    await shot(ana, 'portal-book-slot-gone.png', { fullPage: false });
    await ana.evaluate(() => window.scrollTo(0, 0));
    await shot(ana, 'portal-book-grid.png');
  });

  step('the member books 2:00 PM for an hour with credits: the summary shows price, payer, methods and the rule', async () => {
    const room = ana.getByRole('region', { name: ROOM });
    await room.getByRole('button', { name: /^2:00\sPM$/ }).click();
    const summary = ana.getByRole('dialog', { name: 'Your booking' });
    await summary.getByLabel('Duration').selectOption('60');
    await expect.poll(() => summary.getByTestId('summary-price').innerText()).toBe('$20.00 or 2 credits');
    const credits = summary.getByRole('radio', { name: /^Credits/ });
    await expect.poll(() => credits.innerText()).toContain(`2 credits (you have ${CREDITS} credits)`);
    await expect.poll(() => credits.getAttribute('aria-checked')).toBe('true');
    await summary.getByRole('radio', { name: /^Invoice/ }).waitFor();
    // the company may pay, but has no credits: choosing it leaves the invoice
    await expect.poll(() => summary.getByRole('radio', { name: 'Me', exact: true }).getAttribute('aria-checked')).toBe('true');
    await summary.getByRole('radio', { name: `My company, ${COMPANY}` }).click();
    await expect.poll(() => credits.innerText()).toContain('2 credits: not enough left (0 credits)');
    await expect.poll(() => summary.getByRole('radio', { name: /^Invoice/ }).getAttribute('aria-checked')).toBe('true');
    await summary.getByRole('radio', { name: 'Me', exact: true }).click();
    await expect.poll(() => credits.getAttribute('aria-checked')).toBe('true');
    await summary.getByRole('radio', { name: /^Card/ }).waitFor(); // online payment is set up here
    await expect.poll(() => summary.getByTestId('summary-rule').innerText()).toMatch(/^Cancel before \w{3} 2:00\sPM for a full refund\.$/);
    await summary.getByRole('textbox', { name: 'Title (optional)' }).fill('Client meeting');
    await expectNoSidewaysScroll(ana, { labels: true });
    await shot(ana, 'portal-book-summary.png', { fullPage: false });

    await summary.getByRole('button', { name: 'Confirm booking' }).click();
    await ana.getByRole('heading', { name: 'My bookings', level: 1 }).waitFor();
    await expect.poll(() => ana.getByTestId('booked-notice').innerText()).toContain(ROOM);
    const booking = ana.getByTestId('my-booking').filter({ hasText: ROOM });
    await expect.poll(() => booking.innerText()).toContain('Paid with 2 credits');
    await expect.poll(() => booking.innerText()).toContain('Client meeting');
    await expect.poll(() => booking.innerText()).toMatch(/2:00\s*–\s*3:00\s*PM/);
    await expect.poll(() => booking.getByTestId('refund-rule').innerText()).toMatch(/^Cancel before \w{3} 2:00\sPM for a full refund\.$/);
    expect(await ana.getByTestId('my-booking').count()).toBe(1); // the other member's booking is theirs
    await expectNoSidewaysScroll(ana, { labels: true });
    await shot(ana, 'portal-my-bookings.png');
  });

  step('the Billing tab shows the balance down by 2 credits', async () => {
    await creditsOnBillingTab(`${CREDITS - 2} credits`);
  });

  step('the member cancels in time: the confirmation says everything comes back, then what did', async () => {
    await ana.getByRole('navigation').getByRole('link', { name: 'Book', exact: true }).click();
    await ana.getByRole('link', { name: 'My bookings', exact: true }).click();
    await ana.getByRole('heading', { name: 'My bookings', level: 1 }).waitFor();
    await ana.getByRole('button', { name: new RegExp(`^Cancel booking: ${ROOM}`) }).click();
    const confirm = ana.getByRole('dialog', { name: 'Cancel this booking?' });
    await expect.poll(() => confirm.getByTestId('cancel-refund').innerText()).toBe('It is before the deadline, so everything comes back: 2 credits.');
    await expectNoSidewaysScroll(ana, { labels: true });
    await shot(ana, 'portal-cancel-confirmation.png', { fullPage: false });
    await confirm.getByRole('button', { name: 'Cancel booking' }).click();
    const result = ana.getByTestId('cancel-result');
    await expect.poll(() => result.innerText()).toContain('Given back: 2 credits.');
    await ana.getByText('You have no upcoming bookings.').waitFor();
    // under "Past and canceled", newest first
    const past = ana.getByRole('list', { name: 'Past and canceled' }).getByTestId('past-booking');
    await expect.poll(() => past.count()).toBe(1);
    await expect.poll(() => past.first().innerText()).toContain(ROOM);
    await expect.poll(() => past.first().innerText()).toContain('Canceled');
    await expect.poll(() => past.first().innerText()).toContain('Client meeting');
    await expectNoSidewaysScroll(ana, { labels: true });
    await shot(ana, 'portal-canceled.png');
    await creditsOnBillingTab(`${CREDITS} credits`);
  });

  step('a booking awaiting its card payment offers "Pay now": the checkout, paid, confirms it', async () => {
    // she books 4:00 PM by card, and leaves the checkout without paying
    await ana.getByRole('navigation').getByRole('link', { name: 'Book', exact: true }).click();
    await ana.getByRole('heading', { name: 'Book a space', level: 1 }).waitFor();
    await ana.getByLabel('Date', { exact: true }).fill(day);
    await ana
      .getByRole('region', { name: ROOM })
      .getByRole('button', { name: /^4:00\sPM$/ })
      .click();
    const summary = ana.getByRole('dialog', { name: 'Your booking' });
    await summary.getByLabel('Duration').selectOption('60');
    await summary.getByRole('radio', { name: /^Card/ }).click();
    await summary.getByRole('button', { name: 'Continue to payment' }).click();
    await ana.waitForURL(/\/dev\/checkout\//);
    await ana.getByRole('heading', { name: 'Test checkout', level: 1 }).waitFor();
    // the checkout page's own reads finished (its invoice), so leaving aborts none of them
    await ana.waitForLoadState('networkidle');
    await ana.goto(`${server.url}/bookings`);
    const booking = ana.getByTestId('my-booking').filter({ hasText: ROOM });
    await expect.poll(() => booking.innerText()).toContain('Awaiting payment');
    await expect.poll(() => booking.innerText()).toContain('Pay within 35 minutes of booking');
    await expectNoSidewaysScroll(ana, { labels: true });
    await shot(ana, 'portal-my-bookings-pay-now.png');
    await booking.getByRole('button', { name: new RegExp(`^Pay now: ${ROOM}`) }).click();
    await ana.waitForURL(/\/dev\/checkout\//);
    await ana.getByRole('button', { name: 'Pay $20.00' }).click();
    await ana.waitForURL(/\/billing\/invoices\//);
    await ana.getByText('Payment received').waitFor({ timeout: 30_000 });
    await ana.getByRole('navigation').getByRole('link', { name: 'Book', exact: true }).click();
    await ana.getByRole('link', { name: 'My bookings', exact: true }).click();
    const paid = ana.getByTestId('my-booking').filter({ hasText: ROOM });
    await expect.poll(() => paid.innerText()).toContain('$20.00 by card');
    expect(await paid.getByText('Awaiting payment').count()).toBe(0);
    expect(await paid.getByRole('button', { name: /^Pay now/ }).count()).toBe(0);
  });

  step('the same pages in French', async () => {
    await ana.getByTestId('language-menu').click();
    await ana.getByRole('menuitem', { name: 'Français' }).click();
    await ana.getByRole('navigation').getByRole('link', { name: 'Réserver', exact: true }).click();
    await ana.getByRole('heading', { name: 'Réserver un espace', level: 1 }).waitFor();
    await ana.getByLabel('Date', { exact: true }).fill(day);
    const room = ana.getByRole('region', { name: ROOM });
    await room.getByText(/^20,00\s\$US ou 2 crédits de l’heure$/).waitFor();
    await room.getByRole('button', { name: '14:00', exact: true }).click();
    const summary = ana.getByRole('dialog', { name: 'Votre réservation' });
    await expect.poll(() => summary.getByTestId('summary-rule').innerText()).toMatch(/^Annulez avant .+ 14:00 pour être remboursé en totalité\.$/);
    await expectNoSidewaysScroll(ana, { labels: true });
    await shot(ana, 'portal-book-summary-fr.png', { fullPage: false });
    await summary.getByRole('button', { name: 'Fermer' }).click();
    await ana.evaluate(() => window.scrollTo(0, 0));
    await shot(ana, 'portal-book-grid-fr.png');
    // expected: the activation page asking /me before the session exists (401), the time taken meanwhile (409)
    expect(problems.filter((problem) => !/status of (401|409)/.test(problem))).toEqual([]);
  });
});
