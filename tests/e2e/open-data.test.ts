/**
 * The open-data page, signed out, in both languages: reached from the footer link, every dataset
 * with its licence (linked), last update in words and a download per format; a CSV download saves a
 * real file whose budget row carries the spending; the JSON-LD catalogue link answers; axe clean.
 */
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, checkPage, startE2E, type E2E } from './support.js';

const run = browserAvailable();
let e: E2E;

beforeAll(async () => {
  if (!run) return;
  e = await startE2E();
  const staff = await e.createUser(['staff']);
  const { api, csrf } = await e.signedInApi(staff);
  const budget = (await (await api.get(`${e.baseUrl}/api/v1/budget`)).json()) as { lines: { id: string; key: string | null }[] };
  const fees = budget.lines.find((l) => l.key === 'lecture-fees')!;
  const res = await api.post(`${e.baseUrl}/api/v1/admin/budget-lines/${fees.id}/spending`, {
    headers: { 'x-csrf-token': await csrf() },
    data: { amount: 4_800_000, spentOn: '2020-09-30', description: { ko: '강연비 1차 (비공개 메모)' } },
  });
  expect(res.status()).toBe(201);
  await api.dispose();
});
afterAll(async () => {
  await e?.close();
});

const WORDS = {
  ko: { heading: '공공데이터', budget: '오픈 캠퍼스 예산과 집행 현황', licence: '공공누리 제1유형', csv: 'CSV 내려받기', none: '아직 데이터가 없습니다', month: /\d{4}년 \d{1,2}월 \d{1,2}일/ },
  en: { heading: 'Open data', budget: 'Open Campus budget and spending', licence: 'Korea Open Government License Type 1', csv: 'Download CSV', none: 'No data yet', month: /\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}/ },
};

describe.skipIf(!run)('open data page', () => {
  for (const lang of ['ko', 'en'] as const) {
    it(`${lang}: from the footer to every dataset with licence, last update and downloads; axe clean`, async () => {
      const w = WORDS[lang];
      const page = await e.newPage(lang);
      await e.open(page, '/');
      await page.getByTestId('footer-open-data').click();
      await page.waitForURL(/\/data$/);
      await page.getByRole('heading', { level: 1, name: w.heading }).waitFor();
      const sections = page.locator('section.open-dataset');
      await sections.first().waitFor();
      expect(await sections.count()).toBe(5);
      for (const section of await sections.all()) {
        expect(await section.getByRole('link', { name: w.licence }).getAttribute('href')).toBe('https://www.kogl.or.kr/info/licenseType1.do');
        // A date in words, never an ISO timestamp; this campus has no call yet, and says so.
        const facts = (await section.locator('dl').textContent()) ?? '';
        if ((await section.getAttribute('data-dataset')) === 'calls') expect(facts).toContain(w.none);
        else expect(facts).toMatch(w.month);
        expect(facts).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
        expect(await section.getByRole('link').filter({ hasText: w.csv }).count()).toBe(1);
      }
      const budget = page.locator('[data-dataset="budget"]');
      expect(await budget.getByRole('heading', { level: 2 }).textContent()).toBe(w.budget);
      expect(await page.getByTestId('catalog-link').getAttribute('href')).toBe('/api/v1/open-data/catalog.jsonld');
      const problems: string[] = [];
      await checkPage(page, lang, `${lang} /data`, problems);
      expect(problems).toEqual([]);

      // The budget's CSV, as the browser saves it: BOM, the spent and rate columns, the lecture-fee line half spent.
      const downloading = page.waitForEvent('download');
      await budget.locator('a[data-format="CSV"]').click();
      const file = await downloading;
      expect(file.suggestedFilename()).toBe('open-campus-budget.csv');
      // The browser may run in another process (the run's one Chromium): save a local copy to read.
      const saved = path.join(os.tmpdir(), `oc-open-data-${lang}-${Date.now()}.csv`);
      await file.saveAs(saved);
      const text = await readFile(saved, 'utf8');
      await rm(saved, { force: true });
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).split('\r\n');
      expect(lines[0]).toBe('level,key,line_ko,line_en,kind,planned_krw,spent_krw,execution_rate_percent,calculation_ko,calculation_en');
      expect(lines.find((l) => l.includes(',lecture-fees,'))).toContain(',9600000,4800000,50,');
      expect(text).not.toContain('비공개 메모');

      const catalog = await page.request.get(`${e.baseUrl}/api/v1/open-data/catalog.jsonld`);
      expect(catalog.status()).toBe(200);
      expect(((await catalog.json()) as { 'dcat:dataset': unknown[] })['dcat:dataset']).toHaveLength(5);
      await page.close();
    });
  }

  it('robots.txt lets crawlers reach the open data but not the rest of the API', async () => {
    const res = await fetch(`${e.baseUrl}/robots.txt`);
    const lines = (await res.text()).split('\n').filter((l) => l && !l.startsWith('#'));
    const allow = lines.indexOf('Allow: /api/v1/open-data/');
    expect(allow).toBeGreaterThan(0);
    expect(allow).toBeLessThan(lines.indexOf('Disallow: /api/'));
    expect(lines).toContain('Allow: /data');
  });
});
