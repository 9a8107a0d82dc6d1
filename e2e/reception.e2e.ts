// The reception kiosk in Chromium against the real server: the owner opens Reception in the admin app, turns on
// visitors and shows a pairing code in large type with its countdown; a tablet-sized browser at /reception types the
// code and is paired (the owner's list shows the tablet); a visitor leaves their contacts (empty fields and a missing
// consent are explained first) and sees the thank-you; the lead is a nonmember with source reception; the owner
// revokes the tablet and it asks to be paired again. On the way: a host found by company and emailed, the server
// unreachable (said plainly, what was typed kept), and the reset to the home screen after a minute without a touch.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import {
  callApiExpecting,
  expectNoSidewaysScroll,
  field,
  launchBrowserWithPage,
  openMail,
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
const TABLET = { width: 1024, height: 768 };
const CONSENT = 'I agree that Canal Works keeps my contact details to tell me about its spaces.';
const LEAD = { firstName: 'Lena', lastName: 'Lead', email: 'lena.lead@example.com' };

let server: RunningServer;
let ownerBrowser: Browser;
let owner: Page;
let kioskBrowser: Browser | undefined;
let kiosk: Page;
let problems: string[] = [];
let locationId = '';
let code = '';

const step = stepsInOrder(async (name) => {
  await screenshotPages(ownerBrowser?.context, `${name} owner`);
  await screenshotPages(kioskBrowser?.context, `${name} kiosk`);
  printFailureContext(server, problems);
});

const ownerApiOk = <T = unknown>(method: string, path: string, body: unknown, status: number) => callApiExpecting<T>(owner, server, status, method, path, body);

describe('reception: a tablet paired by code, a lead left on it, the tablet revoked', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'reception-server' });
    ({ browser: ownerBrowser, page: owner, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    await kioskBrowser?.close();
    await ownerBrowser?.close();
    await server?.stop();
  });

  step('setup (API): a location in Paris', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Canal Coworking',
      locationName: LOCATION,
      address: '12 quai de Valmy, Paris',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      owner: OWNER,
    });
  });

  step('the owner opens Reception, writes the consent sentence, turns visitors on and shows a code with its countdown', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/customers`);
    await owner.getByRole('navigation').getByRole('link', { name: 'Reception' }).click();
    await owner.getByRole('heading', { name: 'Reception', level: 1 }).waitFor();
    await owner.getByText('No tablet is paired yet.').waitFor();
    await field(owner, 'Consent sentence').fill(CONSENT);
    await owner.getByRole('switch', { name: /I’m visiting someone/ }).check({ force: true });
    await owner.getByRole('button', { name: 'Save kiosk settings' }).click();
    await owner.getByText('Kiosk settings saved').waitFor();
    await field(owner, 'Tablet name (optional)').fill('Front desk');
    await owner.getByRole('button', { name: 'Show a pairing code' }).click();
    const value = owner.getByTestId('pairing-code-value');
    await value.waitFor();
    code = (await value.innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    await expect.poll(() => owner.getByRole('timer').innerText()).toMatch(/^Expires in (10:00|9:[0-5]\d)$/);
    await shot(owner, 'reception-admin-code.png');
  });

  step('a tablet opens /reception, is asked for the code, types it and shows the home screen', async () => {
    ({ browser: kioskBrowser, page: kiosk } = await launchBrowserWithPage(problems));
    await kiosk.setViewportSize(TABLET);
    // time runs as usual; the idle step jumps it forward
    await kiosk.clock.install();
    await kiosk.goto(`${server.url}/reception`);
    await kiosk.getByRole('heading', { name: 'This tablet is not paired yet' }).waitFor();
    await shot(kiosk, 'reception-kiosk-unpaired.png', { fullPage: false });
    await field(kiosk, 'Pairing code').fill('WRONGAAA');
    await kiosk.getByRole('button', { name: 'Pair this tablet' }).click();
    await kiosk.getByText('This code is wrong, used or expired. Ask an administrator for a new one.').waitFor();
    await field(kiosk, 'Pairing code').fill(code.toLowerCase());
    await kiosk.getByRole('button', { name: 'Pair this tablet' }).click();
    await kiosk.getByRole('heading', { name: `Welcome to ${LOCATION}` }).waitFor();
    await kiosk.getByRole('button', { name: /Leave your contacts/ }).waitFor();
    await kiosk.getByRole('button', { name: /I’m visiting someone/ }).waitFor();
    await kiosk.getByRole('button', { name: /Event check-in/ }).waitFor();
    await expectNoSidewaysScroll(kiosk);
    await shot(kiosk, 'reception-kiosk-home.png', { fullPage: false });
    // the owner's list shows the tablet (it is read again every few seconds while the code is shown)
    const table = owner.getByTestId('devices-table');
    await expect.poll(() => table.innerText().catch(() => ''), { timeout: 15_000 }).toContain('Front desk');
    // the code did its work: it is put away
    await owner.getByTestId('pairing-code').waitFor({ state: 'hidden' });
  });

  step('a visitor leaves their contacts: empty fields and the missing consent are explained, then the thank-you', async () => {
    await kiosk.getByRole('button', { name: /Leave your contacts/ }).click();
    await kiosk.getByRole('heading', { name: 'Leave your contacts', level: 1 }).waitFor();
    await kiosk.getByRole('button', { name: 'Send my contacts' }).click();
    await expect.poll(() => kiosk.getByText('Required').count()).toBeGreaterThan(0);
    await field(kiosk, 'First name').fill(LEAD.firstName);
    await field(kiosk, 'Last name').fill(LEAD.lastName);
    await field(kiosk, 'Email').fill(LEAD.email);
    await field(kiosk, 'Company (optional)').fill('Lead & Co');
    await kiosk.getByRole('button', { name: 'Send my contacts' }).click();
    await kiosk.getByText('Please tick the box to agree before sending.').waitFor();
    await kiosk.getByText(CONSENT).waitFor();
    await shot(kiosk, 'reception-kiosk-contacts.png');
    await kiosk.getByRole('checkbox').check();
    await kiosk.getByRole('button', { name: 'Send my contacts' }).click();
    await kiosk.getByRole('heading', { name: 'Thank you!' }).waitFor();
    await kiosk.getByText('We have your contacts and will get back to you soon.').waitFor();
    await shot(kiosk, 'reception-kiosk-thanks.png', { fullPage: false });
    await kiosk.getByRole('button', { name: 'Done' }).click();
    await kiosk.getByRole('heading', { name: `Welcome to ${LOCATION}` }).waitFor();
  });

  step('the lead is a nonmember with source reception, the consent in its timeline', async () => {
    const { items } = await ownerApiOk<{ items: { id: string; email: string; source: string; type: string }[] }>(
      'GET',
      `/locations/${locationId}/customers?type=nonmember`,
      undefined,
      200,
    );
    const lead = items.find((c) => c.email === LEAD.email);
    expect(lead).toMatchObject({ type: 'nonmember', source: 'reception' });
    await owner.goto(`${server.url}/admin/l/${locationId}/customers/${lead!.id}`);
    await owner.getByText(`Left contacts at reception, agreeing to: “${CONSENT}”`, { exact: false }).waitFor();
    await shot(owner, 'reception-admin-lead.png');
  });

  step('a visitor finds their host by 2 letters of the company, checks in, and the host is emailed', async () => {
    const host = (
      await ownerApiOk<{ customer: { id: string } }>(
        'POST',
        `/locations/${locationId}/invitations`,
        { firstName: 'Hugo', lastName: 'Host', email: 'hugo.host@example.com' },
        201,
      )
    ).customer.id;
    const company = (await ownerApiOk<{ company: { id: string } }>('POST', `/locations/${locationId}/companies`, { name: 'Orbit Labs' }, 201)).company.id;
    await ownerApiOk('POST', `/locations/${locationId}/companies/${company}/people`, { customerId: host }, 204);
    await kiosk.getByRole('button', { name: /I’m visiting someone/ }).click();
    await field(kiosk, 'Your first name').fill('Vera');
    await field(kiosk, 'Your last name (optional)').fill('Visitor');
    await kiosk.getByRole('button', { name: 'Check in' }).click();
    await kiosk.getByText('Choose the person you are visiting').waitFor();
    await field(kiosk, 'Who are you visiting?').fill('or');
    const pick = kiosk.getByRole('button', { name: /Hugo H\.\s*Orbit Labs/ });
    await pick.waitFor();
    await shot(kiosk, 'reception-kiosk-visit.png');
    await pick.click();
    await kiosk.getByRole('button', { name: 'Change' }).waitFor();
    await kiosk.getByRole('button', { name: 'Check in' }).click();
    await kiosk.getByText('We told Hugo H. that you are here. Please take a seat.').waitFor();
    const mail = await openMail(owner, server, 'hugo.host@example.com', `Vera Visitor is at the reception of ${LOCATION}`);
    expect(mail).toContain('Vera Visitor checked in at the reception');
    await kiosk.getByRole('button', { name: 'Done' }).click();
    await kiosk.getByRole('heading', { name: `Welcome to ${LOCATION}` }).waitFor();
  });

  step('with the server unreachable, the tablet says so and keeps what was typed', async () => {
    await kiosk.route('**/api/v1/reception/leads', (route) => route.abort('internetdisconnected'));
    await kiosk.getByRole('button', { name: /Leave your contacts/ }).click();
    await field(kiosk, 'First name').fill('Otto');
    await field(kiosk, 'Email').fill('otto.offline@example.com');
    await kiosk.getByRole('checkbox').check();
    await kiosk.getByRole('button', { name: 'Send my contacts' }).click();
    await kiosk.getByText('We cannot reach the server right now.', { exact: false }).waitFor();
    expect(await field(kiosk, 'Email').inputValue()).toBe('otto.offline@example.com');
    await shot(kiosk, 'reception-kiosk-offline.png', { fullPage: false });
    await kiosk.unroute('**/api/v1/reception/leads');
    await kiosk.getByRole('button', { name: 'Send my contacts' }).click();
    await kiosk.getByRole('heading', { name: 'Thank you!' }).waitFor();
    await kiosk.getByRole('button', { name: 'Done' }).click();
  });

  step('after a minute without a touch, a half-filled form goes back to the home screen, emptied', async () => {
    await kiosk.getByRole('button', { name: /Event check-in/ }).click();
    await field(kiosk, 'Ticket code').fill('ABCD');
    await kiosk.clock.fastForward(30_000);
    await kiosk.getByRole('heading', { name: 'Event check-in', level: 1 }).waitFor();
    await kiosk.clock.fastForward(31_000);
    await kiosk.getByRole('heading', { name: `Welcome to ${LOCATION}` }).waitFor();
    await kiosk.getByRole('button', { name: /Event check-in/ }).click();
    expect(await field(kiosk, 'Ticket code').inputValue()).toBe('');
    await kiosk.getByRole('button', { name: 'Back' }).click();
  });

  step('the owner revokes the tablet after a confirmation; the tablet asks to be paired again', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/reception`);
    const table = owner.getByTestId('devices-table');
    await table.getByRole('button', { name: 'Revoke' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Revoke Front desk?' });
    await dialog.getByText('Front desk stops working at once').waitFor();
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await owner.getByText('No tablet is paired yet.').waitFor();
    await kiosk.reload();
    await kiosk.getByRole('heading', { name: 'This tablet is not paired yet' }).waitFor();
  });
});
