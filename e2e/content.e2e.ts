// Content in Chromium against the real server: the owner writes a members-only post and a public one on the Content
// page (the preview shows the Markdown as the portal will), a public post with hostile Markdown, and a page; a member
// on a phone sees all three posts on Home and the page in the menu; a visitor who is not signed in sees only the
// public posts on the location's news page; no script of the hostile post ever runs and no dialog opens.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  shot,
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
const ANA = { firstName: 'Ana', lastName: 'Alves', email: 'ana.alves@example.com' };
const LOCATION = 'Canal Works';
const PHONE = { width: 375, height: 812 };
const MEMBERS_POST = 'Members’ breakfast on Friday';
const PUBLIC_POST = 'Open day on Saturday';
const HOSTILE_POST = 'A post that tries too hard';
const HOSTILE_BODY = [
  'Nothing to see here.',
  '<script>window.pwned = "script"; alert("script")</script>',
  '<img src="x" onerror="window.pwned = \'img\'; alert(\'img\')">',
  '[Click for a prize](javascript:window.pwned="link";alert("link"))',
  '![picture](x" onerror="window.pwned=\'markdown image\')',
  '<a href="javascript:alert(1)">raw link</a>',
].join('\n\n');

let server: RunningServer;
let ownerBrowser: Browser;
let owner: Page;
let anaBrowser: Browser | undefined;
let ana: Page;
let visitorBrowser: Browser | undefined;
let visitor: Page;
let problems: string[] = [];
let locationId = '';
/** Messages of every dialog (alert, confirm) a page opened: a script ran. */
const dialogs: string[] = [];

const step = stepsInOrder(async (name) => {
  await screenshotPages(ownerBrowser?.context, `${name} owner`);
  await screenshotPages(anaBrowser?.context, `${name} member`);
  await screenshotPages(visitorBrowser?.context, `${name} visitor`);
  printFailureContext(server, problems);
});

const ownerApi = <T = unknown>(method: string, path: string, body: unknown, status: number) => callApiExpecting<T>(owner, server, status, method, path, body);

/** Waits for a value as the page settles (a debounced preview, a list refreshed): up to 10 s on a busy machine. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 200 });

async function notification(p: Page, message: string | RegExp) {
  await p.getByRole('alert').filter({ hasText: message }).first().waitFor();
}

function watchDialogs(p: Page) {
  p.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
}

/** Nothing the hostile post carries ran: no flag set, no dialog, no javascript: link, no image handler. */
async function expectInert(p: Page) {
  await p.waitForTimeout(500);
  expect(await p.evaluate(() => (window as unknown as { pwned?: string }).pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  const risky = await p.evaluate(() => ({
    scripts: document.querySelectorAll('[data-testid="post-body"] script').length,
    handlers: Array.from(document.querySelectorAll('[data-testid="post-body"] *')).filter((element) =>
      Array.from(element.attributes).some((attribute) => attribute.name.startsWith('on')),
    ).length,
    links: Array.from(document.querySelectorAll('a[href]')).filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
  }));
  expect(risky).toEqual({ scripts: 0, handlers: 0, links: 0 });
}

async function writePost(title: string, body: string, visibility: string, { preview }: { preview?: string } = {}) {
  await owner.getByRole('button', { name: 'New post' }).first().click();
  const drawer = owner.getByRole('dialog', { name: 'New post' });
  await field(drawer, 'Title').fill(title);
  await field(drawer, 'Text').fill(body);
  if (preview) await poll(() => drawer.getByTestId('post-preview').innerHTML()).toContain(preview);
  await drawer.getByRole('combobox', { name: /^Who can see it/ }).click();
  await owner.getByRole('option', { name: visibility, exact: true }).click();
  await drawer.getByRole('button', { name: 'Publish now' }).click();
  await notification(owner, `“${title}” is published`);
  await drawer.waitFor({ state: 'hidden' });
}

describe('content: posts by visibility, the member’s feed, the public news page, hostile Markdown inert', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'content-server' });
    ({ browser: ownerBrowser, page: owner, problems } = await launchBrowserWithPage());
    await owner.setViewportSize({ width: 1280, height: 900 });
    watchDialogs(owner);
  });

  afterAll(async () => {
    await visitorBrowser?.close();
    await anaBrowser?.close();
    await ownerBrowser?.close();
    await server?.stop();
  });

  step('setup (API): an organization, its location and an invited member', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Canal Coworking',
      locationName: LOCATION,
      address: '1 Quai de Valmy, Paris',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      owner: OWNER,
    });
    await ownerApi('POST', `/locations/${locationId}/invitations`, ANA, 201);
    // The admin app asked who was signed in before the setup signed the owner in: that 401 is expected.
    problems.length = 0;
  });

  step('the owner publishes a members-only post, with the preview the portal will show', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/customers`);
    await owner.getByRole('navigation').getByRole('link', { name: 'Content' }).click();
    await owner.getByRole('heading', { name: 'Content', level: 1 }).waitFor();
    await owner.getByText('No posts yet.').waitFor();
    await writePost(MEMBERS_POST, 'Croissants at **9:00** in the kitchen.\n\n- bring a mug\n- say hi', 'Members of this location', {
      preview: '<strong>9:00</strong>',
    });
    const row = owner.getByTestId('posts-table').getByRole('row').filter({ hasText: MEMBERS_POST });
    await poll(() => row.getByTestId('status-badge').innerText()).toBe('Published');
    await poll(() => row.getByTestId('visibility-badge').innerText()).toBe('Members of this location');
  });

  step('the owner publishes a public post and a public post with hostile Markdown; the preview stays inert', async () => {
    await writePost(PUBLIC_POST, 'Come and visit: [see the map](https://example.com/map).', 'Everyone');
    await writePost(HOSTILE_POST, HOSTILE_BODY, 'Everyone', { preview: 'Nothing to see here.' });
    await expectInert(owner);
    // a draft stays out of every feed; a page joins the menu (API)
    await ownerApi('POST', `/locations/${locationId}/posts`, { kind: 'post', title: 'Unfinished draft', visibility: 'public', publishedAt: null }, 201);
    await ownerApi(
      'POST',
      `/locations/${locationId}/posts`,
      { kind: 'page', title: 'House rules', body: 'Be **kind**. Keep the kitchen tidy.', visibility: 'location_members', slug: 'house-rules' },
      201,
    );
    // the list shows what the API added once the page is opened again: a header row and four posts
    await owner.reload();
    const table = owner.getByTestId('posts-table');
    await table.getByRole('row').filter({ hasText: 'Unfinished draft' }).waitFor();
    await poll(() => table.getByRole('row').count()).toBe(5);
    await poll(() => table.getByRole('row').filter({ hasText: 'Unfinished draft' }).getByTestId('status-badge').innerText()).toBe('Draft');
    await shot(owner, 'content-admin.png');
    await owner.getByRole('tab', { name: 'Pages' }).click();
    await poll(() => owner.getByTestId('posts-table').innerText()).toContain('Address: /pages/house-rules');
    await owner.getByRole('tab', { name: 'Posts' }).click();
    // the editor on an existing post
    await table.getByRole('row').filter({ hasText: MEMBERS_POST }).click();
    const drawer = owner.getByRole('dialog', { name: 'Edit post' });
    await poll(() => drawer.getByTestId('post-preview').innerHTML()).toContain('<li>bring a mug</li>');
    await shot(owner, 'content-admin-editor.png');
    await owner.keyboard.press('Escape');
  });

  step('a member on a phone sees the three posts on Home, the page in the menu, and nothing runs', async () => {
    const body = await openMail(owner, server, ANA.email, `You are invited to ${LOCATION}`);
    expect(body).toContain('Activate my account:');
    const href = await owner
      .getByRole('article')
      .getByRole('link', { name: /\/activate\// })
      .getAttribute('href');
    ({ browser: anaBrowser, page: ana } = await launchBrowserWithPage(problems));
    watchDialogs(ana);
    await ana.setViewportSize(PHONE);
    await ana.goto(href!);
    await ana.getByRole('heading', { name: 'My locations', level: 1 }).waitFor();
    const feed = ana.getByTestId('feed');
    await feed.getByTestId('feed-item').first().waitFor();
    await poll(() => feed.getByTestId('feed-item').count()).toBe(3);
    const titles = await feed.getByRole('heading', { level: 3 }).allInnerTexts();
    expect(titles).toEqual([HOSTILE_POST, PUBLIC_POST, MEMBERS_POST]);
    await poll(() => feed.getByTestId('feed-item').filter({ hasText: MEMBERS_POST }).innerHTML()).toContain('<strong>9:00</strong>');
    expect(await feed.innerText()).not.toContain('Unfinished draft');
    await expectInert(ana);
    await shot(ana, 'content-portal-home.png');

    // the location's pages are under "More" in the bottom navigation, after a label with the location's name
    await ana.getByRole('navigation').getByRole('button', { name: 'More', exact: true }).click();
    await ana.getByRole('menu').getByText(`Pages of ${LOCATION}`).waitFor();
    await ana.getByRole('menuitem', { name: 'House rules' }).click();
    await ana.getByRole('heading', { name: 'House rules', level: 1 }).waitFor();
    await poll(() => ana.getByTestId('post-body').innerHTML()).toContain('<strong>kind</strong>');
    expect(ana.url()).toBe(`${server.url}/l/${locationId}/pages/house-rules`);
    await shot(ana, 'content-portal-page.png');
  });

  step('a visitor who is not signed in sees only the public posts on the news page, and nothing runs', async () => {
    ({ browser: visitorBrowser, page: visitor } = await launchBrowserWithPage(problems));
    watchDialogs(visitor);
    await visitor.setViewportSize(PHONE);
    await visitor.goto(`${server.url}/l/${locationId}/news`);
    await visitor.getByRole('heading', { name: `News from ${LOCATION}`, level: 1 }).waitFor();
    const feed = visitor.getByTestId('feed');
    await feed.getByTestId('feed-item').first().waitFor();
    await poll(() => feed.getByTestId('feed-item').count()).toBe(2);
    expect(await feed.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual([HOSTILE_POST, PUBLIC_POST]);
    expect(await visitor.locator('body').innerText()).not.toContain(MEMBERS_POST);
    // the public link opens elsewhere; the hostile one is plain text
    await poll(() => feed.getByRole('link', { name: 'see the map' }).getAttribute('href')).toBe('https://example.com/map');
    expect(await feed.getByRole('link', { name: 'Click for a prize' }).count()).toBe(0);
    await feed.getByText('Click for a prize').click();
    await expectInert(visitor);
    await shot(visitor, 'content-public-news.png');
    // the member-only post, asked by its id, is not there for someone signed out
    const members = await ownerApi<{ items: { id: string; title: string }[] }>('GET', `/locations/${locationId}/posts`, undefined, 200);
    const hidden = members.items.find((p) => p.title === MEMBERS_POST)!;
    const res = await visitor.request.get(`${server.url}/api/v1/portal/locations/${locationId}/posts/${hidden.id}`);
    expect(res.status()).toBe(401);
    // a 401 is the visitor's "who am I" question; a request cut short by opening another page is no failure
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  });
});
