// CSV out: papaparse for quoting, and formula neutralising so a spreadsheet never runs a cell.
import Papa from 'papaparse';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A number the code itself wrote (an amount, a count): kept as it is, so "-12.50" stays a number a
 * spreadsheet can add up. Text from people is never one: it is always a string, and neutralised.
 */
export class CsvNumber {
  constructor(readonly text: string) {}
}

export type CsvCell = string | number | CsvNumber | null | undefined;

/** An amount in minor units as a plain decimal in major units ("-1250" EUR is "-12.50"), for CSV. */
export function majorUnits(minor: number, currency: string): CsvNumber {
  const digits = fractionDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return new CsvNumber(digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`);
}

const digitsOf = new Map<string, number>();
function fractionDigits(currency: string): number {
  let d = digitsOf.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsOf.set(currency, d);
  }
  return d;
}

/** A cell that a spreadsheet would read as a formula gets a leading apostrophe; numbers the code wrote are kept. */
export function neutralise(cell: CsvCell): string {
  if (typeof cell === 'number') return String(cell);
  if (cell instanceof CsvNumber) return cell.text;
  const s = cell ?? '';
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** The byte order mark that makes spreadsheets read a CSV file as UTF-8 (accents intact). */
export const UTF8_BOM = '\uFEFF';

/** Lines of CSV (CRLF-terminated) for the rows, every cell neutralised. */
export function csvLines(rows: CsvCell[][]): string {
  if (rows.length === 0) return '';
  return `${Papa.unparse(
    rows.map((r) => r.map(neutralise)),
    { newline: '\r\n', quotes: false },
  )}\r\n`;
}
