// The profile page: nonmembers (no email) and their invitation, notes, attachments (type by
// content, size limit, clean names, download only by administrators of the location), contract
// dates, and the sections the profile answers with.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock.js';
import { cleanFileName } from '../attachments/service.js';
import { createTestContext, linkFrom, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;
let tmp: string;
let dataDir: string;
beforeEach(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-profile-'));
  dataDir = path.join(tmp, 'data');
  ctx = await createTestContext({ config: { dataDir } });
  org = await setupOrganization(ctx);
});
afterEach(async () => {
  await ctx.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const loc = (p: string, locationId = org.locationId) => `/api/v1/locations/${locationId}${p}`;
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (method: Method, url: string, payload?: unknown, cookie = org.ownerCookie) =>
  ctx.request({ method, url, cookie, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
const profile = async (id: string) => {
  const r = await call('GET', loc(`/customers/${id}`));
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const kinds = async (id: string) => ((await profile(id)).activities as { kind: string }[]).map((a) => a.kind);
const outboxTo = async (email: string) => (await ctx.db.selectFrom('outbox').select(['subject']).where('to_address', '=', email).execute()).length;

async function invite(payload: Record<string, unknown>, locationId = org.locationId) {
  const r = await call('POST', loc('/invitations', locationId), payload);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().customer as { id: string; userId: string };
}

async function activatedMember(email: string) {
  const c = await invite({ firstName: 'Mem', lastName: 'Ber', email });
  const token = linkFrom((await ctx.mailTo(email))[0].text).split('/activate/')[1];
  const act = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } });
  expect(act.json().status).toBe('signed_in');
  return { ...c, cookie: sessionCookie(act) };
}

async function secondLocation(name = 'South Loft'): Promise<string> {
  const r = await call('POST', '/api/v1/locations', { name, timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' });
  expect(r.statusCode).toBe(201);
  return r.json().location.id;
}

/** An administrator of one location only, signed in. */
async function adminOf(locationId: string, email: string, permissions = ['customers']): Promise<string> {
  const r = await call('POST', '/api/v1/administrators', { email, firstName: 'Ada', lastName: 'Admin', locationId, permissions });
  expect(r.statusCode, r.body).toBe(201);
  return signIn(ctx, email);
}

// ---------------------------------------------------------------------------------------------
// Files

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120)]);
const EXE = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(62), Buffer.from('PE\0\0', 'latin1'), Buffer.alloc(200)]);
const TEXT = Buffer.from('This is not a PDF at all, just words.\n');

/** A multipart/form-data body built by hand, so names can carry any bytes. */
function multipart(filename: string, data: Buffer, field = 'file', contentType = 'application/octet-stream') {
  const boundary = `----atrium${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename.replace(/"/g, '\\"')}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    'utf8',
  );
  return {
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const attachmentsUrl = (customerId: string, locationId = org.locationId) => loc(`/customers/${customerId}/attachments`, locationId);
function upload(customerId: string, filename: string, data: Buffer, opts: { cookie?: string; locationId?: string; contentType?: string } = {}) {
  const m = multipart(filename, data, 'file', opts.contentType);
  return ctx.request({
    method: 'POST',
    url: attachmentsUrl(customerId, opts.locationId),
    cookie: opts.cookie ?? org.ownerCookie,
    payload: m.payload,
    headers: m.headers,
  });
}
const download = (customerId: string, attachmentId: string, cookie = org.ownerCookie, locationId = org.locationId) =>
  ctx.request({ method: 'GET', url: `${attachmentsUrl(customerId, locationId)}/${attachmentId}/download`, cookie });

/** Every file under a directory, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)))
    .sort();
}

describe('nonmembers', () => {
  it('adds a nonmember without sending any email; a second time is 409', async () => {
    const r = await call('POST', loc('/nonmembers'), { firstName: 'Nina', lastName: 'Walk-in', email: ' Nina@X.test ', phone: '06 12 34 56 78' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().customer).toMatchObject({
      type: 'nonmember',
      status: 'active',
      source: 'manual',
      email: 'nina@x.test',
      phone: '+33612345678',
      firstName: 'Nina',
      lastName: 'Walk-in',
      invitedAt: null,
      accountActivated: false,
    });
    await ctx.deliver();
    expect(await outboxTo('nina@x.test')).toBe(0);
    expect(await ctx.db.selectFrom('invitations').selectAll().execute()).toEqual([]);
    expect(await kinds(r.json().customer.id)).toEqual(['created']);
    const again = await call('POST', loc('/nonmembers'), { firstName: 'Nina', email: 'NINA@x.test' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('already a nonmember');
    // a member cannot be added again as a nonmember
    await invite({ firstName: 'Mo', email: 'mo@x.test' });
    expect((await call('POST', loc('/nonmembers'), { firstName: 'Mo', email: 'mo@x.test' })).statusCode).toBe(409);
    expect(await outboxTo('nina@x.test')).toBe(0);
    expect((await call('GET', loc('/customers/counts'))).json()).toMatchObject({ members: 1, nonmembers: 1 });
  });

  it('refuses bad input with 400', async () => {
    for (const body of [
      { email: 'a@x.test' },
      { firstName: 'A' },
      { firstName: 'A', email: 'nope' },
      { firstName: 'A', email: 'a@x.test', phone: '12' },
      { firstName: ' ', email: 'a@x.test' },
    ]) {
      const r = await call('POST', loc('/nonmembers'), body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await ctx.db.selectFrom('users').select('id').where('email', '=', 'a@x.test').execute()).toEqual([]);
  });

  it('inviting a nonmember makes them a member, same customer record', async () => {
    const nm = (await call('POST', loc('/nonmembers'), { firstName: 'Nina', email: 'nina@x.test' })).json().customer;
    const r = await call('POST', loc('/invitations'), { firstName: 'Nina', lastName: 'Member', email: 'nina@x.test' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().customer).toMatchObject({ id: nm.id, userId: nm.userId, type: 'member', status: 'invited', lastName: 'Member' });
    expect(await outboxTo('nina@x.test')).toBe(1);
    expect((await ctx.mailTo('nina@x.test'))[0].text).toContain('/activate/');
    const k = await kinds(nm.id);
    expect(k).toEqual(expect.arrayContaining(['became_member', 'invited', 'created']));
    expect(k[k.length - 1]).toBe('created');
    const counts = (await call('GET', loc('/customers/counts'))).json();
    expect(counts).toMatchObject({ members: 1, nonmembers: 0 });
    expect((await call('GET', loc('/customers?type=nonmember'))).json().items).toEqual([]);
  });
});

describe('notes', () => {
  it('adds, edits and deletes notes with author and time; adding is an activity', async () => {
    const c = await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const url = loc(`/customers/${c.id}/notes`);
    const owner = await ctx.db.selectFrom('users').select('id').where('email', '=', org.ownerEmail).executeTakeFirstOrThrow();
    const added = await call('POST', url, { body: '  Prefers the quiet room.  ' });
    expect(added.statusCode, added.body).toBe(201);
    const note = added.json().note;
    expect(note).toMatchObject({ body: 'Prefers the quiet room.', author: { id: owner.id, name: 'Olivia Owner' } });
    expect(note.createdAt).toBe(note.updatedAt);
    expect(Date.parse(note.createdAt)).toBeGreaterThanOrEqual(Date.parse('2026-11-28T09:00:00Z'));

    ctx.clock.advance(5 * MINUTE);
    const second = (await call('POST', url, { body: 'Second note' })).json().note;
    const list = (await call('GET', url)).json().items;
    expect(list.map((n: { id: string }) => n.id)).toEqual([second.id, note.id]);

    ctx.clock.advance(5 * MINUTE);
    const edited = await call('PATCH', `${url}/${note.id}`, { body: 'Prefers the quiet room, and tea.' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().note).toMatchObject({ id: note.id, body: 'Prefers the quiet room, and tea.', createdAt: note.createdAt });
    expect(edited.json().note.updatedAt > note.createdAt).toBe(true);

    const p = await profile(c.id);
    const noteActs = p.activities.filter((a: { kind: string }) => a.kind === 'note_added');
    expect(noteActs).toHaveLength(2);
    expect(noteActs[1]).toMatchObject({ data: { noteId: note.id }, actor: { id: owner.id, name: 'Olivia Owner' } });

    expect((await call('DELETE', `${url}/${note.id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `${url}/${note.id}`)).statusCode).toBe(404);
    expect((await call('PATCH', `${url}/${note.id}`, { body: 'x' })).statusCode).toBe(404);
    expect((await call('GET', url)).json().items.map((n: { id: string }) => n.id)).toEqual([second.id]);
  });

  it('refuses an empty or oversized note, and a note id of another customer', async () => {
    const a = await invite({ firstName: 'Ann', email: 'ann@x.test' });
    const b = await invite({ firstName: 'Bob', email: 'bob@x.test' });
    for (const body of [{ body: '   ' }, {}, { body: 'x'.repeat(10_001) }, { body: '\u0000' }])
      expect((await call('POST', loc(`/customers/${a.id}/notes`), body)).statusCode).toBe(400);
    const n = (await call('POST', loc(`/customers/${a.id}/notes`), { body: 'About Ann' })).json().note;
    expect((await call('PATCH', loc(`/customers/${b.id}/notes/${n.id}`), { body: 'moved' })).statusCode).toBe(404);
    expect((await call('DELETE', loc(`/customers/${b.id}/notes/${n.id}`))).statusCode).toBe(404);
    expect((await call('GET', loc(`/customers/${b.id}/notes`))).json().items).toEqual([]);
    expect((await call('GET', loc(`/customers/${a.id}/notes`))).json().items[0].body).toBe('About Ann');
  });

  it('shows the author of each note when several administrators write', async () => {
    const c = await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const ada = await adminOf(org.locationId, 'ada@x.test');
    const r = await call('POST', loc(`/customers/${c.id}/notes`), { body: 'Ada was here' }, ada);
    expect(r.statusCode).toBe(201);
    expect(r.json().note.author.name).toBe('Ada Admin');
  });
});

describe('attachments', () => {
  it('uploads a PDF and a PNG, lists them, and an administrator downloads the same bytes as an attachment', async () => {
    const c = await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const pdf = await upload(c.id, 'contract.pdf', PDF);
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json().attachment).toMatchObject({
      fileName: 'contract.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      uploadedBy: { name: 'Olivia Owner' },
    });
    const png = await upload(c.id, 'Badge Photo.PNG', PNG, { contentType: 'application/pdf' });
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json().attachment).toMatchObject({ fileName: 'Badge Photo.PNG', contentType: 'image/png', size: PNG.length });

    const list = (await call('GET', attachmentsUrl(c.id))).json().items;
    expect(list.map((a: { fileName: string }) => a.fileName).sort()).toEqual(['Badge Photo.PNG', 'contract.pdf']);

    for (const [res, bytes, type, name] of [
      [pdf, PDF, 'application/pdf', 'contract.pdf'],
      [png, PNG, 'image/png', 'Badge Photo.PNG'],
    ] as const) {
      const d = await download(c.id, res.json().attachment.id);
      expect(d.statusCode).toBe(200);
      expect(Buffer.compare(d.rawPayload, bytes)).toBe(0);
      expect(d.headers['content-type']).toBe(type);
      expect(String(d.headers['content-disposition'])).toMatch(new RegExp(`^attachment; filename="${name}"`));
      expect(d.headers['cache-control']).toBe('private, no-store');
    }
    const p = await profile(c.id);
    const added = p.activities.filter((a: { kind: string }) => a.kind === 'attachment_added');
    expect(added.map((a: { data: { fileName: string } }) => a.data.fileName).sort()).toEqual(['Badge Photo.PNG', 'contract.pdf']);
    // stored under the data directory, named by id only
    expect(filesUnder(dataDir)).toEqual(list.map((a: { id: string }) => path.join('attachments', org.organizationId, a.id)).sort());
  });

  it('refuses a wrong type behind a right name, and a name that does not match the content', async () => {
    const c = await invite({ firstName: 'Pat', email: 'pat@x.test' });
    for (const [name, data, why] of [
      ['report.pdf', ELF, /not accepted/],
      ['report.pdf', EXE, /not accepted/],
      ['setup.exe', EXE, /not accepted/],
      ['report.pdf', TEXT, /not accepted/],
      ['photo.png', TEXT, /not accepted/],
      ['report.pdf', PNG, /PNG image.*"\.pdf"/],
      ['photo.jpg', PNG, /PNG image.*"\.jpg"/],
      ['contract', PDF, /PDF/],
      ['contract.pdf.exe', PDF, /".exe"/],
    ] as const) {
      const r = await upload(c.id, name, data);
      expect(r.statusCode, `${name}: ${r.body}`).toBe(400);
      expect(r.json().error.message, name).toMatch(why);
    }
    const empty = await upload(c.id, 'empty.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect((await call('GET', attachmentsUrl(c.id))).json().items).toEqual([]);
    expect(filesUnder(dataDir)).toEqual([]);
    // not multipart at all
    const json = await call('POST', attachmentsUrl(c.id), { file: PDF.toString('base64') });
    expect(json.statusCode).toBe(400);
  });

  it('takes exactly 10 MB, and answers 413 above it without keeping anything', async () => {
    const c = await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const max = 10 * 1024 * 1024;
    const pad = (n: number) => Buffer.concat([PDF, Buffer.alloc(n - PDF.length, 0x20)]);
    const atLimit = await upload(c.id, 'big.pdf', pad(max));
    expect(atLimit.statusCode, atLimit.body).toBe(201);
    expect(atLimit.json().attachment.size).toBe(max);
    const over = await upload(c.id, 'bigger.pdf', pad(max + 1));
    expect(over.statusCode, over.body).toBe(413);
    expect(over.json().error.code).toBe('payload_too_large');
    const wayOver = await upload(c.id, 'huge.pdf', pad(max + 512 * 1024));
    expect(wayOver.statusCode).toBe(413);
    const list = (await call('GET', attachmentsUrl(c.id))).json().items;
    expect(list.map((a: { fileName: string }) => a.fileName)).toEqual(['big.pdf']);
    expect(filesUnder(dataDir)).toEqual([path.join('attachments', org.organizationId, list[0].id)]);
  });

  it('cleans names with ../ or control characters and writes nothing outside the data directory', async () => {
    const c = await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const names = [
      '../../../../etc/passwd.pdf',
      '..\\..\\windows\\evil.pdf',
      '/absolute/path.pdf',
      'a\u0001b\u001b[31mc\u007f.pdf',
      'tab\there.pdf',
      '..pdf.pdf',
      '....hidden.pdf',
      'quote"d<angle>|pipe:star*q?.pdf',
      'Résumé été.pdf',
    ];
    const stored: string[] = [];
    for (const n of names) {
      const r = await upload(c.id, n, PDF);
      expect(r.statusCode, `${JSON.stringify(n)}: ${r.body}`).toBe(201);
      const name = r.json().attachment.fileName as string;
      stored.push(name);
      expect(name, n).not.toMatch(/[/\\]/);
      // eslint-disable-next-line no-control-regex
      expect(name, n).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(name.startsWith('.'), n).toBe(false);
      expect(name.endsWith('.pdf'), n).toBe(true);
      // the download header carries the cleaned name, quoted safely
      const d = await download(c.id, r.json().attachment.id);
      expect(Buffer.compare(d.rawPayload, PDF)).toBe(0);
      const cd = String(d.headers['content-disposition']);
      expect(cd.startsWith('attachment; filename="')).toBe(true);
      // eslint-disable-next-line no-control-regex
      expect(cd).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(cd.match(/"/g)).toHaveLength(2);
    }
    expect(stored[0]).toBe('passwd.pdf');
    expect(stored[3]).toBe('ab[31mc.pdf');
    expect(stored[7]).toBe('quotedanglepipestarq.pdf');
    expect(stored[8]).toBe('Résumé été.pdf');
    // only the data directory exists beside nothing else, and in it only attachments named by id
    expect(fs.readdirSync(tmp)).toEqual(['data']);
    const ids = ((await call('GET', attachmentsUrl(c.id))).json().items as { id: string }[])
      .map((a) => path.join('attachments', org.organizationId, a.id))
      .sort();
    expect(filesUnder(dataDir)).toEqual(ids);
    expect(ids).toHaveLength(names.length);
    // the cleaning itself, for names a multipart parser would pass through whole
    expect(cleanFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(cleanFileName('..\\..\\boot.ini.pdf')).toBe('boot.ini.pdf');
    expect(cleanFileName('x/\u0000../a\u0007b.pdf')).toBe('ab.pdf');
    expect(cleanFileName('..')).toBe('');
    expect(cleanFileName(`${'a'.repeat(300)}.pdf`)).toBe(`${'a'.repeat(196)}.pdf`);
    // a long name keeps its extension, so a real PDF with a long name is accepted
    const long = await upload(c.id, `${'Quarterly report '.repeat(20)}.pdf`, PDF);
    expect(long.statusCode, long.body).toBe(201);
    expect(long.json().attachment.fileName).toMatch(/^Quarterly report .*\.pdf$/);
    expect(long.json().attachment.fileName.length).toBeLessThanOrEqual(200);
    expect((await call('DELETE', `${attachmentsUrl(c.id)}/${long.json().attachment.id}`)).statusCode).toBe(204);
    // a name that is nothing but control characters or dots is refused
    for (const n of ['\u0001\u0002', '...', '../..']) expect((await upload(c.id, n, PDF)).statusCode, JSON.stringify(n)).toBe(400);
  });

  it("downloads only for administrators of that location: a member and another location's admin get 404", async () => {
    const c = await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const a = (await upload(c.id, 'contract.pdf', PDF)).json().attachment;
    const member = await activatedMember('mem@x.test');
    const south = await secondLocation();
    const southAdmin = await adminOf(south, 'south-admin@x.test');
    const other = await setupOrganization(ctx, 'Other Spaces', 'owner@other.test');
    const noPermission = await adminOf(org.locationId, 'billing@x.test', ['billing']);

    for (const [who, cookie, locationId] of [
      ['plain member', member.cookie, org.locationId],
      ['the customer themself', (await activatedMember('self@x.test')).cookie, org.locationId],
      ['admin of another location', southAdmin, org.locationId],
      ['admin of another location, at theirs', southAdmin, south],
      ['owner of another organization', other.ownerCookie, org.locationId],
      ['owner of another organization, at theirs', other.ownerCookie, other.locationId],
    ] as const) {
      const d = await download(c.id, a.id, cookie, locationId);
      expect(d.statusCode, who).toBe(404);
      expect(d.rawPayload.includes(Buffer.from('%PDF')), who).toBe(false);
      expect(d.headers['content-disposition'], who).toBeUndefined();
      const l = await call('GET', attachmentsUrl(c.id, locationId), undefined, cookie);
      expect(l.statusCode, who).toBe(404);
      expect(l.body, who).not.toContain('contract.pdf');
      expect((await call('DELETE', `${attachmentsUrl(c.id, locationId)}/${a.id}`, undefined, cookie)).statusCode, who).toBe(404);
      expect((await upload(c.id, 'planted.pdf', PDF, { cookie, locationId })).statusCode, who).toBe(404);
    }
    // an administrator of the location without the customers permission: 403
    expect((await download(c.id, a.id, noPermission)).statusCode).toBe(403);
    // signed out: 401
    expect((await ctx.request({ method: 'GET', url: `${attachmentsUrl(c.id)}/${a.id}/download` })).statusCode).toBe(401);
    // still there for the location's administrators
    expect((await download(c.id, a.id)).statusCode).toBe(200);
    expect((await call('GET', attachmentsUrl(c.id))).json().items.map((x: { fileName: string }) => x.fileName)).toEqual(['contract.pdf']);
  });

  it('an attachment is reachable only under its own customer', async () => {
    const c = await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const d = await invite({ firstName: 'Dan', email: 'dan@x.test' });
    const a = (await upload(c.id, 'contract.pdf', PDF)).json().attachment;
    expect((await download(d.id, a.id)).statusCode).toBe(404);
    expect((await call('DELETE', `${attachmentsUrl(d.id)}/${a.id}`)).statusCode).toBe(404);
    expect((await download(c.id, a.id)).statusCode).toBe(200);
  });

  it('delete removes the record and the file', async () => {
    const c = await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const keep = (await upload(c.id, 'keep.pdf', PDF)).json().attachment;
    const gone = (await upload(c.id, 'gone.png', PNG)).json().attachment;
    const file = path.join(dataDir, 'attachments', org.organizationId, gone.id);
    expect(fs.existsSync(file)).toBe(true);
    expect((await call('DELETE', `${attachmentsUrl(c.id)}/${gone.id}`)).statusCode).toBe(204);
    expect(fs.existsSync(file)).toBe(false);
    expect((await download(c.id, gone.id)).statusCode).toBe(404);
    expect((await call('DELETE', `${attachmentsUrl(c.id)}/${gone.id}`)).statusCode).toBe(404);
    expect((await call('GET', attachmentsUrl(c.id))).json().items.map((x: { id: string }) => x.id)).toEqual([keep.id]);
    expect(filesUnder(dataDir)).toEqual([path.join('attachments', org.organizationId, keep.id)]);
  });
});

describe('profile', () => {
  it('sets and clears contract dates, also for an activated account', async () => {
    const m = await activatedMember('mem@x.test');
    const url = loc(`/customers/${m.id}`);
    const r = await call('PATCH', url, { contractStart: '2026-12-01', contractEnd: '2027-11-30' });
    expect(r.statusCode, r.body).toBe(200);
    expect((await profile(m.id)).customer).toMatchObject({ contractStart: '2026-12-01', contractEnd: '2027-11-30' });
    expect((await call('PATCH', url, { contractEnd: null })).statusCode).toBe(200);
    expect((await profile(m.id)).customer).toMatchObject({ contractStart: '2026-12-01', contractEnd: null });
    for (const bad of [{ contractStart: '01/12/2026' }, { contractEnd: '2026-12' }, { contractStart: 20261201 }]) {
      expect((await call('PATCH', url, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await profile(m.id)).customer.contractStart).toBe('2026-12-01');
  });

  it('answers with details, status, dates, company, admin role, contract and the activities; later sections are absent', async () => {
    const company = (await call('POST', loc('/companies'), { name: 'Globex' })).json().company;
    const c = await invite({
      firstName: 'Pat',
      lastName: 'Doe',
      email: 'pat@x.test',
      phone: '0612345678',
      companyId: company.id,
      companyManager: true,
      administrator: true,
      permissions: ['customers'],
    });
    await call('POST', loc(`/customers/${c.id}/notes`), { body: 'A note' });
    await upload(c.id, 'id.png', PNG);
    const p = await profile(c.id);
    expect(Object.keys(p).sort()).toEqual(['activities', 'administrator', 'customer', 'detailsOwnedByPerson']);
    for (const absent of ['subscription', 'credits', 'bookings', 'invoices', 'dayPasses', 'notes', 'attachments']) expect(p).not.toHaveProperty(absent);
    expect(p.customer).toMatchObject({
      id: c.id,
      firstName: 'Pat',
      lastName: 'Doe',
      email: 'pat@x.test',
      phone: '+33612345678',
      type: 'member',
      status: 'invited',
      companyId: company.id,
      companyName: 'Globex',
      companyManager: true,
      contractStart: null,
      contractEnd: null,
      lastActiveAt: null,
      invitedBy: { name: 'Olivia Owner' },
    });
    expect(p.customer.createdAt).toEqual(expect.any(String));
    expect(p.detailsOwnedByPerson).toBe(false);
    expect(p.administrator).toEqual({ permissions: ['customers'] });
    const k = p.activities.map((a: { kind: string }) => a.kind);
    expect(k).toEqual(expect.arrayContaining(['created', 'invited', 'joined_company', 'admin_on', 'note_added', 'attachment_added']));
    expect(k[k.length - 1]).toBe('created');
    expect(k.slice(0, 2).sort()).toEqual(['attachment_added', 'note_added'].sort());
    // notes and attachments are their own sections, behind their own routes
    expect((await call('GET', loc(`/customers/${c.id}/notes`))).json().items).toHaveLength(1);
    expect((await call('GET', attachmentsUrl(c.id))).json().items).toHaveLength(1);
  });

  it('answers 404 for an unknown customer on every profile route', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [m, u, body] of [
      ['GET', `/customers/${id}`, undefined],
      ['PATCH', `/customers/${id}`, { contractStart: '2026-12-01' }],
      ['DELETE', `/customers/${id}`, undefined],
      ['POST', `/customers/${id}/restore`, undefined],
      ['GET', `/customers/${id}/notes`, undefined],
      ['POST', `/customers/${id}/notes`, { body: 'x' }],
      ['GET', `/customers/${id}/attachments`, undefined],
    ] as const) {
      expect((await call(m, loc(u), body)).statusCode, `${m} ${u}`).toBe(404);
    }
    expect((await upload(id, 'a.pdf', PDF)).statusCode).toBe(404);
    expect((await call('GET', loc('/customers/not-a-uuid'))).statusCode).toBe(400);
    expect(filesUnder(dataDir)).toEqual([]);
  });
});

describe('another organization', () => {
  it('answers 404 on every customers, companies, notes, attachments and bulk route with their location or ids, and reveals nothing', async () => {
    // ours
    const mine = await invite({ firstName: 'Mine', email: 'mine@x.test' });
    const myCompany = (await call('POST', loc('/companies'), { name: 'Globex' })).json().company.id as string;
    const myNote = (await call('POST', loc(`/customers/${mine.id}/notes`), { body: 'our note' })).json().note.id as string;
    const myFile = (await upload(mine.id, 'ours.pdf', PDF)).json().attachment.id as string;

    // theirs: a member, a removed member, a company, a note, an attachment, a finished mass invitation
    const other = await setupOrganization(ctx, 'Other Spaces', 'owner@other.test');
    const theirLoc = other.locationId;
    const as = (method: Method, url: string, payload?: unknown) => call(method, url, payload, other.ownerCookie);
    const theirCompany = (await as('POST', loc('/companies', theirLoc), { name: 'Secret Rival Inc' })).json().company.id as string;
    const theirs = (
      await as('POST', loc('/invitations', theirLoc), { firstName: 'Hidden', lastName: 'Person', email: 'hidden@other.test', companyId: theirCompany })
    ).json().customer;
    const gone = (await as('POST', loc('/nonmembers', theirLoc), { firstName: 'Gone', email: 'gone@other.test' })).json().customer;
    await as('POST', loc(`/customers/${gone.id}/notes`, theirLoc), { body: 'keeps the record' });
    expect((await as('DELETE', loc(`/customers/${gone.id}`, theirLoc))).statusCode).toBe(204);
    const theirNote = (await as('POST', loc(`/customers/${theirs.id}/notes`, theirLoc), { body: 'secret note' })).json().note.id as string;
    const theirFile = (await upload(theirs.id, 'secret.pdf', PDF, { cookie: other.ownerCookie, locationId: theirLoc })).json().attachment.id as string;
    const theirJob = (await as('POST', loc('/invitations/bulk', theirLoc), { text: 'Bulk\tHidden\tbulk@other.test' })).json().jobId as string;
    for (let i = 0; i < 200; i++) {
      if ((await as('GET', loc(`/invitations/bulk/${theirJob}`, theirLoc))).json().status === 'done') break;
      await new Promise((r) => setTimeout(r, 25));
    }

    const c = `/customers/${theirs.id}`;
    const routes: [Method, string, unknown?][] = [
      ['GET', '/customers'],
      ['GET', '/customers/export.csv'],
      ['GET', '/customers/counts'],
      ['POST', '/nonmembers', { firstName: 'Planted', email: 'planted@x.test' }],
      ['POST', '/invitations', { firstName: 'Planted', email: 'planted@x.test' }],
      ['GET', c],
      ['PATCH', c, { contractStart: '2026-12-01' }],
      ['DELETE', c],
      ['POST', `/customers/${gone.id}/restore`],
      ['POST', `${c}/resend-invitation`],
      ['GET', `${c}/notes`],
      ['POST', `${c}/notes`, { body: 'planted' }],
      ['PATCH', `${c}/notes/${theirNote}`, { body: 'changed' }],
      ['DELETE', `${c}/notes/${theirNote}`],
      ['GET', `${c}/attachments`],
      ['GET', `${c}/attachments/${theirFile}/download`],
      ['DELETE', `${c}/attachments/${theirFile}`],
      ['GET', '/companies'],
      ['GET', `/companies/${theirCompany}`],
      ['PATCH', `/companies/${theirCompany}`, { name: 'Pwned' }],
      ['DELETE', `/companies/${theirCompany}`],
      ['POST', `/companies/${theirCompany}/people`, { customerId: theirs.id }],
      ['PATCH', `/companies/${theirCompany}/people/${theirs.id}`, { manager: true }],
      ['DELETE', `/companies/${theirCompany}/people/${theirs.id}`],
      ['POST', '/invitations/bulk/preview', { text: 'A\tB\ta@x.test' }],
      ['POST', '/invitations/bulk', { text: 'A\tB\ta@x.test' }],
      ['GET', `/invitations/bulk/${theirJob}`],
    ];
    const leaks = /Secret Rival|Hidden|hidden@other|gone@other|secret note|secret\.pdf|%PDF/;
    for (const [m, p, body] of routes) {
      // their location, with their ids
      const r = await call(m, loc(p, theirLoc), body);
      expect(r.statusCode, `theirs ${m} ${p}`).toBe(404);
      expect(r.body, `theirs ${m} ${p}`).not.toMatch(leaks);
      // our location, with their ids (routes without an id of theirs answer for our location)
      if (p.includes(theirs.id) || p.includes(gone.id) || p.includes(theirCompany) || p.includes(theirJob)) {
        const o = await call(m, loc(p), body);
        expect(o.statusCode, `ours ${m} ${p}`).toBe(404);
        expect(o.body, `ours ${m} ${p}`).not.toMatch(leaks);
      }
    }
    await upload(theirs.id, 'planted.pdf', PDF, { locationId: theirLoc }).then((r) => expect(r.statusCode).toBe(404));
    await upload(theirs.id, 'planted.pdf', PDF).then((r) => expect(r.statusCode).toBe(404));
    // their ids mixed into our own records
    for (const [m, p, body] of [
      ['PATCH', `/customers/${mine.id}/notes/${theirNote}`, { body: 'x' }],
      ['DELETE', `/customers/${mine.id}/notes/${theirNote}`],
      ['GET', `/customers/${mine.id}/attachments/${theirFile}/download`],
      ['DELETE', `/customers/${mine.id}/attachments/${theirFile}`],
      ['POST', `/companies/${myCompany}/people`, { customerId: theirs.id }],
      ['PATCH', `/companies/${theirCompany}/people/${mine.id}`, { manager: true }],
    ] as const) {
      const r = await call(m, loc(p), body);
      expect(r.statusCode, `mixed ${m} ${p}`).toBe(404);
      expect(r.body).not.toMatch(leaks);
    }
    for (const p of [
      `/customers?companyId=${theirCompany}`,
      `/customers/export.csv?companyId=${theirCompany}`,
      '/customers?q=hidden',
      '/customers/export.csv?q=other.test',
      '/companies?q=secret',
    ]) {
      const r = await call('GET', loc(p));
      expect(r.statusCode, p).toBe(200);
      expect(r.body, p).not.toMatch(leaks);
    }
    const invited = await call('POST', loc('/invitations'), { firstName: 'Mix', email: 'mix@x.test', companyId: theirCompany });
    expect(invited.statusCode).toBe(400);
    expect((await call('POST', loc('/invitations/bulk/preview'), { text: 'A\tB\ta@x.test', companyId: theirCompany })).statusCode).toBe(400);

    // nothing of theirs changed, nothing of ours moved
    const theirProfile = (await as('GET', loc(c, theirLoc))).json();
    expect(theirProfile.customer).toMatchObject({ status: 'invited', companyId: theirCompany, companyManager: false, contractStart: null });
    expect((await as('GET', loc(`/customers/${gone.id}`, theirLoc))).json().customer.status).toBe('removed');
    expect((await as('GET', loc(`${c}/notes`, theirLoc))).json().items.map((x: { body: string }) => x.body)).toEqual(['secret note']);
    const dl = await download(theirs.id, theirFile, other.ownerCookie, theirLoc);
    expect(Buffer.compare(dl.rawPayload, PDF)).toBe(0);
    expect((await as('GET', loc(`/companies/${theirCompany}`, theirLoc))).json().company).toMatchObject({ name: 'Secret Rival Inc', userCount: 1 });
    expect((await as('GET', loc('/customers/counts', theirLoc))).json()).toEqual({ members: 2, nonmembers: 0, companies: 1 });
    expect((await as('GET', loc(`/invitations/bulk/${theirJob}`, theirLoc))).json()).toMatchObject({ status: 'done', invited: 1 });
    expect((await call('GET', loc('/customers/counts'))).json()).toEqual({ members: 1, nonmembers: 0, companies: 1 });
    expect((await call('GET', loc(`/customers/${mine.id}/notes`))).json().items.map((x: { id: string }) => x.id)).toEqual([myNote]);
    expect((await download(mine.id, myFile)).statusCode).toBe(200);
    expect(await ctx.db.selectFrom('users').select('id').where('email', 'in', ['planted@x.test', 'a@x.test', 'mix@x.test']).execute()).toEqual([]);
  });
});
