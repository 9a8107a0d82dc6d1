// A newcomer in Chromium: first-run setup from the printed link, sign-out, sign-in with the code read from
// the Mailbox page, the empty Customers page, and sign-out again, against the real server.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import {
  artifact,
  codeFromMailbox,
  field,
  launchBrowserWithPage,
  printFailureContext,
  recordPageProblems,
  screenshotPages,
  setUpOrganizationInBrowser,
  startServer,
  stepsInOrder,
  type Browser,
  type RunningServer,
} from './support.js';

const OWNER = { email: 'olivia.owner@example.com', firstName: 'Olivia', lastName: 'Owner' };
const CODE_SUBJECT = 'Your Atrium sign-in code';

let server: RunningServer;
let browser: Browser;
let page: Page;
let problems: string[] = [];

const step = stepsInOrder(async (name) => {
  await screenshotPages(browser?.context, name);
  printFailureContext(server, problems);
});

async function expectSignInPage(p: Page) {
  await p.waitForURL(/\/admin\/sign-in/);
  await expect.poll(() => field(p, 'Email').isVisible()).toBe(true);
  await expect.poll(() => p.getByRole('button', { name: 'Send code' }).isVisible()).toBe(true);
}

async function signOut(p: Page) {
  await p.getByRole('button', { name: 'Account menu' }).click();
  await p.getByRole('menuitem', { name: 'Sign out' }).click();
  await expectSignInPage(p);
}

async function expectEmptyCustomersPage(p: Page) {
  await p.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
  await expect.poll(() => p.url()).toMatch(/\/admin\/l\/[^/]+\/customers/);
  await p.getByText('No members yet.').waitFor();
}

/** The newest sign-in code sent to `email`, read from the Mailbox page (in a new tab) as a person would read it. */
async function codeFromMailboxPage(email: string): Promise<string> {
  const mailbox = await browser.context.newPage();
  recordPageProblems(mailbox, problems);
  try {
    const code = await codeFromMailbox(mailbox, server, email, CODE_SUBJECT);
    await mailbox.screenshot({ path: artifact('mailbox.png'), fullPage: true });
    return code;
  } catch (err) {
    await mailbox.screenshot({ path: artifact('failed-mailbox.png'), fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await mailbox.close();
  }
}

describe('foundation: setup, sign-in with a code from the Mailbox page, sign-out', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'foundation-server' });
    ({ browser, page, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  step('the server prints a setup link and the setup page creates the organization and signs the owner in', async () => {
    const link = await server.setupLink();
    expect(link.startsWith(`${server.url}/admin/setup?token=`)).toBe(true);
    await setUpOrganizationInBrowser(page, server, {
      organization: 'Harbor Coworking',
      location: 'Harbor Docks',
      address: '12 Quai des Chartrons, Bordeaux',
      owner: OWNER,
      exercisePickers: true,
      screenshot: 'foundation-setup-form.png',
    });

    // Signed in: the admin app opens on the first location's Customers page.
    await expectEmptyCustomersPage(page);
    await expect.poll(() => page.getByRole('button', { name: 'Account menu' }).innerText()).toContain(`${OWNER.firstName} ${OWNER.lastName}`);
  });

  step('the owner signs out and lands on the sign-in page', async () => {
    await signOut(page);
  });

  step('the owner signs in with the code read from the Mailbox page and sees the empty Customers page', async () => {
    await page.goto(`${server.url}/admin/sign-in`);
    await field(page, 'Email').fill(OWNER.email);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByText(`We sent a 6-digit code to ${OWNER.email}`).waitFor();

    const code = await codeFromMailboxPage(OWNER.email);
    await page.bringToFront();
    await field(page, 'Code').fill(code);
    // The field submits itself at the sixth digit; press the button only if it did not.
    const customers = page.getByRole('heading', { name: 'Customers', level: 1 });
    const submittedItself = await customers.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (!submittedItself && (await field(page, 'Code').isVisible())) {
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    }
    await expectEmptyCustomersPage(page);
    await page.screenshot({ path: artifact('customers.png'), fullPage: true });
  });

  step('the owner signs out again and the admin app asks to sign in', async () => {
    await signOut(page);
    // Signed out for real: the admin home sends the visitor back to the sign-in page.
    await page.goto(`${server.url}/admin`);
    await expectSignInPage(page);
  });
});
