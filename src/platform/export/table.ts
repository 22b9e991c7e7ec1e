/**
 * A download that is a plain table (a header and rows), written as CSV or as an Excel workbook:
 * the applications of a call and its scores. The budget has its own writers in the administration
 * module, since its workbook carries live formulas.
 */
import ExcelJS from 'exceljs';
import { csvText } from './csv.js';

export interface ExportTable {
  header: string[];
  rows: (string | number)[][];
}

export function tableCsv(table: ExportTable): string {
  return csvText([table.header, ...table.rows]);
}

/** The leading columns (who, and the state) narrower than the answer columns after them. */
const defaultWidth = (column: number) => (column < 4 ? 20 : 28);

/** One sheet, a bold frozen header row, then the rows. */
export async function tableXlsx(table: ExportTable, sheetName: string, width: (column: number) => number = defaultWidth): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Open Campus';
  // A fixed creation time: the same table gives the same file.
  wb.created = new Date(0);
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(table.header).font = { bold: true };
  // Plain string cells: ExcelJS writes them as text, never as formulas, so "=…" answers stay inert.
  for (const row of table.rows) ws.addRow(row);
  ws.columns.forEach((c, i) => {
    c.width = width(i);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
