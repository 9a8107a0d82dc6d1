// Organization settings and the brand: the owner alone reads and changes them (anyone else gets 404), the logo is
// checked by content and size and served to anyone with its type and caching headers, a location may override it,
// and the brand reaches /me and the emails (an invitation: name, logo URL from PUBLIC_URL, accent colour).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markPng } from '../../lib/png.js';
import { contrastRatio } from '../../lib/schema.js';
import { HOUR } from '../../lib/clock.js';
import { createTestContext, linkFrom, PUBLIC_URL, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;
let dataDir: string;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-brand-'));
  ctx = await createTestContext({ config: { dataDir } });
  org = await setupOrganization(ctx, 'Harbor Coworking', 'owner@harbor.test');
});

afterEach(async () => {
  await ctx.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const PNG = markPng('#0b7285', 48);
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  Buffer.alloc(64),
  Buffer.from([0xff, 0xd9]),
]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

function multipart(filename: string, data: Buffer, contentType = 'image/png') {
  const boundary = `----atrium${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  return {
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const orgUrl = (id = org.organizationId) => `/api/v1/organizations/${id}`;
const uploadLogo = (data: Buffer, cookie = org.ownerCookie, url = `${orgUrl()}/logo`, name = 'logo.png', type = 'image/png') =>
  ctx.request({ method: 'POST', url, cookie, ...multipart(name, data, type) });

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

describe('organization settings', () => {
  it('the owner reads and changes the name, accent colour, support email and default language', async () => {
    const read = await ctx.request({ method: 'GET', url: orgUrl(), cookie: org.ownerCookie });
    expect(read.statusCode).toBe(200);
    expect(read.json().organization).toMatchObject({
      id: org.organizationId,
      name: 'Harbor Coworking',
      logoUrl: null,
      accentColor: null,
      supportEmail: null,
      language: 'en',
    });

    const res = await ctx.request({
      method: 'PATCH',
      url: orgUrl(),
      cookie: org.ownerCookie,
      payload: { name: 'Harbor Works', accentColor: '#FFD43B', supportEmail: ' Help@Harbor.test ', language: 'fr' },
    });
    expect(res.statusCode).toBe(200);
    const o = res.json().organization;
    expect(o).toMatchObject({ name: 'Harbor Works', accentColor: '#ffd43b', supportEmail: 'help@harbor.test', language: 'fr' });
    // a yellow too light for white text: the text colour is darkened until it reaches 4.5:1
    expect(o.accentTextColor).not.toBe('#ffd43b');
    expect(contrastRatio(o.accentTextColor, '#ffffff')).toBeGreaterThanOrEqual(4.5);

    // the new name is the organization's everywhere: /me, and the admin's list of organizations
    const me = (await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: org.ownerCookie })).json();
    expect(me.organizations).toEqual([expect.objectContaining({ id: org.organizationId, name: 'Harbor Works', role: 'owner' })]);

    // a new location starts in the organization's default language; one that says otherwise keeps its own
    const fr = await ctx.request({
      method: 'POST',
      url: '/api/v1/locations',
      cookie: org.ownerCookie,
      payload: { name: 'Annex', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
    });
    expect(fr.json().location.language).toBe('fr');
    const en = await ctx.request({
      method: 'POST',
      url: '/api/v1/locations',
      cookie: org.ownerCookie,
      payload: { name: 'Dock', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR', language: 'en' },
    });
    expect(en.json().location.language).toBe('en');

    // clearing the colour and the support email
    const cleared = await ctx.request({ method: 'PATCH', url: orgUrl(), cookie: org.ownerCookie, payload: { accentColor: null, supportEmail: null } });
    expect(cleared.json().organization).toMatchObject({ accentColor: null, supportEmail: null, accentTextColor: '#1971c2' });
  });

  it('refuses bad values with 400', async () => {
    for (const payload of [{ accentColor: 'red' }, { accentColor: '#fff' }, { supportEmail: 'not an email' }, { language: 'de' }, { name: '  ' }]) {
      const res = await ctx.request({ method: 'PATCH', url: orgUrl(), cookie: org.ownerCookie, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('answers 404 to anyone but the owner: a non-owner administrator, another organization, a member; 401 signed out', async () => {
    // an administrator of every location of the organization, with every permission, is still not the owner
    const granted = await ctx.request({
      method: 'POST',
      url: '/api/v1/administrators',
      cookie: org.ownerCookie,
      payload: { email: 'ada@harbor.test', firstName: 'Ada', locationId: null, permissions: ['customers', 'settings', 'billing'] },
    });
    expect(granted.statusCode).toBe(201);
    const admin = await signIn(ctx, 'ada@harbor.test');
    const rival = await setupOrganization(ctx, 'Rival Spaces', 'owner@rival.test');
    for (const cookie of [admin, rival.ownerCookie]) {
      expect((await ctx.request({ method: 'GET', url: orgUrl(), cookie })).statusCode).toBe(404);
      expect((await ctx.request({ method: 'PATCH', url: orgUrl(), cookie, payload: { name: 'Taken over' } })).statusCode).toBe(404);
      expect((await uploadLogo(PNG, cookie)).statusCode).toBe(404);
      expect((await ctx.request({ method: 'DELETE', url: `${orgUrl()}/logo`, cookie })).statusCode).toBe(404);
    }
    // the rival's own organization is theirs
    expect((await ctx.request({ method: 'GET', url: orgUrl(rival.organizationId), cookie: rival.ownerCookie })).statusCode).toBe(200);
    expect((await ctx.request({ method: 'GET', url: orgUrl(rival.organizationId), cookie: org.ownerCookie })).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: orgUrl() })).statusCode).toBe(401);
    // nothing changed
    expect((await ctx.request({ method: 'GET', url: orgUrl(), cookie: org.ownerCookie })).json().organization).toMatchObject({
      name: 'Harbor Coworking',
      logoUrl: null,
    });
  });
});

describe('the logo', () => {
  it('is uploaded, served to anyone with its type and caching headers, replaced and removed', async () => {
    const res = await uploadLogo(PNG);
    expect(res.statusCode).toBe(200);
    const { logoUrl } = res.json().organization;
    expect(logoUrl).toMatch(new RegExp(`^/api/v1/public/organizations/${org.organizationId}/logo\\?v=[0-9a-f-]{36}$`));
    expect(filesUnder(dataDir)).toHaveLength(1);

    const served = await ctx.request({ method: 'GET', url: logoUrl });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.rawPayload.equals(PNG)).toBe(true);
    // the stable URL without the version: cached briefly, so a new logo shows within minutes
    const stable = await ctx.request({ method: 'GET', url: `/api/v1/public/organizations/${org.organizationId}/logo` });
    expect(stable.statusCode).toBe(200);
    expect(stable.headers['cache-control']).toBe('public, max-age=300');

    // a JPEG replaces it: a new version, the old file gone
    const replaced = await uploadLogo(JPEG, org.ownerCookie, `${orgUrl()}/logo`, 'logo.jpg', 'image/jpeg');
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().organization.logoUrl).not.toBe(logoUrl);
    expect(filesUnder(dataDir)).toHaveLength(1);
    const jpeg = await ctx.request({ method: 'GET', url: replaced.json().organization.logoUrl });
    expect(jpeg.headers['content-type']).toBe('image/jpeg');
    // the old version's URL still answers (an email sent before shows the current logo), without the long cache
    const old = await ctx.request({ method: 'GET', url: logoUrl });
    expect(old.statusCode).toBe(200);
    expect(old.headers['cache-control']).toBe('public, max-age=300');

    expect((await ctx.request({ method: 'DELETE', url: `${orgUrl()}/logo`, cookie: org.ownerCookie })).statusCode).toBe(204);
    expect((await ctx.request({ method: 'GET', url: orgUrl(), cookie: org.ownerCookie })).json().organization.logoUrl).toBeNull();
    expect((await ctx.request({ method: 'GET', url: logoUrl })).statusCode).toBe(404);
    expect(filesUnder(dataDir)).toEqual([]);
  });

  it('refuses what is not a PNG, JPEG or WebP image (SVG included) with 422 logo_not_image, whatever its name says', async () => {
    for (const [name, data, type] of [
      ['logo.svg', SVG, 'image/svg+xml'],
      ['logo.png', SVG, 'image/png'],
      ['logo.png', PDF, 'image/png'],
      ['logo.png', Buffer.from('just words'), 'image/png'],
      ['logo.png', Buffer.alloc(0), 'image/png'],
    ] as const) {
      const res = await uploadLogo(data, org.ownerCookie, `${orgUrl()}/logo`, name, type);
      expect(res.statusCode, name).toBe(422);
      expect(res.json().error.reason).toBe('logo_not_image');
      expect(res.json().error.message).toBe('The logo must be a PNG, JPEG or WebP image.');
    }
    expect(filesUnder(dataDir)).toEqual([]);
    // not multipart at all
    expect((await ctx.request({ method: 'POST', url: `${orgUrl()}/logo`, cookie: org.ownerCookie, payload: { file: 'x' } })).statusCode).toBe(400);
  });

  it('refuses a logo over 2 MB with 413 logo_too_large and keeps nothing', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 + 1 - PNG.length)]);
    const res = await uploadLogo(big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.reason).toBe('logo_too_large');
    expect(filesUnder(dataDir)).toEqual([]);
    // exactly 2 MB passes
    expect((await uploadLogo(big.subarray(0, 2 * 1024 * 1024))).statusCode).toBe(200);
  });

  it('a location may have its own logo, shown there instead of the organization’s', async () => {
    await uploadLogo(PNG);
    const orgLogo = (await ctx.request({ method: 'GET', url: orgUrl(), cookie: org.ownerCookie })).json().organization.logoUrl;
    const publicLocationLogo = `/api/v1/public/locations/${org.locationId}/logo`;
    // without its own, the location shows the organization's
    expect((await ctx.request({ method: 'GET', url: publicLocationLogo })).rawPayload.equals(PNG)).toBe(true);

    const own = await uploadLogo(JPEG, org.ownerCookie, `/api/v1/locations/${org.locationId}/logo`, 'north.jpg', 'image/jpeg');
    expect(own.statusCode).toBe(200);
    const location = own.json().location;
    expect(location.logoUrl).toMatch(new RegExp(`^/api/v1/public/locations/${org.locationId}/logo\\?v=`));
    const served = await ctx.request({ method: 'GET', url: location.logoUrl });
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}`, cookie: org.ownerCookie })).json().location.logoUrl).toBe(
      location.logoUrl,
    );
    // a not-image is refused here too
    expect((await uploadLogo(PDF, org.ownerCookie, `/api/v1/locations/${org.locationId}/logo`, 'x.png')).json().error.reason).toBe('logo_not_image');
    // another organization's owner cannot touch it
    const rival = await setupOrganization(ctx, 'Rival Spaces', 'owner@rival.test');
    expect((await uploadLogo(PNG, rival.ownerCookie, `/api/v1/locations/${org.locationId}/logo`)).statusCode).toBe(404);
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/locations/${org.locationId}/logo`, cookie: rival.ownerCookie })).statusCode).toBe(404);

    // removed: the organization's shows again
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/locations/${org.locationId}/logo`, cookie: org.ownerCookie })).statusCode).toBe(204);
    expect((await ctx.request({ method: 'GET', url: publicLocationLogo })).rawPayload.equals(PNG)).toBe(true);
    expect(orgLogo).toBeTruthy();
  });

  it('answers 404 for an organization or location without a logo, or unknown', async () => {
    expect((await ctx.request({ method: 'GET', url: `/api/v1/public/organizations/${org.organizationId}/logo` })).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: `/api/v1/public/locations/${org.locationId}/logo` })).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/public/organizations/00000000-0000-4000-8000-000000000000/logo' })).statusCode).toBe(404);
  });
});

describe('the brand in the apps and the emails', () => {
  it('an invitation email carries the name, the logo from PUBLIC_URL, the accent colour and the support email', async () => {
    await ctx.request({
      method: 'PATCH',
      url: orgUrl(),
      cookie: org.ownerCookie,
      payload: { name: 'Harbor Works', accentColor: '#0b7285', supportEmail: 'help@harbor.test' },
    });
    const logoUrl = (await uploadLogo(PNG)).json().organization.logoUrl;
    const invited = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/invitations`,
      cookie: org.ownerCookie,
      payload: { firstName: 'Ana', email: 'ana@x.test' },
    });
    expect(invited.statusCode).toBe(201);
    const [mail] = await ctx.mailTo('ana@x.test');
    expect(mail.html).toContain(`<img src="${PUBLIC_URL}${logoUrl}" alt="Harbor Works"`);
    expect(mail.html).toContain('>Harbor Works</p>');
    expect(mail.html).toContain('background:#0b7285;color:#ffffff');
    expect(mail.html).toContain('<a href="mailto:help@harbor.test" style="color:#0b7285">help@harbor.test</a>');
    expect(mail.text).toContain('Harbor Works\nQuestions? Write to help@harbor.test.');
    expect(mail.html).not.toContain('Atrium');

    // a colour too light for white text: the button and links use it darkened to 4.5:1
    await ctx.request({ method: 'PATCH', url: orgUrl(), cookie: org.ownerCookie, payload: { accentColor: '#ffd43b' } });
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/invitations`,
      cookie: org.ownerCookie,
      payload: { firstName: 'Ben', email: 'ben@x.test' },
    });
    const [light] = await ctx.mailTo('ben@x.test');
    const button = /background:(#[0-9a-f]{6});color:#ffffff/.exec(light.html)?.[1];
    expect(button).toBeDefined();
    expect(button).not.toBe('#ffd43b');
    expect(contrastRatio(button!, '#ffffff')).toBeGreaterThanOrEqual(4.5);

    // a location's own logo wins in its emails
    const own = (await uploadLogo(JPEG, org.ownerCookie, `/api/v1/locations/${org.locationId}/logo`, 'n.jpg', 'image/jpeg')).json().location.logoUrl;
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/invitations`,
      cookie: org.ownerCookie,
      payload: { firstName: 'Cy', email: 'cy@x.test' },
    });
    const [withOwn] = await ctx.mailTo('cy@x.test');
    expect(withOwn.html).toContain(`<img src="${PUBLIC_URL}${own}"`);
  });

  it('an email of an organization without a brand keeps its name and Atrium’s colour, and no logo', async () => {
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/invitations`,
      cookie: org.ownerCookie,
      payload: { firstName: 'Ana', email: 'ana@x.test' },
    });
    const [mail] = await ctx.mailTo('ana@x.test');
    expect(mail.html).toContain('>Harbor Coworking</p>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('background:#1971c2');
    expect(mail.text).not.toContain('Questions?');
  });

  it('/me gives each membership the brand of its location, for the portal', async () => {
    await ctx.request({ method: 'PATCH', url: orgUrl(), cookie: org.ownerCookie, payload: { accentColor: '#0b7285', supportEmail: 'help@harbor.test' } });
    const logoUrl = (await uploadLogo(PNG)).json().organization.logoUrl;
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/invitations`,
      cookie: org.ownerCookie,
      payload: { firstName: 'Ana', email: 'ana@x.test' },
    });
    const ana = await signIn(ctx, 'ana@x.test');
    const me = (await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: ana })).json();
    expect(me.memberships[0].brand).toEqual({
      name: 'Harbor Coworking',
      logoUrl,
      accentColor: '#0b7285',
      accentTextColor: '#0b7285',
      supportEmail: 'help@harbor.test',
    });
    expect(me.organizations).toEqual([expect.objectContaining({ id: org.organizationId, name: 'Harbor Coworking', role: 'member' })]);
  });
});

describe('the brand before sign-in', () => {
  const brandUrl = (id: string) => `/api/v1/public/organizations/${id}/brand`;

  it('GET /public/organizations/:id/brand gives anyone the name, logo and accent colour, nothing more; 404 for an unknown id', async () => {
    const plain = await ctx.request({ method: 'GET', url: brandUrl(org.organizationId) });
    expect(plain.statusCode).toBe(200);
    expect(plain.json()).toEqual({ name: 'Harbor Coworking', logoUrl: null, accentColor: null });

    await ctx.request({ method: 'PATCH', url: orgUrl(), cookie: org.ownerCookie, payload: { accentColor: '#0b7285', supportEmail: 'help@harbor.test' } });
    const logoUrl = (await uploadLogo(PNG)).json().organization.logoUrl;
    // the location's own logo is not the organization's: the sign-in page names an organization only
    await uploadLogo(JPEG, org.ownerCookie, `/api/v1/locations/${org.locationId}/logo`, 'n.jpg', 'image/jpeg');
    const branded = await ctx.request({ method: 'GET', url: brandUrl(org.organizationId) });
    expect(branded.json()).toEqual({ name: 'Harbor Coworking', logoUrl, accentColor: '#0b7285' });
    expect((await ctx.request({ method: 'GET', url: branded.json().logoUrl })).rawPayload.equals(PNG)).toBe(true);

    const unknown = await ctx.request({ method: 'GET', url: brandUrl('00000000-0000-4000-8000-000000000000') });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).not.toHaveProperty('name');
    // a location's id is not an organization's
    expect((await ctx.request({ method: 'GET', url: brandUrl(org.locationId) })).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: brandUrl('harbor') })).statusCode).toBe(400);
  });

  it('an activation link that still works answers with its operator’s brand (the location’s logo); a dead or unknown one with none', async () => {
    await ctx.request({ method: 'PATCH', url: orgUrl(), cookie: org.ownerCookie, payload: { name: 'Harbor Works', accentColor: '#0b7285' } });
    await uploadLogo(PNG);
    const locationLogo = (await uploadLogo(JPEG, org.ownerCookie, `/api/v1/locations/${org.locationId}/logo`, 'n.jpg', 'image/jpeg')).json().location.logoUrl;
    const invite = async (firstName: string, email: string) => {
      const res = await ctx.request({
        method: 'POST',
        url: `/api/v1/locations/${org.locationId}/invitations`,
        cookie: org.ownerCookie,
        payload: { firstName, email },
      });
      expect(res.statusCode).toBe(201);
      return { customerId: res.json().customer.id as string, token: linkFrom((await ctx.mailTo(email))[0].text).split('/activate/')[1] };
    };
    const activate = (token: string) => ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } });
    const brand = { organizationId: org.organizationId, name: 'Harbor Works', logoUrl: locationLogo, accentColor: '#0b7285' };

    const ana = await invite('Ana', 'ana@x.test');
    const ben = await invite('Ben', 'ben@x.test');
    // fresh: signs in, no brand needed (the portal opens)
    expect((await activate(ana.token)).json()).not.toHaveProperty('brand');
    // used: sign in instead, on the operator's page
    expect((await activate(ana.token)).json()).toEqual({ status: 'sign_in_required', email: 'ana@x.test', brand });
    // older than a day: a code, on the operator's page
    ctx.clock.advance(25 * HOUR);
    expect((await activate(ben.token)).json()).toEqual({ status: 'code_required', email: 'ben@x.test', brand });

    // withdrawn (removed) or unknown: 404 and nothing of the operator
    await ctx.request({ method: 'DELETE', url: `/api/v1/locations/${org.locationId}/customers/${ben.customerId}`, cookie: org.ownerCookie });
    for (const token of [ben.token, 'x'.repeat(43)]) {
      const dead = await activate(token);
      expect(dead.statusCode).toBe(404);
      expect(JSON.stringify(dead.json())).not.toMatch(/Harbor|logo|0b7285/);
      expect(dead.json()).toEqual({ error: expect.not.objectContaining({ brand: expect.anything() }) });
    }
  });
});
