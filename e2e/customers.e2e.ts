// The Customers page in Chromium against the real server: a mass invite of 20 pasted rows (3 bad) from preview to
// progress to the members list, search by part of an email, "Invite user", and a company with a person added to it.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import {
  artifact,
  field,
  launchBrowserWithPage,
  printFailureContext,
  screenshotPages,
  setUpOrganizationInBrowser,
  startServer,
  stepsInOrder,
  type Browser,
  type RunningServer,
} from './support.js';

const OWNER = { email: 'nora.north@example.com', firstName: 'Nora', lastName: 'North' };
const LOCATION = 'North Hall';

/** 17 good rows, then 3 bad ones: no first name, a bad email, the first row's email again (the header is line 1). */
const GOOD = [
  ['Ines', 'Dubois', 'ines.dubois@example.com', '06 12 34 56 78'],
  ['Marc', 'Lefevre', 'marc.lefevre@example.com', '07 81 23 45 67'],
  ['Amelie', 'Roux', 'amelie.roux@example.com', ''],
  ['Hugo', 'Moreau', 'hugo.moreau@example.com', '06 22 33 44 55'],
  ['Lea', 'Fournier', 'lea.fournier@example.com', ''],
  ['Louis', 'Girard', 'louis.girard@example.com', ''],
  ['Chloe', 'Bonnet', 'chloe.bonnet@example.com', ''],
  ['Jules', 'Dupont', 'jules.dupont@example.com', ''],
  ['Manon', 'Lambert', 'manon.lambert@example.com', ''],
  ['Nathan', 'Fontaine', 'nathan.fontaine@example.com', ''],
  ['Camille', 'Rousseau', 'camille.rousseau@example.com', ''],
  ['Theo', 'Vincent', 'theo.vincent@example.com', ''],
  ['Sarah', 'Muller', 'sarah.muller@example.com', ''],
  ['Adam', 'Lefebvre', 'adam.lefebvre@example.com', ''],
  ['Zoe', 'Faure', 'zoe.faure@example.com', ''],
  ['Lucas', 'Andre', 'lucas.andre@example.com', ''],
  ['Emma', 'Mercier', 'emma.mercier@example.com', ''],
];
const BAD = [
  ['', 'Nofirst', 'nofirst@example.com', ''],
  ['Bad', 'Email', 'not-an-email', ''],
  ['Ines', 'Again', 'ines.dubois@example.com', ''],
];
const REASONS = ['Missing first name', 'Not a valid email: not-an-email', 'Duplicate of line 2'];
const PASTE = [['First name', 'Last name', 'Email', 'Phone number'], ...GOOD, ...BAD].map((row) => row.join('\t')).join('\n');

const INVITEE = { firstName: 'Pat', lastName: 'Doe', email: 'pat.doe@example.com', phone: '06 98 76 54 32' };
const COMPANY = { name: 'Blue Fern', email: 'hello@bluefern.example', phone: '05 56 00 00 00' };
const NEW_COMPANY = 'Acme Studio';
const NEW_HIRE = { firstName: 'Rosa', lastName: 'Vidal', email: 'rosa.vidal@example.com' };

let server: RunningServer;
let browser: Browser;
let page: Page;
let problems: string[] = [];

const step = stepsInOrder(async (name) => {
  await screenshotPages(browser?.context, `customers-${name}`);
  printFailureContext(server, problems);
});

/** A full-page screenshot from the top (the fixed header would otherwise float over a scrolled page). */
async function shot(p: Page, name: string) {
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.screenshot({ path: artifact(name), fullPage: true });
}

const rows = (p: Page) => p.getByTestId('customers-table').locator('tbody tr');

describe('customers: mass invite, search, invite one, companies', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'customers-server' });
    ({ browser, page, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  step('the owner sets up the organization and finds an empty Customers page that offers the first invitation', async () => {
    await setUpOrganizationInBrowser(page, server, {
      organization: 'North Coworking',
      location: LOCATION,
      address: '3 Rue Sainte-Catherine, Bordeaux',
      owner: OWNER,
    });
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await page.getByText('No members yet.').waitFor();
    await expect.poll(() => page.getByRole('tab', { name: /^Members/ }).innerText()).toMatch(/Members\s*0/);
    await expect.poll(() => page.getByRole('button', { name: 'Invite user' }).count()).toBeGreaterThanOrEqual(1);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Companies' }).waitFor();
    await shot(page, 'customers-empty.png');
  });

  step('a paste of 20 rows previews 17 ready and names the reasons of the 3 bad ones', async () => {
    await page.getByRole('link', { name: 'Invite multiple users' }).first().click();
    await page.getByRole('heading', { name: 'Invite multiple users', level: 1 }).waitFor();
    await field(page, 'Rows from your spreadsheet').fill(PASTE);
    await page.getByRole('button', { name: 'Preview', exact: true }).click();

    const counts = page.getByTestId('preview-counts');
    await expect.poll(() => counts.innerText(), { timeout: 15_000 }).toMatch(/17 ready[\s\S]*0 skipped[\s\S]*3 invalid/);
    const table = page.getByTestId('preview-rows');
    for (const reason of REASONS) await table.getByText(reason, { exact: true }).waitFor();
    // Problem rows come first, so the three reasons are on top of the table.
    const firstRows = await table.locator('tbody tr').evaluateAll((trs) => trs.slice(0, 3).map((tr) => tr.textContent ?? ''));
    expect(firstRows.every((row) => row.includes('Invalid'))).toBe(true);
    await expect.poll(() => page.getByRole('link', { name: 'Download invalid rows (CSV)' }).getAttribute('href')).toMatch(/^blob:/);
    await shot(page, 'customers-mass-invite-preview.png');
  });

  step('sending shows a progress bar that completes, then a summary with the rows that were not invited', async () => {
    await page.getByRole('button', { name: 'Send 17 invitations' }).click();
    const bar = page.getByRole('progressbar', { name: 'Invitations sent' });
    await bar.waitFor();
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 30_000 }).toBe('100');
    await expect.poll(() => page.getByTestId('job-summary').innerText(), { timeout: 15_000 }).toBe('17 invited, 3 not invited');
    // not everyone was invited: a warning, not green; the counts said once
    expect(await page.getByTestId('job-result').getAttribute('data-outcome')).toBe('not-all-invited');
    expect(await page.getByText(/3 not invited/).count()).toBe(1);
    await page.getByRole('link', { name: /Download the rows that were not invited/ }).waitFor();
    await shot(page, 'customers-mass-invite-done.png');
  });

  step('the 17 people are listed under Members as invited', async () => {
    await page.getByRole('link', { name: 'See members' }).click();
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await expect.poll(() => rows(page).count()).toBe(17);
    await expect.poll(() => page.getByRole('tab', { name: /^Members/ }).innerText()).toMatch(/Members\s*17/);
    const statuses = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.children[4]?.textContent ?? ''));
    expect(statuses).toEqual(Array(17).fill('Invited'));
    // Phones are shown in the location's national format; the source says how they came.
    await page.getByTestId('customers-table').getByText('06 12 34 56 78').waitFor();
    await expect.poll(() => page.getByTestId('customers-table').getByText('Mass invitation').count()).toBe(17);
    // The invited status filter keeps them all; the active one none.
    await page.getByRole('radiogroup', { name: 'Status' }).getByText('Active', { exact: true }).click();
    await page.getByText('No customers match your search or filters.').waitFor();
    await expect.poll(() => page.url()).toContain('status=active');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect.poll(() => rows(page).count()).toBe(17);
    await shot(page, 'customers-members.png');

    // Sorting by name puts Adam first; the sort is in the URL.
    await page.getByRole('columnheader', { name: /^Name/ }).getByRole('button').click();
    await expect.poll(() => page.url()).toContain('sort=name');
    await expect.poll(() => rows(page).first().innerText()).toContain('Adam Lefebvre');

    // "Export CSV" is a plain link to the export of the current filter, which the server answers with a CSV.
    await page.getByRole('button', { name: 'More actions' }).click();
    const href = await page.getByRole('menuitem', { name: 'Export CSV' }).getAttribute('href');
    expect(href).toMatch(/\/customers\/export\.csv\?type=member&sort=name$/);
    const csv = await page.evaluate(async (url) => {
      const response = await fetch(url!);
      return { status: response.status, body: await response.text() };
    }, href);
    expect(csv.status).toBe(200);
    expect(csv.body.split(/\r?\n/).filter(Boolean)).toHaveLength(18);
    await page.keyboard.press('Escape');
  });

  step('searching part of an email finds that one person, and the search lives in the URL', async () => {
    await page.getByRole('searchbox', { name: 'Search' }).fill('lefevre@ex');
    await expect.poll(() => rows(page).count()).toBe(1);
    await expect.poll(() => rows(page).first().innerText()).toContain('marc.lefevre@example.com');
    await expect.poll(() => page.url()).toContain('q=lefevre%40ex');
    await page.reload();
    // a reload loads the whole admin app again: more than expect.poll's default second on a busy machine
    await expect.poll(() => rows(page).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('lefevre@ex');
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await expect.poll(() => rows(page).count()).toBe(17);
  });

  step('"Invite user" invites one person, who is then listed', async () => {
    await page.getByRole('button', { name: 'Invite user' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Invite user' });
    await field(dialog, 'First name').fill(INVITEE.firstName);
    await field(dialog, 'Last name').fill(INVITEE.lastName);
    await field(dialog, 'Email').fill('not an email');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByText('Enter an email address, like pat@example.com').waitFor();
    await field(dialog, 'Email').fill(INVITEE.email);
    await field(dialog, 'Phone').fill(INVITEE.phone);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`Invitation sent to ${INVITEE.email}`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => rows(page).count()).toBe(18);
    // Listed (sorted by name now), with the phone in national format and its source.
    await expect.poll(() => rows(page).filter({ hasText: INVITEE.email }).innerText()).toMatch(/Pat Doe[\s\S]*06 98 76 54 32[\s\S]*Invited[\s\S]*Invitation/);
    await expect.poll(() => page.getByRole('tab', { name: /^Members/ }).innerText()).toMatch(/Members\s*18/);

    // The same email again is refused under the email field, in plain words.
    await page.getByRole('button', { name: 'Invite user' }).first().click();
    await field(dialog, 'First name').fill(INVITEE.firstName);
    await field(dialog, 'Email').fill(INVITEE.email);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByText(`${INVITEE.email} is already a member of ${LOCATION}`).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  step('a company is created and an existing customer is added to it as its manager', async () => {
    await page.getByRole('tab', { name: /^Companies/ }).click();
    await page.getByText('No companies yet.').waitFor();
    await page.getByRole('button', { name: 'Add company' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add company' });
    await field(dialog, 'Company name').fill(COMPANY.name);
    await field(dialog, 'Email').fill(COMPANY.email);
    await field(dialog, 'Phone').fill(COMPANY.phone);
    await dialog.getByRole('button', { name: 'Add company' }).click();
    await page.getByRole('heading', { name: COMPANY.name, level: 1 }).waitFor();
    await page.getByText('Nobody is in this company yet.', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Add existing customer' }).click();
    const add = page.getByRole('dialog', { name: `Add an existing customer to ${COMPANY.name}` });
    const picker = add.getByRole('combobox', { name: /^Customer/ });
    await picker.click();
    await picker.fill('Roux');
    await page.getByRole('option', { name: /Amelie Roux/ }).click();
    await add.getByRole('checkbox', { name: /^Manager/ }).check();
    await add.getByRole('button', { name: 'Add to company' }).click();
    await page.getByText(`Amelie Roux added to ${COMPANY.name}`).waitFor();
    await add.waitFor({ state: 'hidden' });

    const people = page.getByTestId('company-people');
    await people.getByRole('link', { name: 'Amelie Roux' }).waitFor();
    await expect.poll(() => people.getByRole('switch', { name: 'Amelie Roux is a manager' }).isChecked()).toBe(true);
    await expect.poll(() => page.getByText('1 person', { exact: true }).count()).toBe(1);
    await shot(page, 'customers-company.png');

    // Back on the list the company shows its person, and the members list names the company.
    await page.getByRole('link', { name: 'All companies' }).click();
    await expect.poll(() => page.getByTestId('companies-table').innerText()).toMatch(new RegExp(`${COMPANY.name}[\\s\\S]*1`));
    await page.getByRole('tab', { name: /^Members/ }).click();
    await expect.poll(() => rows(page).filter({ hasText: 'Amelie Roux' }).innerText()).toContain(COMPANY.name);
  });

  step('"Invite user" creates a company from its picker without losing the form, and invites into it', async () => {
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Invite user' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Invite user' });
    await field(dialog, 'First name').fill(NEW_HIRE.firstName);
    await field(dialog, 'Last name').fill(NEW_HIRE.lastName);
    await field(dialog, 'Email').fill(NEW_HIRE.email);
    const picker = dialog.getByRole('combobox', { name: /^Company/ });
    await picker.click();
    await picker.fill(NEW_COMPANY);
    // no company has that name: the picker offers to create it
    const create = page.getByRole('option', { name: `Create “${NEW_COMPANY}” as a new company` });
    await create.waitFor();
    await page.screenshot({ path: artifact('customers-invite-create-company.png') });
    await create.click();
    await page.getByText(`${NEW_COMPANY} added`).waitFor();
    await expect.poll(() => picker.inputValue()).toBe(NEW_COMPANY);
    // what was typed before is all still there
    expect(await field(dialog, 'First name').inputValue()).toBe(NEW_HIRE.firstName);
    expect(await field(dialog, 'Email').inputValue()).toBe(NEW_HIRE.email);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`Invitation sent to ${NEW_HIRE.email}`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => rows(page).filter({ hasText: NEW_HIRE.email }).innerText()).toContain(NEW_COMPANY);

    // the company exists once, with its one person; typing its name again offers it, not a second one
    await page.getByRole('tab', { name: /^Companies/ }).click();
    await page.getByRole('heading', { name: 'Companies', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('companies-table').innerText()).toMatch(new RegExp(`${NEW_COMPANY}[\\s\\S]*1`));
    await page.getByRole('tab', { name: /^Members/ }).click();
    await page.getByRole('button', { name: 'Invite user' }).first().click();
    await picker.click();
    await picker.fill(NEW_COMPANY.toLowerCase());
    await page.getByRole('option', { name: NEW_COMPANY, exact: true }).waitFor();
    expect(await page.getByRole('option', { name: /as a new company/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  step('a mass invitation where every row is invited ends green, with no download', async () => {
    await page.getByRole('link', { name: 'Invite multiple users' }).first().click();
    await page.getByRole('heading', { name: 'Invite multiple users', level: 1 }).waitFor();
    await field(page, 'Rows from your spreadsheet').fill('Iris\tBlanc\tiris.blanc@example.com\nOscar\tNoir\toscar.noir@example.com');
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByRole('button', { name: 'Send 2 invitations' }).click();
    await expect.poll(() => page.getByTestId('job-summary').innerText(), { timeout: 30_000 }).toBe('All 2 people were invited.');
    expect(await page.getByTestId('job-result').getAttribute('data-outcome')).toBe('all-invited');
    expect(await page.getByRole('link', { name: /Download the rows that were not invited/ }).count()).toBe(0);
    await shot(page, 'customers-mass-invite-all-invited.png');
  });
});
