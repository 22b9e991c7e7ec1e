/**
 * The call editor in steps (issue 9 point 6), in a real browser, in Korean and English: the demo
 * call's definition as a draft; every step reached from the step list by Tab and Enter, focus on
 * the step's heading, no axe violations, the page height of each step at 1280 px printed (and
 * bounded); no "key" fields anywhere. Then, by keyboard, the cohort step: choosing the 2020
 * top-innovator cohort with a capacity it cannot hold is refused on the dates step, next to the
 * capacity; fixed there, the cohort chosen before is still chosen and saves, with a waitlist size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PILOT_COHORT_SLUG } from '../../src/modules/courses/seed-2020.js';
import { generateDemo } from '../../src/modules/recruitment/demo-data.js';
import { createCall } from '../../src/modules/recruitment/use-cases.js';
import { cohorts } from '../../src/platform/db/schema/index.js';
import type { CallViewT } from '../../src/shared/contracts/recruitment.js';
import { axeViolations, browserAvailable, dataLoaded, SEED_ACTOR, settled, signInViaForm, startE2E, type E2E, type E2EUser } from './support.js';

const run = browserAvailable();
let e: E2E;
let staff: E2EUser;
let callId = '';
let pilotId = '';

const STEPS = ['basics', 'dates', 'questions', 'consent', 'quotas', 'cohort', 'review'] as const;
/**
 * At 1280 px the longest step is the form questions (the demo's six, one with eight options, each
 * bilingual): about 4,800 px, against about 9,000 px for the old single page; the others fit in
 * one to two screens.
 */
const MAX_STEP_HEIGHT = 5200;
const MAX_OTHER_STEP_HEIGHT = 2500;
/** The machine is shared; a step's save and render may take a few seconds. */
const POLL = { timeout: 15_000 };

beforeAll(async () => {
  if (!run) return;
  e = await startE2E();
  staff = await e.createUser(['staff'], 'Han Staff');
  const { call } = generateDemo();
  const created = await createCall(e.campus.database.db, SEED_ACTOR, { ...call, eligibility: call.eligibility ?? null, opensAt: call.opensAt.toISOString(), closesAt: call.closesAt.toISOString() });
  callId = created.id;
  const rows = await e.campus.database.db.select().from(cohorts);
  pilotId = rows.find((c) => c.slug === PILOT_COHORT_SLUG)!.id;
}, 240_000);
afterAll(async () => {
  await e?.close();
});

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const height = (page: Page) => page.evaluate(() => document.body.scrollHeight);

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

describe.skipIf(!run)('the call editor in steps', () => {
  for (const lang of ['ko', 'en'] as const) {
    it(`${lang}: every step by Tab and Enter from the step list, axe-clean, of a reasonable height, without key fields`, async () => {
      const page = await e.newPage(lang);
      await signInViaForm(page, e.baseUrl, staff.email, staff.password);
      await page.goto(`${e.baseUrl}/admin/calls/${callId}`);
      await settled(page);
      const problems: string[] = [];
      const heights: Record<string, number> = {};
      // Tab walks the step list in order; Enter opens the step and puts focus on its heading.
      await page.locator('#step-button-basics').focus();
      for (const [i, step] of STEPS.entries()) {
        if (i > 0) {
          await page.keyboard.press('Tab');
          expect(await activeId(page)).toBe(`step-button-${step}`);
        }
        await page.keyboard.press('Enter');
        await expect.poll(() => activeId(page), POLL).toBe(`step-${step}-heading`);
        expect(await page.locator(`#step-button-${step}`).getAttribute('aria-current')).toBe('step');
        await dataLoaded(page);
        heights[step] = await height(page);
        for (const v of await axeViolations(page)) problems.push(`${lang} ${step}: ${v}`);
        expect(await page.locator('input[id$="-key"], input[id*="option-value"]').count(), step).toBe(0);
        await page.locator(`#step-button-${step}`).focus();
      }
      console.log(`call editor step heights at 1280 px (${lang}): ${JSON.stringify(heights)}`);
      for (const step of STEPS) expect(heights[step], step).toBeLessThan(step === 'questions' ? MAX_STEP_HEIGHT : MAX_OTHER_STEP_HEIGHT);
      expect(problems).toEqual([]);
      // The words of the cohort step: the waitlist (대기자) is not the mail queue (발송 대기).
      await page.locator('#step-button-cohort').focus();
      await page.keyboard.press('Enter');
      const label = await page.locator('label[for="f-waitlistSize"]').textContent();
      expect(label).toContain(lang === 'ko' ? '대기자 수' : 'Waitlist size');
      await page.close();
    }, 300_000);
  }

  it('a cohort too small for the call is refused on the dates step; fixed there, the cohort and waitlist save', async () => {
    const page = await e.newPage('en');
    await signInViaForm(page, e.baseUrl, staff.email, staff.password);
    await page.goto(`${e.baseUrl}/admin/calls/${callId}`);
    await settled(page);

    await page.locator('#step-button-dates').focus();
    await page.keyboard.press('Enter');
    await typeInto(page, '#f-capacity', '31');
    await page.getByRole('button', { name: 'Save and continue' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => activeId(page), POLL).toBe('step-questions-heading');

    await page.locator('#step-button-cohort').focus();
    await page.keyboard.press('Enter');
    const select = page.locator('#f-cohortId');
    await select.waitFor();
    // Cohorts are named with their dates and places, in the reader's language.
    const pilotOption = select.locator(`option[value="${pilotId}"]`);
    expect(await pilotOption.textContent()).toContain('Top innovator course 2020 (pilot)');
    expect(await pilotOption.textContent()).toContain('30 places');
    // Citizens enrol in the Eunpyeong cohort themselves: a call cannot fill it, so it is not offered.
    expect((await select.locator('option').allTextContents()).some((o) => o.includes('Eunpyeong'))).toBe(false);
    await select.focus();
    await select.selectOption(pilotId);
    await typeInto(page, '#f-waitlistSize', '5');
    await page.getByRole('button', { name: 'Save and continue' }).focus();
    await page.keyboard.press('Enter');

    // The refusal names the capacity, so it opens the dates step with the message at the field.
    const summary = page.getByRole('alert').filter({ hasText: 'Capacity' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('The cohort has 30 places');
    await page.getByRole('heading', { level: 2, name: 'Dates and places' }).waitFor();
    expect(await page.locator('#f-capacity').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#step-button-cohort').textContent()).toContain('unsaved changes');
    await dataLoaded(page);
    expect(await axeViolations(page)).toEqual([]);

    await typeInto(page, '#f-capacity', '30');
    await page.getByRole('button', { name: 'Save and continue' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => activeId(page), POLL).toBe('step-questions-heading');
    // What was chosen on the cohort step is still there.
    await page.locator('#step-button-cohort').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#f-cohortId').inputValue()).toBe(pilotId);
    expect(await page.locator('#f-waitlistSize').inputValue()).toBe('5');
    await page.getByRole('button', { name: 'Save and continue' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => activeId(page), POLL).toBe('step-review-heading');
    await expect.poll(() => page.getByRole('status').first().textContent(), POLL).toContain('Saved: Cohort and waitlist');
    expect(await page.locator('main').textContent()).toContain('Top innovator course 2020 (pilot)');

    const saved = (await (await page.request.get(`${e.baseUrl}/api/v1/admin/calls/${callId}`)).json()) as CallViewT;
    expect(saved).toMatchObject({ cohortId: pilotId, waitlistSize: 5, capacity: 30 });
    await page.close();
  }, 300_000);
});
