/**
 * The home page leads somewhere, and the navigation shows what a person may use: open calls and
 * courses with dates and working buttons; a participant's next session and applications; a
 * reviewer's reviews to do; the links per role; the phone menu (drawer, Escape, focus returned);
 * axe in both languages; screenshots at 1280 and 360 px.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { callReviewers, reviewAssignments } from '../../src/platform/db/schema/index.js';
import { DAY, makeCohort, makeProgramme, makeSession } from '../factories/attendance.js';
import { reviewCallBody } from '../factories/review.js';
import { grantGlobalRole } from '../../src/platform/auth/roles.js';
import { browserAvailable, checkPage, signInViaForm, startE2E, type E2E, type E2EUser } from './support.js';

const run = browserAvailable();
let e: E2E;
let staff: E2EUser;
let admin: E2EUser;
let participant: E2EUser;
let reviewer: E2EUser;
let lecturer: E2EUser;
let citizen: E2EUser;
let callId: string;
let cohortId: string;
const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'oc-home-screenshots');

beforeAll(async () => {
  if (!run) return;
  e = await startE2E();
  const db = e.campus.database.db;
  staff = await e.createUser(['staff'], '직원 김');
  admin = await e.createUser(['admin'], '관리자 이');
  participant = await e.createUser([], '참여자 박');
  reviewer = await e.createUser([], '심사위원 최');
  lecturer = await e.createUser([], '강사 정');
  await grantGlobalRole(db, lecturer.id, 'mentor', null);
  citizen = await e.createUser([], '시민 한');

  const s = await e.signedInApi(staff);
  const created = await s.api.post('/api/v1/admin/calls', { data: reviewCallBody(), headers: { 'x-csrf-token': await s.csrf() } });
  expect(created.status(), await created.text()).toBe(201);
  callId = ((await created.json()) as { id: string }).id;
  expect((await s.api.post(`/api/v1/admin/calls/${callId}/publish`, { headers: { 'x-csrf-token': await s.csrf() } })).status()).toBe(200);
  await s.api.dispose();

  const p = await e.signedInApi(participant);
  const saved = await p.api.put(`/api/v1/calls/${callId}/my-application`, { data: { answers: { motivation: '함께 하고 싶습니다.', sector: 'civil', topics: ['care'] } }, headers: { 'x-csrf-token': await p.csrf() } });
  expect(saved.status(), await saved.text()).toBe(200);
  const applicationId = ((await saved.json()) as { id: string }).id;
  expect((await p.api.post(`/api/v1/calls/${callId}/my-application/submit`, { headers: { 'x-csrf-token': await p.csrf() } })).status()).toBe(200);
  await p.api.dispose();

  // The reviewer holds an accepted seat with the participant's application assigned.
  const seat = uuidv7();
  await db.insert(callReviewers).values({ id: seat, callId, userId: reviewer.id, email: reviewer.email, status: 'accepted', respondedAt: new Date() });
  await db.insert(reviewAssignments).values({ id: uuidv7(), callId, applicationId, reviewerId: seat, source: 'manual' });

  // An open cohort the participant is enrolled in, with a session in two days.
  cohortId = await makeCohort(db, await makeProgramme(db), [participant.id]);
  await makeSession(db, cohortId, new Date(Date.now() + 2 * DAY), 120, 'workshop', '다음 워크숍');
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);
afterAll(async () => {
  await e?.close();
});

/** Signs out by dropping the cookies, keeping the page's language. */
async function signOut(page: Page, lang: 'ko' | 'en' = 'en'): Promise<void> {
  await e.context.clearCookies();
  await e.context.addCookies([{ name: 'oc_lang', value: lang, url: e.baseUrl }]);
  await page.goto(`${e.baseUrl}/`);
}

async function navLinks(page: Page, name: string): Promise<string[]> {
  const nav = page.getByRole('navigation', { name, exact: true }).first();
  await nav.waitFor();
  return nav.locator('a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

const PUBLIC = ['/', '/plan', '/schedule', '/budget', '/calls', '/courses'];

describe.skipIf(!run)('home and navigation', () => {
  it('anonymous: open calls and courses with dates and buttons that lead to them', async () => {
    const page = await e.newPage('en');
    await signOut(page);
    await e.open(page, '/');
    const call = page.getByTestId('home-call').first();
    await expect.poll(() => call.textContent()).toContain('Applications close');
    await call.getByRole('link', { name: 'Apply' }).click();
    await page.waitForURL(`**/calls/${callId}`);
    await e.open(page, '/');
    const cohort = page.getByTestId('home-cohort').filter({ hasText: '2020 Cohort 1' });
    expect(await cohort.textContent()).toMatch(/2020/);
    await cohort.getByRole('link', { name: 'Enrol' }).click();
    await page.waitForURL(`**/courses/${cohortId}`);
    await e.open(page, '/');
    await expect.poll(() => page.getByTestId('home-upcoming').first().textContent()).toContain('workshop session');
    await page.close();
  });

  it('a participant sees their next session and their application with its standing', async () => {
    const page = await e.newPage('en');
    await signInViaForm(page, e.baseUrl, participant.email, participant.password);
    await e.open(page, '/');
    await expect.poll(() => page.getByTestId('home-next-session').textContent()).toContain('workshop session');
    await expect.poll(() => page.getByTestId('home-applications').textContent()).toContain('Submitted');
    expect(await page.getByTestId('home-reviews').count()).toBe(0);
    await page.close();
  });

  it('a reviewer sees how many reviews wait, with a link to them', async () => {
    const page = await e.newPage('en');
    await signInViaForm(page, e.baseUrl, reviewer.email, reviewer.password);
    await e.open(page, '/');
    const box = page.getByTestId('home-reviews');
    await expect.poll(() => box.textContent()).toContain('1 application waits for your review');
    await box.getByRole('link').click();
    await page.waitForURL('**/me/reviews');
    await page.close();
  });

  it('the navigation per role holds exactly the links that role may use', async () => {
    const STAFF = ['/admin', '/admin/plan', '/admin/budget', '/admin/calls', '/admin/review', '/admin/review/outbox', '/admin/courses', '/admin/audit'];
    const table: [string, E2EUser | null, string[], string[] | null][] = [
      ['anonymous', null, PUBLIC, null],
      ['citizen', citizen, PUBLIC, null],
      ['participant', participant, [...PUBLIC, '/me/applications', '/me/courses', '/me/checkin'], null],
      ['reviewer', reviewer, [...PUBLIC, '/me/reviews'], null],
      ['lecturer', lecturer, [...PUBLIC, '/me/availability'], null],
      ['staff', staff, [...PUBLIC, '/admin'], STAFF],
      ['admin', admin, [...PUBLIC, '/admin'], [...STAFF, '/admin/users']],
    ];
    const page = await e.newPage('en');
    for (const [who, user, main, staffLinks] of table) {
      await signOut(page);
      if (user) await signInViaForm(page, e.baseUrl, user.email, user.password);
      await e.open(page, staffLinks ? '/admin' : '/');
      await expect.poll(() => navLinks(page, 'Main menu')).toEqual(main);
      expect(await navLinks(page, 'Main menu'), who).toEqual(main);
      if (staffLinks) expect(await navLinks(page, 'Admin menu'), who).toEqual(staffLinks);
    }
    await page.close();
  });

  it('at 360 px the menu button opens a drawer with the links; Escape closes it and focus returns', async () => {
    const page = await e.newPage('en');
    await page.setViewportSize({ width: 360, height: 760 });
    await signOut(page);
    await signInViaForm(page, e.baseUrl, staff.email, staff.password);
    await e.open(page, '/admin');
    expect(await page.getByTestId('main-nav').isVisible()).toBe(false);
    const button = page.getByRole('button', { name: 'Menu', exact: true });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.focus();
    await button.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Menu', exact: true });
    await drawer.waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await drawer.getByRole('link', { name: 'Audit log' }).isVisible()).toBe(true);
    expect(await drawer.locator('a[href="/admin/calls"]').isVisible()).toBe(true);
    expect(await drawer.locator('a[href="/calls"]').isVisible()).toBe(true);
    // Focus is inside the drawer while it is open.
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Menu');
    // A link in the drawer goes there and closes it.
    await button.click();
    await page.getByRole('dialog', { name: 'Menu', exact: true }).getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL('**/admin/audit');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.close();
  });

  for (const lang of ['ko', 'en'] as const) {
    it(`is axe clean in ${lang}, wide and narrow, with the drawer open too (screenshots)`, async () => {
      const problems: string[] = [];
      const page = await e.newPage(lang);
      await signOut(page, lang);
      await e.open(page, '/');
      await checkPage(page, lang, `${lang} anonymous home`, problems);
      await page.screenshot({ path: path.join(SHOTS, `home-anon-${lang}-1280.png`), fullPage: false });
      await signInViaForm(page, e.baseUrl, participant.email, participant.password);
      await e.open(page, '/');
      await checkPage(page, lang, `${lang} participant home`, problems);
      await page.screenshot({ path: path.join(SHOTS, `home-participant-${lang}-1280.png`), fullPage: false });
      await signOut(page, lang);
      await signInViaForm(page, e.baseUrl, admin.email, admin.password);
      await e.open(page, '/admin');
      await checkPage(page, lang, `${lang} admin`, problems);
      await page.screenshot({ path: path.join(SHOTS, `admin-${lang}-1280.png`), fullPage: false });
      await page.setViewportSize({ width: 360, height: 760 });
      await e.open(page, '/admin');
      await checkPage(page, lang, `${lang} admin 360`, problems);
      await page.screenshot({ path: path.join(SHOTS, `admin-${lang}-360.png`), fullPage: false });
      await page.locator('.nav-burger').click();
      await page.getByRole('dialog').waitFor();
      await checkPage(page, lang, `${lang} drawer 360`, problems);
      await page.screenshot({ path: path.join(SHOTS, `drawer-${lang}-360.png`), fullPage: false });
      await page.keyboard.press('Escape');
      await signOut(page, lang);
      await e.open(page, '/');
      await checkPage(page, lang, `${lang} anonymous home 360`, problems);
      await page.screenshot({ path: path.join(SHOTS, `home-anon-${lang}-360.png`), fullPage: false });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.close();
      expect(problems).toEqual([]);
    });
  }
});
