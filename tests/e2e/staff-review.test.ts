/**
 * Staff review and selection in a real browser, by keyboard: a closed call with six applicants and
 * three accepted reviewers (one sharing an applicant's organisation) is seeded in the database;
 * staff start the automatic assignment and follow its progress to a proven-optimal result with a
 * reason for every pair; reviews are then written for those pairs; staff read the calibrated scores
 * (sorted, with the harsh and the lenient reviewer named), run a selection with one applicant locked
 * in, read each applicant's explanation, replay the run (identical), finalise it and read the
 * outcome messages in the outbox. axe reports no violation on any of these pages, in ko and en.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Locator } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '../../src/core/recruitment/answers.js';
import type { Db } from '../../src/platform/db/client.js';
import { applications, callReviewers, calls, outboxMessages, reviewAssignments, reviews, users } from '../../src/platform/db/schema/index.js';
import { SECTOR_QUESTION } from '../factories/selection.js';
import { browserAvailable, checkPage, expectNoAxe, invisibleFocusStops, press, signInViaForm, startE2E, type E2E, type E2EUser } from './support.js';

const run = browserAvailable();
let e: E2E;
let staff: E2EUser;
let seeded: Seeded;

const HOUR = 3_600_000;

const QUESTIONS: Question[] = [SECTOR_QUESTION, { key: 'organisation', type: 'organisation', required: false, label: { ko: '소속', en: 'Organisation' } }];

/** Applicants in the order of their quality; `base` is what an average reviewer would give. */
const APPLICANTS = [
  { name: '김하늘', sector: 'company', organisation: '하늘상사', base: 90 },
  { name: '이바다', sector: 'public', organisation: '서울시', base: 84 },
  { name: '박산', sector: 'company', organisation: '산업개발', base: 80 },
  { name: '최들', sector: 'university', organisation: '한국대학교', base: 72 },
  { name: '정강', sector: 'civil', organisation: '강살리기모임', base: 66 },
  { name: '윤별', sector: 'public', organisation: '구청', base: 55 },
];

/** Reviewer offsets: the first is harsh, the second lenient. The third works where 이바다 works. */
const REVIEWERS = [
  { name: 'Reviewer Harsh', organisation: '비영리재단', sectors: ['company', 'civil'], offset: -12 },
  { name: 'Reviewer Lenient', organisation: '디자인랩', sectors: ['public', 'university'], offset: 8 },
  { name: 'Reviewer Plain', organisation: '서울시', sectors: ['company', 'public'], offset: 0 },
];

interface Seeded {
  callId: string;
  applicationIds: string[];
  reviewerIds: string[];
}

/**
 * A closed call (k = 2, capacity 3, 1–2 from the public sector), its applicants and accepted
 * reviewers. Applicants write from a public webmail domain, which says nothing about their organisation.
 */
async function seedCall(db: Db): Promise<Seeded> {
  const now = new Date();
  const callId = uuidv7();
  await db.insert(calls).values({
    id: callId,
    status: 'closed',
    title: { ko: '사회혁신 리빙랩 참여자 모집', en: 'Social innovation living lab' },
    description: { ko: '참여자를 모집합니다.', en: 'We are recruiting.' },
    programme: '리빙랩 1기',
    opensAt: new Date(now.getTime() - 72 * HOUR),
    closesAt: new Date(now.getTime() - HOUR),
    capacity: 3,
    quotas: [{ attribute: 'sector', value: 'public', min: 1, max: 2 }],
    questions: QUESTIONS,
    rubric: { scaleMin: 1, scaleMax: 5, criteria: [{ key: 'impact', label: { ko: '영향', en: 'Impact' }, weight: 1 }] },
    reviewsPerApplication: 2,
  });
  const applicationIds: string[] = [];
  for (const a of APPLICANTS) {
    const [u] = await db
      .insert(users)
      .values({ name: a.name, email: `applicant-${randomUUID()}@naver.com`, locale: 'ko' })
      .returning({ id: users.id });
    const id = uuidv7();
    await db.insert(applications).values({
      id,
      callId,
      userId: u!.id,
      status: 'submitted',
      answers: { sector: a.sector, organisation: a.organisation },
      submittedAt: new Date(now.getTime() - 24 * HOUR),
    });
    applicationIds.push(id);
  }
  const reviewerIds: string[] = [];
  for (const [i, r] of REVIEWERS.entries()) {
    // A domain of their own each: a shared institutional domain would be a conflict with everyone.
    const email = `reviewer-${randomUUID()}@reviewer${i}.example`;
    const [u] = await db.insert(users).values({ name: r.name, email, locale: 'en', emailVerified: true }).returning({ id: users.id });
    const id = uuidv7();
    await db.insert(callReviewers).values({ id, callId, email, userId: u!.id, status: 'accepted', organisation: r.organisation, sectors: r.sectors, load: 5, respondedAt: now });
    reviewerIds.push(id);
  }
  return { callId, applicationIds, reviewerIds };
}

/** Each reviewer submits a review for every pair they were given: the applicant's base plus their offset. */
async function seedReviews(db: Db, s: Seeded): Promise<number> {
  const pairs = await db.select().from(reviewAssignments).where(eq(reviewAssignments.callId, s.callId));
  for (const p of pairs) {
    const a = APPLICANTS[s.applicationIds.indexOf(p.applicationId)]!;
    const r = REVIEWERS[s.reviewerIds.indexOf(p.reviewerId)]!;
    const total = Math.max(0, Math.min(100, a.base + r.offset));
    await db.insert(reviews).values({ id: uuidv7(), assignmentId: p.id, status: 'submitted', scores: { impact: 3 }, total, submittedAt: new Date() });
  }
  return pairs.length;
}

/**
 * Chooses an option of a native select with the arrow keys, as a keyboard user would (a closed
 * select changes its value on ArrowDown/ArrowUp in Chromium on Linux and Windows).
 */
async function chooseByKeyboard(select: Locator, option: string | RegExp): Promise<void> {
  const texts = await select.locator('option').allTextContents();
  const target = texts.findIndex((text) => (typeof option === 'string' ? text === option || text.includes(option) : option.test(text)));
  expect(target, `option ${String(option)}`).toBeGreaterThanOrEqual(0);
  const current = await select.evaluate((el) => (el as HTMLSelectElement).selectedIndex);
  await select.focus();
  const key = target > current ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(target - current); i++) await select.press(key);
  expect(await select.evaluate((el) => (el as HTMLSelectElement).selectedIndex)).toBe(target);
}

beforeAll(async () => {
  if (!run) return;
  e = await startE2E();
  staff = await e.createUser(['staff'], 'Park Staff');
  seeded = await seedCall(e.campus.database.db);
});
afterAll(async () => {
  await e?.close();
});

describe.skipIf(!run)('staff review and selection', () => {
  it('runs the assignment with live progress and shows why each pair was made', async () => {
    const page = await e.newPage('en');
    await signInViaForm(page, e.baseUrl, staff.email, staff.password);
    // From the list of calls to the call's assignment page, by keyboard.
    await e.open(page, '/admin/review');
    await press(page.getByRole('link', { name: 'Review assignment' }).first());
    await page.waitForURL(`**/admin/review/calls/${seeded.callId}/assignment`);
    await expect.poll(() => page.getByLabel('Reviewers per application (k)').inputValue()).toBe('2');

    // First ask for three reviewers each: too few slots, and 이바다 has only two reviewers free of conflict.
    const k = page.getByLabel('Reviewers per application (k)');
    await k.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await press(page.getByRole('button', { name: 'Start assignment' }));
    const bar = page.getByRole('progressbar', { name: 'Assignment progress' });
    await bar.waitFor();
    const status = page.getByTestId('run-status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('no assignment meets every condition');
    const infeasible = page.getByTestId('assignment-infeasible');
    await expect.poll(() => infeasible.textContent()).toContain('more review slots needed (18 needed, 15 available)');
    expect(await infeasible.textContent()).toContain('fewer than 3 reviewers free of conflict');

    // Then two: every text the live region shows is recorded, so the test sees progress before the result.
    await status.evaluate((el) => {
      const seen: string[] = [];
      (window as unknown as { seenStatus: string[] }).seenStatus = seen;
      new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, subtree: true, characterData: true });
    });
    await k.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await press(page.getByRole('button', { name: 'Start assignment' }));
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('Done: 12 pairs assigned.');
    expect(await bar.getAttribute('value')).toBe('100');
    const seen = await page.evaluate(() => (window as unknown as { seenStatus: string[] }).seenStatus);
    expect(seen.some((text) => /^(Queued|Running)/.test(text))).toBe(true);
    expect(seen.at(-1)).toBe('Done: 12 pairs assigned.');
    expect(await status.getAttribute('aria-live')).toBe('polite');

    const result = page.getByTestId('assignment-result');
    await expect.poll(() => page.getByTestId('assignment-optimal').textContent()).toBe('Yes, proven optimal');
    expect(Number((await page.getByTestId('assignment-objective').textContent())?.replace(/,/g, ''))).toBeGreaterThan(0);
    expect(await result.textContent()).toContain('k = 2');

    const table = page.getByTestId('pairs-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(12);
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Affinity');
    expect(text).toContain('Candidate');
    expect(text).toContain('Automatic');
    // 이바다 works at 서울시, like Reviewer Plain: that pair is a conflict and never made.
    const 이바다 = table.locator('tr', { hasText: '이바다' });
    expect(await 이바다.count()).toBe(2);
    expect(await 이바다.filter({ hasText: 'Reviewer Plain' }).count()).toBe(0);

    // By hand: the conflicted pair is refused with the server's words, next to the reviewer.
    const applicationSelect = page.getByRole('combobox', { name: 'Application', exact: true });
    const reviewerSelect = page.getByRole('combobox', { name: 'Reviewer', exact: true });
    const reasonInput = page.getByRole('textbox', { name: 'Reason', exact: true });
    await chooseByKeyboard(applicationSelect, '이바다');
    await chooseByKeyboard(reviewerSelect, 'Reviewer Plain');
    await reasonInput.focus();
    await page.keyboard.type('Needs a second public-sector view');
    await press(page.getByRole('button', { name: 'Add pair' }));
    await page.getByRole('alert').filter({ hasText: /conflict/i }).first().waitFor();
    expect(await reviewerSelect.getAttribute('aria-invalid')).toBe('true');
    expect(await table.locator('tbody tr').count()).toBe(12);

    // Remove one pair (with a reason, in a dialog) and add it back by hand.
    const firstRow = table.locator('tbody tr').first();
    const removeButton = firstRow.getByRole('button', { name: /^Remove pair:/ });
    // "Remove pair: <applicant> — <reviewer>"
    const [app, reviewerName] = (await removeButton.getAttribute('aria-label'))!.replace('Remove pair: ', '').split(' — ') as [string, string];
    await press(removeButton);
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const problems: string[] = [];
    await expectNoAxe(page, 'en remove dialog', problems);
    // The reason field has focus when the dialog opens.
    expect(await dialog.getByRole('textbox', { name: 'Reason' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Reviewer asked to swap');
    await press(dialog.getByRole('button', { name: 'Remove pair' }));
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(11);
    await page.getByRole('status').filter({ hasText: 'Removed the pair' }).waitFor();

    await chooseByKeyboard(applicationSelect, app);
    await chooseByKeyboard(reviewerSelect, reviewerName);
    await reasonInput.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Put back after checking');
    await press(page.getByRole('button', { name: 'Add pair' }));
    await expect.poll(() => table.locator('tbody tr').count()).toBe(12);
    expect(await table.locator('tr', { hasText: 'By hand' }).count()).toBe(1);
    expect(await page.getByTestId('assignment-runs').locator('tbody tr').count()).toBe(2);
    expect(await invisibleFocusStops(page, 20)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();

    // Reviews come in for every pair.
    expect(await seedReviews(e.campus.database.db, seeded)).toBe(12);
  });

  it('shows calibrated scores, sortable, and names the harsh and the lenient reviewer', async () => {
    const page = await e.newPage('en');
    await e.open(page, `/admin/review/calls/${seeded.callId}/assignment`);
    await press(page.getByRole('link', { name: 'Scores and calibration', exact: true }));
    await page.waitForURL(`**/scores`);
    const table = page.getByTestId('scores-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(6);
    expect(await table.locator('caption').textContent()).toContain('6 applications');

    const header = page.getByRole('columnheader', { name: /Calibrated score/ });
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const names = () => table.locator('tbody th').allTextContents();
    expect((await names())[0]).toContain('김하늘');
    expect((await names())[5]).toContain('윤별');
    await press(page.getByTestId('sort-calibrated'));
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect((await names())[0]).toContain('윤별');
    expect(await page.getByRole('columnheader', { name: /Raw mean/ }).getAttribute('aria-sort')).toBeNull();

    const offsets = page.getByTestId('offsets-table');
    expect(await offsets.locator('tr', { hasText: 'Reviewer Harsh' }).textContent()).toMatch(/\u2212\d+\.\d.*Harsh/);
    expect(await offsets.locator('tr', { hasText: 'Reviewer Lenient' }).textContent()).toMatch(/\+\d+\.\d.*Lenient/);
    expect(await offsets.locator('tr', { hasText: 'Reviewer Plain' }).textContent()).toContain('Close to average');
    expect(await page.locator('main').textContent()).toContain('What the calibrated score is');
    // Every stop in the page shows where focus is and is at least 24 px.
    expect(await invisibleFocusStops(page, 10)).toEqual([]);
    await page.close();
  });

  it('runs a selection with a lock, explains it, replays it identically and finalises it', async () => {
    const page = await e.newPage('en');
    await e.open(page, `/admin/review/calls/${seeded.callId}/selection`);
    const applicant = page.getByRole('combobox', { name: 'Applicant', exact: true });
    const direction = page.getByRole('combobox', { name: 'Lock', exact: true });
    await expect.poll(() => applicant.locator('option').count()).toBe(7);
    const lock = async (name: string, way: 'in' | 'out') => {
      await chooseByKeyboard(applicant, name);
      await chooseByKeyboard(direction, way === 'in' ? 'Lock in' : 'Lock out');
      await press(page.getByTestId('add-lock'));
    };
    // Both public-sector applicants locked out: the quota's minimum of one cannot be met, and the run says so.
    await lock('이바다', 'out');
    await lock('윤별', 'out');
    await press(page.getByRole('button', { name: 'Run selection' }));
    await expect.poll(() => page.getByTestId('selection-status').textContent(), { timeout: 30_000 }).toContain('Infeasible');
    expect(await page.getByTestId('selection-reasons').textContent()).toMatch(/public/i);
    expect(await page.getByTestId('finalise').count()).toBe(0);
    await press(page.getByRole('button', { name: 'Unlock 이바다' }));
    await press(page.getByRole('button', { name: 'Unlock 윤별' }));
    await page.getByTestId('locks').waitFor({ state: 'detached' });

    // Lock in the weakest applicant instead.
    await lock('정강', 'in');
    await page.getByTestId('locks').getByText('정강: locked in').waitFor();
    await page.getByRole('status').filter({ hasText: 'Locked in 정강.' }).waitFor();
    expect(await applicant.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByLabel('Seed (optional)').focus();
    await page.keyboard.type('e2e-cohort');
    await press(page.getByRole('button', { name: 'Run selection' }));
    const view = page.getByTestId('selection-run');
    await expect.poll(() => page.getByTestId('selection-status').textContent(), { timeout: 30_000 }).toBe('Optimal (proven).');
    await page.getByRole('status').filter({ hasText: 'Selection run finished' }).waitFor();
    expect(await view.textContent()).toContain('seed e2e-cohort');

    const rows = page.getByTestId('applicants-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(6);
    const row = (name: string) => rows.filter({ hasText: name });
    expect(await row('정강').getAttribute('data-status')).toBe('selected');
    expect(await row('정강').textContent()).toMatch(/lock/i);
    expect(await row('김하늘').getAttribute('data-status')).toBe('selected');
    // Capacity 3 with 정강 locked in and at least one public applicant: 이바다 is selected by the quota's minimum or by score.
    expect(await row('이바다').getAttribute('data-status')).toBe('selected');
    expect(await row('박산').getAttribute('data-status')).toBe('waitlisted');
    expect(await row('박산').textContent()).toMatch(/\u2212\d/);
    const quota = page.getByTestId('quota-table');
    expect(await quota.locator('tbody tr').count()).toBe(1);
    expect(await quota.locator('tbody tr td').nth(3).textContent()).toBe('1');
    expect(await page.getByTestId('cut-score').textContent()).toMatch(/\d+\.\d/);

    await press(page.getByTestId('replay'));
    await page.getByRole('status').filter({ hasText: 'Replay: identical to the stored result.' }).waitFor();

    await press(page.getByTestId('finalise'));
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const problems: string[] = [];
    await expectNoAxe(page, 'en finalise dialog', problems);
    // Cancel has focus first: Enter never finalises by accident.
    expect(await dialog.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await press(dialog.getByRole('button', { name: 'Finalise and send outcomes' }));
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'Finalised: 3 selected' }).waitFor();
    await page.getByTestId('finalised-note').waitFor();
    expect(await page.getByTestId('finalise').count()).toBe(0);
    expect(await page.getByTestId('selection-runs').locator('tbody tr').count()).toBe(2);
    expect(problems).toEqual([]);

    const [call] = await e.campus.database.db.select().from(calls).where(eq(calls.id, seeded.callId));
    expect(call!.finalisedRunId).not.toBeNull();
    expect(await invisibleFocusStops(page, 12)).toEqual([]);
    await press(page.getByTestId('outbox-link'));
    await page.waitForURL('**/admin/review/outbox');
    await page.close();
  });

  it('shows the outcome messages in the outbox, each readable', async () => {
    const messages = await e.campus.database.db.select().from(outboxMessages);
    expect(messages.filter((m) => m.kind.startsWith('outcome.')).length).toBe(6);
    const page = await e.newPage('en');
    await e.open(page, '/admin/review/outbox');
    const table = page.getByTestId('outbox-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(messages.length);
    expect(await table.textContent()).toContain('Outcome: selected');
    await press(table.getByRole('button', { name: /^Read message:/ }).first());
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect((await dialog.getByTestId('outbox-body').textContent())?.length).toBeGreaterThan(10);
    const problems: string[] = [];
    await expectNoAxe(page, 'en outbox dialog', problems);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
    await page.close();
  });

  for (const lang of ['ko', 'en'] as const) {
    it(`every review page in ${lang}: right language, one h1, no axe violations`, async () => {
      const page = await e.newPage(lang);
      const problems: string[] = [];
      const paths = [
        '/admin/review',
        `/admin/review/calls/${seeded.callId}/assignment`,
        `/admin/review/calls/${seeded.callId}/scores`,
        `/admin/review/calls/${seeded.callId}/selection`,
        '/admin/review/outbox',
        '/admin/review/nothing-here',
      ];
      for (const path of paths) {
        await e.open(page, path);
        // Wait for the page's data (tables), not only its heading.
        if (path.endsWith('/assignment')) await page.getByTestId('pairs-table').waitFor();
        if (path.endsWith('/scores')) await page.getByTestId('scores-table').waitFor();
        if (path.endsWith('/selection')) await page.getByTestId('applicants-table').waitFor();
        if (path.endsWith('/outbox')) await page.getByTestId('outbox-table').waitFor();
        await checkPage(page, lang, `${lang} ${path}`, problems);
        if (path.endsWith('/assignment')) {
          // The earlier, infeasible run's result with what to change.
          await press(page.getByTestId('assignment-runs').locator('tbody tr').nth(1).getByRole('button'));
          await page.getByTestId('assignment-infeasible').waitFor();
          await expectNoAxe(page, `${lang} ${path} infeasible result`, problems);
        }
        if (path.endsWith('/outbox')) {
          await press(page.getByTestId('outbox-table').getByRole('button').first());
          await page.getByRole('dialog').waitFor();
          await expectNoAxe(page, `${lang} ${path} message dialog`, problems);
          await page.keyboard.press('Escape');
          await page.getByRole('dialog').waitFor({ state: 'hidden' });
        }
      }
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain(lang === 'ko' ? '페이지를 찾을 수 없습니다' : 'Page not found');
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
