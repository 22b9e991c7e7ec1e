/**
 * Staff run a call in a real browser, by keyboard: build a call with the form builder (basic facts,
 * window in Seoul time, capacity, a quota, a consent item, three kinds of question including a
 * choice question with options), see the server's refusal next to its field and fix it, publish and
 * find it on the public calls page; list its applications and export them with a reason; set the
 * rubric and invite a reviewer. Every staff call page has zero axe violations in Korean and English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveMyApplication, submitMyApplication } from '../../src/modules/recruitment/use-cases.js';
import { axeViolations, browserAvailable, checkPage, dataLoaded, settled, signInViaForm, startE2E, type E2E, type E2EUser } from './support.js';

const run = browserAvailable();
let e: E2E;
let staff: E2EUser;
let callId = '';

const TITLE_KO = '2026 시민 혁신가 모집';
const TITLE_EN = '2026 Citizen innovators';

/** 'YYYY-MM-DDTHH:mm' in Seoul for an instant, as a datetime-local input holds it. */
const seoulLocal = (d: Date) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 16);

beforeAll(async () => {
  if (!run) return;
  e = await startE2E();
  staff = await e.createUser(['staff'], 'Park Staff');
});
afterAll(async () => {
  await e?.close();
});

async function press(page: Page, name: string | RegExp): Promise<void> {
  const button = page.getByRole('button', { name, exact: typeof name === 'string' });
  await button.focus();
  await page.keyboard.press('Enter');
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  const input = page.locator(selector);
  await input.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe.skipIf(!run)('staff call pages', () => {
  it('staff build a call by keyboard, fix a refusal, publish it and find it on the public page', async () => {
    const page = await e.newPage('en');
    await signInViaForm(page, e.baseUrl, staff.email, staff.password);
    const navLink = page.getByRole('navigation', { name: 'Admin menu' }).getByRole('link', { name: 'Calls' });
    await navLink.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Calls for applications' }).waitFor();
    await page.getByRole('link', { name: 'New call' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New call' }).waitFor();

    // Basic facts; the window is given in Seoul time.
    await typeInto(page, '#f-title', TITLE_KO);
    await typeInto(page, '#f-title-en', TITLE_EN);
    await typeInto(page, '#f-description', '도시 문제를 함께 풀 시민 혁신가를 모집합니다.');
    await typeInto(page, '#f-programme', '시민 혁신 과정 1기');
    // The editor is in steps: basics, then dates, which creates the draft.
    await press(page, 'Next');
    await page.locator('#step-dates-heading').waitFor();
    const now = new Date();
    await page.locator('#f-opensAt').fill(seoulLocal(new Date(now.getTime() - 3_600_000)));
    await page.locator('#f-closesAt').fill(seoulLocal(new Date(now.getTime() + 7 * 86_400_000)));
    await typeInto(page, '#f-capacity', '2');
    await press(page, 'Save as draft');
    await page.waitForURL(/\/admin\/calls\/[0-9a-f-]{36}$/);
    callId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('created as a draft');
    await page.getByRole('heading', { level: 1, name: `Edit call: ${TITLE_EN}` }).waitFor();
    await page.locator('#step-questions-heading').waitFor();

    // Question 1: a sector question, which comes with the four sectors filled in.
    await press(page, 'Add question');
    await expect.poll(() => activeId(page)).toMatch(/^question-type-/);
    await page.locator(':focus').selectOption('sector');
    await typeInto(page, '#f-questions-0-label', '분야');
    await typeInto(page, '#f-questions-0-label-en', 'Sector');
    await page.locator('#f-questions-0-required').focus();
    await page.keyboard.press('Space');

    // Question 2: long text with a length limit.
    await press(page, 'Add question');
    await expect.poll(() => activeId(page)).toMatch(/^question-type-/);
    await page.locator(':focus').selectOption('long_text');
    await typeInto(page, '#f-questions-1-label', '지원 동기');
    await typeInto(page, '#f-questions-1-label-en', 'Motivation');
    await typeInto(page, '#f-questions-1-maxLength', '500');

    // Question 3: multiple choice with two options and a limit on picks.
    await press(page, 'Add question');
    await page.locator(':focus').selectOption('multiple_choice');
    await typeInto(page, '#f-questions-2-label', '관심 주제');
    await typeInto(page, '#f-questions-2-label-en', 'Topics');
    await typeInto(page, '#f-questions-2-options-0-label', '주거');
    await typeInto(page, '#f-questions-2-options-0-label-en', 'Housing');
    await press(page, 'Add an option to question 3');
    // Focus lands on the new option's Korean label, ready to type.
    await expect.poll(() => activeId(page)).toBe('f-questions-2-options-1-label');
    await page.keyboard.type('교통');
    await typeInto(page, '#f-questions-2-options-1-label-en', 'Mobility');
    await typeInto(page, '#f-questions-2-maxChoices', '2');

    // Reordering by buttons: up and back down, focus staying on the moved question's button.
    await press(page, 'Move Question 3 up');
    await expect.poll(() => page.locator('li[data-question-key]').nth(1).locator('legend').first().textContent()).toContain('Question 2: 관심 주제');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Move Question 2 up');
    await press(page, 'Move Question 2 down');
    await expect.poll(() => page.locator('li[data-question-key]').evaluateAll((els) => els.map((el) => el.getAttribute('data-question-key')))).toEqual(['sector', 'motivation', 'topics']);

    await press(page, 'Save and continue');
    await page.locator('#step-consent-heading').waitFor();
    const sectorOptions = ((await (await page.request.get(`${e.baseUrl}/api/v1/admin/calls/${callId}`)).json()) as { questions: { options?: { value: string }[] }[] }).questions[0]!.options!;
    expect(sectorOptions[1]!.value).toBe('public');

    // A required PIPA consent item with its four parts.
    await press(page, 'Add consent item');
    await expect.poll(() => activeId(page)).toBe('f-consentItems-0-purpose');
    await page.keyboard.type('선발 심사');
    await typeInto(page, '#f-consentItems-0-items', '이름, 연락처, 답변');
    await typeInto(page, '#f-consentItems-0-retention', '선발 후 1년');
    await typeInto(page, '#f-consentItems-0-refusal', '동의하지 않으면 지원할 수 없습니다.');
    await press(page, 'Save and continue');
    await page.locator('#step-quotas-heading').waitFor();

    // A quota whose minimum is above the capacity: only the server knows to refuse it.
    await press(page, 'Add quota');
    await expect.poll(() => activeId(page)).toBe('f-quotas-0-attribute');
    await page.locator(':focus').selectOption('sector');
    await page.locator('#f-quotas-0-value').selectOption('public');
    await typeInto(page, '#f-quotas-0-min', '3');

    await press(page, 'Save and continue');
    const summary = page.getByRole('alert').filter({ hasText: 'Quota 1 minimum' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain("more than the call's capacity");
    expect(await page.locator('#f-quotas-0-min').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))).toBe(true);
    await dataLoaded(page);
    expect(await axeViolations(page)).toEqual([]);

    // The summary's link leads to the field; fix it and save.
    await summary.getByRole('link').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => activeId(page)).toBe('f-quotas-0-min');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('1');
    await press(page, 'Save and continue');
    await page.locator('#step-cohort-heading').waitFor();

    const saved = (await (await page.request.get(`${e.baseUrl}/api/v1/admin/calls/${callId}`)).json()) as Record<string, unknown>;
    expect(saved).toMatchObject({
      status: 'draft',
      title: { ko: TITLE_KO, en: TITLE_EN },
      capacity: 2,
      quotas: [{ attribute: 'sector', value: 'public', min: 1 }],
      consentItems: [{ key: 'consent_1', required: true, purpose: { ko: '선발 심사' } }],
    });
    expect((saved.questions as { key: string; type: string }[]).map((q) => [q.key, q.type])).toEqual([
      ['sector', 'sector'],
      ['motivation', 'long_text'],
      ['topics', 'multiple_choice'],
    ]);
    expect((saved.opensAt as string).endsWith('Z') || (saved.opensAt as string).includes('+')).toBe(true);

    // Publishing asks first; Cancel has focus, the confirm button is one Tab away.
    await press(page, 'Publish');
    const dialog = page.getByRole('dialog', { name: 'Publish this call?' });
    await dialog.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Cancel');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('.oc-call-status').first().textContent()).toBe('Published');

    await page.goto(`${e.baseUrl}/calls`);
    await page.getByRole('link', { name: TITLE_EN }).waitFor();
    await page.close();
  });

  it('lists applications and exports them only with a reason, which is logged', async () => {
    expect(callId).not.toBe('');
    const applicant = await e.createUser([], 'Lee Applicant');
    const db = e.campus.database.db;
    await saveMyApplication(db, applicant.id, callId, { answers: { sector: 'public', motivation: '함께 하고 싶습니다.', topics: ['housing'] }, consents: [{ key: 'consent_1', granted: true }] }, new Date());
    await submitMyApplication(db, applicant.id, callId, new Date());

    const page = await e.newPage('en');
    await page.goto(`${e.baseUrl}/admin/calls/${callId}`);
    const tab = page.getByRole('navigation', { name: 'Call pages' }).getByRole('link', { name: 'Applications' });
    await tab.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Applications: ${TITLE_EN}` }).waitFor();
    const table = page.getByTestId('applications-table');
    await expect.poll(() => table.textContent()).toContain('Lee Applicant');
    expect(await table.textContent()).toContain('Submitted');

    await press(page, 'Download as Excel (XLSX)');
    const dialog = page.getByRole('dialog', { name: 'Download applications as Excel' });
    await dialog.waitFor();
    await expect.poll(() => activeId(page)).toBe('export-reason');
    await page.keyboard.type('why');
    await dialog.getByRole('button', { name: 'Download' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#export-reason').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.textContent()).toContain('at least 5 characters');
    await dataLoaded(page);
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('#export-reason').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('1차 서류 심사 자료 준비');
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).focus();
    await page.keyboard.press('Enter');
    const file = await downloading;
    expect(file.suggestedFilename()).toBe(`open-campus-applications-${callId}-en.xlsx`);
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('download has started');

    const logged = await db.query.accessLog.findMany();
    expect(logged.some((a) => a.reason === '1차 서류 심사 자료 준비')).toBe(true);
    await page.close();
  });

  it('sets the rubric and invites a reviewer', async () => {
    expect(callId).not.toBe('');
    const page = await e.newPage('en');
    await page.goto(`${e.baseUrl}/admin/calls/${callId}/applications`);
    const tab = page.getByRole('navigation', { name: 'Call pages' }).getByRole('link', { name: 'Review setup' });
    await tab.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Review setup: ${TITLE_EN}` }).waitFor();
    await page.getByRole('button', { name: 'Add criterion' }).waitFor();

    await press(page, 'Add criterion');
    await expect.poll(() => activeId(page)).toBe('f-rubric-criteria-0-label');
    await page.keyboard.type('파급력');
    await typeInto(page, '#f-rubric-criteria-0-label-en', 'Impact');
    await typeInto(page, '#f-rubric-criteria-0-weight', '2');
    await press(page, 'Add criterion');
    await expect.poll(() => activeId(page)).toBe('f-rubric-criteria-1-label');
    await page.keyboard.type('실현 가능성');
    await expect.poll(() => page.locator('main').textContent()).toContain('66.7% of the total');
    await typeInto(page, '#f-reviewsPerApplication', '2');
    await page.locator('#f-blindReview').focus();
    await page.keyboard.press('Space');
    await press(page, 'Save review settings');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Review settings saved');
    const settings = (await (await page.request.get(`${e.baseUrl}/api/v1/admin/calls/${callId}/review-settings`)).json()) as Record<string, unknown>;
    expect(settings).toMatchObject({
      reviewsPerApplication: 2,
      blindReview: true,
      rubric: { scaleMin: 1, scaleMax: 5, criteria: [{ key: 'criterion_1', label: { ko: '파급력', en: 'Impact' }, weight: 2 }, { key: 'criterion_2', label: { ko: '실현 가능성' }, weight: 1 }] },
    });

    await typeInto(page, '#reviewer-email', 'reviewer@univ.example.org');
    await typeInto(page, '#invite-organisation', '서울대학교');
    await page.getByRole('checkbox', { name: 'Universities' }).focus();
    await page.keyboard.press('Space');
    await typeInto(page, '#invite-topics', 'housing, mobility');
    await typeInto(page, '#invite-load', '5');
    await press(page, 'Invite');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Invited reviewer@univ.example.org');
    // Focus returns to the e-mail field for the next invitation.
    await expect.poll(() => activeId(page)).toBe('reviewer-email');
    const reviewers = page.getByTestId('reviewers-table');
    await expect.poll(() => reviewers.textContent()).toContain('reviewer@univ.example.org');
    expect(await reviewers.textContent()).toContain('Invited');
    expect(await reviewers.textContent()).toContain('housing, mobility');

    // A reviewer sharing the applicant's institutional e-mail domain is a detected conflict.
    await page.keyboard.type('colleague@example.org');
    await press(page, 'Invite');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Invited colleague@example.org');
    const conflicts = page.getByTestId('conflicts-table');
    await expect.poll(() => conflicts.textContent()).toContain('Lee Applicant');
    expect(await conflicts.textContent()).toContain('colleague@example.org');
    expect(await conflicts.textContent()).toContain('example.org');

    // Editing a reviewer's profile in a dialog.
    await press(page, 'Edit reviewer@univ.example.org');
    const dialog = page.getByRole('dialog', { name: 'Edit reviewer: reviewer@univ.example.org' });
    await dialog.waitFor();
    await typeInto(page, '#edit-load', '7');
    await dialog.getByRole('button', { name: 'Save' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Saved reviewer@univ.example.org');
    const listed = (await (await page.request.get(`${e.baseUrl}/api/v1/admin/calls/${callId}/reviewers`)).json()) as { items: { email: string; load: number; sectors: string[]; organisation: string | null }[] };
    expect(listed.items.find((r) => r.email === 'reviewer@univ.example.org')).toMatchObject({ load: 7, sectors: ['university'], organisation: '서울대학교' });
    await dataLoaded(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  for (const lang of ['ko', 'en'] as const) {
    it(`every staff call page in ${lang}: one h1, right lang, no axe violations`, async () => {
      expect(callId).not.toBe('');
      const page = await e.newPage(lang);
      const problems: string[] = [];
      const paths = ['/admin/calls', '/admin/calls/new', `/admin/calls/${callId}`, `/admin/calls/${callId}/applications`, `/admin/calls/${callId}/review`];
      for (const path of paths) {
        await e.open(page, path);
        await checkPage(page, lang, `${lang} ${path}`, problems);
      }
      // A new call with an empty question of each kind of limits, and the client's checks shown.
      await page.goto(`${e.baseUrl}/admin/calls/new`);
      await settled(page);
      await page.locator('#step-button-questions').click();
      for (const type of ['number', 'date', 'single_choice', 'file']) {
        await page.locator('#question-add').click();
        await page.locator(':focus').selectOption(type);
      }
      await page.locator('#step-button-quotas').click();
      await page.locator('#quota-add').click();
      await page.locator('#step-button-consent').click();
      await page.locator('#consent-add').click();
      await page.locator('form button[type="submit"]').click();
      await page.getByRole('alert').first().waitFor();
      for (const v of await axeViolations(page)) problems.push(`${lang} new call with errors: ${v}`);
      // The export dialog open.
      await page.goto(`${e.baseUrl}/admin/calls/${callId}/applications`);
      await settled(page);
      await page.locator('section[aria-labelledby="export-heading"] button').first().click();
      await page.getByRole('dialog').waitFor();
      await expect.poll(() => activeId(page)).toBe('export-reason');
      // Contrast is measured once the dialog has finished fading in.
      await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
      for (const v of await axeViolations(page)) problems.push(`${lang} export dialog: ${v}`);
      await page.close();
      expect(problems).toEqual([]);
    });
  }
});
