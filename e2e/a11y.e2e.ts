// Keyboard, focus, titles and the portal on a phone: the owner tabs through the admin navigation and opens a profile
// with Enter, opens and closes the "Invite user" drawer from the keyboard (focus moves into it and comes back), each
// page titled after its heading and the location; on a phone the owner's notification leaves the admin header and its
// account button free; a member on a 375x812 phone sees the welcome notification clear of the bottom navigation (a tap
// on Profile lands on Profile) and her long company name whole. axe-core checks every screen on the way (e2e/axe.ts,
// through stepsInOrder).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  artifact,
  type Browser,
  callApiExpecting,
  expectNoSidewaysScroll,
  launchBrowserWithPage,
  openMail,
  printFailureContext,
  type RunningServer,
  screenshotPages,
  setUpByApi,
  startServer,
  stepsInOrder,
} from './support.js';

const OWNER = { email: 'hana.harbor@example.com', firstName: 'Hana', lastName: 'Harbor' };
const LOCATION = 'Harbor Docks';
const LUCIA = { email: 'lucia.lopez@example.com', firstName: 'Lucia', lastName: 'Lopez' };
const COMPANY = 'Lopez Design Studio';
const PHONE = { width: 375, height: 812 };
const LONG_ORGANIZATION = 'Harbor Coworking and Creative Studios SA';
const LONG_LOCATION = 'Harbor Docks at Quai des Chartrons, Bdx.';

let server: RunningServer;
let ownerBrowser: Browser;
let owner: Page;
let luciaBrowser: Browser | undefined;
let lucia: Page;
let problems: string[] = [];
let locationId = '';

const step = stepsInOrder(async (name) => {
  await screenshotPages(ownerBrowser?.context, `${name} owner`);
  await screenshotPages(luciaBrowser?.context, `${name} member`);
  printFailureContext(server, problems);
});

/** The focused element, as a person would name it: its role-ish tag, its text or label, and whether it shows a ring. */
const focused = (p: Page) =>
  p.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { name: '', tag: '', role: '', ring: false, inDialog: false };
    const style = getComputedStyle(element);
    return {
      name: (element.getAttribute('aria-label') ?? element.innerText ?? '').trim(),
      tag: element.tagName.toLowerCase(),
      role: element.getAttribute('role') ?? '',
      // buttons and links show Mantine's focus ring (an outline); a text field shows focus by its border colour
      ring: ['input', 'textarea'].includes(element.tagName.toLowerCase()) || (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0),
      inDialog: element.closest('[role=dialog]') !== null,
    };
  });

/** Presses Tab until the focused element's name is `name` (at most `limit` times); every stop shows a focus ring. */
async function tabTo(p: Page, name: string, limit = 40): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < limit; i++) {
    await p.keyboard.press('Tab');
    const now = await focused(p);
    stops.push(now.name);
    expect(now.ring, `the focus ring on "${now.name}" (${now.tag})`).toBe(true);
    if (now.name === name) return;
  }
  throw new Error(`"${name}" was not reached with Tab; the stops were: ${stops.join(' | ')}`);
}

describe('accessibility: the keyboard in the admin, titles, and the portal on a phone', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'a11y-server' });
    ({ browser: ownerBrowser, page: owner, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    await luciaBrowser?.close();
    await ownerBrowser?.close();
    await server?.stop();
  });

  step('setup (API): a location, a company with a long name, a member invited into it', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Harbor Coworking',
      locationName: LOCATION,
      address: '1 Quai des Chartrons, Bordeaux',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      owner: OWNER,
    });
    const { company } = await callApiExpecting<{ company: { id: string } }>(owner, server, 201, 'POST', `/locations/${locationId}/companies`, {
      name: COMPANY,
    });
    await callApiExpecting(owner, server, 201, 'POST', `/locations/${locationId}/invitations`, { ...LUCIA, companyId: company.id, companyManager: false });
  });

  step('the owner tabs through the navigation to Companies and back to Customers, then opens a profile with Enter', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/customers`);
    await owner.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await expect.poll(() => owner.title()).toBe(`Customers · ${LOCATION}`);

    await tabTo(owner, 'Companies');
    await owner.keyboard.press('Enter');
    await owner
      .getByRole('heading', { level: 1 })
      .filter({ hasText: /Companies|Customers/ })
      .waitFor();
    await expect.poll(() => owner.url()).toContain('/companies');
    await expect.poll(() => owner.title()).toMatch(new RegExp(` · ${LOCATION}$`));

    // back up the navigation with Shift+Tab
    for (let i = 0; i < 10 && (await focused(owner)).name !== 'Customers'; i++) await owner.keyboard.press('Shift+Tab');
    expect((await focused(owner)).name).toBe('Customers');
    await owner.keyboard.press('Enter');
    await owner.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await owner.getByTestId('customer-row').filter({ hasText: LUCIA.email }).waitFor();

    await tabTo(owner, `${LUCIA.firstName} ${LUCIA.lastName}`, 60);
    await owner.keyboard.press('Enter');
    await owner.getByRole('heading', { name: `${LUCIA.firstName} ${LUCIA.lastName}`, level: 1 }).waitFor();
    await expect.poll(() => owner.title()).toBe(`${LUCIA.firstName} ${LUCIA.lastName} · ${LOCATION}`);
  });

  step('the owner opens "Invite user" with the keyboard: focus moves into the drawer, and back to the button when Escape closes it', async () => {
    await owner.goto(`${server.url}/admin/l/${locationId}/customers`);
    await owner.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await tabTo(owner, 'Invite user', 60);
    await owner.keyboard.press('Enter');
    const drawer = owner.getByRole('dialog', { name: 'Invite user' });
    await drawer.waitFor();
    await expect.poll(async () => (await focused(owner)).inDialog).toBe(true);
    // the page behind keeps its title: the drawer is not a page
    expect(await owner.title()).toBe(`Customers · ${LOCATION}`);
    // Tab stays inside the open drawer
    for (let i = 0; i < 12; i++) {
      await owner.keyboard.press('Tab');
      expect((await focused(owner)).inDialog).toBe(true);
    }
    // Escape closes what is on top: a picker's open list first (when the Tab walk left one open), then the dialog
    for (let i = 0; i < 3 && (await drawer.isVisible()); i++) {
      await owner.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden', timeout: 1_500 }).catch(() => undefined);
    }
    await drawer.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await focused(owner)).name).toBe('Invite user');

    // the account menu: Enter opens it on its first item, Escape closes it and gives the focus back
    const account = owner.getByRole('button', { name: `${OWNER.firstName} ${OWNER.lastName}, account menu` });
    await account.focus();
    await owner.keyboard.press('Enter');
    await owner.getByRole('menu').waitFor();
    await expect.poll(async () => (await focused(owner)).role).toBe('menuitem');
    await owner.keyboard.press('Escape');
    await owner.getByRole('menu').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await focused(owner)).name).toBe(`${OWNER.firstName} ${OWNER.lastName}, account menu`);
  });

  step('on a 375x812 phone the owner adds a note: the notification stays clear of the header and its account button', async () => {
    await owner.setViewportSize(PHONE);
    try {
      await owner.goto(`${server.url}/admin/l/${locationId}/customers`);
      await owner.getByTestId('customer-row').filter({ hasText: LUCIA.email }).getByRole('link').click();
      await owner.getByRole('heading', { name: `${LUCIA.firstName} ${LUCIA.lastName}`, level: 1 }).waitFor();
      await owner.getByLabel('New note').fill('Prefers the quiet room');
      await owner.getByRole('button', { name: 'Add note' }).click();
      const toast = owner.locator('.mantine-Notification-root').first();
      await toast.waitFor();
      const header = owner.getByRole('banner');
      const account = header.getByRole('button', { name: /account menu/ });
      const toastBox = (await toast.boundingBox())!;
      const headerBox = (await header.boundingBox())!;
      const overlap = (a: typeof toastBox, b: typeof toastBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(overlap(toastBox, headerBox)).toBe(false);
      await owner.screenshot({ path: artifact('a11y-admin-phone-notification.png') });
      // a tap on the account button while the notification shows opens the menu (Playwright refuses a covered click)
      expect(await toast.isVisible()).toBe(true);
      await account.click({ timeout: 3_000 });
      await owner.getByRole('menu').waitFor();
      await owner.keyboard.press('Escape');
      await owner.getByRole('menu').waitFor({ state: 'hidden' });
    } finally {
      await owner.setViewportSize({ width: 1280, height: 800 });
    }
  });

  step(
    'on a 375x812 phone the member activates: the welcome notification stays clear of the bottom navigation, and the company link shows the whole name',
    async () => {
      const body = await openMail(owner, server, LUCIA.email, `You are invited to ${LOCATION}`);
      expect(body).toContain('Activate my account:');
      const href = await owner
        .getByRole('article')
        .getByRole('link', { name: /\/activate\// })
        .getAttribute('href');
      ({ browser: luciaBrowser, page: lucia } = await launchBrowserWithPage(problems));
      await lucia.setViewportSize(PHONE);
      await lucia.goto(href!);
      await lucia.getByRole('heading', { name: 'My locations', level: 1 }).waitFor();
      await expect.poll(() => lucia.title()).toBe(`My locations · ${LOCATION}`);

      const toast = lucia.locator('.mantine-Notification-root').first();
      await toast.waitFor();
      const nav = lucia.getByRole('navigation', { name: 'Main navigation' });
      const profile = nav.getByRole('link', { name: 'Profile', exact: true });
      const toastBox = (await toast.boundingBox())!;
      const navBox = (await nav.boundingBox())!;
      const profileBox = (await profile.boundingBox())!;
      const overlap = (a: typeof toastBox, b: typeof toastBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(overlap(toastBox, navBox)).toBe(false);
      expect(overlap(toastBox, profileBox)).toBe(false);

      // the company link: the whole sentence readable (wrapped, not cut), and in its title
      const link = lucia.getByRole('link', { name: `${COMPANY}: company page` });
      await link.waitFor();
      expect(await link.getAttribute('title')).toBe(`${COMPANY}: company page`);
      const label = link.locator('.mantine-Button-label');
      const cut = await label.evaluate((element) => element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1);
      expect(cut).toBe(false);
      expect((await label.innerText()).replace(/\s+/g, ' ')).toBe(`${COMPANY}: company page`);
      const linkBox = (await link.boundingBox())!;
      expect(linkBox.x + linkBox.width).toBeLessThanOrEqual(PHONE.width);
      await expectNoSidewaysScroll(lucia, { labels: true });
      await lucia.screenshot({ path: artifact('a11y-portal-phone-home.png') });

      // a tap on Profile while the notification shows lands on Profile (Playwright refuses a click that something covers)
      expect(await toast.isVisible()).toBe(true);
      await profile.click({ timeout: 3_000 });
      await lucia.getByRole('heading', { level: 1 }).filter({ hasText: 'Profile' }).first().waitFor();
      await expect.poll(() => lucia.url()).toContain('/profile');
    },
  );

  step(
    'the portal frame at 375 and 320 px: Home, Book, Events, Billing, Profile and More at the bottom, More opens on Company, Shop and Perks; the header shows the organization and the location, long names cut at the end',
    async () => {
      // 40-character names, the longest a header has to show
      const { organizations } = await callApiExpecting<{ organizations: { id: string }[] }>(owner, server, 200, 'GET', '/me');
      await callApiExpecting(owner, server, 200, 'PATCH', `/organizations/${organizations[0].id}`, { name: LONG_ORGANIZATION });
      await callApiExpecting(owner, server, 200, 'PATCH', `/locations/${locationId}`, { name: LONG_LOCATION });
      await lucia.goto(`${server.url}/`);
      const header = lucia.getByRole('banner');
      const brand = header.getByTestId('brand-name');
      const place = header.getByTestId('current-location');
      const nav = lucia.getByRole('navigation', { name: 'Main navigation' });
      const more = nav.getByRole('button', { name: 'More', exact: true });
      for (const width of [375, 320]) {
        await lucia.setViewportSize({ width, height: 700 });
        await expect.poll(() => brand.innerText()).toBe(LONG_ORGANIZATION);
        await expect.poll(() => place.innerText()).toBe(LONG_LOCATION);
        await lucia.waitForTimeout(300);
        await lucia.screenshot({ path: artifact(`a11y-portal-frame-${width}.png`), style: '.mantine-Notifications-root { display: none !important; }' });

        // the five entries and More, each whole and inside the screen, on one bar that does not scroll
        const entries = [...['Home', 'Book', 'Events', 'Billing', 'Profile'].map((name) => nav.getByRole('link', { name, exact: true })), more];
        for (const entry of entries) {
          const box = (await entry.boundingBox())!;
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(width);
          expect(box.height).toBeGreaterThanOrEqual(44);
        }
        expect(await nav.getByRole('link').count()).toBe(5);
        expect(await nav.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
        await expectNoSidewaysScroll(lucia, { labels: true });

        // both names on screen, side by side or one above the other, cut at the end with the whole name kept
        const brandBox = (await brand.boundingBox())!;
        const placeBox = (await place.boundingBox())!;
        for (const box of [brandBox, placeBox]) {
          expect(box.width).toBeGreaterThanOrEqual(100);
          expect(box.x + box.width).toBeLessThanOrEqual(width);
        }
        const apart = brandBox.y + brandBox.height <= placeBox.y || brandBox.x + brandBox.width <= placeBox.x;
        expect(apart).toBe(true);
        expect(await brand.getAttribute('title')).toBe(LONG_ORGANIZATION);
        expect(await place.getAttribute('title')).toBe(LONG_LOCATION);
        expect(await header.getByRole('link', { name: LONG_ORGANIZATION }).count()).toBe(1);
        expect(await brand.evaluate((element) => getComputedStyle(element).textOverflow)).toBe('ellipsis');
        expect(await place.evaluate((element) => getComputedStyle(element).textOverflow)).toBe('ellipsis');
      }

      // More, from the keyboard: Enter opens it on its first entry; Company, Shop and Perks are there
      await more.focus();
      await lucia.keyboard.press('Enter');
      const menu = lucia.getByRole('menu');
      await menu.waitFor();
      await expect.poll(async () => (await focused(lucia)).name).toBe('Company');
      expect(await menu.getByRole('menuitem').allInnerTexts()).toEqual(['Company', 'Shop', 'Perks']);
      await lucia.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden' });
      await expect.poll(async () => (await focused(lucia)).name).toBe('More');
      // a tap on Perks opens it; More then shows that the page shown is one of its entries, and the item says which
      await more.click();
      await menu.getByRole('menuitem', { name: 'Perks', exact: true }).waitFor();
      await lucia.screenshot({ path: artifact('a11y-portal-more-320.png') });
      await menu.getByRole('menuitem', { name: 'Perks', exact: true }).click();
      await lucia.getByRole('heading', { name: 'Perks', level: 1 }).waitFor();
      await expect.poll(() => more.getAttribute('aria-current')).toBe('true');
      await more.click();
      expect(await menu.getByRole('menuitem', { name: 'Perks', exact: true }).getAttribute('aria-current')).toBe('page');
      await lucia.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden' });
      await expectNoSidewaysScroll(lucia, { labels: true });

      // in French, the longest words ("Événements", "Facturation") still fit whole at 320 px
      await lucia.getByRole('button', { name: 'Language: English' }).click();
      await lucia.getByRole('menuitem', { name: 'Français' }).click();
      const plus = lucia.getByRole('navigation', { name: 'Navigation principale' }).getByRole('button', { name: 'Plus', exact: true });
      await plus.waitFor();
      await expectNoSidewaysScroll(lucia, { labels: true });
      const french = lucia.getByRole('navigation', { name: 'Navigation principale' });
      expect(await french.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      for (const entry of [...(await french.getByRole('link').all()), plus]) {
        const box = (await entry.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(320);
        expect(await entry.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
      }
      await lucia.screenshot({ path: artifact('a11y-portal-frame-320-fr.png') });
      await lucia.getByRole('button', { name: 'Langue : Français' }).click();
      await lucia.getByRole('menuitem', { name: 'English' }).click();
      await more.waitFor();
    },
  );

  step('at 768 px the bottom bar still; at 1024 and 1280 px the same entries and More in the top bar beside both names, nothing past its edge', async () => {
    await lucia.setViewportSize({ width: 768, height: 800 });
    const header = lucia.getByRole('banner');
    const bottom = lucia.getByRole('contentinfo').getByRole('navigation', { name: 'Main navigation' });
    await bottom.getByRole('button', { name: 'More', exact: true }).waitFor();
    expect(await header.getByRole('navigation').count()).toBe(0);
    await expectNoSidewaysScroll(lucia, { labels: true });
    await lucia.screenshot({ path: artifact('a11y-portal-frame-768.png') });
    for (const width of [1024, 1280]) {
      await lucia.setViewportSize({ width, height: 800 });
      const nav = header.getByRole('navigation', { name: 'Main navigation' });
      await nav.getByRole('button', { name: 'More', exact: true }).waitFor();
      expect(await lucia.getByRole('navigation').count()).toBe(1);
      expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Home', 'Book', 'Events', 'Billing', 'Profile']);
      // every part of the header inside it, none cut by its right edge; the names keep room to be read
      const outside = await header.evaluate((element) => {
        const right = element.getBoundingClientRect().right;
        return Array.from(element.querySelectorAll('a, button, nav, [data-testid]'))
          .filter((child) => child.getBoundingClientRect().right > right + 0.5)
          .map((child) => child.textContent);
      });
      expect(outside).toEqual([]);
      for (const name of [header.getByTestId('brand-name'), header.getByTestId('current-location')]) {
        expect((await name.boundingBox())!.width).toBeGreaterThanOrEqual(150);
      }
      await expectNoSidewaysScroll(lucia);
      await lucia.screenshot({ path: artifact(`a11y-portal-header-${width}.png`), clip: { x: 0, y: 0, width, height: 120 } });
    }
  });
});
