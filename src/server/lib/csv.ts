// CSV out: papaparse for quoting, and formula neutralising so a spreadsheet never runs a cell.
import Papa from 'papaparse';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell that a spreadsheet would read as a formula gets a leading apostrophe. */
export function neutralise(cell: string | null | undefined): string {
  const s = cell ?? '';
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** Lines of CSV (CRLF-terminated) for the rows, every cell neutralised. */
export function csvLines(rows: (string | null | undefined)[][]): string {
  if (rows.length === 0) return '';
  return `${Papa.unparse(
    rows.map((r) => r.map(neutralise)),
    { newline: '\r\n', quotes: false },
  )}\r\n`;
}
