/**
 * The budget's exports. CSV: BOM, header, total row, calculation text, injection guard. XLSX: the
 * plan's 구분 | 예산 | 산출내역 layout with live formulas and, for everyone, 집행액 | 집행률 (the
 * public budget page shows spending per line, so the public files do too), read back with exceljs and recomputed by
 * tests/support/xlsx-eval.ts — changing an input cell really moves the total.
 */
import { parseCsv } from '../support/csv.js';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetViewT } from '../../src/shared/contracts/plan.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { formulaCells, SheetEvaluator } from '../support/xlsx-eval.js';

let t: TestApp;
let staff: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
});
afterAll(async () => {
  await t.close();
});


async function budget(client: TestClient = t.client()): Promise<BudgetViewT> {
  return (await client.get('/api/v1/budget')).json<BudgetViewT>();
}

async function csv(client: TestClient = t.client()) {
  const res = await client.get('/api/v1/budget/export.csv');
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toBe('attachment; filename="open-campus-budget.csv"');
  expect(res.body.startsWith('\uFEFF')).toBe(true);
  const rows = parseCsv(res.body.slice(1));
  const [header, ...data] = rows;
  return { header: header!, rows: data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))), raw: res.body };
}

async function workbook(client: TestClient = t.client(), lang?: 'ko' | 'en'): Promise<ExcelJS.Worksheet> {
  const res = await client.get(`/api/v1/budget/export.xlsx${lang ? `?lang=${lang}` : ''}`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(res.headers['content-disposition']).toBe(`attachment; filename="open-campus-budget-${lang ?? 'ko'}.xlsx"`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0]!;
}

const formulaOf = (ws: ExcelJS.Worksheet, addr: string) => (ws.getCell(addr).value as { formula: string }).formula;
const resultOf = (ws: ExcelJS.Worksheet, addr: string) => (ws.getCell(addr).value as { result: unknown }).result;
const headerRow = (ws: ExcelJS.Worksheet) => (ws.getRow(3).values as unknown[]).slice(1);

/** The sheet row of each line: the total is row 4, lines follow in table order. */
function rowsOf(view: BudgetViewT): Map<string, number> {
  return new Map(view.lines.map((l, i) => [l.key ?? l.id, 5 + i]));
}

/** Every formula's evaluation matches the result cached in the file (what Excel shows before recalculating). */
function expectFormulasAgree(ws: ExcelJS.Worksheet): number {
  const ev = new SheetEvaluator(ws);
  const cells = formulaCells(ws);
  for (const { address, result } of cells) {
    const v = ev.value(address);
    if (typeof result === 'number') expect(v, address).toBeCloseTo(result, 9);
    // exceljs reads a cached <v>0</v> or an empty string result back as no result at all.
    else if (result === undefined) expect([0, '', null], address).toContain(v);
    else expect(v, address).toBe(result);
  }
  return cells.length;
}

describe('CSV export', () => {
  it('starts with a BOM and a header, then the 204,000 total row, then the lines in table order', async () => {
    const { header, rows } = await csv();
    expect(header).toEqual(['level', 'line_ko', 'line_en', 'planned_thousand_krw', 'planned_krw', 'calculation_ko', 'calculation_en', 'actual_krw', 'execution_rate_percent']);
    expect(rows[0]).toEqual({ level: '0', line_ko: '계', line_en: 'Total', planned_thousand_krw: '204,000', planned_krw: '204000000', calculation_ko: '', calculation_en: '', actual_krw: '0', execution_rate_percent: '0' });
    expect(rows).toHaveLength(13);
    expect(rows.map((r) => r.planned_thousand_krw)).toEqual(['204,000', '134,000', '72,000', '40,000', '11,700', '9,600', '3,000', '5,000', '2,700', '27,000', '35,000', '70,000', '70,000']);
    expect(rows.map((r) => r.level)).toEqual(['0', '1', '2', '3', '3', '3', '3', '3', '3', '2', '2', '1', '2']);
    const field = rows.find((r) => r.line_ko === '현장학습운영비')!;
    expect(field).toMatchObject({
      line_en: 'Field-study operation',
      planned_krw: '11700000',
      calculation_ko: '130,000원 × 3일 × 30명 × 1회',
      calculation_en: '130,000 KRW × 3 days × 30 people × 1 time',
    });
    expect(rows.find((r) => r.line_ko === '국내 교수 강연비')!.calculation_en).toBe('300,000 KRW × 16 days × 2 people');
    expect(rows.find((r) => r.line_ko === '사무관리비')!.calculation_ko).toBe('');
  });

  it('carries spending and the execution rate in the public file, as the public budget page shows them', async () => {
    const { header, rows } = await csv();
    expect(header.slice(-2)).toEqual(['actual_krw', 'execution_rate_percent']);
    const view = await budget();
    expect(view.withActuals).toBe(true);
    expect(rows.slice(1).map((r) => [r.actual_krw, r.execution_rate_percent])).toEqual(view.lines.map((l) => [String(l.actual), String(l.executionRate)]));
  });
});

describe('XLSX export (ko)', () => {
  let ws: ExcelJS.Worksheet;
  let rows: Map<string, number>;
  beforeAll(async () => {
    ws = await workbook();
    rows = rowsOf(await budget());
  });
  const r = (key: string) => rows.get(key)!;

  it('is laid out like the plan’s table: 구분 | 예산 | 산출내역, 단위: 천원', () => {
    expect(ws.name).toBe('산출내역');
    expect(ws.getCell('A1').value).toBe('글로벌 사회혁신 오픈 캠퍼스 추진 계획');
    expect(ws.getCell('C2').value).toBe('(단위: 천원)');
    expect(headerRow(ws).slice(0, 6)).toEqual(['구분', '예산', '산출내역', '집행액', '집행률', '단가(원)']);
    expect(ws.getCell('A4').value).toBe('계');
    expect(ws.getCell(`A${r('office')}`).value).toBe('사무관리비');
    expect(ws.getCell(`A${r('field-study')}`).value).toBe('- 현장학습운영비');
    expect(ws.getCell(`B${r('pilot-design')}`).value).toBe(40_000);
    expect(ws.getCell(`B${r('network')}`).value).toBe(27_000);
    expect(ws.getCell(`B${r('pilot-design')}`).numFmt).toBe('#,##0');
  });

  it('totals with =SUM of the top-level rows, and every group with =SUM of its children', () => {
    expect(formulaOf(ws, 'B4')).toBe(`SUM(B${r('office')},B${r('research')})`);
    expect(resultOf(ws, 'B4')).toBe(204_000);
    expect(formulaOf(ws, `B${r('office')}`)).toBe(`SUM(B${r('pilot')},B${r('network')},B${r('overseas')})`);
    expect(resultOf(ws, `B${r('office')}`)).toBe(134_000);
    const kids = ['pilot-design', 'field-study', 'lecture-fees', 'materials', 'results-presentation', 'publicity'].map((k) => `B${r(k)}`);
    expect(formulaOf(ws, `B${r('pilot')}`)).toBe(`SUM(${kids.join(',')})`);
    expect(resultOf(ws, `B${r('pilot')}`)).toBe(72_000);
    expect(formulaOf(ws, `B${r('research')}`)).toBe(`SUM(B${r('research-master-plan')})`);
  });

  it('computes a formula line from unit-price and factor cells, and rebuilds its calculation text from them', () => {
    const row = r('field-study');
    // Spent (D) and rate (E) come first, so the unit price is in F and the factor pairs follow.
    expect(formulaOf(ws, `B${row}`)).toBe(`F${row}*G${row}*I${row}*K${row}/1000`);
    expect(resultOf(ws, `B${row}`)).toBe(11_700);
    expect([`F${row}`, `G${row}`, `H${row}`, `I${row}`, `J${row}`, `K${row}`, `L${row}`].map((a) => ws.getCell(a).value)).toEqual([130_000, 3, '일', 30, '명', 1, '회']);
    expect(resultOf(ws, `C${row}`)).toBe('130,000원 × 3일 × 30명 × 1회');
    expect(formulaOf(ws, `C${row}`)).toContain(`TEXT(G${row},"#,##0")&H${row}`);
  });

  it('evaluates every formula to the result cached in the file', () => {
    // The total, three groups, and two formulas (amount, text) on each of the five formula lines;
    // then spending: the total's spent and rate, the three groups' spent, and the rate of all 12 lines.
    expect(expectFormulasAgree(ws)).toBe(4 + 5 * 2 + 2 + 3 + 12);
  });

  it('recomputes: 3 days → 4 makes the line 15,600 and the total 204,000 + 3,900 = 207,900', () => {
    const row = r('field-study');
    ws.getCell(`G${row}`).value = 4;
    const ev = new SheetEvaluator(ws);
    expect(ev.number(`B${row}`)).toBe(15_600);
    expect(ev.number(`B${r('pilot')}`)).toBe(75_900);
    expect(ev.number(`B${r('office')}`)).toBe(137_900);
    expect(ev.number('B4')).toBe(207_900);
    expect(ev.value(`C${row}`)).toBe('130,000원 × 4일 × 30명 × 1회');
    ws.getCell(`G${row}`).value = 3;
  });

  it('recomputes from unit prices and fixed amounts too', () => {
    ws.getCell(`F${r('lecture-fees')}`).value = 250_000;
    ws.getCell(`B${r('network')}`).value = 30_000;
    ws.getCell(`B${r('research-master-plan')}`).value = 65_000;
    const ev = new SheetEvaluator(ws);
    expect(ev.number(`B${r('lecture-fees')}`)).toBe(8_000);
    expect(ev.number(`B${r('research')}`)).toBe(65_000);
    expect(ev.number('B4')).toBe(204_000 - 1_600 + 3_000 - 5_000);
    expect(ev.value(`C${r('lecture-fees')}`)).toBe('250,000원 × 16일 × 2명');
  });
});

describe('XLSX export (en)', () => {
  it('has English headers, titles and calculation text', async () => {
    const ws = await workbook(t.client(), 'en');
    const rows = rowsOf(await budget());
    expect(ws.name).toBe('Budget');
    expect(ws.getCell('A1').value).toBe('Global Social Innovation Open Campus — promotion plan');
    expect(ws.getCell('C2').value).toBe('(unit: thousand KRW)');
    expect(headerRow(ws).slice(0, 6)).toEqual(['Line', 'Amount', 'Calculation', 'Spent', 'Execution rate', 'Unit price (KRW)']);
    expect(ws.getCell('A4').value).toBe('Total');
    expect(ws.getCell(`A${rows.get('office')}`).value).toBe('Office operating expenses');
    const row = rows.get('field-study')!;
    expect(resultOf(ws, `C${row}`)).toBe('130,000 KRW × 3 days × 30 people × 1 time');
    expect(new SheetEvaluator(ws).value(`C${row}`)).toBe('130,000 KRW × 3 days × 30 people × 1 time');
    expect(expectFormulasAgree(ws)).toBe(14 + 2 + 3 + 12);
  });

  it('follows the request language when no lang is given', async () => {
    const client = t.client();
    client.lang = 'en';
    const res = await client.get('/api/v1/budget/export.xlsx');
    expect(res.headers['content-disposition']).toBe('attachment; filename="open-campus-budget-en.xlsx"');
  });
});

describe('every export carries plan vs actual', () => {
  beforeAll(async () => {
    const fees = (await budget()).lines.find((l) => l.key === 'lecture-fees')!;
    const res = await staff.post(`/api/v1/admin/budget-lines/${fees.id}/spending`, { amount: 4_800_000, spentOn: '2020-09-30', description: { ko: '강연비 1차' } });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('CSV: actual and execution-rate columns, the same for staff and the public', async () => {
    const { header, rows } = await csv(staff);
    expect(header.slice(-2)).toEqual(['actual_krw', 'execution_rate_percent']);
    expect(rows[0]).toMatchObject({ planned_krw: '204000000', actual_krw: '4800000', execution_rate_percent: '2.35' });
    expect(rows.find((r) => r.line_ko === '국내 교수 강연비')).toMatchObject({ actual_krw: '4800000', execution_rate_percent: '50' });
    expect(rows.find((r) => r.line_ko === '연구용역비')).toMatchObject({ actual_krw: '0', execution_rate_percent: '0' });
    const pub = await csv();
    expect(pub.header).toEqual(header);
    expect(pub.rows).toEqual(rows);
    expect(pub.raw).not.toContain('강연비 1차');
  });

  it('XLSX: 집행액 and 집행률 columns with live formulas, for staff and the public alike', async () => {
    const ws = await workbook(staff);
    const rows = rowsOf(await budget(staff));
    const r = (key: string) => rows.get(key)!;
    expect(headerRow(ws).slice(0, 6)).toEqual(['구분', '예산', '산출내역', '집행액', '집행률', '단가(원)']);
    const fees = r('lecture-fees');
    // The unit price moved right to make room; the amount formula follows it.
    expect(formulaOf(ws, `B${fees}`)).toBe(`F${fees}*G${fees}*I${fees}/1000`);
    expect(ws.getCell(`D${fees}`).value).toBe(4_800);
    expect(expectFormulasAgree(ws)).toBeGreaterThan(14);
    const ev = new SheetEvaluator(ws);
    expect(ev.number(`E${fees}`)).toBe(0.5);
    expect(ev.number(`D${r('pilot')}`)).toBe(4_800);
    expect(ev.number('D4')).toBe(4_800);
    expect(ev.number('E4')).toBeCloseTo(4_800 / 204_000, 12);
    // The cached rate is the exact ratio, as Excel would compute it, not the API's rounded 2.35 %.
    expect(resultOf(ws, 'E4')).toBeCloseTo(4_800 / 204_000, 12);

    // Spending more recomputes the rates up the tree.
    ws.getCell(`D${fees}`).value = 9_600;
    const again = new SheetEvaluator(ws);
    expect(again.number(`E${fees}`)).toBe(1);
    expect(again.number('D4')).toBe(9_600);

    const pub = await workbook();
    expect(headerRow(pub).slice(0, 6)).toEqual(['구분', '예산', '산출내역', '집행액', '집행률', '단가(원)']);
    expect(pub.getCell(`D${fees}`).value).toBe(4_800);
    expect(new SheetEvaluator(pub).number(`E${fees}`)).toBe(0.5);
    expect(pub.getCell(`F${fees}`).value).toBe(300_000);
  });
});

describe('untrusted titles and odd amounts', () => {
  it('neutralises a title that a spreadsheet would run (CSV injection)', async () => {
    const office = (await budget()).lines.find((l) => l.key === 'office')!;
    const evil = { ko: '=HYPERLINK("http://evil.example","클릭")', en: '+SUM(1,2)' };
    const res = await staff.post('/api/v1/admin/budget-lines', { parentId: office.id, title: evil, kind: 'fixed', amount: 1_000 });
    expect(res.statusCode, res.body).toBe(201);
    for (const title of [{ ko: '-1+2', en: '@cmd' }]) {
      expect((await staff.post('/api/v1/admin/budget-lines', { parentId: office.id, title, kind: 'fixed', amount: 0 })).statusCode).toBe(201);
    }

    const { rows, raw } = await csv();
    const row = rows.find((r) => r.planned_krw === '1000')!;
    expect(row.line_ko).toBe(`'${evil.ko}`);
    expect(row.line_en).toBe(`'${evil.en}`);
    const other = rows.find((r) => r.line_ko === "'-1+2")!;
    expect(other.line_en).toBe("'@cmd");
    // No cell starts with a formula trigger.
    for (const r of rows) for (const v of Object.values(r)) expect(v, v).not.toMatch(/^[=+\-@]/);
    expect(raw).not.toMatch(/(^|,)"?[=+@]/m);

    // In the workbook the title is plain text, not a formula.
    const ws = await workbook();
    const xlsxRow = rowsOf(await budget()).get(res.json<{ id: string }>().id)!;
    expect(ws.getCell(`A${xlsxRow}`).value).toBe(evil.ko);
    expect(ws.getCell(`A${xlsxRow}`).type).toBe(ExcelJS.ValueType.String);
  });

  it('shows amounts that are not whole thousands with decimals, in both files', async () => {
    const research = (await budget()).lines.find((l) => l.key === 'research')!;
    const res = await staff.post('/api/v1/admin/budget-lines', { parentId: research.id, title: { ko: '자문료' }, kind: 'fixed', amount: 1_234_500 });
    expect(res.statusCode).toBe(201);
    const { rows } = await csv();
    expect(rows.find((r) => r.line_ko === '자문료')).toMatchObject({ planned_thousand_krw: '1,234.5', planned_krw: '1234500' });
    expect(rows[0]!.planned_krw).toBe(String(204_000_000 + 1_000 + 1_234_500));
    const ws = await workbook();
    const row = rowsOf(await budget()).get(res.json<{ id: string }>().id)!;
    expect(ws.getCell(`B${row}`).value).toBe(1_234.5);
    expect(ws.getCell(`B${row}`).numFmt).toBe('#,##0.0##');
    expect(new SheetEvaluator(ws).number('B4')).toBeCloseTo(204_000 + 1 + 1_234.5, 9);
    expectFormulasAgree(ws);
  });
});
