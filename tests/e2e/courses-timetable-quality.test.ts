/**
 * The soft quality of a generated timetable on the staff timetable page, in a real browser. Seeded in
 * the database: a two-week cohort in 2030 with five untimed sessions, four taught by a mentor who
 * prefers mornings and would rather not teach on Fridays, one by a lecturer who only avoids the late
 * slot. Staff generate the timetable by keyboard, in English and in Korean, and read how many sessions
 * kept a preferred slot, the spread figures and the per-lecturer table; axe reports no violation with
 * all of it on the page.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/client.js';
import { cohorts, courseSessions, lecturerAvailability, programmes, rooms, sessionLecturers, users } from '../../src/platform/db/schema/index.js';
import { browserAvailable, expectNoAxe, press, signInViaForm, startE2E, type E2E } from './support.js';

const run = browserAvailable();
let e: E2E;
let seeded: Seeded;

interface Seeded {
  cohortId: string;
  mentor: { id: string; name: string };
  other: { id: string; name: string };
}

const secret = () => randomBytes(32).toString('base64url');

async function seed(db: Db): Promise<Seeded> {
  const programmeId = uuidv7();
  await db.insert(programmes).values({
    id: programmeId,
    kind: 'top_innovator',
    title: { ko: '최고혁신가 과정 (품질 시험)', en: 'Top innovator course (quality test)' },
    description: { ko: '시험용', en: 'For tests' },
    completionRule: { minAttendanceRate: 0.5, requiredSessionTypes: [], requireExperimentReport: false },
  });
  const roomId = uuidv7();
  await db.insert(rooms).values({ id: roomId, name: { ko: '품질 강의실', en: 'Quality room' }, place: { ko: '품질동', en: 'Quality hall' }, capacity: 40, availability: {} });
  // 2030-03-04 is a Monday: two weeks of teaching days, with plenty of free mornings.
  const cohortId = uuidv7();
  await db.insert(cohorts).values({
    id: cohortId,
    programmeId,
    title: { ko: '품질 시험 기수', en: 'Quality test cohort' },
    place: { ko: '품질동', en: 'Quality hall' },
    startsOn: '2030-03-04',
    endsOn: '2030-03-15',
    capacity: 30,
    enrolmentMode: 'selection',
    status: 'draft',
  });
  const people: { id: string; name: string }[] = [];
  for (const name of ['김멘토', '이강사']) {
    const [u] = await db.insert(users).values({ name, email: `lecturer-${randomUUID()}@example.org`, locale: 'ko', emailVerified: true }).returning({ id: users.id });
    people.push({ id: u!.id, name });
  }
  const [mentor, other] = people as [{ id: string; name: string }, { id: string; name: string }];
  await db.insert(lecturerAvailability).values([
    { userId: mentor.id, preferred: [{ slot: 'am' }], avoided: [{ weekday: 5 }] },
    { userId: other.id, avoided: [{ slot: 'late' }] },
  ]);
  for (let i = 0; i < 5; i++) {
    const id = uuidv7();
    await db.insert(courseSessions).values({ id, cohortId, type: 'lecture', title: { ko: `품질 강의 ${i + 1}`, en: `Quality lecture ${i + 1}` }, durationMinutes: 180, days: 1, roomId, position: i, checkinSecret: secret() });
    await db.insert(sessionLecturers).values({ id: uuidv7(), sessionId: id, userId: i < 4 ? mentor.id : other.id });
  }
  return { cohortId, mentor, other };
}

/** Replaces a field's text by typing, as a keyboard user would. */
async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await field.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

/** Generates the cohort's timetable from the page and waits for the quality section. */
async function generate(page: Page, seedLabel: string, done: string): Promise<Locator> {
  await e.open(page, `/admin/courses/cohorts/${seeded.cohortId}/timetable`);
  await page.getByTestId('week-untimed').waitFor();
  await typeInto(page, page.getByRole('textbox', { name: seedLabel }), '2030');
  await press(page.getByTestId('timetable-generate'));
  await expect.poll(() => page.getByTestId('timetable-run-status').textContent(), { timeout: 30_000 }).toContain(done);
  // The finished run's bar is full (position 1 is the end of the track) and says it is done in words.
  const bar = page.locator('#timetable-progress');
  expect(await bar.evaluate((el) => (el as HTMLProgressElement).position)).toBe(1);
  expect(await bar.getAttribute('aria-valuetext')).toContain(done);
  await bar.screenshot({ path: `/tmp/timetable-progress-done-${seedLabel === 'Seed' ? 'en' : 'ko'}.png` });
  const quality = page.getByTestId('timetable-quality');
  await quality.waitFor();
  return quality;
}

beforeAll(async () => {
  if (!run) return;
  e = await startE2E();
  seeded = await seed(e.campus.database.db);
  const staff = await e.createUser(['staff'], 'Park Staff');
  const page = await e.newPage('en');
  await signInViaForm(page, e.baseUrl, staff.email, staff.password);
  await page.close();
});
afterAll(async () => {
  await e?.close();
});

describe.skipIf(!run)('timetable quality', () => {
  it('shows how the proposal keeps lecturers’ slot wishes, in English and Korean', async () => {
    const problems: string[] = [];

    const page = await e.newPage('en');
    const quality = await generate(page, 'Seed', 'Done: 5 sessions placed, 0 not placed.');
    expect(await quality.getByRole('heading', { level: 3, name: 'Quality' }).count()).toBe(1);
    // Mornings are free on every teaching day, so every one of the mentor's sessions gets one, none on a Friday.
    expect(await quality.getByTestId('quality-preferred').textContent()).toBe('4 of 4 sessions');
    expect(await quality.getByTestId('quality-avoided').textContent()).toBe('0 sessions');
    expect(await quality.getByTestId('quality-weeks').textContent()).toBe('0 sessions');
    expect(await quality.getByTestId('quality-days').textContent()).toBe('0 sessions');
    expect(await quality.getByText('Sessions beyond 2 on one day').count()).toBe(1);
    expect(await quality.getByTestId('quality-score').textContent()).toBe('0');
    const table = quality.getByRole('table', { name: 'Slot wishes by lecturer (2 lecturers)' });
    expect(await table.locator('tbody tr').count()).toBe(2);
    const mentorRow = table.locator(`tr[data-user-id="${seeded.mentor.id}"]`);
    expect(await mentorRow.getByRole('rowheader').textContent()).toBe(seeded.mentor.name);
    expect(await mentorRow.locator('td').allTextContents()).toEqual(['4', '4 of 4', '0']);
    // Only an avoided slot stated: no preferred-slot figure, said in words.
    expect(await table.locator(`tr[data-user-id="${seeded.other.id}"] td`).allTextContents()).toEqual(['1', 'No preferred slot stated', '0']);
    await expectNoAxe(page, 'en timetable quality', problems);
    await page.close();

    const ko = await e.newPage('ko');
    const koQuality = await generate(ko, '시드', '완료: 세션 5개 배치, 0개 미배치.');
    expect(await koQuality.getByRole('heading', { level: 3, name: '시간표 품질' }).count()).toBe(1);
    expect(await koQuality.getByTestId('quality-preferred').textContent()).toBe('4개 중 4개');
    expect(await koQuality.getByRole('table', { name: '강사별 시간대 희망 반영 (강사 2명)' }).locator('tbody tr').count()).toBe(2);
    await expectNoAxe(ko, 'ko timetable quality', problems);
    await ko.close();

    expect(problems).toEqual([]);
  });
});
