/**
 * Citizens' pages in a real browser, in both languages, signed out: content from the plan, the
 * <html lang> attribute, page titles, the remembered language switch, and zero axe violations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, checkPage, startE2E, type E2E } from './support.js';

const run = browserAvailable();
let e: E2E;

beforeAll(async () => {
  if (run) e = await startE2E();
});
afterAll(async () => {
  await e?.close();
});

const PAGES = ['/', '/plan', '/schedule', '/budget', '/sign-in', '/sign-up', '/setup', '/no-such-page'];

describe.skipIf(!run)('public pages', () => {
  for (const lang of ['ko', 'en'] as const) {
    it(`every public page in ${lang} has the right lang, a title, one h1 and no axe violations`, async () => {
      const page = await e.newPage(lang);
      const problems: string[] = [];
      for (const path of PAGES) {
        await e.open(page, path);
        await checkPage(page, lang, `${lang} ${path}`, problems);
        expect((await page.title()).length, path).toBeGreaterThan(0);
      }
      await page.close();
      expect(problems).toEqual([]);
    });
  }

  it('shows the budget as the plan does: total 204,000 thousand KRW and formulas with their result', async () => {
    const page = await e.newPage('ko');
    await page.goto(`${e.baseUrl}/budget`);
    await expect.poll(() => page.getByTestId('budget-total').textContent()).toContain('204,000');
    const fieldStudy = page.locator('[data-line-key="field-study"]');
    await expect.poll(() => fieldStudy.textContent()).toContain('130,000원 × 3일 × 30명 × 1회');
    expect(await fieldStudy.textContent()).toContain('11,700');
    expect(await page.locator('[data-line-key="pilot"]').textContent()).toContain('72,000');
    await page.close();

    const en = await e.newPage('en');
    await en.goto(`${e.baseUrl}/budget`);
    await expect.poll(() => en.locator('[data-line-key="field-study"]').textContent()).toContain('130,000 KRW × 3 days × 30 people × 1 time');
    await en.close();
  });

  it('shows the plan: vision, three pillars, four work packages and five milestones', async () => {
    const page = await e.newPage('ko');
    await page.goto(`${e.baseUrl}/plan`);
    await expect.poll(() => page.locator('main').textContent()).toContain('혁신 주체 양성을 통한 사회혁신 생태계 활성화');
    const text = (await page.locator('main').textContent()) ?? '';
    for (const s of ['혁신 교육', '혁신 실험', '혁신 교류', 'WP1', 'WP2', 'WP3', 'WP4', '중·장기 종합계획 수립']) expect(text).toContain(s);
    await page.goto(`${e.baseUrl}/schedule`);
    await expect.poll(() => page.locator('main').textContent()).toContain('학술용역 공모 및 계약');
    await page.close();
  });

  it('switches language with a visible control and remembers it', async () => {
    const page = await e.newPage('ko');
    await e.open(page, '/');
    await page.getByRole('button', { name: 'View in English' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.locator('main h1').first().waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('navigation').first().textContent()).toContain('Budget');
    // The switch is labelled in the language it switches to (lang attribute set), as readers expect.
    // Back to Korean for the other tests sharing this browser.
    await page.getByRole('button', { name: '한국어 화면으로 보기' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('ko');
    await page.close();
  });
});
