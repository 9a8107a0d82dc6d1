// An owner in Chromium runs a member's life from the admin app: the profile (facts, note, attachment, details,
// resend, remove and restore, activities), join requests (closed note, turned on in Settings, approve and decline
// visitors' requests) and the invitation email editor (a template that does not parse is refused with its line).
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import {
  artifact,
  callApi,
  codeIn,
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

const OWNER = { email: 'olivia.owner@example.com', firstName: 'Olivia', lastName: 'Owner' };
const LOCATION = 'Harbor Docks';
const PAT = { firstName: 'Pat', lastName: 'Doe', email: 'pat.doe@example.com', phone: '+33612345678' };

let server: RunningServer;
let browser: Browser;
let page: Page;
let problems: string[] = [];
let locationId = '';
let customerId = '';

const step = stepsInOrder(async (name) => {
  await screenshotPages(browser?.context, name);
  printFailureContext(server, problems);
});

async function notification(p: Page, message: string | RegExp) {
  await p.getByRole('alert').filter({ hasText: message }).first().waitFor();
}

/** A screenshot of the page as a person sees it once the notifications have gone, transitions done. */
async function screenshot(p: Page, name: string, opts: { fullPage?: boolean } = {}) {
  await p.waitForTimeout(300);
  await p.screenshot({ path: artifact(name), fullPage: opts.fullPage ?? false, style: '.mantine-Notifications-root { display: none !important; }' });
}

/** A visitor (no session) asks to join: name and email, then the code from the mailbox. */
async function visitorRequestsToJoin(firstName: string, lastName: string, email: string) {
  const path = `${server.url}/api/v1/locations/${locationId}/join-requests`;
  const post = (body: unknown) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect((await post({ firstName, lastName, email })).status).toBe(202);
  let code: string | null = null;
  await expect
    .poll(
      async () => {
        const mail = (await mailbox()).find((m) => m.to === email && /confirm/i.test(m.subject));
        code = mail ? codeIn(mail.text) : null;
        return code;
      },
      { timeout: 20_000, interval: 500 },
    )
    .not.toBeNull();
  expect((await post({ email, code })).status).toBe(201);
}

interface MailboxMessage {
  to: string;
  subject: string;
  text: string;
}

async function mailbox(): Promise<MailboxMessage[]> {
  return ((await (await fetch(`${server.url}/api/v1/dev/mailbox`)).json()) as { messages: MailboxMessage[] }).messages;
}

/** The newest activation link's token sent to `email` (the dispatcher delivers within about 2 seconds). */
async function newestActivationToken(email: string, notBefore = 0): Promise<string> {
  let token: string | undefined;
  await expect
    .poll(
      async () => {
        const messages = (await mailbox()).filter((m) => m.to === email && /\/activate\//.test(m.text));
        token = messages.length > notBefore ? /\/activate\/([A-Za-z0-9_-]+)/.exec(messages[0].text)?.[1] : undefined;
        return token;
      },
      { timeout: 20_000, interval: 500 },
    )
    .toBeDefined();
  return token!;
}

function profileUrl() {
  return `${server.url}/admin/l/${locationId}/customers/${customerId}`;
}

async function openActions(p: Page) {
  await p.getByRole('button', { name: `Actions for ${PAT.firstName} ${PAT.lastName}` }).click();
}

async function expectStatus(p: Page, status: string) {
  await expect.poll(() => p.getByTestId('profile-status').innerText()).toBe(status);
}

// The smallest PDF that type detection recognises by its content.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('member lifecycle in the admin app: profile, remove and restore, join requests, invitation email', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'lifecycle-admin-server' });
    ({ browser, page, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  step('setup creates the organization, the location (France) and signs the owner in', async () => {
    await setUpOrganizationInBrowser(page, server, {
      organization: 'Harbor Coworking',
      location: LOCATION,
      address: '12 Quai des Chartrons, Bordeaux',
      owner: OWNER,
    });
    await page.waitForURL(/\/admin\/l\/[^/]+\/customers/);
    locationId = /\/admin\/l\/([^/]+)\//.exec(page.url())![1];
  });

  step('an invited member created through the API has a profile with the key facts and the activities', async () => {
    const invited = await callApi<{ customer: { id: string } }>(page, server, 'POST', `/locations/${locationId}/invitations`, PAT);
    expect(invited.status).toBe(201);
    customerId = invited.body.customer.id;

    await page.goto(profileUrl());
    await page.getByRole('heading', { name: 'Pat Doe', level: 1 }).waitFor();
    await expectStatus(page, 'Invited');
    const facts = page.getByTestId('profile-facts');
    await expect.poll(() => facts.innerText()).toContain(PAT.email);
    // National format for the location's country (France).
    await expect.poll(() => facts.innerText()).toContain('06 12 34 56 78');
    const activities = page.getByTestId('profile-activities');
    await expect.poll(() => activities.innerText()).toContain('Created as a member by invitation');
    await expect.poll(() => activities.innerText()).toContain(`Invitation sent to ${PAT.email}`);
    // Newest on top, creation last.
    await expect.poll(() => page.getByTestId('activity').last().getAttribute('data-kind')).toBe('created');
  });

  step('the owner resends the invitation from the actions menu', async () => {
    await openActions(page);
    await page.getByRole('menuitem', { name: 'Resend invitation' }).click();
    await notification(page, `A new invitation link was sent to ${PAT.email}`);
    await expect.poll(() => page.getByTestId('profile-activities').innerText()).toContain('Invitation sent again');
  });

  step('the owner adds a note and sees it listed with its author', async () => {
    await field(page, 'New note').fill('Prefers a desk by the window.\nCalls before noon.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await notification(page, 'Note added');
    const note = page.getByTestId('note').first();
    await expect.poll(() => note.innerText()).toContain('Prefers a desk by the window.');
    await expect.poll(() => note.innerText()).toContain('Olivia Owner');
    await expect.poll(() => field(page, 'New note').inputValue()).toBe('');
    await expect.poll(() => page.getByTestId('profile-activities').innerText()).toContain('Note added');

    // A second note, edited in place, then deleted after a confirmation.
    await field(page, 'New note').fill('Wrong persn');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => page.getByTestId('note').count()).toBe(2);
    await page
      .getByTestId('note')
      .first()
      .getByRole('button', { name: /^Edit the note by Olivia Owner/ })
      .click();
    await field(page, 'Note by Olivia Owner').fill('Wrong person, sorry');
    await page.getByRole('button', { name: 'Save note' }).click();
    await notification(page, 'Note saved');
    await expect.poll(() => page.getByTestId('note').first().innerText()).toContain('Wrong person, sorry');
    await page
      .getByTestId('note')
      .first()
      .getByRole('button', { name: /^Delete the note by Olivia Owner/ })
      .click();
    const confirm = page.getByRole('dialog', { name: 'Delete note' });
    await expect.poll(() => confirm.innerText()).toContain('Delete this note by Olivia Owner? It is gone for good.');
    await confirm.getByRole('button', { name: 'Delete note' }).click();
    await notification(page, 'Note deleted');
    await expect.poll(() => page.getByTestId('note').count()).toBe(1);
    await expect.poll(() => note.innerText()).toContain('Prefers a desk by the window.');
  });

  step('a file that is no PDF is refused with the server message; a PDF is uploaded and listed', async () => {
    const input = page.getByTestId('attachment-input');
    await input.setInputFiles({ name: 'not-really.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just some text, not a PDF') });
    await page.getByTestId('profile-attachments').getByRole('alert').filter({ hasText: 'This file type is not accepted' }).waitFor();

    await input.setInputFiles({ name: 'contract.pdf', mimeType: 'application/pdf', buffer: PDF });
    await notification(page, 'contract.pdf uploaded');
    const attachment = page.getByTestId('attachment').first();
    await expect.poll(() => attachment.innerText()).toContain('contract.pdf');
    const href = await attachment.getByRole('link', { name: 'contract.pdf' }).getAttribute('href');
    expect(href).toMatch(new RegExp(`/api/v1/locations/${locationId}/customers/${customerId}/attachments/[^/]+/download$`));
    // The link downloads the file with the owner's session.
    const download = await page.request.get(`${server.url}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toContain('attachment');
    await expect.poll(() => page.getByTestId('profile-activities').innerText()).toContain('Attachment added: contract.pdf');
  });

  step('the owner sets the contract dates in the details drawer', async () => {
    await page.getByRole('button', { name: 'Edit details' }).click();
    const drawer = page.getByRole('dialog', { name: 'Edit details of Pat Doe' });
    await drawer.waitFor();
    await field(page, 'Contract start').fill('2026-01-15');
    await field(page, 'Contract end').fill('2025-12-31');
    await drawer.getByRole('button', { name: 'Save details' }).click();
    await drawer.getByText('The contract cannot end before it starts').waitFor();
    await field(page, 'Contract end').fill('2026-12-31');
    await drawer.getByRole('button', { name: 'Save details' }).click();
    await notification(page, 'Details saved');
    await drawer.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('profile-details').innerText()).toContain('Jan 15, 2026');
    await screenshot(page, 'profile.png', { fullPage: true });
  });

  step('removing asks for a confirmation that says what happens; the member is removed, then restored', async () => {
    await openActions(page);
    await page.getByRole('menuitem', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Pat Doe' });
    await expect.poll(() => dialog.innerText()).toContain(`Remove Pat Doe from ${LOCATION}? They lose member access now; their history stays.`);
    await screenshot(page, 'profile-remove-confirm.png');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await notification(page, 'Pat Doe was removed');
    await expectStatus(page, 'Removed');
    await page.getByTestId('removed-notice').waitFor();
    await expect.poll(() => page.getByTestId('profile-activities').innerText()).toContain(`Removed from ${LOCATION}`);

    await openActions(page);
    await page.getByRole('menuitem', { name: 'Restore' }).click();
    await notification(page, 'Pat Doe was restored');
    // Never activated: restored as an invited member.
    await expectStatus(page, 'Invited');
    await expect.poll(() => page.getByTestId('profile-activities').innerText()).toContain('Restored as a member');
    // The note and the attachment are still there.
    await expect.poll(() => page.getByTestId('notes-list').innerText()).toContain('Prefers a desk by the window.');
    await expect.poll(() => page.getByTestId('attachments-list').innerText()).toContain('contract.pdf');
  });

  step('after a resend the member activates their account: the profile shows their details as theirs, read-only', async () => {
    // Removal killed the earlier links and restore sends none: the administrator resends.
    const linksBefore = (await mailbox()).filter((m) => m.to === PAT.email && /\/activate\//.test(m.text)).length;
    await openActions(page);
    await page.getByRole('menuitem', { name: 'Resend invitation' }).click();
    await notification(page, `A new invitation link was sent to ${PAT.email}`);
    const token = await newestActivationToken(PAT.email, linksBefore);
    // Pat opens the link in their own browser (no session here): within 24 hours it signs in and activates.
    const res = await fetch(`${server.url}/api/v1/activation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(((await res.json()) as { status: string }).status).toBe('signed_in');

    await page.reload();
    await expectStatus(page, 'Active');
    await expect.poll(() => page.getByTestId('details-owned').innerText()).toBe('Name, email and phone: set by Pat Doe (activated account)');
    await expect.poll(() => page.getByTestId('profile-activities').innerText()).toContain('Activated their account');
    // No resend for an active member.
    await openActions(page);
    await expect.poll(() => page.getByRole('menuitem', { name: 'Resend invitation' }).count()).toBe(0);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Edit details' }).click();
    const drawer = page.getByRole('dialog', { name: 'Edit details of Pat Doe' });
    await drawer.waitFor();
    for (const label of ['First name', 'Last name', 'Email', 'Phone']) expect(await field(page, label).getAttribute('readonly')).not.toBeNull();
    expect(await field(page, 'Contract end').getAttribute('readonly')).toBeNull();
    await field(page, 'Contract end').fill('2027-06-30');
    await screenshot(page, 'profile-owned-details.png');
    await drawer.getByRole('button', { name: 'Save details' }).click();
    await notification(page, 'Details saved');
    await expect.poll(() => page.getByTestId('profile-details').innerText()).toContain('Jun 30, 2027');
  });

  step('a page that still thinks the details are editable shows the server refusal of a name change', async () => {
    // As if the profile had been loaded just before Pat activated: the form offers the name, the server refuses it.
    const profileApi = `${server.url}/api/v1/locations/${locationId}/customers/${customerId}`;
    await page.route(profileApi, async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      return route.fulfill({ response, json: { ...(await response.json()), detailsOwnedByPerson: false } });
    });
    try {
      await page.reload();
      await page.getByRole('button', { name: 'Edit details' }).click();
      const drawer = page.getByRole('dialog', { name: 'Edit details of Pat Doe' });
      await field(page, 'First name').fill('Patricia');
      await drawer.getByRole('button', { name: 'Save details' }).click();
      await drawer.getByRole('alert').filter({ hasText: 'Pat Doe activated their account' }).waitFor();
      await drawer.getByText('Set by the member').first().waitFor();
      await drawer.getByRole('button', { name: 'Cancel' }).click();
    } finally {
      await page.unroute(profileApi);
    }
    await page.reload();
    await page.getByRole('heading', { name: 'Pat Doe', level: 1 }).waitFor();
  });

  step('join requests are closed: the page says so and links to Settings, where the owner turns them on', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Join requests' }).click();
    await page.getByRole('heading', { name: 'Join requests', level: 1 }).waitFor();
    const closed = page.getByTestId('join-requests-closed');
    await expect.poll(() => closed.innerText()).toContain(`${LOCATION} does not accept join requests`);
    await page.getByTestId('join-requests-empty').waitFor();
    await closed.getByRole('link', { name: 'Open Settings' }).click();

    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page
      .getByRole('textbox', { name: 'Join requests' })
      .or(page.getByRole('combobox', { name: 'Join requests' }))
      .first()
      .click();
    await page.getByRole('option', { name: /^By approval/ }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await notification(page, 'Location saved');

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Join requests' }).click();
    await page.getByTestId('join-requests-empty').waitFor();
    await expect.poll(() => page.getByTestId('join-requests-closed').count()).toBe(0);
    await expect.poll(() => page.getByTestId('join-requests-empty').innerText()).toContain('from its page in the member portal');
  });

  step('visitors ask to join; the owner approves one and declines the other with a reason', async () => {
    await visitorRequestsToJoin('Sam', 'Visitor', 'sam.visitor@example.com');
    await visitorRequestsToJoin('Lee', 'Stranger', 'lee.stranger@example.com');
    await page.reload();
    const table = page.getByTestId('join-requests-table');
    await expect.poll(() => table.innerText()).toContain('sam.visitor@example.com');
    await expect.poll(() => table.innerText()).toContain('lee.stranger@example.com');
    await expect.poll(() => page.getByTestId('page-count').innerText()).toBe('2');
    await screenshot(page, 'join-requests.png');

    await page.getByRole('button', { name: 'Approve Sam Visitor' }).click();
    await notification(page, 'Sam Visitor is now a member and was sent the invitation email');
    await expect.poll(() => table.innerText()).not.toContain('sam.visitor@example.com');

    await page.getByRole('button', { name: 'Decline Lee Stranger' }).click();
    const dialog = page.getByRole('dialog', { name: 'Decline the request of Lee Stranger' });
    await field(page, 'Reason (optional)').fill('We are full until June.');
    await dialog.getByRole('button', { name: 'Decline request' }).click();
    await notification(page, 'The request of Lee Stranger was declined');
    await page.getByTestId('join-requests-empty').waitFor();

    await page.getByRole('tab', { name: 'Declined' }).click();
    await expect.poll(() => page.getByTestId('join-requests-table').innerText()).toContain('We are full until June.');
    await page.getByRole('tab', { name: 'Approved' }).click();
    await expect.poll(() => page.getByTestId('join-requests-table').innerText()).toContain('sam.visitor@example.com');
  });

  step('removing a never-activated member with no history deletes the account and goes back to the list', async () => {
    const list = await page.request.get(`${server.url}/api/v1/locations/${locationId}/customers?q=sam.visitor`);
    const sam = ((await list.json()) as { items: { id: string; status: string }[] }).items[0];
    expect(sam.status).toBe('invited');
    await page.goto(`${server.url}/admin/l/${locationId}/customers/${sam.id}`);
    await page.getByRole('heading', { name: 'Sam Visitor', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('profile-activities').innerText()).toContain('Created as a member from a join request');
    await page.getByRole('button', { name: 'Actions for Sam Visitor' }).click();
    await page.getByRole('menuitem', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Sam Visitor' });
    await expect.poll(() => dialog.innerText()).toContain('Their invitation link stops working.');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await notification(page, 'Sam Visitor was removed. Their account was never activated and had nothing else, so it was deleted too.');
    await page.waitForURL(new RegExp(`/admin/l/${locationId}/customers$`));
    // The old address of the profile now says plainly that there is nothing there.
    await page.goto(`${server.url}/admin/l/${locationId}/customers/${sam.id}`);
    await page.getByRole('heading', { name: 'Customer not found', level: 1 }).waitFor();
  });

  step('a custom invitation email that does not parse is refused with its line; a good one previews, tests, saves and resets', async () => {
    await page.goto(`${server.url}/admin/l/${locationId}/settings`);
    const section = page.getByTestId('invitation-template');
    await expect.poll(() => section.getByTestId('template-kind').innerText()).toBe('Default template');
    const subject = field(page, 'Subject');
    const message = field(page, 'Message');
    await subject.fill('Welcome to {{ location_name }}');
    await message.fill('Hello {{ first_name }},\n\n{% if inviter_name %}\n{{ inviter_name }} invited you.\n');
    await section.getByRole('button', { name: 'Save template' }).click();
    // The server's reason with its line, under the message field.
    const error = section.getByText(/^Line \d+: .*if.*/);
    await error.waitFor();
    expect(await message.getAttribute('aria-invalid')).toBe('true');
    await page.setViewportSize({ width: 1280, height: 1100 });
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'template-error.png');

    // Fix it: close the tag, with a variable inserted from its chip at the end.
    await message.fill('Hello {{ first_name }},\n\n{% if inviter_name %}{{ inviter_name }} invited you to join us. {% endif %}See you at ');
    await message.press('End');
    await section.getByRole('button', { name: /^Insert location_name/ }).click();
    await expect.poll(() => message.inputValue()).toMatch(/See you at \{\{ location_name \}\}$/);
    await expect.poll(() => section.getByText(/^Line \d+:/).count()).toBe(0);

    await section.getByRole('button', { name: 'Preview' }).click();
    const preview = section.getByTestId('template-preview');
    await expect.poll(() => preview.innerText()).toContain(`Welcome to ${LOCATION}`);
    const frame = page.frameLocator('[data-testid="template-preview"] iframe');
    await expect.poll(() => frame.locator('body').innerText()).toContain(`See you at ${LOCATION}`);
    await expect.poll(() => frame.locator('body').innerText()).toContain('Hello Olivia');

    await section.getByRole('button', { name: 'Send me a test' }).click();
    await notification(page, `Test sent to ${OWNER.email}`);

    await section.getByRole('button', { name: 'Save template' }).click();
    await notification(page, 'Invitation email saved');
    await expect.poll(() => section.getByTestId('template-kind').innerText()).toBe('Custom template');
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'template-editor.png');
    await page.setViewportSize({ width: 1280, height: 800 });

    await section.getByRole('button', { name: 'Reset to default' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset the invitation email' });
    await dialog.getByRole('button', { name: 'Reset to default' }).click();
    await notification(page, 'The default invitation email is back');
    await expect.poll(() => section.getByTestId('template-kind').innerText()).toBe('Default template');
    await expect.poll(() => subject.inputValue()).not.toBe('Welcome to {{ location_name }}');
  });
});
