// Invoices in Chromium, the administrator's side: the owner sets the location's billing (tax, number pattern) on
// Settings > Billing, drafts an invoice for a member from Billing > Invoices with two lines (the totals move as they
// type), issues it (the number shows), records a partial then a full payment (a double click records once; the
// invoice ends paid), downloads its PDF, and finds it on the member's profile.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import {
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
const LOCATION = 'Harbor Docks';
const ANA = { firstName: 'Ana', lastName: 'Alves', email: 'ana.alves@example.com' };
const YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date());
const NUMBER = `HD-${YEAR}-0001`;

let server: RunningServer;
let ownerBrowser: Browser;
let owner: Page;
let problems: string[] = [];
let locationId = '';
let anaId = '';
let invoiceUrl = '';

const step = stepsInOrder(async (name) => {
  await screenshotPages(ownerBrowser?.context, `${name} owner`);
  printFailureContext(server, problems);
});

const ownerApiOk = <T = unknown>(method: string, path: string, body: unknown, status: number) => callApiExpecting<T>(owner, server, status, method, path, body);

async function notification(message: string | RegExp) {
  await owner.getByRole('alert').filter({ hasText: message }).first().waitFor();
}

async function shot(name: string) {
  await owner.waitForTimeout(400);
  await owner.evaluate(() => window.scrollTo(0, 0));
  await owner.screenshot({ path: artifact(name), fullPage: true, style: '.mantine-Notifications-root { display: none !important; }' });
}

describe('invoices in the admin app: settings, a draft with two lines, issue, payments, PDF', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'invoices-server' });
    ({ browser: ownerBrowser, page: owner, problems } = await launchBrowserWithPage());
    await owner.setViewportSize({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await ownerBrowser?.close();
    await server?.stop();
  });

  step('setup: the organization and an invited member (API)', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Harbor Coworking',
      locationName: LOCATION,
      address: '12 Quai des Chartrons, Bordeaux',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      owner: OWNER,
    });
    anaId = (await ownerApiOk<{ customer: { id: string } }>('POST', `/locations/${locationId}/invitations`, ANA, 201)).customer.id;
  });

  step('the owner sets the billing of the location on Settings > Billing', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/settings`);
    const section = owner.getByRole('region', { name: 'Billing' });
    await section.waitFor();
    await field(section, 'Default tax rate').fill('20');
    await field(section, 'Payment terms (days)').fill('30');
    const pattern = field(section, 'Invoice number pattern');
    await pattern.fill('HD-{YYYY}');
    await section.getByRole('button', { name: 'Save billing settings' }).click();
    await section.getByText('The pattern needs {NNNN}, where the number goes').waitFor();
    await pattern.fill('HD-{YYYY}-{NNNN}');
    await expect.poll(() => section.getByTestId('number-example').innerText()).toBe(`This year’s first invoice: ${NUMBER}`);
    await field(section, 'Legal name').fill('Harbor Coworking SAS');
    await field(section, 'Footer').fill('IBAN FR76 3000 6000 0112 3456 7890 189');
    await section.getByRole('button', { name: 'Save billing settings' }).click();
    await notification('Billing settings saved');
    const { items } = await ownerApiOk<{ items: { id: string; taxRateBps: number; paymentTermsDays: number; invoiceNumberPattern: string }[] }>(
      'GET',
      '/locations',
      undefined,
      200,
    );
    expect(items.find((l) => l.id === locationId)).toMatchObject({ taxRateBps: 2000, paymentTermsDays: 30, invoiceNumberPattern: 'HD-{YYYY}-{NNNN}' });
    // the section's heading at the top, under the app's header
    await section.evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 76));
    await owner.screenshot({ path: artifact('invoices-settings-billing.png'), style: '.mantine-Notifications-root { display: none !important; }' });
  });

  step('the owner drafts an invoice for the member with two lines; the totals follow the typing', async () => {
    await owner.getByRole('link', { name: 'Invoices' }).click();
    await owner.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor();
    await owner.getByText('No issued invoices waiting for payment.').waitFor();
    await owner.getByRole('button', { name: 'New invoice' }).click();
    const dialog = owner.getByRole('dialog', { name: 'New invoice' });
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await dialog.getByText('Choose who the invoice is for').waitFor();
    await owner.getByRole('combobox', { name: /^Customer/ }).fill('Ana');
    await owner.getByRole('option', { name: `${ANA.firstName} ${ANA.lastName} (${ANA.email})` }).click();
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await notification(`Draft invoice for ${ANA.firstName} ${ANA.lastName} created`);
    await owner.getByRole('heading', { name: 'Draft invoice', level: 1 }).waitFor();
    invoiceUrl = owner.url();

    await owner.getByLabel('Description, line 1').fill('Meeting room, half day');
    await owner.getByLabel('Quantity, line 1').fill('2');
    await owner.getByLabel('Unit price, line 1').fill('90');
    // 2 × €90.00 at the default 20 %
    await expect.poll(() => owner.getByTestId('line-total').first().innerText()).toBe('€216.00');
    await owner.getByRole('button', { name: 'Add line' }).click();
    await owner.getByRole('button', { name: 'Save draft' }).click();
    await owner.getByText('Describe the line').waitFor();
    await owner.getByLabel('Description, line 2').fill('Printing');
    await owner.getByLabel('Unit price, line 2').fill('12.5');
    await owner.getByLabel('Tax rate, line 2').fill('10');
    await expect.poll(() => owner.getByTestId('total-total').innerText()).toBe('€229.75');
    await owner.getByTestId('unsaved').waitFor();
    await owner.getByRole('button', { name: 'Save draft' }).click();
    await notification('Draft saved');
    await expect.poll(() => owner.getByTestId('unsaved').count()).toBe(0);
    await expect.poll(() => owner.getByTestId('total-subtotal').innerText()).toBe('€192.50');
    await expect.poll(() => owner.getByTestId('total-tax').innerText()).toBe('€37.25');
    await expect.poll(() => owner.getByTestId('total-total').innerText()).toBe('€229.75');
    await shot('invoices-draft.png');
  });

  step('the owner issues it: it takes the next number of the pattern', async () => {
    await owner.getByRole('group', { name: 'Invoice actions' }).getByRole('button', { name: 'Issue' }).click();
    const confirm = owner.getByRole('dialog', { name: 'Issue invoice' });
    await expect.poll(() => confirm.innerText()).toContain(`Issue this invoice for €229.75 to ${ANA.firstName} ${ANA.lastName}?`);
    await expect.poll(() => confirm.innerText()).toContain('due in 30 days');
    await confirm.getByRole('button', { name: 'Issue' }).click();
    await notification(`Invoice ${NUMBER} issued`);
    await expect.poll(() => owner.getByTestId('invoice-title').innerText()).toBe(`Invoice ${NUMBER}`);
    await expect.poll(() => owner.getByTestId('invoice-status').first().innerText()).toBe('Issued');
    await expect.poll(() => owner.getByTestId('total-due').innerText()).toBe('€229.75');
    await expect.poll(() => owner.getByTestId('invoice-lines').innerText()).toContain('Meeting room, half day');
  });

  step('the owner records a partial payment (a double click records it once), then the rest: the invoice is paid', async () => {
    await owner.getByRole('button', { name: 'Record payment' }).click();
    let dialog = owner.getByRole('dialog', { name: `Record a payment on ${NUMBER}` });
    await expect.poll(() => field(dialog, 'Amount (EUR)').inputValue()).toBe('229.75');
    await field(dialog, 'Amount (EUR)').fill('300');
    await dialog.getByRole('button', { name: 'Record payment' }).click();
    await dialog.getByText('Enter an amount from €0.01 to €229.75').waitFor();
    await field(dialog, 'Amount (EUR)').fill('100');
    await field(dialog, 'Reference').fill('Transfer 4411');
    await dialog.getByRole('button', { name: 'Record payment' }).dblclick();
    await notification('Payment of €100.00 recorded');
    await expect.poll(() => owner.getByTestId('total-due').innerText()).toBe('€129.75');
    await expect.poll(() => owner.getByTestId('payment').count()).toBe(1);
    await expect.poll(() => owner.getByTestId('payments-list').innerText()).toContain('Transfer 4411');
    await expect.poll(() => owner.getByTestId('invoice-status').first().innerText()).toBe('Issued');
    await shot('invoices-issued-payment.png');

    await owner.getByRole('button', { name: 'Record payment' }).click();
    dialog = owner.getByRole('dialog', { name: `Record a payment on ${NUMBER}` });
    await expect.poll(() => field(dialog, 'Amount (EUR)').inputValue()).toBe('129.75');
    await dialog.getByRole('combobox', { name: 'Method' }).click();
    await owner.getByRole('option', { name: 'Cash' }).click();
    await dialog.getByRole('button', { name: 'Record payment' }).click();
    await notification(`Payment of €129.75 recorded: invoice ${NUMBER} is paid`);
    await expect.poll(() => owner.getByTestId('invoice-status').first().innerText()).toBe('Paid');
    await expect.poll(() => owner.getByTestId('payment').count()).toBe(2);
    await expect.poll(() => owner.getByTestId('total-due').innerText()).toBe('€0.00');
    await expect.poll(() => owner.getByRole('button', { name: 'Record payment' }).count()).toBe(0);
    await shot('invoices-paid.png');
  });

  step('the PDF link answers a PDF named after the number', async () => {
    const href = await owner.getByTestId('invoice-pdf').getAttribute('href');
    const res = await owner.request.get(`${server.url}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    expect(res.headers()['content-disposition']).toContain(`${NUMBER}.pdf`);
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  step('the invoice is listed under Paid and on the member’s profile', async () => {
    await owner.getByRole('link', { name: 'Invoices' }).first().click();
    await owner.getByTestId('tab-paid').click();
    await expect.poll(() => owner.url()).toContain('tab=paid');
    const row = owner.getByTestId('invoice-row').filter({ hasText: NUMBER });
    await expect.poll(() => row.innerText()).toContain(`${ANA.firstName} ${ANA.lastName}`);
    await expect.poll(() => row.innerText()).toContain('€229.75');
    await owner.getByTestId('tab-issued').click();
    await owner.getByText('No issued invoices waiting for payment.').waitFor();
    await owner.goto(`${server.url}/admin/l/${locationId}/customers/${anaId}`);
    const card = owner.getByTestId('profile-invoices');
    await expect.poll(() => card.innerText()).toContain(NUMBER);
    await card.getByRole('link', { name: NUMBER }).click();
    await expect.poll(() => owner.url()).toBe(invoiceUrl);
  });

  step('a second invoice: a credit note lowers what it asks, then it is voided', async () => {
    const { invoice } = await ownerApiOk<{ invoice: { id: string } }>(
      'POST',
      `/locations/${locationId}/invoices`,
      { customerId: anaId, lines: [{ description: 'Day pass', quantity: 1, unitPrice: 2500 }] },
      201,
    );
    const issued = await ownerApiOk<{ invoice: { number: string } }>('POST', `/locations/${locationId}/invoices/${invoice.id}/issue`, undefined, 200);
    const number = issued.invoice.number;
    await owner.goto(`${server.url}/admin/l/${locationId}/invoices/${invoice.id}`);
    await expect.poll(() => owner.getByTestId('total-due').innerText()).toBe('€30.00');
    await owner.getByRole('button', { name: 'Credit note' }).click();
    const dialog = owner.getByRole('dialog', { name: `Credit note on ${number}` });
    await field(dialog, 'Amount (EUR)').fill('6');
    await dialog.getByRole('button', { name: 'Add credit note' }).click();
    await dialog.getByText('Say why, for the payer and the records').waitFor();
    await field(dialog, 'Reason').fill('Arrived at noon');
    await dialog.getByRole('button', { name: 'Add credit note' }).click();
    await notification(`Credit note CN-${YEAR}-0001 added`);
    await expect.poll(() => owner.getByTestId('total-due').innerText()).toBe('€24.00');
    await expect.poll(() => owner.getByTestId('credit-notes-list').innerText()).toContain('Arrived at noon');

    await owner.getByRole('button', { name: 'Void' }).click();
    const confirm = owner.getByRole('dialog', { name: 'Void invoice' });
    await expect.poll(() => confirm.innerText()).toContain(`Void invoice ${number}?`);
    await confirm.getByRole('button', { name: 'Void' }).click();
    await notification(`Invoice ${number} voided`);
    await expect.poll(() => owner.getByTestId('invoice-status').first().innerText()).toBe('Void');
    await expect.poll(() => owner.getByRole('button', { name: 'Credit note' }).count()).toBe(0);
  });
});
