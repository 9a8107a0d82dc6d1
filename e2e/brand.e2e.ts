// The operator's brand in the browser: the owner sets the organization's name, accent colour and logo; the
// invitation email, the portal header on a phone, the activation page of a link already used and the sign-in page of
// a link that names the organization (`/sign-in?o=<id>`) show them; the plain sign-in page stays Atrium's.
// Screenshots go to .tmp/e2e-artifacts (SIGNIN_SHOTS=<folder>: the activation and sign-in ones there too).
import type { Page } from 'playwright-core';
import { markPng } from '../src/server/lib/png.js';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  activateMember,
  artifact,
  callApiExpecting,
  launchBrowserWithPage,
  openMail,
  printFailureContext,
  screenshotPages,
  setUpByApi,
  startServer,
  stepsInOrder,
  type Browser,
  type RunningServer,
} from './support.js';

const OWNER = { email: 'olivia.owner@example.com', firstName: 'Olivia', lastName: 'Owner' };
const ANA = { firstName: 'Ana', lastName: 'Alves', email: 'ana.alves@example.com' };
const LOCATION = 'Harbor Docks';
const PHONE = { width: 390, height: 844 };
const SHOTS = process.env.BRAND_SHOTS; // 'before' or 'after': also copy the two pictures to /work/main/.tmp/screenshots
const SIGNIN_SHOTS = process.env.SIGNIN_SHOTS;

let server: RunningServer;
let ownerBrowser: Browser;
let owner: Page;
let member: Browser | undefined;
let problems: string[] = [];
let locationId = '';
let organizationId = '';
let activationLink = '';

const step = stepsInOrder(async (name) => {
  await screenshotPages(ownerBrowser?.context, `${name} owner`);
  await screenshotPages(member?.context, `${name} member`);
  printFailureContext(server, problems);
});

async function picture(p: Page, name: string, clip?: { x: number; y: number; width: number; height: number }) {
  await p.waitForTimeout(500);
  const file = artifact(name);
  await p.screenshot({ path: file, clip, fullPage: !clip, style: '.mantine-Notifications-root { display: none !important; }' });
  if (SIGNIN_SHOTS && /^(activation|sign-in)/.test(name)) {
    const fs = await import('node:fs');
    fs.mkdirSync(SIGNIN_SHOTS, { recursive: true });
    fs.copyFileSync(file, `${SIGNIN_SHOTS}/${name}`);
  }
  if (SHOTS) {
    const fs = await import('node:fs');
    fs.mkdirSync('/work/main/.tmp/screenshots', { recursive: true });
    fs.copyFileSync(file, `/work/main/.tmp/screenshots/${SHOTS}-${name}`);
  }
}

describe('the brand', () => {
  beforeAll(async () => {
    server = await startServer({ name: 'brand-server' });
    ({ browser: ownerBrowser, page: owner, problems } = await launchBrowserWithPage());
  });

  afterAll(async () => {
    await member?.close();
    await ownerBrowser?.close();
    await server?.stop();
  });

  step('setup', async () => {
    locationId = await setUpByApi(owner, server, {
      organizationName: 'Harbor Coworking',
      locationName: LOCATION,
      address: '12 Quai des Chartrons, Bordeaux',
      timeZone: 'Europe/Paris',
      currency: 'EUR',
      country: 'FR',
      owner: OWNER,
    });
  });

  step('the owner sets the brand: name, accent colour, support email and logo (Settings > Organization)', async () => {
    const { organizations } = await callApiExpecting<{ organizations: { id: string }[] }>(owner, server, 200, 'GET', '/me');
    organizationId = organizations[0].id;
    await callApiExpecting(owner, server, 200, 'PATCH', `/organizations/${organizationId}`, {
      name: 'Harbor Works',
      accentColor: '#0b7285',
      supportEmail: 'help@harbor.test',
    });
    // the logo through the Settings page, as the owner would pick it
    await owner.goto(`${server.url}/admin/l/${locationId}/settings`);
    await owner.getByRole('heading', { name: 'Organization', level: 2 }).waitFor();
    const section = owner.getByRole('region', { name: 'Organization' });
    const chooser = owner.waitForEvent('filechooser');
    await section.getByRole('button', { name: 'Upload logo' }).click();
    await (await chooser).setFiles({ name: 'harbor.png', mimeType: 'image/png', buffer: markPng('#0b7285', 96) });
    await section.getByRole('img', { name: 'The current logo' }).waitFor();
    await section.getByRole('button', { name: 'Replace logo' }).waitFor();
    await picture(owner, 'admin-settings.png');
    // the admin header shows the new name and logo
    await expect.poll(() => owner.getByTestId('brand-name').first().innerText()).toBe('Harbor Works');
  });

  step('the invitation email', async () => {
    await callApiExpecting(owner, server, 201, 'POST', `/locations/${locationId}/invitations`, ANA);
    await owner.setViewportSize({ width: 1280, height: 1000 });
    const text = await openMail(owner, server, ANA.email, `You are invited to ${LOCATION}`);
    if (SHOTS !== 'before') {
      expect(text).toContain('Questions? Write to help@harbor.test.');
      const html = await callApiExpecting<{ messages: { to: string; html: string }[] }>(owner, server, 200, 'GET', '/dev/mailbox');
      const mail = html.messages.find((m) => m.to === ANA.email)!;
      expect(mail.html).toMatch(new RegExp(`<img src="${server.url}/api/v1/public/organizations/[0-9a-f-]+/logo\\?v=[0-9a-f-]+" alt="Harbor Works"`));
      expect(mail.html).toContain('background:#0b7285');
    }
    await picture(owner, 'email.png');
  });

  step('the portal header on a phone', async () => {
    const launched = await launchBrowserWithPage(problems);
    member = launched.browser;
    const page = launched.page;
    await page.setViewportSize(PHONE);
    activationLink = await activateMember(owner, server, ANA.email, `You are invited to ${LOCATION}`, page);
    if (SHOTS !== 'before') {
      // the operator's name and logo, not "Atrium"; its colour is the primary colour
      const header = page.getByRole('banner');
      await expect.poll(() => header.getByTestId('brand-name').innerText()).toBe('Harbor Works');
      const logo = header.locator('img');
      await expect.poll(() => logo.getAttribute('src')).toMatch(/^\/api\/v1\/public\/organizations\/[0-9a-f-]+\/logo\?v=/);
      expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
      await expect.poll(() => header.innerText()).not.toContain('Atrium');
      const primary = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--mantine-primary-color-filled').trim());
      expect(primary).toBe('#0b7285');
    }
    await picture(page, 'portal-header.png', { x: 0, y: 0, width: PHONE.width, height: 260 });
  });

  step('the invitation link, once used, opens on the operator’s page; its sign-in link keeps the brand', async () => {
    if (SHOTS === 'before') return;
    const launched = await launchBrowserWithPage(problems);
    const page = launched.page;
    try {
      await page.setViewportSize(PHONE);
      await page.goto(activationLink);
      await page.getByRole('heading', { name: 'Your account is already active', level: 1 }).waitFor();
      const brand = page.getByTestId('page-brand');
      await expect.poll(() => brand.getByTestId('brand-name').innerText()).toBe('Harbor Works');
      const logo = brand.locator('img');
      await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
      expect(await logo.getAttribute('src')).toMatch(/^\/api\/v1\/public\/organizations\/[0-9a-f-]+\/logo\?v=/);
      const primary = () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--mantine-primary-color-filled').trim());
      await expect.poll(primary).toBe('#0b7285');
      await picture(page, 'activation-used-phone.png');

      // "Use a different email": the operator's sign-in page
      await page.getByRole('link', { name: 'Use a different email' }).click();
      await page.getByRole('heading', { name: 'Sign in to Harbor Works', level: 1 }).waitFor();
      expect(new URL(page.url()).searchParams.get('o')).toBe(organizationId);
      await expect.poll(() => page.getByTestId('page-brand').getByTestId('brand-name').innerText()).toBe('Harbor Works');
      await expect.poll(primary).toBe('#0b7285');
      await picture(page, 'sign-in-branded-phone.png');
      await page.setViewportSize({ width: 1280, height: 800 });
      await picture(page, 'sign-in-branded-desktop.png');

      // the plain sign-in page, and one that names no organization, stay Atrium's
      for (const url of ['/sign-in', '/sign-in?o=00000000-0000-4000-8000-000000000000', '/sign-in?o=harbor']) {
        await page.goto(`${server.url}${url}`);
        await page.getByRole('heading', { name: 'Sign in to Atrium', level: 1 }).waitFor();
        expect(await page.getByTestId('page-brand').count()).toBe(0);
        await expect.poll(primary).not.toBe('#0b7285');
      }
      await picture(page, 'sign-in-plain-desktop.png');
    } finally {
      await launched.browser.close();
    }
  });
});
