// Spaces in the admin app, in Chromium: the owner of a location in New York (the browser is in Paris) adds a meeting
// room on the Resources page, opens Saturdays in the Spaces settings, books the room for a member by clicking 10:00 on
// the week calendar and paying in credits, sees the booking in the calendar and on the member's profile, then cancels
// it from the calendar, reading first that the credits come back, and sees them back. The calendar names the member
// from the booking itself (no profile read). A double click on Book by invoice books once, and the Invoices page lists
// the new invoice at once; with online payment set up the form offers a card and holds the time for the payment; the
// company page lists what is assigned to the company.
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  shot,
  artifact,
  callApiExpecting,
  field,
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
const ANA = { firstName: 'Ana', lastName: 'Alves', email: 'ana.alves@example.com' };
const ZONE = 'America/New_York';
const ROOM = 'Hudson';

let server: RunningServer;
let browser: Browser;
let owner: Page;
let problems: string[] = [];
let locationId = '';
let anaId = '';
/** A weekday a week or so ahead at the location, 'YYYY-MM-DD'. */
let day = '';

const step = stepsInOrder(async (name) => {
  await screenshotPages(browser?.context, name);
  printFailureContext(server, problems);
});

const api = <T = unknown>(method: string, path: string, body: unknown, status: number) => callApiExpecting<T>(owner, server, status, method, path, body);

async function notification(p: Page, message: string | RegExp) {
  await p.getByRole('alert').filter({ hasText: message }).first().waitFor();
}

/** The local date at the location `days` from now, moved on to a Monday–Friday. */
function weekdayAhead(days: number): string {
  const parts = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const at = new Date(Date.now() + days * 86_400_000);
  const weekday = new Date(`${parts(at)}T12:00:00Z`).getUTCDay();
  const extra = weekday === 6 ? 2 : weekday === 0 ? 1 : 0;
  return parts(new Date(at.getTime() + extra * 86_400_000));
}

/** Wall-clock time at the location of an instant, "HH:MM". */
const wallTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

async function balance(): Promise<number> {
  return (await api<{ credits: number }>('GET', `/locations/${locationId}/balances?customerId=${anaId}`, undefined, 200)).credits;
}

describe('spaces in the admin app: resources, the week calendar, booking for a member and cancelling with the refund shown', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'spaces-admin-server', env: { PAYMENTS_DEV: '1' } });
    ({ browser, page: owner, problems } = await launchBrowserWithPage());
    await owner.setViewportSize({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  step('setup: an organization with a location in New York and a member with 10 credits (API)', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Hudson Works',
      locationName: 'Midtown',
      address: '350 5th Ave, New York',
      timeZone: ZONE,
      currency: 'USD',
      country: 'US',
      owner: OWNER,
    });
    anaId = (await api<{ customer: { id: string } }>('POST', `/locations/${locationId}/invitations`, ANA, 201)).customer.id;
    await api('POST', `/locations/${locationId}/ledger/adjustments`, { customerId: anaId, unit: 'credit', amount: 10, memo: 'Welcome' }, 201);
    expect(await balance()).toBe(10);
    day = weekdayAhead(7);
    // The admin app asked who was signed in before the setup signed the owner in: that 401 is expected.
    problems.length = 0;
  });

  step('the owner adds a meeting room on the Resources page, priced in money and credits', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/customers`);
    await owner.getByRole('navigation').getByRole('link', { name: 'Resources' }).click();
    await owner.getByRole('heading', { name: 'Resources', level: 1 }).waitFor();
    await owner.getByText('No resources yet.').waitFor();
    await owner.getByRole('button', { name: 'Add resource' }).first().click();
    const drawer = owner.getByRole('dialog', { name: 'Add a resource' });
    await drawer.getByRole('button', { name: 'Add resource' }).click();
    await drawer.getByText('Fill in this field').waitFor();
    await field(drawer, 'Name').fill(ROOM);
    await field(drawer, 'Description').fill('Ten seats and a view of the river.');
    await field(drawer, 'Capacity (people)').fill('10');
    await field(drawer, 'Price per hour (USD)').fill('20');
    await field(drawer, 'Credits per hour').fill('2');
    await drawer.getByRole('button', { name: 'Add resource' }).click();
    await notification(owner, `${ROOM} added`);
    const rooms = owner.getByTestId('resources-meeting_room');
    await expect.poll(() => rooms.innerText()).toContain('$20.00 or 2 credits an hour');
    await expect.poll(() => rooms.innerText()).toContain('up to 10 people');

    // Its drawer: the same fields, and its assignments.
    await rooms.getByRole('button', { name: ROOM, exact: true }).click();
    const edit = owner.getByRole('dialog', { name: `Edit ${ROOM}` });
    await expect.poll(() => field(edit, 'Price per hour (USD)').inputValue()).toBe('20');
    await edit.getByText('Not assigned to anyone.').waitFor();
    await shot(owner, 'spaces-admin-resources-drawer.png');
    await owner.keyboard.press('Escape');
  });

  step('the owner opens Saturdays in the Spaces settings', async () => {
    await owner.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    const section = owner.getByTestId('spaces-settings');
    await section.getByRole('heading', { name: 'Spaces' }).waitFor();
    await section.getByRole('checkbox', { name: 'Open on Saturday' }).check();
    await section.getByRole('textbox', { name: 'Saturday, interval 1: opens' }).fill('10');
    await section.getByRole('textbox', { name: 'Saturday, interval 1: closes' }).fill('16:00');
    await section.getByRole('textbox', { name: 'Saturday, interval 1: opens' }).blur();
    await expect.poll(() => section.getByRole('textbox', { name: 'Saturday, interval 1: opens' }).inputValue()).toBe('10:00');
    await section.getByRole('button', { name: 'Save' }).click();
    await notification(owner, 'Spaces settings saved');
    const { items } = await api<{ items: { id: string; openingHours: Record<string, string[][]> }[] }>('GET', '/locations', undefined, 200);
    expect(items.find((l) => l.id === locationId)!.openingHours.sat).toEqual([['10:00', '16:00']]);
    await section.scrollIntoViewIfNeeded();
    await owner.waitForTimeout(300);
    await section.screenshot({ path: artifact('spaces-admin-settings.png') });
  });

  step('the owner books the room for the member at 10:00 from the week calendar, paying 2 credits', async () => {
    // the calendar names people from the bookings themselves: it reads no customer profile
    const profileReads: string[] = [];
    const onRequest = (request: Request) => {
      if (request.url().includes(`/customers/${anaId}`)) profileReads.push(request.url());
    };
    owner.on('request', onRequest);
    await owner.getByRole('navigation').getByRole('link', { name: 'Bookings' }).click();
    await owner.getByRole('heading', { name: 'Bookings', level: 1 }).waitFor();
    await owner.getByText(`Times in ${ZONE}`).waitFor();
    await owner.getByRole('textbox', { name: 'Go to date' }).fill(day);
    const column = owner.locator(`[data-testid="calendar-column"][data-resource="${ROOM}"][data-day="${day}"]`);
    await column.waitFor();
    const first = Number(await column.getAttribute('data-first-minute'));
    const perMinute = Number(await column.getAttribute('data-minute-px'));
    await column.click({ position: { x: 8, y: (10 * 60 - first) * perMinute + 4 } });

    const drawer = owner.getByRole('dialog', { name: 'Book for a customer' });
    await expect.poll(() => drawer.getByRole('combobox', { name: 'Start' }).inputValue()).toBe('10:00 AM');
    await expect.poll(() => drawer.getByRole('combobox', { name: 'End' }).inputValue()).toBe('11:00 AM');
    const customer = drawer.getByRole('combobox', { name: /^Customer/ });
    await customer.fill('Ana');
    await owner.getByRole('option', { name: new RegExp(`^${ANA.firstName} ${ANA.lastName}`) }).click();
    await drawer.getByRole('radio', { name: 'Credits: 2 credits' }).check();
    await expect.poll(() => drawer.getByTestId('booking-summary').innerText()).toBe('1 h: $20.00 or 2 credits');
    await drawer.getByRole('button', { name: 'Book', exact: true }).click();
    await notification(owner, `${ROOM} booked for ${ANA.firstName} ${ANA.lastName}`);

    const block = owner.getByTestId('booking-block');
    await expect.poll(() => block.count()).toBe(1);
    // the name may come a moment after the block (under load the CI saw "A customer" at first)
    // the whole booking is read after what the block shows (a visually hidden line)
    await expect.poll(() => block.innerText()).toContain(`${ROOM}: ${ANA.firstName} ${ANA.lastName}, 10:00 AM – 11:00 AM, 2 credits`);
    const booked = await api<{ items: { startsAt: string; endsAt: string; credits: number; paymentMethod: string }[] }>(
      'GET',
      `/locations/${locationId}/bookings?from=${day}&to=${day}`,
      undefined,
      200,
    );
    expect(booked.items).toHaveLength(1);
    // 10:00 on the grid is 10:00 in New York, whatever the browser's time zone (Paris).
    expect([wallTime(booked.items[0].startsAt), wallTime(booked.items[0].endsAt)]).toEqual(['10:00', '11:00']);
    expect([booked.items[0].paymentMethod, booked.items[0].credits]).toEqual(['credits', 2]);
    expect(await balance()).toBe(8);
    await block.click();
    const details = owner.getByRole('dialog', { name: ROOM });
    await expect.poll(() => details.innerText()).toContain(`${ANA.firstName} ${ANA.lastName}`);
    await details.getByRole('button', { name: 'Close' }).first().click();
    expect(profileReads).toEqual([]);
    owner.off('request', onRequest);
    await owner.mouse.move(0, 0);
    await shot(owner, 'spaces-admin-week.png');
  });

  step('the member’s profile lists the upcoming booking', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/customers/${anaId}`);
    const card = owner.getByTestId('profile-upcoming-bookings');
    await expect.poll(() => card.getByTestId('upcoming-booking').innerText()).toContain(ROOM);
    await expect.poll(() => card.innerText()).toContain('2 credits');
    await owner.getByTestId('profile-assigned-resources').getByText('No resource is assigned to them.').waitFor();
    // the page's own reads finished (the mailbox link of the menu), so going back aborts none of them
    await owner.waitForLoadState('networkidle');
    await owner.goBack();
  });

  step('the owner cancels it from the calendar, reading first that the 2 credits come back', async () => {
    const block = owner.getByTestId('booking-block');
    await block.click();
    const details = owner.getByRole('dialog', { name: ROOM });
    await expect.poll(() => details.innerText()).toContain(`${ANA.firstName} ${ANA.lastName}`);
    await details.getByRole('button', { name: 'Cancel booking' }).click();
    const confirm = owner.getByRole('dialog', { name: 'Cancel this booking' });
    await expect.poll(() => confirm.innerText()).toContain('so what was paid comes back: 2 credits.');
    await expect.poll(() => confirm.getByTestId('refund-summary').innerText()).toBe('Will be refunded: 2 credits.');
    await shot(owner, 'spaces-admin-cancel.png');
    await confirm.getByRole('button', { name: 'Cancel booking' }).click();
    await notification(owner, 'Booking canceled. Refunded: 2 credits.');
    await expect.poll(() => block.count()).toBe(0);
    expect(await balance()).toBe(10);
    expect(problems).toEqual([]);
  });

  /** Opens the booking form on the room's column at a wall-clock hour of `day`, for the member. */
  async function openFormAt(hour: number) {
    await owner.getByRole('heading', { name: 'Bookings', level: 1 }).waitFor();
    await owner.getByRole('textbox', { name: 'Go to date' }).fill(day);
    const column = owner.locator(`[data-testid="calendar-column"][data-resource="${ROOM}"][data-day="${day}"]`);
    await column.waitFor();
    const first = Number(await column.getAttribute('data-first-minute'));
    const perMinute = Number(await column.getAttribute('data-minute-px'));
    await column.click({ position: { x: 8, y: (hour * 60 - first) * perMinute + 4 } });
    const drawer = owner.getByRole('dialog', { name: 'Book for a customer' });
    await drawer.getByRole('combobox', { name: /^Customer/ }).fill('Ana');
    await owner.getByRole('option', { name: new RegExp(`^${ANA.firstName} ${ANA.lastName}`) }).click();
    return drawer;
  }

  const liveBookings = async () =>
    (
      await api<{ items: { status: string; paymentMethod: string }[] }>('GET', `/locations/${locationId}/bookings?from=${day}&to=${day}`, undefined, 200)
    ).items.filter((booking) => booking.status !== 'canceled');

  step('a double click on Book, paying by invoice, books once; the Invoices page lists the new invoice at once', async () => {
    // the Invoices page read first (kept for a few seconds), then the booking
    await owner.getByRole('navigation').getByRole('link', { name: 'Invoices' }).click();
    await owner.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor();
    await expect.poll(() => owner.getByTestId('invoice-row').count()).toBe(0);
    await owner.getByRole('navigation').getByRole('link', { name: 'Bookings' }).click();
    const drawer = await openFormAt(13);
    await drawer.getByRole('radio', { name: 'Invoice: $20.00' }).check();
    await drawer.getByRole('button', { name: 'Book', exact: true }).dblclick();
    await notification(owner, `${ROOM} booked for ${ANA.firstName} ${ANA.lastName}`);
    await expect.poll(() => owner.getByTestId('booking-block').count()).toBe(1);
    expect((await liveBookings()).map((booking) => booking.paymentMethod)).toEqual(['invoice']);
    await owner.getByRole('navigation').getByRole('link', { name: 'Invoices' }).click();
    await expect.poll(() => owner.getByTestId('invoice-row').count(), { timeout: 3000 }).toBe(1);
    await expect.poll(() => owner.getByTestId('invoice-row').innerText()).toContain('$20.00');
  });

  step('with online payment set up, the form offers a card and holds the time until it is paid', async () => {
    await owner.getByRole('navigation').getByRole('link', { name: 'Bookings' }).click();
    const drawer = await openFormAt(15);
    await drawer.getByRole('radio', { name: 'Card, paid online: $20.00' }).check();
    await drawer.getByRole('button', { name: 'Book', exact: true }).click();
    const awaiting = drawer.getByTestId('awaiting-card');
    await expect.poll(() => awaiting.innerText()).toContain(`${ROOM} is held for ${ANA.firstName} ${ANA.lastName}`);
    expect(await awaiting.getByRole('link', { name: 'Open the payment page' }).getAttribute('href')).toContain('/checkout/');
    await shot(owner, 'spaces-admin-card.png');
    await awaiting.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => owner.getByTestId('booking-block').count()).toBe(2);
    expect((await liveBookings()).map((booking) => [booking.paymentMethod, booking.status])).toEqual([
      ['invoice', 'confirmed'],
      ['card', 'pending_payment'],
    ]);
  });

  step('the company page lists the resources assigned to the company', async () => {
    const company = (await api<{ company: { id: string } }>('POST', `/locations/${locationId}/companies`, { name: 'Globex' }, 201)).company;
    const rooms = await api<{ items: { id: string; name: string }[] }>('GET', `/locations/${locationId}/resources`, undefined, 200);
    const later = weekdayAhead(40);
    await api(
      'POST',
      `/locations/${locationId}/assignments`,
      { resourceId: rooms.items.find((room) => room.name === ROOM)!.id, companyId: company.id, startDate: later },
      201,
    );
    await owner.goto(`${server.url}/admin/l/${locationId}/companies/${company.id}`);
    const card = owner.getByTestId('profile-assigned-resources');
    await expect.poll(() => card.getByTestId('assigned-resource').innerText()).toContain(ROOM);
    await expect.poll(() => card.innerText()).toContain('Whole resource');
    await card.scrollIntoViewIfNeeded();
    await shot(owner, 'spaces-admin-company.png');
    expect(problems).toEqual([]);
  });
});
