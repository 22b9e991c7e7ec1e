/**
 * The public schedule with today's marker and each item's status in words, with the browser's clock
 * fixed so the 2020 plan can be seen mid-way, at a Seoul midnight boundary, and as it is today.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { milestones } from '../../src/platform/db/schema/index.js';
import { formatDate } from '../../web/src/lib/format.js';
import { browserAvailable, checkPage, startE2E, type E2E } from './support.js';

const run = browserAvailable();
let e: E2E;
const SHOTS = process.env.SCHEDULE_SHOTS_DIR;

beforeAll(async () => {
  if (run) e = await startE2E();
});
afterAll(async () => {
  await e?.close();
});

/** The status word shown on the list entry whose text contains `title`. */
async function statusOf(page: Page, title: string): Promise<string> {
  const item = page.getByTestId('schedule-item').filter({ hasText: title });
  return ((await item.locator('.sched-status').textContent()) ?? '').replace(/[\u2714\u25B6!\u25CB\u25A0]/g, '').trim();
}

async function openAt(lang: 'ko' | 'en', at: string | null): Promise<Page> {
  const page = await e.newPage(lang);
  if (at) await page.clock.setFixedTime(new Date(at));
  await e.open(page, '/schedule');
  await page.getByTestId('schedule-today').waitFor();
  return page;
}

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(!run)('schedule: today and status', () => {
  // First: a fixed clock stays on the browser context for the rest of the file.
  it('on the real date every 2020 item has ended (none "late": no completion is recorded)', async () => {
    for (const lang of ['ko', 'en'] as const) {
      const page = await openAt(lang, null);
      const words = await page.getByTestId('schedule-item').locator('.sched-status').allTextContents();
      expect(words.length).toBe(9);
      const ended = lang === 'ko' ? '종료' : 'Ended';
      for (const w of words) expect(w).toContain(ended);
      expect(await page.getByTestId('schedule-today').textContent()).toContain(lang === 'ko' ? '모든 기간이 지났습니다' : 'Every period in this schedule is over');
      expect(await page.getByTestId('schedule-today-marker').textContent()).toBe(`${lang === 'ko' ? '오늘' : 'Today'}: ${formatDate(Date.now(), lang)}`);
      // After the whole plan: the marker is last and no line is drawn on a grid that ends in 2020.
      expect(await page.locator('.schedule-list > li').last().getAttribute('data-testid')).toBe('schedule-today-marker');
      expect(await page.locator('.today-line').count()).toBe(0);
      const problems: string[] = [];
      await checkPage(page, lang, `${lang} /schedule today`, problems);
      expect(problems).toEqual([]);
      await shoot(page, `schedule-${lang}-today`);
      await page.close();
    }
  });

  it('mid-2020 in Korean: today marked, ended / running / upcoming in words, axe clean', async () => {
    const page = await openAt('ko', '2020-07-15T03:00:00Z');
    expect(await page.getByTestId('schedule-today').textContent()).toBe('오늘은 2020년 7월 15일 (수)입니다. 일정표의 세로선이 오늘입니다.');
    expect(await page.getByTestId('schedule-today-marker').textContent()).toBe('오늘: 2020년 7월 15일 (수)');
    expect(await statusOf(page, '주요 일정: 학술용역 공모 및 계약')).toBe('종료');
    expect(await statusOf(page, '주요 일정: 학술용역 시행')).toBe('진행 중');
    expect(await statusOf(page, '주요 일정: 시범과정 기획 및 운영')).toBe('진행 중');
    expect(await statusOf(page, '주요 일정: 해외혁신기관 교류 협력 추진')).toBe('예정');
    expect(await statusOf(page, '주요 일정: 중·장기 종합계획 수립')).toBe('예정');
    // The marker sits after the last item that has started and before the first still to come.
    const order = await page.locator('.schedule-list > li').evaluateAll((lis) => lis.map((li) => (li.getAttribute('data-testid') === 'schedule-today-marker' ? 'TODAY' : (li.textContent ?? ''))));
    const at = order.indexOf('TODAY');
    expect(order.slice(0, at).every((t) => !t.includes('예정'))).toBe(true);
    expect(order.slice(at + 1).every((t) => t.includes('예정'))).toBe(true);
    expect(await page.locator('.today-line').count()).toBeGreaterThan(0);
    const problems: string[] = [];
    await checkPage(page, 'ko', 'ko /schedule 2020-07-15', problems);
    expect(problems).toEqual([]);
    await shoot(page, 'schedule-ko-2020-07-15');
    await page.close();
  });

  it('mid-2020 in English, same words in English, axe clean', async () => {
    const page = await openAt('en', '2020-07-15T03:00:00Z');
    expect(await page.getByTestId('schedule-today-marker').textContent()).toBe('Today: Wed 15 Jul 2020');
    expect(await statusOf(page, 'Milestone: Research service tender and contract')).toBe('Ended');
    expect(await statusOf(page, 'Milestone: Research service carried out')).toBe('Running');
    expect(await statusOf(page, 'Milestone: Mid/long-term master plan adopted')).toBe('Upcoming');
    const problems: string[] = [];
    await checkPage(page, 'en', 'en /schedule 2020-07-15', problems);
    expect(problems).toEqual([]);
    await shoot(page, 'schedule-en-2020-07-15');
    await page.close();
  });

  it('counts the day in Seoul: 15:00 UTC on 31 July is already 1 August there', async () => {
    const before = await openAt('en', '2020-07-31T14:59:00Z');
    expect(await statusOf(before, 'Milestone: Research service carried out')).toBe('Running');
    await before.close();
    const after = await openAt('en', '2020-07-31T15:00:00Z');
    expect(await after.getByTestId('schedule-today-marker').textContent()).toBe('Today: Sat 1 Aug 2020');
    expect(await statusOf(after, 'Milestone: Research service carried out')).toBe('Ended');
    await after.close();
  });

  it('an item staff recorded as not done reads "late" once its period is over, and one recorded done reads "done"', async () => {
    const { db } = e.campus.database;
    const [first] = await db.select().from(milestones).where(eq(milestones.position, 0));
    const [second] = await db.select().from(milestones).where(eq(milestones.position, 1));
    await db.update(milestones).set({ done: false }).where(eq(milestones.id, first!.id));
    await db.update(milestones).set({ done: true }).where(eq(milestones.id, second!.id));
    try {
      for (const lang of ['ko', 'en'] as const) {
        const page = await openAt(lang, '2020-07-15T03:00:00Z');
        expect(await statusOf(page, first!.title[lang]!)).toBe(lang === 'ko' ? '지연' : 'Late');
        expect(await statusOf(page, second!.title[lang]!)).toBe(lang === 'ko' ? '완료' : 'Done');
        const problems: string[] = [];
        await checkPage(page, lang, `${lang} /schedule late and done`, problems);
        expect(problems).toEqual([]);
        await page.close();
      }
    } finally {
      await db.update(milestones).set({ done: null });
    }
  });

});
