// The web apps and API answers on the wire: Cache-Control by kind of file (hashed assets kept for
// good, HTML shells revalidated), Brotli or gzip when asked and only then, and downloads (CSV,
// PDF attachments) that stay byte-exact.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { seedCustomers } from '../seed.js';
import { createTestContext, ORIGIN, setupOrganization, type Org, type TestContext } from '../testing/harness.js';
import { CACHE, cacheControlFor } from './web.js';

let tmp: string;
let webDir: string;
let ctx: TestContext;
let org: Org;
let app: FastifyInstance;

// bigger than the 1 KB threshold, and compressible
const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word-${i}`))};\n`;
const shell = (name: string) =>
  `<!doctype html><html><head><title>${name}</title><script type="module" src="/assets/x-abc123.js"></script></head><body>${'<div></div>'.repeat(200)}</body></html>`;
const PORTAL = shell('portal');
const ADMIN = shell('admin');
const RECEPTION = shell('reception');
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n', 'latin1'),
  Buffer.from(`% ${'x'.repeat(4000)}\n`, 'latin1'),
  Buffer.from('trailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
]);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-web-'));
  webDir = path.join(tmp, 'web');
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(webDir, file)), { recursive: true });
    fs.writeFileSync(path.join(webDir, file), text);
  };
  write('index.html', PORTAL);
  write('admin/index.html', ADMIN);
  write('reception/index.html', RECEPTION);
  write('assets/x-abc123.js', SCRIPT);
  write('favicon.svg', `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(400)}</svg>`);
  ctx = await createTestContext({ config: { dataDir: path.join(tmp, 'data') } });
  org = await setupOrganization(ctx);
  app = await buildApp(ctx.deps, { webDir });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}, extra: Partial<InjectOptions> = {}) =>
  app.inject({ method: 'GET', url, headers: { origin: ORIGIN, ...headers }, ...extra });

function decode(res: { rawPayload: Buffer; headers: Record<string, unknown> }): Buffer {
  const enc = res.headers['content-encoding'];
  if (enc === 'br') return zlib.brotliDecompressSync(res.rawPayload);
  if (enc === 'gzip') return zlib.gunzipSync(res.rawPayload);
  expect(enc).toBeUndefined();
  return res.rawPayload;
}

describe('cache headers', () => {
  it("keeps Vite's hashed files for a year, immutable", async () => {
    const res = await get('/assets/x-abc123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.body).toBe(SCRIPT);
  });

  it('never keeps the HTML shells: the portal, the admin and the reception pages and their deep links', async () => {
    for (const [url, html] of [
      ['/', PORTAL],
      ['/index.html', PORTAL],
      ['/sign-in', PORTAL],
      ['/events/ev_1?tab=tickets', PORTAL],
      ['/admin', ADMIN],
      ['/admin/', ADMIN],
      ['/admin/index.html', ADMIN],
      ['/admin/customers/cus_1', ADMIN],
      ['/reception', RECEPTION],
      ['/reception/index.html', RECEPTION],
      ['/reception/visitors/new', RECEPTION],
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.body, url).toBe(html);
    }
  });

  it('answers a revalidated shell with 304 while it has not changed', async () => {
    const first = await get('/admin/bookings');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"/);
    const again = await get('/admin/customers', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect(again.headers['cache-control']).toBe('no-cache');
    // another app's shell is another page
    expect((await get('/reception', { 'if-none-match': etag })).statusCode).toBe(200);
  });

  it('keeps files with stable names an hour, and answers a missing asset with a 404 rather than a page', async () => {
    const icon = await get('/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
    const missing = await get('/assets/x-old999.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/json/);
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('decides by path', () => {
    expect(cacheControlFor('assets/index-B1x9_aQz.css')).toBe(CACHE.hashed);
    expect(cacheControlFor('admin/index.html')).toBe(CACHE.html);
    expect(cacheControlFor('robots.txt')).toBe(CACHE.other);
  });
});

describe('compression', () => {
  it('sends the files as they are when the client does not ask for compression', async () => {
    for (const url of ['/assets/x-abc123.js', '/admin/customers', '/api/docs/json']) {
      const res = await get(url);
      expect(res.headers['content-encoding'], url).toBeUndefined();
    }
    const identity = await get('/assets/x-abc123.js', { 'accept-encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body).toBe(SCRIPT);
  });

  it('compresses hashed files, HTML shells and API answers with Brotli or gzip, whichever is asked', async () => {
    for (const url of ['/assets/x-abc123.js', '/', '/admin/customers', '/reception', '/api/docs/json']) {
      for (const [asked, sent] of [
        ['gzip', 'gzip'],
        ['br', 'br'],
        ['gzip, deflate, br', 'br'],
        ['gzip;q=1, br;q=0.5', 'gzip'],
      ]) {
        const res = await get(url, { 'accept-encoding': asked });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['content-encoding'], `${url} ${asked}`).toBe(sent);
        expect(String(res.headers.vary), url).toMatch(/accept-encoding/i);
        expect(res.rawPayload.length, url).toBeLessThan(decode(res).length);
      }
    }
    const script = await get('/assets/x-abc123.js', { 'accept-encoding': 'br' });
    expect(decode(script).toString()).toBe(SCRIPT);
    expect(script.headers['cache-control']).toBe(CACHE.hashed);
    const page = await get('/admin/customers', { 'accept-encoding': 'gzip' });
    expect(decode(page).toString()).toBe(ADMIN);
    expect(page.headers['cache-control']).toBe('no-cache');
    // the same document as without compression
    const plain = await get('/api/docs/json');
    const gz = await get('/api/docs/json', { 'accept-encoding': 'gzip' });
    expect(JSON.parse(decode(gz).toString())).toEqual(plain.json());
  });

  it('leaves small answers and ranges alone', async () => {
    const small = await get('/api/v1/health', { 'accept-encoding': 'gzip, br' });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    const range = await get('/assets/x-abc123.js', { 'accept-encoding': 'gzip', range: 'bytes=0-99' });
    expect(range.statusCode).toBe(206);
    expect(range.headers['content-encoding']).toBeUndefined();
    expect(range.body).toBe(SCRIPT.slice(0, 100));
  });
});

describe('downloads stay correct', () => {
  it('a CSV export is compressed when asked and reads the same', async () => {
    await seedCustomers(ctx.deps, { organizationId: org.organizationId, locationId: org.locationId, count: 40 });
    const url = `/api/v1/locations/${org.locationId}/customers/export.csv`;
    const plain = await get(url, { cookie: org.ownerCookie });
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.split('\n').filter(Boolean).length).toBe(41);
    const gz = await get(url, { cookie: org.ownerCookie, 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(String(gz.headers['content-disposition'])).toMatch(/^attachment; filename="customers-.*\.csv"$/);
    expect(decode(gz).toString()).toBe(plain.body);
  });

  it('a PDF attachment is sent as stored, with its length, even to a client that asks for compression', async () => {
    const invited = await app.inject({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/invitations`,
      headers: { origin: ORIGIN, cookie: org.ownerCookie },
      payload: { firstName: 'Pat', email: 'pat@web.test' },
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const customerId = invited.json().customer.id as string;
    const boundary = `----atrium${randomBytes(8).toString('hex')}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="contract.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const base = `/api/v1/locations/${org.locationId}/customers/${customerId}/attachments`;
    const up = await app.inject({
      method: 'POST',
      url: base,
      headers: { origin: ORIGIN, cookie: org.ownerCookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(up.statusCode, up.body).toBe(201);
    const d = await get(`${base}/${up.json().attachment.id}/download`, { cookie: org.ownerCookie, 'accept-encoding': 'gzip, br' });
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-type']).toBe('application/pdf');
    expect(d.headers['content-encoding']).toBeUndefined();
    expect(Number(d.headers['content-length'])).toBe(PDF.length);
    expect(Buffer.compare(d.rawPayload, PDF)).toBe(0);
    expect(d.headers['cache-control']).toBe('private, no-store');
  });
});
