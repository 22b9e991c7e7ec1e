/**
 * A long outbox in the browser: 300 mails, fifty a page, walked with the keyboard to the last page
 * and filtered by text; the range and page are announced and axe finds nothing, in ko and en.
 */
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../src/platform/db/schema/index.js';
import { browserAvailable, checkPage, press, signInViaForm, startE2E, type E2E, type E2EUser } from './support.js';

const run = browserAvailable();
let e: E2E;
let staff: E2EUser;

beforeAll(async () => {
  if (!run) return;
  e = await startE2E();
  staff = await e.createUser(['staff'], 'Outbox Staff');
  const base = Date.UTC(2020, 2, 1);
  await e.campus.database.db.insert(outboxMessages).values(
    Array.from({ length: 300 }, (_, i) => ({
      id: uuidv7(),
      dedupeKey: `e2e-paging:${i}`,
      kind: 'outcome.selected',
      toEmail: `person${i}@example.org`,
      lang: 'ko' as const,
      subject: `선발 안내 ${i}`,
      body: '본문',
      createdAt: new Date(base + i * 60_000),
    })),
  );
}, 120_000);
afterAll(async () => {
  if (run) await e.close();
});

describe.runIf(run)('the outbox with 300 mails', () => {
  it('pages through all of them with the keyboard and filters by text', async () => {
    const page = await e.newPage('en');
    await signInViaForm(page, e.baseUrl, staff.email, staff.password);
    await e.open(page, '/admin/review/outbox');
    const table = page.getByTestId('outbox-table');
    const range = page.getByTestId('outbox-table-range');
    await expect.poll(() => range.textContent()).toBe('Page 1 of 6 · 1–50 of 300');
    expect(await table.locator('tbody tr').count()).toBe(50);
    expect(await table.locator('tbody tr').first().textContent()).toContain('person299@example.org');
    const problems: string[] = [];
    await checkPage(page, 'en', 'outbox page 1', problems);
    await page.screenshot({ path: '/tmp/lists-outbox-en.png', fullPage: true });

    const next = page.getByRole('button', { name: 'Next page' });
    for (let p = 2; p <= 6; p++) {
      await press(next);
      await expect.poll(() => range.textContent()).toBe(`Page ${p} of 6 · ${(p - 1) * 50 + 1}–${p * 50} of 300`);
    }
    expect(await table.locator('tbody tr').last().textContent()).toContain('person0@example.org');
    expect(await next.isDisabled()).toBe(true);
    await press(page.getByRole('button', { name: 'Previous page' }));
    await expect.poll(() => range.textContent()).toBe('Page 5 of 6 · 201–250 of 300');

    await page.getByLabel('Search recipient or subject').fill('person29');
    // person29, person290…299: 11 mails on one page.
    await expect.poll(() => range.textContent()).toBe('Page 1 of 1 · 1–11 of 11');
    await page.getByLabel('Search recipient or subject').fill('nobody');
    await page.getByTestId('outbox-table-empty').waitFor();
    await page.close();

    const ko = await e.newPage('ko');
    await e.open(ko, '/admin/review/outbox');
    await expect.poll(() => ko.getByTestId('outbox-table-range').textContent()).toBe('6쪽 중 1쪽 · 전체 300건 중 1–50');
    await checkPage(ko, 'ko', 'outbox page 1 (ko)', problems);
    await ko.screenshot({ path: '/tmp/lists-outbox-ko.png', fullPage: true });
    expect(problems).toEqual([]);
    await ko.close();
  });
});
