// The operator's brand in the browser: the owner sets the organization's name, accent colour and logo; the
// invitation email and the portal header on a phone show them. Screenshots of both go to .tmp/e2e-artifacts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
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

let server: RunningServer;
let ownerBrowser: Browser;
let owner: Page;
let member: Browser | undefined;
let problems: string[] = [];
let locationId = '';

const step = stepsInOrder(async (name) => {
  await screenshotPages(ownerBrowser?.context, `${name} owner`);
  await screenshotPages(member?.context, `${name} member`);
  printFailureContext(server, problems);
});

async function picture(p: Page, name: string, clip?: { x: number; y: number; width: number; height: number }) {
  await p.waitForTimeout(500);
  const file = artifact(name);
  await p.screenshot({ path: file, clip, fullPage: !clip, style: '.mantine-Notifications-root { display: none !important; }' });
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

  step('the invitation email', async () => {
    await callApiExpecting(owner, server, 201, 'POST', `/locations/${locationId}/invitations`, ANA);
    await owner.setViewportSize({ width: 1280, height: 1000 });
    await openMail(owner, server, ANA.email, `You are invited to ${LOCATION}`);
    await picture(owner, 'email.png');
  });

  step('the portal header on a phone', async () => {
    const link = await owner
      .getByRole('article')
      .getByRole('link', { name: /\/activate\// })
      .getAttribute('href');
    const launched = await launchBrowserWithPage(problems);
    member = launched.browser;
    const page = launched.page;
    await page.setViewportSize(PHONE);
    await page.goto(link!);
    await page.getByRole('heading', { name: 'My locations', level: 1 }).waitFor();
    await picture(page, 'portal-header.png', { x: 0, y: 0, width: PHONE.width, height: 260 });
  });
});
