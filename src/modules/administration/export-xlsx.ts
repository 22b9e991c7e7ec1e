/**
 * The budget as an Excel workbook laid out like the plan's 산출내역 table (구분 | 예산 | 산출내역,
 * 단위: 천원), with live formulas: a formula line's amount is =unit price × factors ÷ 1000 from
 * input cells to the right, every parent is =SUM of its children, the total is =SUM of the roots,
 * and the calculation text is rebuilt from the same cells. Change a cell and the sheet recomputes.
 */
import ExcelJS from 'exceljs';
import { formulaText, MAX_FACTORS } from '../../core/budget/budget.js';
import type { Lang } from '../../core/shared/localized.js';
import type { BudgetViewT } from '../../shared/contracts/plan.js';

const L = {
  ko: { sheet: '산출내역', unit: '(단위: 천원)', line: '구분', planned: '예산', calc: '산출내역', total: '계', actual: '집행액', rate: '집행률', unitPrice: '단가(원)', qty: '수량', unitLabel: '단위', won: '원' },
  en: { sheet: 'Budget', unit: '(unit: thousand KRW)', line: 'Line', planned: 'Amount', calc: 'Calculation', total: 'Total', actual: 'Spent', rate: 'Execution rate', unitPrice: 'Unit price (KRW)', qty: 'Qty', unitLabel: 'Unit', won: ' KRW' },
} as const;

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * The cached result of a rate cell must be what its formula computes (the exact ratio), not the
 * API's two-decimal percentage: a reader that shows cached values and one that recalculates agree.
 */
const cachedRate = (actual: number, planned: number): number | string => (planned === 0 ? '' : actual / planned);

const thousandFormat = (krw: number) => (krw % 1000 === 0 ? '#,##0' : '#,##0.0##');

export async function budgetXlsx(view: BudgetViewT, title: string, lang: Lang): Promise<Buffer> {
  const t = L[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Open Campus';
  wb.created = new Date(0);
  // Recompute on opening, so an edited copy or a reader that ignores cached results shows live sums.
  wb.calcProperties.fullCalcOnLoad = true;
  const ws = wb.addWorksheet(t.sheet, {
    views: [{ state: 'frozen', ySplit: 3 }],
    // Printed on A4 across, shrunk to one page wide (as many pages down as it needs) with the title
    // and header rows on every page: the calculation and the inputs stay beside the amounts.
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&P / &N' },
  });

  // Columns: A line, B amount, C calculation, [D spent, E rate], then unit price and factor pairs.
  const actualCols = view.withActuals ? 2 : 0;
  const priceCol = 4 + actualCols;
  const factorCol = (i: number, unit: boolean) => priceCol + 1 + i * 2 + (unit ? 1 : 0);
  const lastCol = factorCol(MAX_FACTORS - 1, true);

  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('C2').value = t.unit;
  ws.getCell('C2').alignment = { horizontal: 'right' };
  const header: string[] = [t.line, t.planned, t.calc];
  if (view.withActuals) header.push(t.actual, t.rate);
  header.push(t.unitPrice);
  for (let i = 0; i < MAX_FACTORS; i++) header.push(`${t.qty} ${i + 1}`, `${t.unitLabel} ${i + 1}`);
  ws.getRow(3).values = header;
  ws.getRow(3).font = { bold: true };
  // Narrow input columns (quantity, unit) so the whole row fits a landscape A4 at a readable scale,
  // but never narrower than the printed header (a Hangul syllable takes two widths).
  const textWidth = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/.test(ch) ? 2 : 1), 0);
  ws.columns.forEach((c, i) => {
    const col = i + 1;
    const base = col === 1 ? 42 : col === 3 ? 40 : col <= priceCol ? 11 : (col - priceCol) % 2 === 1 ? 6 : 7;
    c.width = Math.max(base, textWidth(header[i] ?? '') + 2);
  });
  ws.pageSetup.printTitlesRow = '1:3';

  const TOTAL_ROW = 4;
  const rowOf = new Map<string, number>();
  view.lines.forEach((l, i) => rowOf.set(l.id, TOTAL_ROW + 1 + i));
  const childrenRows = (id: string | null) => view.lines.filter((l) => l.parentId === id).map((l) => rowOf.get(l.id)!);
  const sumFormula = (rows: number[]) => (rows.length ? `SUM(${rows.map((r) => `B${r}`).join(',')})` : '0');

  const total = ws.getRow(TOTAL_ROW);
  total.getCell(1).value = t.total;
  total.getCell(2).value = { formula: sumFormula(childrenRows(null)), result: view.planned / 1000 };
  total.getCell(2).numFmt = thousandFormat(view.planned);
  total.font = { bold: true };
  if (view.withActuals) {
    total.getCell(4).value = { formula: sumFormula(childrenRows(null)).replace(/B(\d+)/g, 'D$1'), result: (view.actual ?? 0) / 1000 };
    total.getCell(5).value = { formula: `IF(B${TOTAL_ROW}=0,"",D${TOTAL_ROW}/B${TOTAL_ROW})`, result: cachedRate(view.actual ?? 0, view.planned) };
    total.getCell(4).numFmt = '#,##0.###';
    total.getCell(5).numFmt = '0.0%';
  }

  for (const line of view.lines) {
    const r = rowOf.get(line.id)!;
    const row = ws.getRow(r);
    const name = (lang === 'en' ? line.title.en || line.title.ko : line.title.ko) ?? '';
    row.getCell(1).value = line.depth >= 2 ? `- ${name}` : name;
    row.getCell(1).alignment = { indent: line.depth * 2 };
    if (line.depth === 0) row.font = { bold: true };
    const amount = row.getCell(2);
    amount.numFmt = thousandFormat(line.planned);
    if (line.kind === 'group') {
      amount.value = { formula: sumFormula(childrenRows(line.id)), result: line.planned / 1000 };
    } else if (line.kind === 'fixed') {
      amount.value = line.planned / 1000;
    } else {
      const price = row.getCell(priceCol);
      price.value = line.unitPrice ?? 0;
      price.numFmt = '#,##0';
      const refs = [`${colLetter(priceCol)}${r}`];
      const textParts = [`TEXT(${colLetter(priceCol)}${r},"#,##0")&"${t.won}"`];
      line.factors.forEach((f, i) => {
        const q = row.getCell(factorCol(i, false));
        const u = row.getCell(factorCol(i, true));
        q.value = f.value;
        u.value = lang === 'ko' ? f.unit.ko : f.value === 1 ? (f.unit.enOne ?? f.unit.en) : f.unit.en;
        const qRef = `${colLetter(factorCol(i, false))}${r}`;
        const uRef = `${colLetter(factorCol(i, true))}${r}`;
        refs.push(qRef);
        // English picks singular or plural from the live quantity, so "1 time" becomes "2 times".
        const enUnit = f.unit.enOne ? `IF(${qRef}=1,"${f.unit.enOne.replace(/"/g, '""')}","${f.unit.en.replace(/"/g, '""')}")` : uRef;
        textParts.push(lang === 'ko' ? `TEXT(${qRef},"#,##0")&${uRef}` : `TEXT(${qRef},"#,##0")&" "&${enUnit}`);
      });
      amount.value = { formula: `${refs.join('*')}/1000`, result: line.planned / 1000 };
      row.getCell(3).value = { formula: textParts.join('&" × "&'), result: formulaText(line.unitPrice ?? 0, line.factors, lang) };
    }
    if (view.withActuals) {
      const kids = childrenRows(line.id);
      const ownSpent = (line.actual ?? 0) - view.lines.filter((l) => l.parentId === line.id).reduce((s, l) => s + (l.actual ?? 0), 0);
      const actual = row.getCell(4);
      actual.numFmt = '#,##0.###';
      actual.value = kids.length
        ? { formula: `${ownSpent / 1000}+${sumFormula(kids).replace(/B(\d+)/g, 'D$1')}`, result: (line.actual ?? 0) / 1000 }
        : (line.actual ?? 0) / 1000;
      const rate = row.getCell(5);
      rate.numFmt = '0.0%';
      rate.value = { formula: `IF(B${r}=0,"",D${r}/B${r})`, result: cachedRate(line.actual ?? 0, line.planned) };
    }
  }
  ws.getCell(`${colLetter(lastCol)}3`).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
