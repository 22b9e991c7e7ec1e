/**
 * The staff completion page in a real browser, by keyboard. Seeded in the database: a top-innovator
 * cohort (at least 50 % attendance, the field study, an experiment report) whose three sessions are
 * over, with three members — two complete, one who missed the field study and has no report. Staff
 * see every member against each rule (met or not in words, not colour) with the cohort's totals,
 * issue the certificates, then correct one holder's field study to absent: the attendance page warns
 * that the certificate is no longer supported, the completion page flags it in both tables, and staff
 * revoke it from the member's row with a reason. axe reports no violation, in Korean and English.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/client.js';
import { attendance, cohorts, courseSessions, enrolments, experimentReports, programmes, users } from '../../src/platform/db/schema/index.js';
import { axeViolations, browserAvailable, dataLoaded, signInViaForm, startE2E, type E2E } from './support.js';

const run = browserAvailable();
let e: E2E;
let staff: { email: string; password: string; name: string };
let seeded: Seeded;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Seeded {
  cohortId: string;
  lectureIds: string[];
  fieldId: string;
  /** Complete: every session and a report. */
  garam: { id: string; name: string };
  /** Complete: one lecture, the field study and a report. */
  bada: { id: string; name: string };
  /** Not complete: one lecture only, no report. */
  seojun: { id: string; name: string };
}

async function seed(db: Db): Promise<Seeded> {
  const programmeId = uuidv7();
  await db.insert(programmes).values({
    id: programmeId,
    kind: 'top_innovator',
    title: { ko: '최고혁신가 과정 (수료 시험)', en: 'Top innovator course (completion test)' },
    description: { ko: '시험용', en: 'For tests' },
    completionRule: { minAttendanceRate: 0.5, requiredSessionTypes: ['field_study'], requireExperimentReport: true },
  });
  const now = Date.now();
  const cohortId = uuidv7();
  await db.insert(cohorts).values({
    id: cohortId,
    programmeId,
    title: { ko: '최고혁신가 수료 시험 기수', en: 'Top innovators completion cohort' },
    place: { ko: '서울혁신파크', en: 'Seoul Innovation Park' },
    startsOn: new Date(now - 10 * DAY).toISOString().slice(0, 10),
    endsOn: new Date(now + 10 * DAY).toISOString().slice(0, 10),
    capacity: 20,
    enrolmentMode: 'open',
    status: 'published',
  });
  const session = async (type: 'lecture' | 'field_study', ko: string, en: string, startsAt: number, position: number) => {
    const id = uuidv7();
    await db.insert(courseSessions).values({
      id,
      cohortId,
      type,
      title: { ko, en },
      durationMinutes: 180,
      days: 1,
      startsAt: new Date(startsAt),
      endsAt: new Date(startsAt + 3 * HOUR),
      position,
      checkinSecret: randomBytes(32).toString('base64url'),
    });
    return id;
  };
  const lectureIds = [await session('lecture', '혁신 개론', 'Introduction to innovation', now - 6 * DAY, 0), await session('lecture', '리빙랩 방법론', 'Living lab methods', now - 4 * DAY, 1)];
  const fieldId = await session('field_study', '현장 탐방', 'Field visit', now - 2 * DAY, 2);

  const person = async (name: string) => {
    const [u] = await db.insert(users).values({ name, email: `member-${randomUUID()}@example.org`, locale: 'ko', emailVerified: true }).returning({ id: users.id });
    await db.insert(enrolments).values({ id: uuidv7(), cohortId, userId: u!.id, status: 'enrolled' });
    return { id: u!.id, name };
  };
  const garam = await person('한가람');
  const bada = await person('이바다');
  const seojun = await person('박서준');
  const present = async (userId: string, sessionId: string) => {
    await db.insert(attendance).values({ id: uuidv7(), sessionId, userId, status: 'present', method: 'code', at: new Date(now - 3 * DAY) });
  };
  for (const s of [...lectureIds, fieldId]) await present(garam.id, s);
  await present(bada.id, lectureIds[0]!);
  await present(bada.id, fieldId);
  await present(seojun.id, lectureIds[0]!);
  for (const p of [garam, bada]) await db.insert(experimentReports).values({ id: uuidv7(), cohortId, userId: p.id, title: '골목 실험', summary: '수거 시간을 바꿔 보았습니다.' });
  return { cohortId, lectureIds, fieldId, garam, bada, seojun };
}

/** Presses a control with the keyboard, as a keyboard-only user would: focus it, then Enter. */
async function press(target: Locator): Promise<void> {
  await target.focus();
  await target.press('Enter');
}

async function expectNoAxe(page: Page, label: string, problems: string[]): Promise<void> {
  await dataLoaded(page);
  for (const v of await axeViolations(page)) problems.push(`${label}: ${v}`);
}

async function openPage(page: Page, path: string): Promise<void> {
  await page.goto(`${e.baseUrl}${path}`);
  await page.locator('main h1').first().waitFor();
}

const completionPath = () => `/admin/courses/cohorts/${seeded.cohortId}/completion`;
const memberRow = (page: Page, userId: string) => page.getByTestId('completion-members').locator(`tr[data-user-id="${userId}"]`);
const total = async (page: Page, key: string) => (await page.getByTestId('completion-totals').locator(`[data-total="${key}"] dd`).textContent())?.trim();

/** Corrects a member's attendance at a session through the attendance page's dialog. */
async function correct(page: Page, sessionId: string, userId: string, status: 'present' | 'absent' | 'excused', reason: string): Promise<void> {
  await openPage(page, `/admin/courses/sessions/${sessionId}/attendance`);
  const row = page.getByTestId('attendance-table').locator(`tr[data-user-id="${userId}"]`);
  await press(row.getByRole('button'));
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.locator('#correct-status').selectOption(status);
  await dialog.locator('#correct-reason').focus();
  await page.keyboard.type(reason);
  await press(dialog.locator('button[type="submit"]'));
  await dialog.waitFor({ state: 'hidden' });
}

beforeAll(async () => {
  if (!run) return;
  e = await startE2E();
  staff = await e.createUser(['staff'], 'Completion Staff');
  seeded = await seed(e.campus.database.db);
});
afterAll(async () => {
  await e?.close();
});

describe.skipIf(!run)('staff completion page', () => {
  it('shows every member against each rule, in words, with the totals, and issues certificates', async () => {
    const page = await e.newPage('en');
    await signInViaForm(page, e.baseUrl, staff.email, staff.password);
    await openPage(page, completionPath());
    const table = page.getByTestId('completion-members');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(3);
    const headers = (await table.locator('thead th').allTextContents()).map((h) => h.trim());
    expect(headers).toEqual(['Name', 'Attendance of at least 50%', 'Every “Field study” session', 'Experiment report', 'Certificate']);

    // Met or not is said in words (the ✓ and ✗ are decoration, hidden from assistive technology).
    const seojun = memberRow(page, seeded.seojun.id);
    // Every session is over: one of three attended, two needed — out of reach, like the field study.
    expect(await seojun.locator('[data-rule="attendance"]').textContent()).toContain('Cannot be met any more1 of 3 attended (33%); 2 needed: 1 more, and no sessions are left.');
    expect(await seojun.locator('[data-rule="type-field_study"]').textContent()).toContain('Cannot be met any more');
    expect(await seojun.locator('[data-rule="type-field_study"]').textContent()).toContain('0 of 1 attended');
    expect(await seojun.locator('[data-rule="experiment_report"]').textContent()).toContain('Not yetNot submitted.');
    expect(await seojun.getByTestId('member-certificate').textContent()).toBe('Not complete: 0 of 3 rules met');
    const garam = memberRow(page, seeded.garam.id);
    expect(await garam.locator('[data-rule="attendance"]').textContent()).toContain('Met3 of 3 attended (100%); 2 needed.');
    expect(await garam.getByTestId('member-certificate').textContent()).toBe('Complete; no certificate yet');
    expect(await page.locator('[data-rule="attendance"] [aria-hidden="true"]').first().textContent()).toMatch(/^[✓✗]/);
    expect([await total(page, 'members'), await total(page, 'complete'), await total(page, 'not-complete'), await total(page, 'ready')]).toEqual(['3', '2', '1', '2']);
    const problems: string[] = [];
    await expectNoAxe(page, 'en completion before issuing', problems);
    // The list filters on the server by one of the totals; the totals stay those of the cohort.
    await page.getByTestId('completion-filter').selectOption({ label: 'Not complete yet' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').first().getAttribute('data-user-id')).toBe(seeded.seojun.id);
    expect(await total(page, 'members')).toBe('3');
    await page.getByTestId('completion-filter').selectOption({ label: 'All members' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('issue-certificates').textContent()).toBe('Issue certificates to everyone ready (2 people)');

    await press(page.getByTestId('issue-certificates'));
    const certificates = page.getByTestId('certificates-table');
    await expect.poll(() => certificates.locator('tbody tr').count()).toBe(2);
    await expect.poll(() => memberRow(page, seeded.bada.id).getByTestId('member-certificate').textContent()).toMatch(/^Complete: certificate OC-/);
    expect(await total(page, 'certified')).toBe('2');
    expect(await page.getByTestId('stale-certificates').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('warns after a correction that leaves a certificate unsupported, and flags it on the completion page', async () => {
    const page = await e.newPage('en');
    await correct(page, seeded.fieldId, seeded.bada.id, 'absent', 'Not at the field visit after all');
    const warning = page.getByTestId('certificate-warning');
    await warning.waitFor();
    expect(await warning.getAttribute('role')).toBe('alert');
    expect(await warning.textContent()).toMatch(/After this correction 이바다 no longer meets the completion rules, but certificate OC-\d{4}-TI-\d{4} was already issued/);
    const problems: string[] = [];
    await expectNoAxe(page, 'en attendance with certificate warning', problems);

    // The warning's link leads to the completion page, where the certificate is flagged twice.
    await press(warning.getByRole('link'));
    await page.getByTestId('completion-members').waitFor();
    const bada = memberRow(page, seeded.bada.id);
    expect(await bada.getAttribute('data-unsupported')).toBe('true');
    expect(await bada.locator('[data-rule="type-field_study"]').textContent()).toContain('Cannot be met any more');
    expect(await bada.getByTestId('member-certificate').textContent()).toContain('is no longer supported: the rules are not met any more. It stays valid until revoked.');
    expect(await page.getByTestId('stale-certificates').textContent()).toContain('1 valid certificate belongs to a member who no longer meets the rules');
    const certRow = page.getByTestId('certificates-table').locator('tr', { hasText: seeded.bada.name });
    expect(await certRow.getByTestId('certificate-status').textContent()).toBe('Valid⚠ No longer meets the rules');
    // Only this one: the other holder still meets the rules.
    expect(await page.getByTestId('certificates-table').locator('tr[data-unsupported]').count()).toBe(1);
    expect([await total(page, 'complete'), await total(page, 'unsupported')]).toEqual(['1', '1']);
    await expectNoAxe(page, 'en completion with a flagged certificate', problems);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('has no axe violations in Korean, with the flag and the warning showing', async () => {
    const page = await e.newPage('ko');
    const problems: string[] = [];
    await openPage(page, completionPath());
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await page.getByTestId('completion-members').waitFor();
    expect(await page.getByTestId('stale-certificates').textContent()).toContain('기준을 충족하지 않는 수료증');
    expect(await memberRow(page, seeded.bada.id).getByTestId('member-certificate').textContent()).toContain('더 이상 수료 기준을 충족하지 않습니다');
    await expectNoAxe(page, 'ko completion', problems);
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `/tmp/hlists-completion-ko-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // Excused from the second lecture: attendance is met again, the field study still is not.
    await correct(page, seeded.lectureIds[1]!, seeded.bada.id, 'excused', '병가 확인서 제출');
    const warning = page.getByTestId('certificate-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('이바다 님은 여전히 수료 기준을 충족하지 않으며');
    await expectNoAxe(page, 'ko attendance with certificate warning', problems);

    // A correction that leaves the certificate supported, or touches someone without one, warns nothing.
    await correct(page, seeded.lectureIds[1]!, seeded.seojun.id, 'present', '종이 명부 확인');
    await page.getByTestId('attendance-table').waitFor();
    expect(await page.getByTestId('certificate-warning').count()).toBe(0);
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `/tmp/hlists-attendance-ko-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('revokes the flagged certificate from the member’s row with a reason', async () => {
    const page = await e.newPage('en');
    await openPage(page, completionPath());
    const bada = memberRow(page, seeded.bada.id);
    await bada.waitFor();
    await press(bada.getByRole('button', { name: /^Revoke certificate OC-\d{4}-TI-\d{4} of 이바다$/ }));
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type('Field visit missed; attendance corrected after issue');
    await press(dialog.getByRole('button', { name: 'Revoke certificate' }));
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => bada.getByTestId('member-certificate').textContent()).toMatch(/^Certificate OC-\d{4}-TI-\d{4} revoked$/);
    expect(await bada.getAttribute('data-unsupported')).toBeNull();
    expect(await page.getByTestId('stale-certificates').count()).toBe(0);
    expect(await page.getByTestId('certificates-table').locator('tr', { hasText: seeded.bada.name }).getByTestId('certificate-status').textContent()).toContain('Revoked');
    const problems: string[] = [];
    await expectNoAxe(page, 'en completion after revoking', problems);
    expect(problems).toEqual([]);
    await page.close();
  });
});
