/**
 * The budget workbook as it prints: LibreOffice (headless) turns it into a PDF, poppler reads the
 * pages back. A4, every column on the first page, the header row on every page, and the formulas
 * computed by a real spreadsheet program (an input changed before printing moves the printed total).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetViewT } from '../../src/shared/contracts/plan.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { SheetEvaluator } from '../support/xlsx-eval.js';

const run = promisify(execFile);
const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
const haveTools = !!soffice && existsSync('/usr/bin/pdfinfo') && existsSync('/usr/bin/pdftotext');
// CI installs LibreOffice and poppler (.ci/run), so there a missing tool fails instead of skipping.
const describeTools = haveTools || process.env.CI === 'true' ? describe : describe.skip;

let t: TestApp;
let staff: TestClient;
let dir: string;

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
  dir = await mkdtemp(join(tmpdir(), 'oc-xlsx-print-'));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

/** Converts with a profile of its own, so parallel runs (or a desktop LibreOffice) do not collide. */
async function toPdf(xlsx: Buffer, name: string): Promise<string> {
  const src = join(dir, `${name}.xlsx`);
  await writeFile(src, xlsx);
  // LibreOffice shows an OOXML file's cached results unless told to recalculate on load (0 = always).
  const profile = join(dir, `profile-${name}`);
  await mkdir(join(profile, 'user'), { recursive: true });
  await writeFile(
    join(profile, 'user', 'registrymodifications.xcu'),
    '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>',
  );
  await run(soffice!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, src], { timeout: 120_000 });
  return join(dir, `${name}.pdf`);
}

async function pdfInfo(pdf: string): Promise<{ pages: number; sizes: string[] }> {
  const { stdout } = await run('pdfinfo', ['-f', '1', '-l', '99', pdf]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)![1]);
  const sizes = [...stdout.matchAll(/^Page\s+\d+ size:\s+(.+)$/gm)].map((m) => m[1]!.trim());
  return { pages, sizes };
}

async function pageText(pdf: string, page: number): Promise<string> {
  const { stdout } = await run('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-']);
  return stdout;
}

async function workbook(lang: 'ko' | 'en'): Promise<Buffer> {
  // Staff download it with the spending columns (the public file has plan figures only).
  const res = await staff.get(`/api/v1/budget/export.xlsx?lang=${lang}`);
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
}

describeTools('the budget workbook printed (LibreOffice → PDF)', () => {
  let fees: BudgetViewT['lines'][number];
  beforeAll(async () => {
    const view = (await t.client().get('/api/v1/budget')).json<BudgetViewT>();
    fees = view.lines.find((l) => l.key === 'lecture-fees')!;
    const res = await staff.post(`/api/v1/admin/budget-lines/${fees.id}/spending`, { amount: 4_800_000, spentOn: '2020-09-30', description: { ko: '강연비 1차' } });
    expect(res.statusCode, res.body).toBe(201);
  });

  for (const lang of ['ko', 'en'] as const) {
    it(`${lang}: A4 pages, every column on page 1, headers repeated on every page`, async () => {
      const buf = await workbook(lang);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' });
      const header = (ws.getRow(3).values as unknown[]).filter((v): v is string => typeof v === 'string');
      const last = header[header.length - 1]!;
      expect(last).toBe(lang === 'ko' ? '단위 6' : 'Unit 6');

      const pdf = await toPdf(buf, `budget-${lang}`);
      const { pages, sizes } = await pdfInfo(pdf);
      expect(pages).toBeGreaterThanOrEqual(1);
      // A4 is 595 × 842 pt; landscape prints it 842 wide.
      for (const size of sizes) expect(size).toMatch(/^841\.\d+ x 595\.\d+ pts \(A4\)/);
      const first = await pageText(pdf, 1);
      for (const h of header) expect(first, h).toContain(h);
      expect(first).toContain(lang === 'ko' ? '산출내역' : 'Calculation');
      expect(first).toContain(last);
      // The header row is printed again on every further page.
      for (let p = 2; p <= pages; p++) expect(await pageText(pdf, p)).toContain(header[0]!);
      expect(first).toContain('204,000');
      expect(first).toContain('4,800');
    });
  }

  it('computes in a real spreadsheet program: a changed unit price moves the printed total', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await workbook('ko')) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const row = [...Array(ws.rowCount).keys()].map((i) => i + 1).find((r) => ws.getCell(`A${r}`).value === '- 국내 교수 강연비')!;
    expect(row).toBeGreaterThan(4);
    // Unit price (column F with the spending columns) from 300,000 to 600,000: +9,600 thousand won.
    expect(ws.getCell(`F${row}`).value).toBe(300_000);
    ws.getCell(`F${row}`).value = 600_000;
    expect(new SheetEvaluator(ws).number('B4')).toBe(213_600);
    const changed = Buffer.from(await wb.xlsx.writeBuffer());
    const text = await pageText(await toPdf(changed, 'budget-changed'), 1);
    expect(text).toContain('213,600');
    expect(text).toContain('19,200');
    expect(text).not.toMatch(/(^|\s)204,000(\s|$)/m);
  });
});
