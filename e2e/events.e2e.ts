// Events in Chromium against the real server: an administrator adds an event on the admin Events page; a member on a
// phone (375x812) opens the portal's Events tab, gets a ticket with credits and sees its QR code and code under My
// tickets; the administrator checks the ticket in by its typed code (in lower case), and a second try says it is
// already checked in; without a camera the scan button says so. Data is set up through the API as the owner.
// Then (issue 13's browser test in one story): a second ticket is checked in by its QR code held up to the camera (a
// canvas stream stands in for the camera; the page's own decoder reads the frames); the administrator publishes a
// members-only post and a public one; the member sees both on Home and a visitor who is not signed in sees only the
// public one on the location's news page.
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
const ZONE = 'Europe/Paris';
const ANA = { firstName: 'Ana', lastName: 'Alves', email: 'ana.alves@example.com' };
const PHONE = { width: 375, height: 812 };
const EVENT = 'Founders breakfast';
const CREDITS = 10;

let server: RunningServer;
let ownerBrowser: Browser;
let owner: Page;
let anaBrowser: Browser | undefined;
let ana: Page;
let visitorBrowser: Browser | undefined;
let problems: string[] = [];
let locationId = '';
let code = '';

const step = stepsInOrder(async (name) => {
  await screenshotPages(ownerBrowser?.context, `${name} owner`);
  await screenshotPages(anaBrowser?.context, `${name} member`);
  await screenshotPages(visitorBrowser?.context, `${name} visitor`);
  printFailureContext(server, problems);
});

const ownerApiOk = <T = unknown>(method: string, path: string, body: unknown, status: number) => callApiExpecting<T>(owner, server, status, method, path, body);

/** A local date at the location, some days from now. */
function localDay(daysAhead: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + daysAhead * 24 * 3600_000),
  );
}

describe('events: an administrator adds an event, a member gets a ticket with credits, the administrator checks it in', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'events-server' });
    ({ browser: ownerBrowser, page: owner, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    await visitorBrowser?.close();
    await anaBrowser?.close();
    await ownerBrowser?.close();
    await server?.stop();
  });

  step('setup (API): a location in Paris, a member with credits', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Canal Coworking',
      locationName: LOCATION,
      address: '12 quai de Valmy, Paris',
      timeZone: ZONE,
      currency: 'EUR',
      country: 'FR',
      owner: OWNER,
    });
    const anaId = (await ownerApiOk<{ customer: { id: string } }>('POST', `/locations/${locationId}/invitations`, ANA, 201)).customer.id;
    await ownerApiOk(
      'POST',
      `/locations/${locationId}/ledger/adjustments`,
      { customerId: anaId, unit: 'credit', amount: CREDITS, memo: 'Welcome credits' },
      201,
    );
  });

  step('the administrator adds an event on the Events page', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/events`);
    await owner.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
    await owner.getByText('No upcoming events.').waitFor();
    await shot(owner, 'events-admin-empty.png');
    await owner.getByRole('button', { name: 'Add event' }).first().click();
    const drawer = owner.getByRole('dialog', { name: 'Add an event' });
    await field(drawer, 'Title').fill(EVENT);
    await field(drawer, 'Description').fill('Croissants and introductions, every first Friday.');
    await field(drawer, 'Date').fill(localDay(3));
    await field(drawer, 'Starts at').fill('09:00');
    await field(drawer, 'Ends at').fill('08:00');
    await drawer.getByRole('button', { name: 'Add event' }).click();
    await drawer.getByText('The end must come after the start').waitFor();
    await field(drawer, 'Ends at').fill('10:30');
    await field(drawer, 'Place').fill('Kitchen, 2nd floor');
    await field(drawer, 'Capacity').fill('20');
    await field(drawer, 'Price (EUR)').fill('12');
    await field(drawer, 'Price in credits').fill('2');
    await shot(owner, 'events-admin-form.png', { fullPage: false });
    await drawer.getByRole('button', { name: 'Add event' }).click();
    await owner.getByRole('heading', { name: EVENT, level: 1 }).waitFor();
    await owner.getByText('No tickets yet.', { exact: false }).waitFor();
    await expect.poll(() => owner.getByText('€12.00 or 2 credits').count()).toBeGreaterThan(0);
    await owner.getByRole('link', { name: 'All events' }).click();
    const row = owner.getByTestId('event-row').filter({ hasText: EVENT });
    await expect.poll(() => row.innerText()).toContain('0 of 20');
    await expect.poll(() => row.innerText()).toMatch(/9:00\sAM\s–\s10:30\sAM/);
    await shot(owner, 'events-admin-list.png');
  });

  step('the member on a phone gets a ticket with credits and sees its QR code', async () => {
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
    await ana.getByRole('navigation').getByRole('link', { name: 'Events', exact: true }).click();
    await ana.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
    const card = ana.getByTestId('event-card').filter({ hasText: EVENT });
    await expect.poll(() => card.innerText()).toContain('€12.00 or 2 credits');
    await expect.poll(() => card.innerText()).toMatch(/20 places left/i);
    await expectNoSidewaysScroll(ana);
    await shot(ana, 'events-portal-list.png');
    await card.getByRole('button', { name: 'Get a ticket' }).click();
    const sheet = ana.getByRole('dialog', { name: 'Get a ticket' });
    const credits = sheet.getByRole('radio', { name: /^Credits/ });
    await expect.poll(() => credits.innerText()).toContain(`2 credits (you have ${CREDITS} credits)`);
    await expect.poll(() => credits.getAttribute('aria-checked')).toBe('true');
    await sheet.getByRole('radio', { name: /^Invoice/ }).waitFor();
    await expect.poll(() => sheet.getByTestId('sheet-rule').innerText()).toMatch(/^Cancel before .* and what you paid comes back\.$/);
    await shot(ana, 'events-portal-sheet.png', { fullPage: false });
    await sheet.getByRole('button', { name: 'Confirm' }).click();
    await ana.getByRole('heading', { name: 'My tickets', level: 1 }).waitFor();
    await expect.poll(() => ana.getByTestId('ticket-got').innerText()).toContain(EVENT);
    const ticket = ana.getByTestId('ticket-card').filter({ hasText: EVENT });
    await expect.poll(() => ticket.innerText()).toContain('Paid with 2 credits');
    code = (await ticket.getByTestId('ticket-code').innerText()).trim();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const qr = ticket.getByTestId('ticket-qr');
    await expect.poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(200);
    const box = await qr.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(240);
    await expectNoSidewaysScroll(ana);
    await shot(ana, 'events-portal-ticket.png');
  });

  step('the administrator checks the ticket in by its typed code; a second try says it is already checked in', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/events`);
    await owner.getByTestId('event-row').filter({ hasText: EVENT }).click();
    await owner.getByRole('heading', { name: EVENT, level: 1 }).waitFor();
    const tickets = owner.getByTestId('tickets');
    await expect.poll(() => tickets.innerText()).toContain('Ana Alves');
    await expect.poll(() => tickets.innerText()).toContain('Not yet');
    await field(owner, 'Ticket code').fill(code.toLowerCase());
    await owner.getByRole('button', { name: 'Check in', exact: true }).click();
    await owner.getByText('Ana Alves is checked in.').waitFor();
    await expect.poll(() => tickets.innerText()).not.toContain('Not yet');
    await field(owner, 'Ticket code').fill(code);
    await owner.getByRole('button', { name: 'Check in', exact: true }).click();
    await owner.getByText('This ticket is already checked in.').waitFor();
    await field(owner, 'Ticket code').fill('ZZZZ2222');
    await owner.getByRole('button', { name: 'Check in', exact: true }).click();
    await owner.getByText('No ticket of this event has this code', { exact: false }).waitFor();
    // no camera in this browser: the page says so, and the typed code still works
    await owner.getByRole('button', { name: 'Scan with camera' }).click();
    await owner.getByText('No camera can be used here. Type the code instead.').waitFor({ timeout: 15_000 });
    await shot(owner, 'events-admin-check-in.png');
  });

  step('the member sees the ticket checked in', async () => {
    await ana.reload();
    const ticket = ana.getByTestId('ticket-card').filter({ hasText: EVENT });
    await expect.poll(() => ticket.innerText()).toMatch(/checked in/i);
    // the refusals this test asked for (the second check-in, the unknown code) and the signed-out start are expected
    const unexpected = problems.filter(
      (p) => !/status of (401|404|409)\b/.test(p) && !/camera/i.test(p) && !/NotFoundError|Requested device not found/i.test(p),
    );
    expect(unexpected).toEqual([]);
  });
  step('a second ticket shown to the camera: the page reads its QR code and checks it in', async () => {
    const open = await ownerApiOk<{ event: { id: string } }>(
      'POST',
      `/locations/${locationId}/events`,
      {
        title: 'Open studio',
        startsAt: new Date(Date.now() + 2 * 24 * 3600_000).toISOString(),
        endsAt: new Date(Date.now() + 2 * 24 * 3600_000 + 3600_000).toISOString(),
      },
      201,
    );
    const ticket = await callApiExpecting<{ ticket: { code: string; qrCode: string } }>(
      ana,
      server,
      201,
      'POST',
      `/portal/locations/${locationId}/events/${open.event.id}/tickets`,
      { paymentMethod: 'free' },
    );
    // a camera that films the ticket's QR code: a canvas stream in place of getUserMedia, in a page of its own
    const door = await ownerBrowser.context.newPage();
    await door.addInitScript((qr: string) => {
      const canvas = document.createElement('canvas');
      canvas.width = 480;
      canvas.height = 360;
      const paint = canvas.getContext('2d')!;
      const picture = new Image();
      picture.src = qr;
      setInterval(() => {
        paint.fillStyle = '#fff';
        paint.fillRect(0, 0, canvas.width, canvas.height);
        if (picture.complete && picture.naturalWidth) paint.drawImage(picture, 90, 30, 300, 300);
      }, 100);
      const camera = { getUserMedia: async () => canvas.captureStream(10) };
      Object.defineProperty(navigator, 'mediaDevices', { value: camera, configurable: true });
    }, ticket.ticket.qrCode);
    await door.setViewportSize({ width: 1280, height: 900 });
    await door.goto(`${server.url}/admin/l/${locationId}/events/${open.event.id}`);
    await door.getByRole('heading', { name: 'Open studio', level: 1 }).waitFor();
    const tickets = door.getByTestId('tickets');
    await expect.poll(() => tickets.innerText()).toContain('Not yet');
    await door.getByRole('button', { name: 'Scan with camera' }).click();
    await door.getByText('Ana Alves is checked in.').waitFor({ timeout: 15_000 });
    await expect.poll(() => tickets.innerText()).not.toContain('Not yet');
    const checked = await ownerApiOk<{ items: { code: string; checkedInAt: string | null }[] }>(
      'GET',
      `/locations/${locationId}/events/${open.event.id}/tickets`,
      undefined,
      200,
    );
    expect(checked.items).toMatchObject([{ code: ticket.ticket.code, checkedInAt: expect.any(String) }]);
    await shot(door, 'events-admin-camera-check-in.png');
    await door.close();
  });

  step('the administrator publishes a members-only post and a public one: the member sees both on Home, a visitor only the public one', async () => {
    for (const [title, visibility] of [
      ['Members’ breakfast moves to Friday', 'location_members'],
      ['Open day on Saturday', 'public'],
    ])
      await ownerApiOk('POST', `/locations/${locationId}/posts`, { kind: 'post', title, body: 'See you there.', visibility }, 201);
    await ana.goto(`${server.url}/`);
    const feed = ana.getByTestId('feed');
    await expect.poll(() => feed.getByTestId('feed-item').count()).toBe(2);
    expect(await feed.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['Open day on Saturday', 'Members’ breakfast moves to Friday']);
    await shot(ana, 'events-portal-home-posts.png');

    let visitor: Page;
    ({ browser: visitorBrowser, page: visitor } = await launchBrowserWithPage(problems));
    await visitor.setViewportSize(PHONE);
    await visitor.goto(`${server.url}/l/${locationId}/news`);
    await visitor.getByRole('heading', { name: `News from ${LOCATION}`, level: 1 }).waitFor();
    const news = visitor.getByTestId('feed');
    await expect.poll(() => news.getByTestId('feed-item').count()).toBe(1);
    expect(await news.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['Open day on Saturday']);
    expect(await visitor.locator('body').innerText()).not.toContain('Members’ breakfast');
    await shot(visitor, 'events-public-news.png');
    const unexpected = problems.filter(
      (p) => !/status of (401|404|409)\b/.test(p) && !/camera/i.test(p) && !/NotFoundError|Requested device not found/i.test(p),
    );
    expect(unexpected).toEqual([]);
  });
});
