/**
 * Long staff lists in the browser: an outbox of 300 mails, and the 72 reviewer × application pairs
 * of a call on its assignment page, fifty a page, walked with the keyboard and filtered by text
 * (and by review state); the range and page are announced and axe finds nothing, in ko and en.
 */
import { randomUUID } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/client.js';
import { applications, callReviewers, calls, outboxMessages, reviewAssignments, reviews, users } from '../../src/platform/db/schema/index.js';
import { browserAvailable, checkPage, press, signInViaForm, startE2E, type E2E, type E2EUser } from './support.js';

const run = browserAvailable();
/** How long a page may take to show its list on a busy machine. */
const POLL = { timeout: 20_000 };
let e: E2E;
let staff: E2EUser;
let pairsCallId: string;

/** A closed call with 12 submitted applications and 6 accepted reviewers, every pair made (72), one review submitted. */
async function seedPairs(db: Db): Promise<string> {
  const now = Date.now();
  const callId = uuidv7();
  await db.insert(calls).values({
    id: callId,
    status: 'closed',
    title: { ko: '긴 배정 목록 공모', en: 'Call with many pairs' },
    description: { ko: '설명', en: 'About' },
    programme: '리빙랩',
    opensAt: new Date(now - 72 * 3_600_000),
    closesAt: new Date(now - 3_600_000),
    capacity: 5,
    quotas: [],
    questions: [],
    rubric: { scaleMin: 1, scaleMax: 5, criteria: [{ key: 'impact', label: { ko: '영향', en: 'Impact' }, weight: 1 }] },
    reviewsPerApplication: 2,
  });
  const appIds: string[] = [];
  for (let i = 1; i <= 12; i++) {
    const [u] = await db.insert(users).values({ name: `신청자 ${String(i).padStart(2, '0')}`, email: `pairs-applicant-${randomUUID()}@example.org`, locale: 'ko' }).returning({ id: users.id });
    const id = uuidv7();
    await db.insert(applications).values({ id, callId, userId: u!.id, status: 'submitted', answers: {}, submittedAt: new Date(now - 24 * 3_600_000 + i) });
    appIds.push(id);
  }
  const reviewerIds: string[] = [];
  for (let i = 1; i <= 6; i++) {
    const email = `pairs-reviewer-${randomUUID()}@reviewer${i}.example`;
    const [u] = await db.insert(users).values({ name: `Reviewer ${i}`, email, locale: 'en', emailVerified: true }).returning({ id: users.id });
    const id = uuidv7();
    await db.insert(callReviewers).values({ id, callId, email, userId: u!.id, status: 'accepted', load: 20, respondedAt: new Date(now) });
    reviewerIds.push(id);
  }
  let n = 0;
  const rows = appIds.flatMap((applicationId) => reviewerIds.map((reviewerId) => ({ id: uuidv7(), callId, applicationId, reviewerId, source: 'auto' as const, points: 3, explanation: {}, createdAt: new Date(now - 3_600_000 + ++n * 1000) })));
  await db.insert(reviewAssignments).values(rows);
  await db.insert(reviews).values({ id: uuidv7(), assignmentId: rows[0]!.id, status: 'submitted', scores: { impact: 4 }, total: 75, submittedAt: new Date(now) });
  return callId;
}

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
  pairsCallId = await seedPairs(e.campus.database.db);
}, 300_000);
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
    await expect.poll(() => range.textContent(), POLL).toBe('Page 1 of 6 · 1–50 of 300');
    expect(await table.locator('tbody tr').count()).toBe(50);
    expect(await table.locator('tbody tr').first().textContent()).toContain('person299@example.org');
    const problems: string[] = [];
    await checkPage(page, 'en', 'outbox page 1', problems);
    await page.screenshot({ path: '/tmp/lists-outbox-en.png', fullPage: true });

    const next = page.getByRole('button', { name: 'Next page' });
    for (let p = 2; p <= 6; p++) {
      await press(next);
      await expect.poll(() => range.textContent(), POLL).toBe(`Page ${p} of 6 · ${(p - 1) * 50 + 1}–${p * 50} of 300`);
    }
    expect(await table.locator('tbody tr').last().textContent()).toContain('person0@example.org');
    expect(await next.isDisabled()).toBe(true);
    await press(page.getByRole('button', { name: 'Previous page' }));
    await expect.poll(() => range.textContent(), POLL).toBe('Page 5 of 6 · 201–250 of 300');

    await page.getByLabel('Search recipient or subject').fill('person29');
    // person29, person290…299: 11 mails on one page.
    await expect.poll(() => range.textContent(), POLL).toBe('Page 1 of 1 · 1–11 of 11');
    await page.getByLabel('Search recipient or subject').fill('nobody');
    await page.getByTestId('outbox-table-empty').waitFor();
    await page.close();

    const ko = await e.newPage('ko');
    await e.open(ko, '/admin/review/outbox');
    await expect.poll(() => ko.getByTestId('outbox-table-range').textContent(), POLL).toBe('6쪽 중 1쪽 · 전체 300건 중 1–50');
    await checkPage(ko, 'ko', 'outbox page 1 (ko)', problems);
    await ko.screenshot({ path: '/tmp/lists-outbox-ko.png', fullPage: true });
    expect(problems).toEqual([]);
    await ko.close();
  });
});

describe.runIf(run)('the pairs of a call on its assignment page', () => {
  it('pages through 72 pairs with the keyboard and filters by text and by review state', async () => {
    const page = await e.newPage('en');
    await signInViaForm(page, e.baseUrl, staff.email, staff.password);
    await e.open(page, `/admin/review/calls/${pairsCallId}/assignment`);
    const table = page.getByTestId('pairs-table');
    const range = page.getByTestId('pairs-table-range');
    await expect.poll(() => range.textContent(), POLL).toBe('Page 1 of 2 · 1–50 of 72');
    expect(await table.locator('tbody tr').count()).toBe(50);
    expect(await page.getByTestId('pairs-counts').textContent()).toBe('Not started: 71 · Draft: 0 · Submitted: 1');
    const problems: string[] = [];
    await checkPage(page, 'en', 'assignment page, pairs page 1', problems);

    await press(page.getByRole('button', { name: 'Next page' }));
    await expect.poll(() => range.textContent(), POLL).toBe('Page 2 of 2 · 51–72 of 72');
    expect(await table.locator('tbody tr').count()).toBe(22);
    // Focus stays on the pressed button while the next page arrives (it is disabled on the last page).
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await press(page.getByRole('button', { name: 'Previous page' }));
    await expect.poll(() => range.textContent(), POLL).toBe('Page 1 of 2 · 1–50 of 72');

    await page.getByLabel('Search applicant or reviewer').fill('신청자 07');
    await expect.poll(() => range.textContent(), POLL).toBe('Page 1 of 1 · 1–6 of 6');
    for (const row of await table.locator('tbody tr').allTextContents()) expect(row).toContain('신청자 07');
    await page.getByLabel('Search applicant or reviewer').fill('');
    await expect.poll(() => range.textContent(), POLL).toBe('Page 1 of 2 · 1–50 of 72');
    await page.getByRole('combobox', { name: 'Review state' }).selectOption({ label: 'Submitted' });
    await expect.poll(() => range.textContent(), POLL).toBe('Page 1 of 1 · 1–1 of 1');
    expect(await table.locator('tbody tr').first().textContent()).toContain('Submitted');
    await page.getByLabel('Search applicant or reviewer').fill('nobody');
    await page.getByTestId('pairs-table-empty').waitFor();
    expect(await page.getByTestId('pairs-table-empty').textContent()).toBe('No pair matches the filter.');
    await page.close();

    const ko = await e.newPage('ko');
    await e.open(ko, `/admin/review/calls/${pairsCallId}/assignment`);
    await expect.poll(() => ko.getByTestId('pairs-table-range').textContent(), POLL).toBe('2쪽 중 1쪽 · 전체 72건 중 1–50');
    expect(await ko.getByTestId('pairs-counts').textContent()).toBe('시작 전: 71건 · 작성 중: 0건 · 제출됨: 1건');
    await checkPage(ko, 'ko', 'assignment page, pairs page 1 (ko)', problems);
    await ko.screenshot({ path: '/tmp/lists-pairs-ko.png', fullPage: true });
    expect(problems).toEqual([]);
    await ko.close();
  });
});
