/**
 * The public budget with plan vs actual, signed out, in both languages and at phone width: the
 * chart is drawn, it points at the table (its accessible alternative), the table has the spent
 * column and the rate in words and numbers, and axe finds nothing.
 */
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

describe.skipIf(!run)('public budget: plan vs actual', () => {
  for (const lang of ['ko', 'en'] as const) {
    for (const width of [1280, 360]) {
      it(`${lang} at ${width}px: chart, its text summary, the table alternative, axe clean`, async () => {
        const page = await e.newPage(lang);
        await page.setViewportSize({ width, height: 900 });
        await e.open(page, '/budget');
        const chart = page.getByTestId('budget-chart');
        await chart.locator('svg.recharts-surface').first().waitFor();
        expect(await chart.getAttribute('aria-describedby')).toBe('budget-chart-summary budget-table');
        const summary = (await page.locator('#budget-chart-summary').textContent()) ?? '';
        expect(summary).toContain('204,000');
        expect(summary).toContain('4,800');
        expect(summary).toContain('2.35%');
        // Bars: four lines, each planned and spent (recharts draws one rectangle per value).
        expect(await chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(4);
        const table = page.locator('table#budget-table');
        expect(await table.locator('caption').textContent()).toContain(lang === 'ko' ? '단위: 천원' : 'thousand KRW');
        const fees = page.locator('[data-line-key="lecture-fees"]');
        expect(await fees.textContent()).toContain('4,800');
        expect(await fees.textContent()).toContain('50%');
        expect(await page.getByTestId('budget-total-actual').textContent()).toContain('4,800');
        expect(await page.locator('main').textContent()).not.toContain('비공개 메모');
        const problems: string[] = [];
        await checkPage(page, lang, `${lang} ${width} /budget`, problems);
        expect(problems).toEqual([]);
        await page.close();
      });
    }
  }
});
