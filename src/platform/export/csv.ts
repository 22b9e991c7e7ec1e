/**
 * CSV as every download of the campus writes it: UTF-8 with a BOM so Excel shows Korean, CRLF line
 * ends (RFC 4180), and every cell through one guard against formula injection. The budget, the
 * applications and scores of a call, and the open datasets all go through here.
 */

export type CsvCell = string | number | null | undefined;

/** Quotes a cell; a leading = + - @ is neutralised so a spreadsheet never runs it (CSV injection). */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole file: BOM, one line per row (the header is simply the first row), a closing CRLF. */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map((c) => csvCell(c)).join(',')).join('\r\n') + '\r\n';
}
