// A newcomer in Chromium: first-run setup from the printed link, sign-out, sign-in with the code read from
// the Mailbox page, the empty Customers page, and sign-out again, against the real server.
import { afterAll, beforeAll, describe, expect, test, type TestContext } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact, codeIn, launchBrowser, recordPageProblems, screenshotPages, startServer, type Browser, type RunningServer } from './support.js';

const OWNER = { email: 'olivia.owner@example.com', firstName: 'Olivia', lastName: 'Owner' };
const CODE_SUBJECT = 'Your Atrium sign-in code';

let server: RunningServer;
let browser: Browser;
let page: Page;
let problems: string[] = [];
let broken = false;

/** Each step needs the ones before it: after a failure the rest are skipped, not failed again. */
function step(name: string, fn: () => Promise<void>) {
  test(name, async (ctx: TestContext) => {
    if (broken) ctx.skip();
    ctx.onTestFailed(async () => {
      broken = true;
      await screenshotPages(browser?.context, name);
      if (problems.length) console.error(`browser problems so far:\n  ${problems.join('\n  ')}`);
      console.error(`server output (also in .tmp/e2e-artifacts/foundation-server.log):\n${server?.output().slice(-4000)}`);
    });
    await fn();
  });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A form field by its label, whether or not the label carries the required-field asterisk. */
function field(p: Page, label: string) {
  return p.getByLabel(new RegExp(`^${escapeRegExp(label)}\\s*\\*?$`));
}

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

/** The newest sign-in code sent to `email`, read from the Mailbox page as a person would read it. */
async function codeFromMailboxPage(url: string, email: string): Promise<string> {
  const mailbox = await browser.context.newPage();
  problems.push(...recordPageProblems(mailbox));
  try {
    await mailbox.goto(`${url}/admin/mailbox`);
    const heading = mailbox.getByRole('heading', { name: 'Mailbox' });
    const signIn = mailbox.getByRole('button', { name: 'Send code' });
    await heading.or(signIn).first().waitFor();
    if (!(await heading.isVisible())) {
      throw new Error(`the Mailbox page asks a signed-out visitor to sign in (now at ${mailbox.url()}), so the code cannot be read there`);
    }
    // The dispatcher delivers within about 2 seconds and the page refreshes itself; the newest message is listed first.
    const newest = mailbox.getByTestId('mailbox-message').first();
    await expect
      .poll(async () => ((await newest.count()) ? await newest.innerText() : ''), { timeout: 20_000, interval: 500 })
      .toMatch(new RegExp(`${escapeRegExp(email)}[\\s\\S]*${escapeRegExp(CODE_SUBJECT)}`));
    await newest.click();
    const message = mailbox.getByRole('article');
    await expect.poll(() => message.innerText()).toContain(`To: ${email}`);
    const body = await message.innerText();
    const code = codeIn(body.slice(body.indexOf(CODE_SUBJECT) + CODE_SUBJECT.length));
    if (!code) throw new Error(`no 6-digit code on the Mailbox page:\n${body}`);
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
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    problems = recordPageProblems(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  step('the server prints a setup link and the setup page creates the organization and signs the owner in', async () => {
    const link = await server.setupLink();
    expect(link.startsWith(`${server.url}/admin/setup?token=`)).toBe(true);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Set up Atrium' }).waitFor();

    await field(page, 'Organization name').fill('Harbor Coworking');
    await field(page, 'Location name').fill('Harbor Docks');
    await field(page, 'Address').fill('12 Quai des Chartrons, Bordeaux');
    const timeZone = page.getByRole('combobox', { name: /^Time zone/ });
    await timeZone.click();
    await timeZone.fill('Europe/Paris');
    await page.getByRole('option', { name: 'Europe/Paris', exact: true }).click();
    await field(page, 'Currency').fill('EUR');
    await field(page, 'Country').fill('FR');
    await field(page, 'Owner email').fill(OWNER.email);
    await field(page, 'Owner first name').fill(OWNER.firstName);
    await field(page, 'Owner last name').fill(OWNER.lastName);
    await page.getByRole('button', { name: 'Create organization' }).click();

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

    const code = await codeFromMailboxPage(server.url, OWNER.email);
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
