// Reads a table pasted from a spreadsheet (tab, comma or semicolon separated; header row or not;
// BOM, CRLF, quoted cells, blank lines) into rows for a mass invitation. Never throws on content:
// every row gets a status, or the whole paste a plain error.
import Papa from 'papaparse';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { tryNormalisePhone } from '../../lib/phone.js';
import { runInSlices, runToEnd, type Steps } from '../../lib/slices.js';
import type { RowCode } from './schema.js';

export const MAX_PASTE_ROWS = 10_000;
/** Physical lines a paste may have, blank ones included: the rows and a header. */
export const MAX_PASTE_LINES = MAX_PASTE_ROWS + 1;
const MAX_CELL = 254;
const MAX_NAME = 100;
const MAX_PHONE = 40;
/**
 * Characters of the longest row that can be ready, cell by cell (checkRows): first and last name,
 * email, phone, and a company (a company's name is at most 200 characters).
 */
export const MAX_ROW_CHARS = 2 * MAX_NAME + MAX_CELL + MAX_PHONE + 200;

export type Column = 'firstName' | 'lastName' | 'email' | 'phone' | 'company';

const HEADER_WORDS: Record<string, Column> = {
  'first name': 'firstName',
  firstname: 'firstName',
  'given name': 'firstName',
  first: 'firstName',
  'last name': 'lastName',
  lastname: 'lastName',
  surname: 'lastName',
  'family name': 'lastName',
  last: 'lastName',
  email: 'email',
  'e-mail': 'email',
  'email address': 'email',
  mail: 'email',
  phone: 'phone',
  'phone number': 'phone',
  mobile: 'phone',
  telephone: 'phone',
  company: 'company',
  'company name': 'company',
  // the French header of the "rows not invited" file, so a corrected file pastes back
  prénom: 'firstName',
  prenom: 'firstName',
  nom: 'lastName',
  'nom de famille': 'lastName',
  téléphone: 'phone',
  entreprise: 'company',
  société: 'company',
};

const DEFAULT_COLUMNS: Column[] = ['firstName', 'lastName', 'email', 'phone', 'company'];

export interface PastedRow {
  /** the row's line in the paste (1-based) */
  line: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  company: string;
}

export interface ParsedPaste {
  rows: PastedRow[];
  hasHeader: boolean;
  columns: Column[];
}

function headerColumns(cells: string[]): Column[] | null {
  const cols = cells.map((c) => HEADER_WORDS[c.trim().toLowerCase().replace(/[_.]+/g, ' ').replace(/\s+/g, ' ')]);
  return cols.some(Boolean) && cols.includes('email') ? (cols as Column[]) : null;
}

/** The paste without NUL characters, as it is parsed and as a job stores it. */
export function withoutNul(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.includes('\u0000') ? text.replace(/\u0000/g, '') : text;
}

const tooManyLines = () =>
  new AppError(
    'bad_request',
    `At most ${MAX_PASTE_ROWS.toLocaleString('en')} rows can be invited at once; this paste has more than ${MAX_PASTE_LINES.toLocaleString('en')} lines (a header row is allowed, and blank lines count too). Split it into several pastes.`,
    [{ path: 'text', message: 'Too many lines' }],
  );

/**
 * The paste without its final line breaks (a spreadsheet copy ends with one), refused when it has
 * more than MAX_PASTE_LINES physical lines: blank ones count, or megabytes of newlines would pass
 * and parse into millions of rows. Counted with indexOf and stopped at the limit, so a flood is
 * refused in a few milliseconds without building anything.
 */
export function withinLineLimit(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  if (end === 0) return '';
  // line breaks before `end`: every \n, and every \r not followed by \n (a \r\n is one break)
  let breaks = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    if (++breaks >= MAX_PASTE_LINES) throw tooManyLines();
  }
  for (let i = text.indexOf('\r'); i !== -1 && i < end; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10 && ++breaks >= MAX_PASTE_LINES) throw tooManyLines();
  }
  return end === text.length ? text : text.slice(0, end);
}

export const tooManyRows = (n: number) =>
  new AppError(
    'bad_request',
    `At most ${MAX_PASTE_ROWS.toLocaleString('en')} rows can be invited at once; this paste has ${n.toLocaleString('en')}. Split it into several pastes.`,
    [{ path: 'text', message: 'Too many rows' }],
  );

/**
 * The limits of a paste checked without parsing it (physical lines, then a count of non-blank
 * lines, a header row allowed), so that sending 10,000 rows answers as fast as sending 10; the
 * job parses it.
 */
export function checkPasteSize(text: string): number {
  const kept = withinLineLimit(text);
  let lines = 0;
  let first: string | null = null;
  for (const line of kept.split(/\r\n|\r|\n/)) {
    if (line.trim() === '') continue;
    first ??= line;
    lines++;
  }
  if (first === null)
    throw new AppError('bad_request', 'The paste is empty. Copy the rows from your spreadsheet and paste them here.', [{ path: 'text', message: 'Empty' }]);
  // Every person's row has an email; a first line without "@" is the header.
  const rows = first.includes('@') ? lines : lines - 1;
  if (rows > MAX_PASTE_ROWS) throw tooManyRows(rows);
  return Math.max(rows, 1);
}

/** Parses the paste into raw rows; throws only for a paste that is empty or over the row limit. */
export function parsePaste(text: string): ParsedPaste {
  return runToEnd(parseSteps(text));
}

/** parsePaste giving the event loop back every few milliseconds (10,000 rows take tens of them). */
export function parsePasteInSlices(text: string): Promise<ParsedPaste> {
  return runInSlices(parseSteps(text));
}

function* parseSteps(text: string): Steps<ParsedPaste> {
  // PostgreSQL text cannot hold NUL (a query or a stored job with one fails): it is noise in a paste
  const clean = withoutNul(withinLineLimit(text)).replace(/^\uFEFF/, '');
  // The delimiter is guessed on non-blank lines only: Papa counts a blank line as a one-cell row,
  // so a two-column paste ending in a newline (every spreadsheet copy does) fell back to commas.
  const sample = clean
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20)
    .join('\n');
  const delimiter = Papa.parse<string[]>(sample, { delimitersToGuess: ['\t', ',', ';'], preview: 10 }).meta.delimiter || ',';
  // One synchronous call (a few milliseconds for 10,000 rows); what follows yields between rows.
  const result = Papa.parse<string[]>(clean, { delimiter, skipEmptyLines: false });
  yield;
  const lines: { line: number; cells: string[] }[] = [];
  let line = 0;
  for (const cells of result.data) {
    line++;
    yield;
    if (!Array.isArray(cells) || cells.every((c) => String(c ?? '').trim() === '')) continue;
    lines.push({ line, cells: cells.map((c) => String(c ?? '')) });
  }
  if (lines.length === 0)
    throw new AppError('bad_request', 'The paste is empty. Copy the rows from your spreadsheet and paste them here.', [{ path: 'text', message: 'Empty' }]);
  const header = headerColumns(lines[0].cells);
  const body = header ? lines.slice(1) : lines;
  if (body.length === 0) throw new AppError('bad_request', 'The paste has a header row but no people under it.', [{ path: 'text', message: 'Only a header' }]);
  if (body.length > MAX_PASTE_ROWS) throw tooManyRows(body.length);
  const columns = header ?? DEFAULT_COLUMNS;
  const at = (col: Column) => columns.indexOf(col);
  const index = { firstName: at('firstName'), lastName: at('lastName'), email: at('email'), phone: at('phone'), company: at('company') };
  const rows: PastedRow[] = [];
  for (const { line: l, cells } of body) {
    yield;
    const get = (col: Column) => {
      const i = index[col];
      return i >= 0 && i < cells.length ? cells[i].trim() : '';
    };
    rows.push({
      line: l,
      firstName: get('firstName'),
      lastName: get('lastName'),
      email: get('email').toLowerCase(),
      phone: get('phone'),
      company: get('company'),
    });
  }
  return { rows, hasHeader: header !== null, columns };
}

export type RowStatus = 'ready' | 'skipped' | 'invalid';

export interface CheckedRow extends PastedRow {
  status: RowStatus;
  code?: RowCode;
  /** English, for the CSV of invalid rows and API clients that show it */
  reason?: string;
  /** the line where this row's email first appeared (code duplicate_email) */
  duplicateOf?: number;
  /** E.164, when valid */
  phoneE164: string | null;
  companyId: string | null;
}

const email = z.email();

export interface CheckContext {
  country: string;
  /** company chosen for the whole paste ("company members" mode) */
  companyId: string | null;
  /** existing companies by lower-case name */
  companiesByName: Map<string, string>;
  /** emails already members (not removed) of the location */
  memberEmails: Set<string>;
  /** emails the organization blacklisted: invalid rows */
  blacklisted?: Set<string>;
}

/** Gives every row its status: ready, skipped (already a member) or invalid with a reason. */
export function checkRows(rows: PastedRow[], ctx: CheckContext): CheckedRow[] {
  return runToEnd(checkSteps(rows, ctx));
}

/**
 * checkRows giving the event loop back every few milliseconds: checking an email and a phone
 * number costs tens of microseconds, so 10,000 rows would keep it for a few hundred milliseconds.
 */
export function checkRowsInSlices(rows: PastedRow[], ctx: CheckContext): Promise<CheckedRow[]> {
  return runInSlices(checkSteps(rows, ctx));
}

function* checkSteps(rows: PastedRow[], ctx: CheckContext): Steps<CheckedRow[]> {
  const firstLineOf = new Map<string, number>();
  const out: CheckedRow[] = [];
  for (const r of rows) {
    yield;
    out.push(checkRow(r, ctx, firstLineOf));
  }
  return out;
}

/** One row's status; `firstLineOf` holds the line of each email seen in the rows before it. */
function checkRow(r: PastedRow, ctx: CheckContext, firstLineOf: Map<string, number>): CheckedRow {
  const out: CheckedRow = { ...r, status: 'ready', phoneE164: null, companyId: ctx.companyId };
  const invalid = (code: RowCode, reason: string, extra: Partial<CheckedRow> = {}): CheckedRow => ({ ...out, ...extra, status: 'invalid', code, reason });
  if (!r.firstName) return invalid('missing_first_name', 'Missing first name');
  if (r.firstName.length > MAX_NAME || r.lastName.length > MAX_NAME) return invalid('name_too_long', `Name is longer than ${MAX_NAME} characters`);
  if (!r.email) return invalid('missing_email', 'Missing email');
  if (r.email.length > MAX_CELL || !email.safeParse(r.email).success) return invalid('invalid_email', `Not a valid email: ${r.email.slice(0, 80)}`);
  // the API's reason is the code itself here (design 11, Clarifications: reason `blacklisted`)
  if (ctx.blacklisted?.has(r.email)) return invalid('blacklisted', 'blacklisted');
  const seen = firstLineOf.get(r.email);
  if (seen !== undefined) return invalid('duplicate_email', `Duplicate of line ${seen}`, { duplicateOf: seen });
  firstLineOf.set(r.email, r.line);
  if (r.phone) {
    const phone = tryNormalisePhone(r.phone.slice(0, MAX_PHONE), ctx.country);
    if (!phone) return invalid('invalid_phone', `Not a valid phone number: ${r.phone.slice(0, MAX_PHONE)}`);
    out.phoneE164 = phone;
  }
  if (r.company && !ctx.companyId) {
    const id = ctx.companiesByName.get(r.company.toLowerCase());
    if (!id) return invalid('unknown_company', `Unknown company: ${r.company.slice(0, 100)}`);
    out.companyId = id;
  }
  if (ctx.memberEmails.has(r.email)) return { ...out, status: 'skipped', code: 'already_member', reason: 'Already a member' };
  return out;
}
