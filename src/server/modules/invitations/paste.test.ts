// The mass-invite paste parser: never throws on content (every row gets a status, or the whole
// paste a plain error), spreadsheet shapes (delimiters, header, quotes, CRLF, BOM, blank lines),
// limits, company mode and the Company column; and the HTTP preview on top of it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { createTestContext, setupOrganization, type Org, type TestContext } from '../../testing/harness.js';
import { MAX_PASTE_ROWS, checkRows, checkRowsInSlices, parsePaste, parsePasteInSlices, type CheckContext, type CheckedRow } from './paste.js';

const noCompanies: CheckContext = { country: 'FR', companyId: null, companiesByName: new Map(), memberEmails: new Set() };
const check = (text: string, ctx: Partial<CheckContext> = {}): CheckedRow[] => checkRows(parsePaste(text).rows, { ...noCompanies, ...ctx });

/** The AppError a paste throws, or null when it parses. */
function pasteError(text: string): AppError | null {
  try {
    parsePaste(text);
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

// A small seeded generator, so a failing input can be found again.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'a',
  'Z',
  'é',
  'ß',
  '😀',
  '0',
  '7',
  '+33',
  ' ',
  '  ',
  ',',
  ';',
  '\t',
  '"',
  '""',
  "'",
  '\n',
  '\r',
  '\r\n',
  '\u0000',
  '\u0001',
  '\u001b',
  '\u007f',
  '\u2028',
  '\uFEFF',
  '\uD800',
  '\uDC00',
  '\uDBFF',
  '@',
  '.',
  'x.test',
  'ann@x.test',
  'ANN@X.TEST',
  'First name',
  'Email',
  'Company',
  'Phone number',
  '__proto__',
  'constructor',
  'toString',
  '=cmd',
  '-1',
  '\\',
  '%',
  '_',
  '*',
  '[',
  '06 12 34 56 78',
  '+44 20 7946 0958',
];

function randomPaste(r: () => number, i: number): string {
  const pick = () => PIECES[Math.floor(r() * PIECES.length)];
  const len = Math.floor(r() * 400);
  let s = '';
  for (let k = 0; k < len; k++) s += r() < 0.15 ? String.fromCharCode(Math.floor(r() * 0xffff)) : pick();
  if (i % 10 === 0) s += `${'x'.repeat(100_000)}${pick()}`;
  if (i % 10 === 5) s = `"${'q'.repeat(100_000)}`; // an unterminated quote around a huge cell
  if (i % 7 === 0) s = `First name\tEmail\tCompany\n${s}`;
  if (i % 13 === 0) s = `\uFEFF${s}`;
  return s;
}

describe('parsePaste and checkRows never throw anything but a plain AppError', () => {
  it('on 200 random pastes with control characters, quotes, lone surrogates and 100 KB cells', () => {
    const r = rng(20261128);
    let parsed = 0;
    let refused = 0;
    for (let i = 0; i < 200; i++) {
      const text = randomPaste(r, i);
      let rows: CheckedRow[];
      try {
        rows = checkRows(parsePaste(text).rows, { ...noCompanies, companiesByName: new Map([['acme', 'c1']]), memberEmails: new Set(['ann@x.test']) });
      } catch (err) {
        expect(err, `paste #${i}`).toBeInstanceOf(AppError);
        expect((err as AppError).status).toBe(400);
        expect((err as AppError).message.length).toBeGreaterThan(10);
        refused++;
        continue;
      }
      parsed++;
      expect(rows.length, `paste #${i}`).toBeGreaterThan(0);
      let last = 0;
      for (const row of rows) {
        expect(['ready', 'skipped', 'invalid'], `paste #${i}`).toContain(row.status);
        if (row.status === 'invalid') expect(row.reason, `paste #${i}`).toEqual(expect.any(String));
        expect(row.line).toBeGreaterThan(last);
        last = row.line;
        // a reason quotes at most a bounded part of the cell
        expect((row.reason ?? '').length).toBeLessThan(200);
      }
    }
    expect(parsed).toBeGreaterThan(100);
    expect(parsed + refused).toBe(200);
  });

  it('on arbitrary code units one at a time and in pairs', () => {
    for (let c = 0; c < 0x10000; c += 37) {
      for (const text of [String.fromCharCode(c), `Ann,Lee,ann@x.test${String.fromCharCode(c)}`, `${String.fromCharCode(c)}\t${String.fromCharCode(c + 1)}`]) {
        try {
          for (const row of check(text)) expect(['ready', 'skipped', 'invalid']).toContain(row.status);
        } catch (err) {
          expect(err, JSON.stringify(text)).toBeInstanceOf(AppError);
        }
      }
    }
  });
});

describe('parsing and checking in slices (what the job and the preview use)', () => {
  /** The rows, or the error's message: what the synchronous and the sliced versions must agree on. */
  const outcome = async (run: () => CheckedRow[] | Promise<CheckedRow[]>) => {
    try {
      return { rows: await run() };
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      return { error: (err as AppError).message };
    }
  };

  it('gives the same rows and the same errors as parsePaste and checkRows, on 200 random pastes', async () => {
    const r = rng(20261201);
    const ctx = { ...noCompanies, companiesByName: new Map([['acme', 'c1']]), memberEmails: new Set(['ann@x.test']) };
    for (let i = 0; i < 200; i++) {
      const text = randomPaste(r, i);
      const sync = await outcome(() => checkRows(parsePaste(text).rows, ctx));
      const sliced = await outcome(async () => checkRowsInSlices((await parsePasteInSlices(text)).rows, ctx));
      expect(sliced, `paste #${i}`).toEqual(sync);
    }
  });

  it('lets other work run while it parses and checks 10,000 rows', async () => {
    const text = [
      'First name\tLast name\tEmail\tPhone',
      ...Array.from({ length: 10_000 }, (_, i) => `P${i}\tQ\tp${i}@x.test\t06 12 34 ${String(i).padStart(4, '0')}`),
    ].join('\r\n');
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const rows = await checkRowsInSlices((await parsePasteInSlices(text)).rows, noCompanies);
    counting = false;
    expect(rows).toEqual(checkRows(parsePaste(text).rows, noCompanies));
    expect(rows.filter((row) => row.status === 'ready')).toHaveLength(10_000);
    // hundreds of milliseconds of work: the event loop turned in between (how often depends on the machine)
    expect(turns).toBeGreaterThan(1);
  });
});

describe('spreadsheet shapes', () => {
  it('recognises a header row, in any column order and with common names', () => {
    const a = parsePaste('First name\tLast name\tEmail\tPhone number\nAnn\tLee\tann@x.test\t0612345678');
    expect(a.hasHeader).toBe(true);
    expect(a.rows).toEqual([{ line: 2, firstName: 'Ann', lastName: 'Lee', email: 'ann@x.test', phone: '0612345678', company: '' }]);
    const b = parsePaste('E-mail;Surname;Given name;Mobile;Company name\nANN@X.test;Lee;Ann;+33612345678;Globex');
    expect(b.hasHeader).toBe(true);
    expect(b.rows[0]).toMatchObject({ firstName: 'Ann', lastName: 'Lee', email: 'ann@x.test', phone: '+33612345678', company: 'Globex' });
    const c = parsePaste('email,first_name,LAST.NAME\nbo@x.test,Bo,Ray');
    expect(c.rows[0]).toMatchObject({ firstName: 'Bo', lastName: 'Ray', email: 'bo@x.test' });
  });

  it('takes the first row as data when it is no header', () => {
    const p = parsePaste('Ann\tLee\tann@x.test\nBob\tRay\tbob@x.test');
    expect(p.hasHeader).toBe(false);
    expect(p.rows.map((r) => [r.line, r.firstName, r.email])).toEqual([
      [1, 'Ann', 'ann@x.test'],
      [2, 'Bob', 'bob@x.test'],
    ]);
    // header-like words without an Email column are data
    const q = parsePaste('First name,Last name\nAnn,Lee');
    expect(q.hasHeader).toBe(false);
    expect(q.rows).toHaveLength(2);
  });

  it('reads comma, semicolon and tab separated pastes alike', () => {
    const want = [
      ['Ann', 'Lee', 'ann@x.test', '0612345678'],
      ['Bob', '', 'bob@x.test', ''],
    ];
    for (const d of [',', ';', '\t']) {
      const rows = check(`Ann${d}Lee${d}ann@x.test${d}0612345678\nBob${d}${d}bob@x.test`);
      expect(
        rows.map((r) => [r.firstName, r.lastName, r.email, r.phone]),
        JSON.stringify(d),
      ).toEqual(want);
      expect(rows.map((r) => r.status)).toEqual(['ready', 'ready']);
      expect(rows[0].phoneE164).toBe('+33612345678');
    }
  });

  it('reads quoted cells holding delimiters, quotes and newlines', () => {
    const rows = check('"Lee, Jr";"Ann\nMarie";ann@x.test\n"Say ""hi""";O\'Brien;bob@x.test\n"Cy\tTab;";"Z";cy@x.test');
    expect(rows[0]).toMatchObject({ line: 1, firstName: 'Lee, Jr', lastName: 'Ann\nMarie', email: 'ann@x.test', status: 'ready' });
    // a line number counts spreadsheet rows: a multi-line cell is one row
    expect(rows[1]).toMatchObject({ line: 2, firstName: 'Say "hi"', lastName: "O'Brien", email: 'bob@x.test', status: 'ready' });
    expect(rows[2]).toMatchObject({ line: 3, firstName: 'Cy\tTab;', lastName: 'Z', email: 'cy@x.test' });
    expect(rows).toHaveLength(3);
    const tabs = check('"Lee\tJr"\tAnn\tann@x.test\n"a\r\nb"\tB\tb@x.test');
    expect(tabs.map((r) => [r.firstName, r.lastName, r.email])).toEqual([
      ['Lee\tJr', 'Ann', 'ann@x.test'],
      ['a\r\nb', 'B', 'b@x.test'],
    ]);
  });

  it('handles CRLF, a BOM, blank lines and surrounding spaces', () => {
    const p = parsePaste('\uFEFFFirst name,Email\r\n\r\n  Ann  ,  ANN@x.test  \r\n,,\r\n \t \r\nBob,bob@x.test\r\n\r\n');
    expect(p.hasHeader).toBe(true);
    expect(p.rows).toEqual([
      { line: 3, firstName: 'Ann', lastName: '', email: 'ann@x.test', phone: '', company: '' },
      { line: 6, firstName: 'Bob', lastName: '', email: 'bob@x.test', phone: '', company: '' },
    ]);
    for (const row of p.rows) for (const v of Object.values(row)) expect(String(v)).not.toMatch(/[\r\n\uFEFF]/);
    // old Mac line ends too
    expect(parsePaste('Ann,Lee,ann@x.test\rBob,Ray,bob@x.test').rows.map((r) => r.email)).toEqual(['ann@x.test', 'bob@x.test']);
  });

  it('guesses the delimiter past blank lines and the trailing newline of a spreadsheet copy', () => {
    expect(check('Ann;ann@x.test\r\n').map((r) => [r.firstName, r.lastName, r.status])).toEqual([['Ann', 'ann@x.test', 'invalid']]);
    expect(parsePaste('First name;Email\r\nAnn;ann@x.test\r\n').rows).toEqual([
      { line: 2, firstName: 'Ann', lastName: '', email: 'ann@x.test', phone: '', company: '' },
    ]);
    expect(parsePaste('Ann\tLee\tann@x.test\r\n\r\n\r\n\r\n\r\nBob\tRay\tbob@x.test\r\n').rows.map((r) => [r.line, r.email])).toEqual([
      [1, 'ann@x.test'],
      [6, 'bob@x.test'],
    ]);
    expect(parsePaste('\n\n\nFirst name\tEmail\n\n\n\n\n\n\n\n\n\nAnn\tann@x.test\n').rows).toEqual([
      { line: 14, firstName: 'Ann', lastName: '', email: 'ann@x.test', phone: '', company: '' },
    ]);
  });

  it('gives a plain error for an empty paste or one with only a header', () => {
    for (const text of ['', '   ', '\n\n\r\n', '\uFEFF', ',,,\n,,', ';;\r\n;', '\t\t\n']) {
      const e = pasteError(text);
      expect(e?.message, JSON.stringify(text)).toMatch(/empty/);
      expect(e?.details?.[0].path).toBe('text');
    }
    for (const text of ['First name\tLast name\tEmail', 'Email\r\n\r\n', '\uFEFFemail;first name\n\n']) {
      expect(pasteError(text)?.message, JSON.stringify(text)).toMatch(/header row but no people/);
    }
  });

  it('takes 10,000 rows and refuses 10,001 with a plain error', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `P${i}\tQ\tp${i}@x.test`);
    expect(MAX_PASTE_ROWS).toBe(10_000);
    expect(parsePaste(rows(10_000).join('\n')).rows).toHaveLength(10_000);
    // a header does not count, blank lines do not count
    expect(parsePaste(['First name\tLast name\tEmail', ...rows(10_000), '', ''].join('\r\n')).rows).toHaveLength(10_000);
    const e = pasteError(rows(10_001).join('\n'));
    expect(e).toBeInstanceOf(AppError);
    expect(e!.message).toBe('At most 10,000 rows can be invited at once; this paste has 10,001. Split it into several pastes.');
    expect(pasteError(['Email', ...rows(10_001).map((r) => r.split('\t')[2])].join('\n'))?.message).toMatch(/10,001/);
  });

  it('gives every row a status when delimiters are mixed', () => {
    const rows = check('Ann,Lee,ann@x.test\nBob;Ray;bob@x.test\nCy\tZ\tcy@x.test\nDee,Dee;dee@x.test\n"Un,closed;ed@x.test');
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) {
      expect(['ready', 'invalid']).toContain(r.status);
      if (r.status === 'invalid') expect(r.reason).toMatch(/first name|email/i);
    }
    expect(rows.filter((r) => r.status === 'ready').length).toBeGreaterThanOrEqual(1);
  });
});

describe('row checks', () => {
  it('marks missing first name, bad email, bad phone and over-long names invalid, with reasons', () => {
    const rows = check(
      [
        '\tNo\tnofirst@x.test',
        'Bad\tEmail\tnot-an-email',
        'Nomail\tX\t',
        'Bad\tPhone\tbp@x.test\t123',
        `${'N'.repeat(101)}\tLong\tlong@x.test`,
        'Good\tOne\tgood@x.test\t+44 20 7946 0958',
      ].join('\n'),
    );
    expect(rows.map((r) => [r.status, r.code, r.reason])).toEqual([
      ['invalid', 'missing_first_name', 'Missing first name'],
      ['invalid', 'invalid_email', 'Not a valid email: not-an-email'],
      ['invalid', 'missing_email', 'Missing email'],
      ['invalid', 'invalid_phone', 'Not a valid phone number: 123'],
      ['invalid', 'name_too_long', 'Name is longer than 100 characters'],
      ['ready', undefined, undefined],
    ]);
    expect(rows[5].phoneE164).toBe('+442079460958');
  });

  it('marks a repeated email "Duplicate of line N", whatever its case', () => {
    const rows = check('Ann\tLee\tann@x.test\nBob\tRay\tbob@x.test\n\nAnn\tAgain\tANN@X.TEST\nBob\tThird\t Bob@x.test ');
    expect(rows.map((r) => [r.line, r.status, r.code, r.duplicateOf, r.reason])).toEqual([
      [1, 'ready', undefined, undefined, undefined],
      [2, 'ready', undefined, undefined, undefined],
      [4, 'invalid', 'duplicate_email', 1, 'Duplicate of line 1'],
      [5, 'invalid', 'duplicate_email', 2, 'Duplicate of line 2'],
    ]);
    // an invalid first row does not make the second a duplicate
    const r2 = check('\tX\tcy@x.test\nCy\tY\tcy@x.test');
    expect(r2.map((r) => r.status)).toEqual(['invalid', 'ready']);
  });

  it('skips current members', () => {
    const rows = check('Ann\tLee\tann@x.test\nBob\tRay\tbob@x.test', { memberEmails: new Set(['bob@x.test']) });
    expect(rows.map((r) => [r.status, r.code, r.reason])).toEqual([
      ['ready', undefined, undefined],
      ['skipped', 'already_member', 'Already a member'],
    ]);
  });

  it('company mode puts everyone in the chosen company; a Company column names existing companies case-insensitively', () => {
    const companiesByName = new Map([
      ['globex corp', 'c-globex'],
      ['initech', 'c-initech'],
    ]);
    const text = 'First name\tEmail\tCompany\nAnn\tann@x.test\tGLOBEX Corp\nBob\tbob@x.test\tinitech\nCy\tcy@x.test\t\nDee\tdee@x.test\tUmbrella';
    const byColumn = check(text, { companiesByName });
    expect(byColumn.map((r) => [r.status, r.companyId, r.code, r.reason])).toEqual([
      ['ready', 'c-globex', undefined, undefined],
      ['ready', 'c-initech', undefined, undefined],
      ['ready', null, undefined, undefined],
      ['invalid', null, 'unknown_company', 'Unknown company: Umbrella'],
    ]);
    const chosen = check(text, { companiesByName, companyId: 'c-chosen' });
    expect(chosen.map((r) => [r.status, r.companyId])).toEqual([
      ['ready', 'c-chosen'],
      ['ready', 'c-chosen'],
      ['ready', 'c-chosen'],
      ['ready', 'c-chosen'],
    ]);
    // without a header, the fifth column is the company
    expect(check('Ann\tLee\tann@x.test\t\tinitech', { companiesByName })[0].companyId).toBe('c-initech');
  });
});

describe('HTTP preview', () => {
  let ctx: TestContext;
  let org: Org;
  beforeEach(async () => {
    ctx = await createTestContext();
    org = await setupOrganization(ctx);
  });
  afterEach(() => ctx.close());
  const preview = (payload: Record<string, unknown>, cookie = org.ownerCookie, locationId = org.locationId) =>
    ctx.request({ method: 'POST', url: `/api/v1/locations/${locationId}/invitations/bulk/preview`, payload, cookie });

  it('answers each row with its status, code and reason, the counts, and a neutralised CSV of the invalid rows', async () => {
    const globex = (
      await ctx.request({ method: 'POST', url: `/api/v1/locations/${org.locationId}/companies`, payload: { name: 'Globex Corp' }, cookie: org.ownerCookie })
    ).json().company.id;
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/invitations`,
      payload: { firstName: 'Old', email: 'old@x.test' },
      cookie: org.ownerCookie,
    });
    const text =
      'First name;Last name;Email;Phone number;Company\r\nAnn;Lee;ann@x.test;06 12 34 56 78;globex corp\r\nOld;One;OLD@x.test;;\r\n=cmd;X;bad-email;;\r\nDee;D;dee@x.test;;Nope Inc\r\nAnn;Again;ann@x.test;;\r\n';
    const r = await preview({ text });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.rows.map((x: { line: number; status: string; code?: string; reason?: string }) => [x.line, x.status, x.code, x.reason])).toEqual([
      [2, 'ready', undefined, undefined],
      [3, 'skipped', 'already_member', 'Already a member'],
      [4, 'invalid', 'invalid_email', 'Not a valid email: bad-email'],
      [5, 'invalid', 'unknown_company', 'Unknown company: Nope Inc'],
      [6, 'invalid', 'duplicate_email', 'Duplicate of line 2'],
    ]);
    expect(body.rows[4].duplicateOf).toBe(2);
    expect(body.rows[0]).toMatchObject({ firstName: 'Ann', lastName: 'Lee', email: 'ann@x.test', phone: '06 12 34 56 78', company: 'globex corp' });
    expect(body.counts).toEqual({ ready: 1, skipped: 1, invalid: 3 });
    const csv = body.invalidCsv.split('\r\n');
    expect(csv[0]).toBe('Line,First name,Last name,Email,Phone,Company,Reason');
    expect(csv[1]).toBe("4,'=cmd,X,bad-email,,,Not a valid email: bad-email");
    expect(csv).toHaveLength(5);
    // in the requester's language, the reasons as the page words them; the API's reasons stay English
    const fr = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/invitations/bulk/preview`,
      payload: { text },
      cookie: org.ownerCookie,
      headers: { 'accept-language': 'fr' },
    });
    const frCsv = fr.json().invalidCsv.split('\r\n');
    expect(frCsv.slice(0, 4)).toEqual([
      'Ligne,Prénom,Nom,E-mail,Téléphone,Entreprise,Motif',
      "4,'=cmd,X,bad-email,,,E-mail non valide : bad-email",
      '5,Dee,D,dee@x.test,,Nope Inc,Entreprise inconnue : Nope Inc',
      '6,Ann,Again,ann@x.test,,,Doublon de la ligne 2',
    ]);
    expect(fr.json().rows[3].reason).toBe('Unknown company: Nope Inc');
    // the file pastes back: its header row is recognised in either language
    for (const file of [body.invalidCsv, fr.json().invalidCsv]) {
      const again = (await preview({ text: file })).json();
      expect(again.rows.map((x: { email: string }) => x.email)).toEqual(['bad-email', 'dee@x.test', 'ann@x.test']);
    }
    // company mode: the chosen company for everyone, and an unknown or foreign company is refused
    const withCompany = await preview({ text: 'Ann\tLee\tann@x.test', companyId: globex });
    expect(withCompany.json().rows[0].status).toBe('ready');
    expect((await preview({ text: 'Ann\tLee\tann@x.test', companyId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(400);
    // nothing was written by a preview
    expect(await ctx.db.selectFrom('users').select('id').where('email', '=', 'ann@x.test').execute()).toEqual([]);
    expect(await ctx.db.selectFrom('bulk_jobs').selectAll().execute()).toEqual([]);
  });

  it('answers random pastes with 200 and statuses or a plain 400, never a 500', async () => {
    const r = rng(7);
    for (let i = 0; i < 40; i++) {
      const text = randomPaste(r, i);
      const res = await preview({ text });
      expect([200, 400], `paste #${i}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      if (res.statusCode === 200) {
        for (const row of res.json().rows) expect(['ready', 'skipped', 'invalid']).toContain(row.status);
      } else {
        expect(res.json().error.code).toBe('bad_request');
      }
    }
  });

  it('drops NUL characters (PostgreSQL text cannot hold them): preview and job both finish', async () => {
    expect(check('A\u0000nn\tLee\tann\u0000@x.test\n\u0000\t\u0000\n')).toMatchObject([{ firstName: 'Ann', email: 'ann@x.test', status: 'ready' }]);
    await ctx.request({ method: 'POST', url: `/api/v1/locations/${org.locationId}/companies`, payload: { name: 'Globex' }, cookie: org.ownerCookie });
    const text = 'First name\tLast name\tEmail\tCompany\nA\u0000nn\tL\u0000ee\tann\u0000@x.test\tGlo\u0000bex\nBob\tRay\tbob@x.test\t\u0000Nope';
    const p = await preview({ text });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json().rows.map((r: { status: string; reason?: string }) => [r.status, r.reason])).toEqual([
      ['ready', undefined],
      ['invalid', 'Unknown company: Nope'],
    ]);
    const s = await ctx.request({ method: 'POST', url: `/api/v1/locations/${org.locationId}/invitations/bulk`, payload: { text }, cookie: org.ownerCookie });
    expect(s.statusCode).toBe(202);
    let job: { status: string; invited: number; invalid: number } = { status: 'queued', invited: 0, invalid: 0 };
    for (let i = 0; i < 200 && !['done', 'failed'].includes(job.status); i++) {
      await new Promise((res) => setTimeout(res, 25));
      job = (
        await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}/invitations/bulk/${s.json().jobId}`, cookie: org.ownerCookie })
      ).json();
    }
    expect(job).toMatchObject({ status: 'done', invited: 1, invalid: 1 });
    const ann = await ctx.db.selectFrom('users').select(['first_name', 'last_name']).where('email', '=', 'ann@x.test').executeTakeFirstOrThrow();
    expect(ann).toEqual({ first_name: 'Ann', last_name: 'Lee' });
  });

  it('gives plain errors for an empty paste, only a header and 10,001 rows', async () => {
    expect((await preview({ text: '' })).json().error.message).toMatch(/empty/);
    expect((await preview({ text: 'First name\tEmail\r\n' })).json().error.message).toMatch(/header row but no people/);
    const big = await preview({ text: Array.from({ length: 10_001 }, (_, i) => `P${i}\t\tp${i}@x.test`).join('\n') });
    expect(big.statusCode).toBe(400);
    expect(big.json().error.message).toMatch(/At most 10,000 rows/);
    const ok = await preview({ text: Array.from({ length: 10_000 }, (_, i) => `P${i}\t\tp${i}@x.test`).join('\n') });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().counts).toEqual({ ready: 10_000, skipped: 0, invalid: 0 });
    expect((await preview({ text: 42 })).statusCode).toBe(400);
    expect((await preview({})).statusCode).toBe(400);
  });
});
