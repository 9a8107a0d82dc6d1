// Invoices and online payment in the portal, in Chromium on a phone (375×812), against the real server started with
// the dev payment provider (PAYMENTS_DEV=1): the owner issues invoices through the API; the member finds hers on the
// Billing tab, opens it, presses Pay now, fails once on the dev checkout and then pays, and sees "Payment received"
// and the invoice paid. A company manager sees the company's invoice on the Billing tab and opens it from its email
// while the portal shows another location; another company user sees neither.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import {
  activateMember,
  artifact,
  callApi,
  callApiExpecting,
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
const ANNEX = 'Harbor Annex';
const COMPANY = 'Blue Fern Studio';
const ANA = { firstName: 'Ana', lastName: 'Alves', email: 'ana.alves@example.com' };
const DANA = { firstName: 'Dana', lastName: 'Dumas', email: 'dana.dumas@example.com' };
const CLEO = { firstName: 'Cleo', lastName: 'Caron', email: 'cleo.caron@example.com' };
const PHONE = { width: 375, height: 812 };

interface InvoiceAnswer {
  invoice: { id: string; number: string | null; total: number; amountDue: number; status: string };
}

let server: RunningServer;
let ownerBrowser: Browser;
let owner: Page;
const people: Browser[] = [];
let problems: string[] = [];
let locationId = '';
let annexId = '';
let anaInvoice: InvoiceAnswer['invoice'];
let companyInvoice: InvoiceAnswer['invoice'];
let ana: Page;

const step = stepsInOrder(async (name) => {
  await screenshotPages(ownerBrowser?.context, `${name} owner`);
  for (const [i, person] of people.entries()) await screenshotPages(person.context, `${name} person ${i + 1}`);
  printFailureContext(server, problems);
});

const ownerApiOk = <T = unknown>(method: string, path: string, body: unknown, status: number) => callApiExpecting<T>(owner, server, status, method, path, body);

/** A new person on a phone: a fresh browser profile (no cookies) at 375×812. */
async function newPerson(): Promise<Page> {
  const { browser, page } = await launchBrowserWithPage(problems);
  people.push(browser);
  await page.setViewportSize(PHONE);
  return page;
}

/**
 * A picture of the whole page as on a phone as tall as the page: the viewport grows to the page's height for the
 * picture (so the fixed bottom navigation sits at the bottom, not over the middle), then goes back to 375×812.
 */
async function shot(p: Page, name: string) {
  await p.waitForTimeout(400);
  const height = await p.evaluate(() => document.documentElement.scrollHeight);
  await p.setViewportSize({ width: PHONE.width, height: Math.max(PHONE.height, height) });
  await p.waitForTimeout(200);
  await p.screenshot({ path: artifact(name), style: '.mantine-Notifications-root { display: none !important; }' });
  await p.setViewportSize(PHONE);
}

/** The link of the newest mail to `email` with that subject whose address contains `path`, read on the owner's Mailbox page. */
async function linkInMail(email: string, subject: string, path: RegExp): Promise<string> {
  const body = await openMail(owner, server, email, subject);
  const href = await owner.getByRole('article').getByRole('link', { name: path }).first().getAttribute('href');
  if (!href?.startsWith(server.url)) throw new Error(`no link matching ${path} in the message:\n${body}`);
  return href;
}

/** Signs a freshly invited person in on a new phone, from the activation link of their invitation. */
async function activate(person: { email: string }, location = LOCATION): Promise<Page> {
  const page = await newPerson();
  await activateMember(owner, server, person.email, `You are invited to ${location}`, page);
  return page;
}

async function openBillingTab(p: Page) {
  await p.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Billing' }).click();
  await p.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
  await p.getByRole('heading', { name: 'Invoices', level: 2 }).waitFor();
}

async function expectNoHorizontalScroll(p: Page) {
  const sizes = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(sizes.scroll, 'the page scrolls sideways').toBeLessThanOrEqual(sizes.view);
}

async function issue(body: unknown): Promise<InvoiceAnswer['invoice']> {
  const draft = await ownerApiOk<InvoiceAnswer>('POST', `/locations/${locationId}/invoices`, body, 201);
  return (await ownerApiOk<InvoiceAnswer>('POST', `/locations/${locationId}/invoices/${draft.invoice.id}/issue`, undefined, 200)).invoice;
}

describe('portal invoices: the Billing tab, the invoice page, Pay now with the dev provider', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'portal-invoices-server', env: { PAYMENTS_DEV: '1' } });
    ({ browser: ownerBrowser, page: owner, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    for (const person of people) await person.close();
    await ownerBrowser?.close();
    await server?.stop();
  });

  step('setup: the organization, two locations, a company with a manager and a user, a member (API)', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Harbor Coworking',
      locationName: LOCATION,
      address: '12 Quai des Chartrons, Bordeaux',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      owner: OWNER,
    });
    const companyId = (await ownerApiOk<{ company: { id: string } }>('POST', `/locations/${locationId}/companies`, { name: COMPANY }, 201)).company.id;
    const anaId = (await ownerApiOk<{ customer: { id: string } }>('POST', `/locations/${locationId}/invitations`, ANA, 201)).customer.id;
    await ownerApiOk('POST', `/locations/${locationId}/invitations`, { ...DANA, companyId, companyManager: true }, 201);
    await ownerApiOk('POST', `/locations/${locationId}/invitations`, { ...CLEO, companyId, companyManager: false }, 201);
    // Dana is also at a second location, where the company's invoice is not
    annexId = (
      await ownerApiOk<{ location: { id: string } }>(
        'POST',
        '/locations',
        { name: ANNEX, address: '', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
        201,
      )
    ).location.id;
    await ownerApiOk('POST', `/locations/${annexId}/invitations`, DANA, 201);

    // the dev provider is on: the location offers online payment
    expect(await ownerApiOk('GET', `/locations/${locationId}/payment-providers`, undefined, 200)).toEqual({ items: [{ name: 'dev' }] });

    // Ana's invoice: a desk for the month and a room twice, then a credit note for a room that was noisy
    anaInvoice = await issue({
      customerId: anaId,
      lines: [
        { description: 'Hot desk, monthly membership', quantity: 1, unitPrice: 19000, taxRateBps: 2000 },
        { description: 'Meeting room Lighthouse, 2 hours', quantity: 2, unitPrice: 2500, taxRateBps: 2000 },
      ],
    });
    expect(anaInvoice.total).toBe(28800);
    const credited = await ownerApiOk<InvoiceAnswer>(
      'POST',
      `/locations/${locationId}/invoices/${anaInvoice.id}/credit-notes`,
      { amount: 1200, reason: 'The projector in Lighthouse was out of order' },
      201,
    );
    anaInvoice = credited.invoice;
    expect(anaInvoice.amountDue).toBe(27600);
    companyInvoice = await issue({ companyId, lines: [{ description: 'Team office for 3, monthly', quantity: 3, unitPrice: 28000, taxRateBps: 2000 }] });
    expect(companyInvoice.number).toBeTruthy();
  });

  step('the member opens Billing on her phone and finds her invoice, due, with its total and what is due', async () => {
    ana = await activate(ANA);
    await openBillingTab(ana);
    const card = ana.getByTestId('invoice').filter({ hasText: anaInvoice.number! });
    await expect.poll(() => card.innerText()).toContain('Due');
    const text = await card.innerText();
    expect(text).toContain('€288.00');
    expect(text).toContain('€276.00');
    expect(text).toMatch(/Issued \w+ \d+, \d{4}/);
    // her own invoice only: not the company's
    expect(await ana.getByTestId('invoice').count()).toBe(1);
    await expectNoHorizontalScroll(ana);
    await shot(ana, 'portal-invoices-billing.png');
  });

  step('the invoice page: dates, payer, lines stacked on the phone, tax, totals, credit note, amount due and the PDF', async () => {
    await ana.getByTestId('invoice').filter({ hasText: anaInvoice.number! }).click();
    await ana.getByRole('heading', { name: `Invoice ${anaInvoice.number}`, level: 1 }).waitFor();
    expect(new URL(ana.url()).pathname).toBe(`/billing/invoices/${anaInvoice.id}`);
    await expect.poll(() => ana.getByTestId('amount-due').innerText()).toBe('€276.00');
    const page = await ana.getByTestId('invoice-page').innerText();
    for (const words of [
      'From Harbor Docks',
      'Issue date',
      'Due date',
      'Billed to',
      'Ana Alves',
      'Hot desk, monthly membership',
      '2 × €25.00',
      'Tax 20%',
      'Subtotal',
      '€240.00',
      'Tax at 20%',
      '€48.00',
      '€288.00',
      'Credited',
      'The projector in Lighthouse was out of order',
    ]) {
      expect(page).toContain(words);
    }
    expect(await ana.getByTestId('invoice-line').count()).toBe(2);
    await expectNoHorizontalScroll(ana);

    // "Download PDF" is the portal's PDF route, which answers a PDF to her
    const href = await ana.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    expect(href).toBe(`/api/v1/portal/locations/${locationId}/invoices/${anaInvoice.id}/pdf`);
    const pdf = await ana.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await shot(ana, 'portal-invoice-page.png');
  });

  step('Pay now opens the dev checkout, which says it is a test; Fail comes back with a message', async () => {
    await ana.getByRole('button', { name: 'Pay now' }).click();
    await ana.waitForURL(/\/dev\/checkout\//);
    await ana.getByRole('heading', { name: 'Test checkout', level: 1 }).waitFor();
    await expect.poll(() => ana.getByTestId('dev-checkout-notice').innerText()).toContain('No real money moves');
    await expect.poll(() => ana.getByTestId('dev-checkout-amount').innerText()).toBe('€276.00');
    await ana.getByText(`Invoice ${anaInvoice.number}`).waitFor();
    await expectNoHorizontalScroll(ana);
    await shot(ana, 'portal-dev-checkout.png');

    await ana.getByRole('button', { name: 'Fail', exact: true }).click();
    await ana.getByRole('heading', { name: `Invoice ${anaInvoice.number}`, level: 1 }).waitFor();
    await ana.getByText('The payment did not go through').waitFor();
    expect(new URL(ana.url()).search).toBe('');
    expect(await ana.getByTestId('invoice-status').innerText()).toBe('Due');
  });

  step('paying on the dev checkout comes back to "Payment received" and the invoice paid', async () => {
    await ana.getByRole('button', { name: 'Pay now' }).click();
    await ana.waitForURL(/\/dev\/checkout\//);
    const checkoutId = new URL(ana.url()).pathname.split('/').pop();
    await ana.getByRole('button', { name: 'Pay €276.00' }).click();
    await ana.waitForURL((url) => url.pathname === `/billing/invoices/${anaInvoice.id}`);
    await ana.getByText('Payment received').waitFor({ timeout: 30_000 });
    await expect.poll(() => ana.getByTestId('invoice-status').innerText()).toBe('Paid');
    await expect.poll(() => ana.getByTestId('amount-due').innerText()).toBe('€0.00');
    await ana.getByTestId('invoice-payments').getByText('Paid online').waitFor();
    expect(await ana.getByRole('button', { name: 'Pay now' }).count()).toBe(0);
    // said once: the URL no longer carries the checkout, so a reload does not confirm again
    expect(new URL(ana.url()).searchParams.get('checkout')).toBeNull();
    await shot(ana, 'portal-payment-received.png');

    // the closed checkout says so
    await ana.goto(`${server.url}/dev/checkout/${checkoutId}`);
    await expect.poll(() => ana.getByTestId('dev-checkout-closed').innerText()).toContain('already paid');

    await ana.goto(`${server.url}/billing/invoices/${anaInvoice.id}`);
    await expect.poll(() => ana.getByTestId('invoice-status').innerText()).toBe('Paid');
    expect(await ana.getByText('Payment received').count()).toBe(0);
    // where there is room, the lines are a table with their columns
    await ana.setViewportSize({ width: 1024, height: 800 });
    const table = ana.getByRole('table');
    await expect.poll(() => table.getByRole('columnheader').allInnerTexts()).toEqual(['Description', 'Qty', 'Unit price', 'Tax', 'Amount']);
    expect(await table.getByRole('row').count()).toBe(3);
    await ana.screenshot({ path: artifact('portal-invoice-wide.png'), fullPage: true });
    await ana.setViewportSize(PHONE);

    await ana.getByRole('link', { name: 'Back to billing' }).click();
    await expect.poll(() => ana.getByTestId('invoice').filter({ hasText: anaInvoice.number! }).innerText()).toContain('Paid');
  });

  step('the company manager sees the company invoice on Billing and opens it from its email while at another location', async () => {
    const link = await linkInMail(DANA.email, `Invoice ${companyInvoice.number} from ${LOCATION}`, /\/billing\/invoices\//);
    expect(new URL(link).pathname).toBe(`/billing/invoices/${companyInvoice.id}`);
    const dana = await activate(DANA);
    await dana.getByRole('button', { name: `Current location: ${LOCATION}` }).waitFor();
    await openBillingTab(dana);
    const card = dana.getByTestId('invoice').filter({ hasText: companyInvoice.number! });
    await expect.poll(() => card.innerText()).toContain(`For ${COMPANY}`);
    expect(await card.innerText()).toContain('€1,008.00');
    await shot(dana, 'portal-invoices-manager.png');

    // at the other location the link still finds the invoice, and the portal shows its location
    await dana.getByRole('button', { name: `Current location: ${LOCATION}` }).click();
    await dana.getByRole('menuitemradio', { name: new RegExp(`^${ANNEX}`) }).click();
    await dana.getByRole('button', { name: `Current location: ${ANNEX}` }).waitFor();
    await dana.goto(link);
    await dana.getByRole('heading', { name: `Invoice ${companyInvoice.number}`, level: 1 }).waitFor();
    await dana.getByText(`From ${LOCATION}`).waitFor();
    await dana.getByRole('button', { name: `Current location: ${LOCATION}` }).waitFor();
    await dana.getByRole('button', { name: 'Pay now' }).waitFor();
  });

  step('another user of the company sees neither the company invoice nor its page', async () => {
    const cleo = await activate(CLEO);
    await openBillingTab(cleo);
    await cleo.getByText('No invoices yet.').waitFor();
    expect(await cleo.getByTestId('invoice').count()).toBe(0);
    await cleo.goto(`${server.url}/billing/invoices/${companyInvoice.id}`);
    await cleo.getByRole('heading', { name: 'Invoice not found', level: 1 }).waitFor();
    const direct = await callApi(cleo, server, 'GET', `/portal/locations/${locationId}/invoices/${companyInvoice.id}`);
    expect(direct.status).toBe(404);
  });
});
