import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tableCsv, tableXlsx, type ExportTable } from './table.js';

const table: ExportTable = { header: ['이름', 'Answer'], rows: [['Kim', '=1+1'], ['Lee', 3]] };

describe('tableCsv', () => {
  it('is the header and the rows through the CSV guard', () => {
    expect(tableCsv(table)).toBe("\uFEFF이름,Answer\r\nKim,'=1+1\r\nLee,3\r\n");
  });
});

describe('tableXlsx', () => {
  it('writes one sheet with a bold frozen header and answers as text, never formulas', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableXlsx(table, 'Applications')) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Applications')!;
    expect(ws.getRow(1).values).toEqual([undefined, '이름', 'Answer']);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('B2').value).toBe('=1+1');
    expect(ws.getCell('B2').formula).toBeUndefined();
    expect(ws.getCell('B3').value).toBe(3);
    expect(ws.getColumn(1).width).toBe(20);
  });

  it('takes the column widths it is given', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableXlsx(table, 'S', () => 12)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('S')!.getColumn(2).width).toBe(12);
  });
});
