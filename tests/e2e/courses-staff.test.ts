/**
 * Staff course pages in a real browser, by keyboard. Seeded in the database: a top-innovator cohort
 * in 2030 with three untimed sessions (for the timetable), and a citizen cohort running now with
 * two enrolled citizens, a session that ended yesterday (one of them checked in) and a session that
 * is on now (its check-in window is open). Staff add a cohort; generate the first cohort's timetable,
 * follow its progress and apply it; move a session onto another's time by keyboard and see the
 * conflict warning appear (announced politely), then move it back and see it go; show the check-in
 * code and QR code; correct a citizen's attendance with a reason; mark the session held; issue the
 * certificates and revoke one with a reason. axe reports no violation on any page, in ko and en.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/client.js';
import { attendance, cohorts, courseSessions, enrolments, programmes, rooms, users } from '../../src/platform/db/schema/index.js';
import { browserAvailable, checkPage, expectNoAxe, invisibleFocusStops, press, signInViaForm, startE2E, type E2E, type E2EUser } from './support.js';

const run = browserAvailable();
let e: E2E;
let staff: E2EUser;
let seeded: Seeded;

const HOUR = 3_600_000;

interface Seeded {
  timetableProgrammeId: string;
  citizenProgrammeId: string;
  timetableCohortId: string;
  timetableSessionIds: string[];
  citizenCohortId: string;
  pastSessionId: string;
  nowSessionId: string;
  citizens: { id: string; name: string }[];
}

const TIMETABLE_SESSIONS = [
  { ko: '혁신 개론', en: 'Introduction to innovation', type: 'lecture' as const },
  { ko: '디자인 씽킹 워크숍', en: 'Design thinking workshop', type: 'workshop' as const },
  { ko: '리빙랩 방법론', en: 'Living lab methods', type: 'lecture' as const },
];

const secret = () => randomBytes(32).toString('base64url');

async function seed(db: Db): Promise<Seeded> {
  const rule = { minAttendanceRate: 0.5, requiredSessionTypes: [], requireExperimentReport: false };
  const timetableProgrammeId = uuidv7();
  const citizenProgrammeId = uuidv7();
  await db.insert(programmes).values([
    { id: timetableProgrammeId, kind: 'top_innovator', title: { ko: '최고혁신가 과정 (시험)', en: 'Top innovator course (test)' }, description: { ko: '시험용', en: 'For tests' }, completionRule: rule },
    { id: citizenProgrammeId, kind: 'citizen', title: { ko: '시민혁신가 과정 (시험)', en: 'Citizen innovator course (test)' }, description: { ko: '시험용', en: 'For tests' }, completionRule: rule },
  ]);
  const roomId = uuidv7();
  await db.insert(rooms).values({ id: roomId, name: { ko: '미래청 1강의실', en: 'Mirae hall room 1' }, place: { ko: '서울혁신파크', en: 'Seoul Innovation Park' }, capacity: 40, availability: {} });

  // 2030-03-04 is a Monday; two weeks of teaching days.
  const timetableCohortId = uuidv7();
  await db.insert(cohorts).values({
    id: timetableCohortId,
    programmeId: timetableProgrammeId,
    title: { ko: '최고혁신가 2030', en: 'Top innovators 2030' },
    place: { ko: '서울혁신파크', en: 'Seoul Innovation Park' },
    startsOn: '2030-03-04',
    endsOn: '2030-03-15',
    capacity: 30,
    enrolmentMode: 'selection',
    status: 'draft',
  });
  const timetableSessionIds: string[] = [];
  for (const [i, s] of TIMETABLE_SESSIONS.entries()) {
    const id = uuidv7();
    await db.insert(courseSessions).values({ id, cohortId: timetableCohortId, type: s.type, title: { ko: s.ko, en: s.en }, durationMinutes: 180, days: 1, roomId, position: i, checkinSecret: secret() });
    timetableSessionIds.push(id);
  }
  // Asked for week 21 of a two-week cohort: the timetable cannot place it, and says why.
  await db.insert(courseSessions).values({ id: uuidv7(), cohortId: timetableCohortId, type: 'results_presentation', title: { ko: '성과 발표회', en: 'Results day' }, durationMinutes: 180, days: 1, roomId, position: 3, constraints: { allowedWeeks: [20] }, checkinSecret: secret() });

  const now = Date.now();
  const citizenCohortId = uuidv7();
  await db.insert(cohorts).values({
    id: citizenCohortId,
    programmeId: citizenProgrammeId,
    title: { ko: '강북구 시민혁신가', en: 'Gangbuk citizen innovators' },
    place: { ko: '강북구청', en: 'Gangbuk district office' },
    startsOn: new Date(now - 7 * 24 * HOUR).toISOString().slice(0, 10),
    endsOn: new Date(now + 30 * 24 * HOUR).toISOString().slice(0, 10),
    capacity: 20,
    enrolmentMode: 'open',
    status: 'published',
  });
  const pastSessionId = uuidv7();
  const nowSessionId = uuidv7();
  await db.insert(courseSessions).values([
    { id: pastSessionId, cohortId: citizenCohortId, type: 'lecture', title: { ko: '마을 문제 찾기', en: 'Finding local problems' }, durationMinutes: 120, days: 1, startsAt: new Date(now - 26 * HOUR), endsAt: new Date(now - 24 * HOUR), roomId, position: 0, checkinSecret: secret() },
    { id: nowSessionId, cohortId: citizenCohortId, type: 'workshop', title: { ko: '해결책 만들기', en: 'Making solutions' }, durationMinutes: 120, days: 1, startsAt: new Date(now - 10 * 60_000), endsAt: new Date(now + 110 * 60_000), roomId, position: 1, checkinSecret: secret() },
  ]);
  const citizens: { id: string; name: string }[] = [];
  for (const name of ['김시민', '이주민']) {
    const [u] = await db.insert(users).values({ name, email: `citizen-${randomUUID()}@example.org`, locale: 'ko', emailVerified: true }).returning({ id: users.id });
    citizens.push({ id: u!.id, name });
    await db.insert(enrolments).values({ id: uuidv7(), cohortId: citizenCohortId, userId: u!.id, status: 'enrolled' });
  }
  // 김시민 checked in to yesterday's session with the code.
  await db.insert(attendance).values({ id: uuidv7(), sessionId: pastSessionId, userId: citizens[0]!.id, status: 'present', method: 'code', at: new Date(now - 25 * HOUR) });
  return { timetableProgrammeId, citizenProgrammeId, timetableCohortId, timetableSessionIds, citizenCohortId, pastSessionId, nowSessionId, citizens };
}

/** Replaces a field's text by typing, as a keyboard user would. */
async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await field.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

/** The session's start as the timetable table shows it: "<day> HH:mm" is read back from the move dialog. */
async function readMoveFields(page: Page, sessionId: string): Promise<{ day: string; time: string }> {
  await press(page.getByTestId(`move-${sessionId}`));
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const day = await dialog.getByRole('textbox', { name: 'Day' }).inputValue();
  const time = await dialog.getByRole('textbox', { name: 'Start time' }).inputValue();
  await press(dialog.getByRole('button', { name: 'Cancel' }));
  await dialog.waitFor({ state: 'hidden' });
  return { day, time };
}

async function moveTo(page: Page, sessionId: string, day: string, time: string): Promise<void> {
  await press(page.getByTestId(`move-${sessionId}`));
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  // The day field has focus when the dialog opens.
  expect(await dialog.getByRole('textbox', { name: 'Day' }).evaluate((el) => el === document.activeElement)).toBe(true);
  await typeInto(page, dialog.getByRole('textbox', { name: 'Day' }), day);
  await typeInto(page, dialog.getByRole('textbox', { name: 'Start time' }), time);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
}

beforeAll(async () => {
  if (!run) return;
  e = await startE2E();
  staff = await e.createUser(['staff'], 'Park Staff');
  seeded = await seed(e.campus.database.db);
});
afterAll(async () => {
  await e?.close();
});

describe.skipIf(!run)('staff course pages', () => {
  it('lists programmes and cohorts and adds a cohort by keyboard', async () => {
    const page = await e.newPage('en');
    await signInViaForm(page, e.baseUrl, staff.email, staff.password);
    await e.open(page, '/admin');
    await press(page.getByRole('navigation', { name: 'Admin menu' }).getByRole('link', { name: 'Courses', exact: true }));
    await page.waitForURL('**/admin/courses');
    const citizenTable = page.getByTestId(`cohorts-${seeded.citizenProgrammeId}`);
    await citizenTable.waitFor();
    expect(await citizenTable.textContent()).toContain('Gangbuk citizen innovators');
    expect(await citizenTable.textContent()).toContain('Open enrolment');

    await press(page.getByRole('button', { name: 'Add cohort to Citizen innovator course (test)' }));
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const problems: string[] = [];
    await expectNoAxe(page, 'en cohort dialog', problems);
    // Saving empty shows what is missing, in a summary that takes focus.
    await page.keyboard.press('Enter');
    await dialog.getByRole('alert').waitFor();
    await typeInto(page, dialog.getByRole('textbox', { name: 'Title (Korean)' }), '도봉구 시민혁신가');
    await typeInto(page, dialog.getByRole('textbox', { name: 'Place (Korean)' }), '도봉구청');
    await typeInto(page, dialog.getByRole('textbox', { name: 'First day' }), '2030-09-01');
    await typeInto(page, dialog.getByRole('textbox', { name: 'Last day' }), '2030-11-30');
    await dialog.getByRole('textbox', { name: 'Last day' }).press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'Cohort 도봉구 시민혁신가 added.' }).waitFor();
    await expect.poll(() => citizenTable.locator('tbody tr').count()).toBe(2);

    // A room for the new district.
    await press(page.getByRole('button', { name: 'Add room' }));
    await dialog.waitFor();
    // Typed into the focused field once it has focus: under load, keys sent before the dialog's
    // autofocus lands would go elsewhere.
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Room (Korean)' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('도봉구청 강당');
    await typeInto(page, dialog.getByRole('textbox', { name: 'Where (Korean)' }), '도봉구청');
    await typeInto(page, dialog.getByRole('textbox', { name: 'Seats' }), '25');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'Room 도봉구청 강당 added.' }).waitFor();
    expect(await page.getByTestId('rooms-table').locator('tr', { hasText: '도봉구청 강당' }).textContent()).toContain('25');
    await expectNoAxe(page, 'en courses', problems);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the curriculum with lecturers, materials and members', async () => {
    const page = await e.newPage('en');
    await e.open(page, `/admin/courses/cohorts/${seeded.citizenCohortId}`);
    await page.getByTestId('members-table').waitFor();
    expect(await page.getByTestId('members-table').textContent()).toContain('김시민');
    expect(await page.locator('main').textContent()).toContain('Finding local problems');
    const problems: string[] = [];
    await expectNoAxe(page, 'en curriculum', problems);

    // An external lecturer with the plan's fee, by keyboard.
    await press(page.getByRole('button', { name: 'Lecturers of Finding local problems' }));
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await typeInto(page, dialog.getByRole('textbox', { name: "External lecturer's name" }), 'Han Lecturer');
    await press(dialog.getByRole('button', { name: 'Add lecturer' }));
    await dialog.getByRole('status').filter({ hasText: 'Han Lecturer added.' }).waitFor();
    await expectNoAxe(page, 'en lecturers dialog', problems);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator(`tr[data-session-id="${seeded.pastSessionId}"]`).textContent()).toContain('Han Lecturer (300,000 KRW per session)');

    // A link for the whole cohort.
    await typeInto(page, page.getByRole('textbox', { name: 'Material title (Korean)' }), '활동 안내서');
    await typeInto(page, page.getByRole('textbox', { name: 'Address (https://…)' }), 'https://example.org/guide');
    await press(page.getByRole('button', { name: 'Add material' }));
    await page.getByRole('status').filter({ hasText: 'Material 활동 안내서 added.' }).waitFor();
    expect(await page.getByTestId('materials-table').textContent()).toContain('The whole cohort');
    expect(await invisibleFocusStops(page, 15)).toEqual([]);
    // The session dialog, with its bilingual fields and constraints.
    await press(page.getByRole('button', { name: 'Add session' }));
    await dialog.waitFor();
    await expectNoAxe(page, 'en session dialog', problems);
    // Untimed, so the timetable will place it; the week list is checked before sending.
    await typeInto(page, dialog.getByRole('textbox', { name: 'Session (Korean)' }), '마을 발표회');
    await typeInto(page, dialog.getByRole('textbox', { name: 'Allowed weeks' }), 'soon');
    await page.keyboard.press('Enter');
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Allowed weeks' }).getAttribute('aria-invalid')).toBe('true');
    await typeInto(page, dialog.getByRole('textbox', { name: 'Allowed weeks' }), '4-5');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'Session 마을 발표회 added.' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('In weeks 4\u20135');
    // And deleted again (asked first; Cancel has focus), so the cohort's completion below is unchanged.
    await press(page.getByRole('button', { name: 'Delete session 마을 발표회' }));
    await dialog.waitFor();
    expect(await dialog.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await press(dialog.getByRole('button', { name: 'Delete', exact: true }));
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'Session 마을 발표회 deleted.' }).waitFor();
    expect(await page.locator('tr', { hasText: '마을 발표회' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('generates a timetable, applies it, and warns live about a conflict made by hand', async () => {
    const page = await e.newPage('en');
    await e.open(page, `/admin/courses/cohorts/${seeded.timetableCohortId}/timetable`);
    await page.getByTestId('week-untimed').waitFor();
    expect(await page.getByTestId('week-untimed').locator('tbody tr').count()).toBe(4);

    const status = page.getByTestId('timetable-run-status');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    await typeInto(page, page.getByRole('textbox', { name: 'Seed' }), '2030');
    await typeInto(page, page.getByRole('textbox', { name: 'Time limit (seconds)' }), '5');
    await press(page.getByTestId('timetable-generate'));
    await page.getByRole('progressbar', { name: 'Timetable progress' }).waitFor();
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('Done: 3 sessions placed, 1 not placed.');
    expect(await page.getByRole('progressbar', { name: 'Timetable progress' }).getAttribute('value')).toBe('100');
    const proposal = page.getByTestId('timetable-proposal');
    expect(await proposal.locator('tbody tr').count()).toBe(3);
    // The session that cannot be placed is named, with the server's reason in words.
    const unplaced = page.getByTestId('timetable-unplaced');
    expect(await unplaced.locator('li').count()).toBe(1);
    const why = (await unplaced.textContent()) ?? '';
    expect(why).toContain('Results day');
    expect(why.replace('Results day', '').trim().length).toBeGreaterThan(10);
    const problems: string[] = [];
    await expectNoAxe(page, 'en timetable result', problems);

    await press(page.getByTestId('timetable-apply'));
    await page.getByText('This timetable has been applied.').waitFor();
    await expect.poll(() => page.getByTestId('week-untimed').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('week-1').locator('tbody tr').count()).toBeGreaterThan(0);
    const news = page.getByTestId('conflict-news');
    expect(await news.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => news.textContent()).toContain('No conflicts now.');
    await page.getByTestId('conflicts-none').waitFor();

    // Move the second session onto the first one's time: the cohort would be in two places at once.
    const [first, second] = seeded.timetableSessionIds as [string, string];
    const firstAt = await readMoveFields(page, first);
    const secondAt = await readMoveFields(page, second);
    await moveTo(page, second, firstAt.day, firstAt.time);
    await expect.poll(() => news.textContent()).toMatch(/new conflict/);
    const list = page.getByTestId('conflict-list');
    await list.waitFor();
    const listText = (await list.textContent()) ?? '';
    expect(listText).toContain(TIMETABLE_SESSIONS[0]!.en);
    expect(listText).toContain(TIMETABLE_SESSIONS[1]!.en);
    expect(await page.locator(`tr[data-session-id="${second}"]`).textContent()).toMatch(/conflict/);
    await expectNoAxe(page, 'en timetable with a conflict', problems);

    // And back: the warning goes, and that is announced too.
    await moveTo(page, second, secondAt.day, secondAt.time);
    await expect.poll(() => news.textContent()).toContain('No conflicts now.');
    expect(await news.textContent()).toMatch(/resolved/);
    await page.getByTestId('conflicts-none').waitFor();
    // Every stop on the page shows where focus is and is at least 24 px.
    expect(await invisibleFocusStops(page, 10)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the check-in code, corrects attendance with a reason and marks the session held', async () => {
    const page = await e.newPage('en');
    await e.open(page, `/admin/courses/sessions/${seeded.nowSessionId}/attendance`);
    const code = page.getByTestId('checkin-code');
    await code.waitFor();
    expect((await code.textContent())?.replace(/\s/g, '')).toMatch(/^\d{6}$/);
    expect(await page.getByRole('img', { name: /QR code of the check-in page/ }).count()).toBe(1);
    expect(await page.getByTestId('checkin-countdown').textContent()).toMatch(/A new code in \d+ s/);

    const table = page.getByTestId('attendance-table');
    await table.waitFor();
    const row = table.locator(`tr[data-user-id="${seeded.citizens[1]!.id}"]`);
    expect(await row.getByTestId('attendance-status').textContent()).toBe('Not recorded');
    await press(row.getByRole('button', { name: `Correct the attendance of ${seeded.citizens[1]!.name}` }));
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const problems: string[] = [];
    await expectNoAxe(page, 'en correction dialog', problems);
    // Status first (focused), then a reason; too short a reason is refused before sending.
    await dialog.getByRole('combobox', { name: 'Attendance' }).press('ArrowUp');
    expect(await dialog.getByRole('combobox', { name: 'Attendance' }).inputValue()).toBe('present');
    await typeInto(page, dialog.getByRole('textbox', { name: 'Reason' }), 'ok');
    await page.keyboard.press('Tab');
    await press(dialog.getByRole('button', { name: 'Save correction' }));
    await dialog.getByRole('alert').waitFor();
    await typeInto(page, dialog.getByRole('textbox', { name: 'Reason' }), 'Signed the paper sheet; phone had no battery');
    await press(dialog.getByRole('button', { name: 'Save correction' }));
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByTestId('attendance-status').textContent()).toBe('Present');
    await page.getByRole('status').filter({ hasText: `${seeded.citizens[1]!.name}: Present, saved.` }).waitFor();

    await press(page.getByTestId('mark-held'));
    await page.getByRole('dialog').waitFor();
    await press(page.getByRole('dialog').getByRole('button', { name: 'Mark session held' }));
    await page.getByTestId('held-state').waitFor();
    await expectNoAxe(page, 'en attendance', problems);
    expect(await invisibleFocusStops(page, 5)).toEqual([]);

    // Yesterday's session is outside its check-in window: no code, and the server says why.
    await e.open(page, `/admin/courses/sessions/${seeded.pastSessionId}/attendance`);
    const closed = page.getByTestId('checkin-closed');
    await closed.waitFor();
    expect(((await closed.textContent()) ?? '').length).toBeGreaterThan('No code now'.length + 'Try again'.length + 5);
    expect(await page.getByTestId('checkin-code').count()).toBe(0);
    await expectNoAxe(page, 'en attendance, window closed', problems);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('issues certificates to those who completed and revokes one with a reason', async () => {
    const page = await e.newPage('en');
    await e.open(page, `/admin/courses/cohorts/${seeded.citizenCohortId}/completion`);
    const members = page.getByTestId('completion-members');
    await members.waitFor();
    expect(await members.locator('tbody tr').count()).toBe(2);
    expect(await page.getByTestId('rates-sessions').locator('tbody tr').count()).toBe(2);
    await press(page.getByTestId('issue-certificates'));
    const certificates = page.getByTestId('certificates-table');
    await expect.poll(() => certificates.locator('tbody tr').count()).toBe(2);
    // The members table is read again after issuing; it may follow the certificates table by a moment.
    await expect.poll(() => members.textContent()).toContain('Complete: certificate');

    const row = certificates.locator('tr', { hasText: seeded.citizens[1]!.name });
    await press(row.getByRole('button', { name: /^Revoke certificate/ }));
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const problems: string[] = [];
    await expectNoAxe(page, 'en revoke dialog', problems);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type('Issued in error: attendance was corrected later');
    await press(dialog.getByRole('button', { name: 'Revoke certificate' }));
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByTestId('certificate-status').textContent()).toContain('Revoked');
    expect(await row.textContent()).toContain('Issued in error');
    await expectNoAxe(page, 'en completion', problems);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('has no axe violations on any course page in Korean', async () => {
    const page = await e.newPage('ko');
    const problems: string[] = [];
    for (const path of [
      '/admin/courses',
      `/admin/courses/cohorts/${seeded.citizenCohortId}`,
      `/admin/courses/cohorts/${seeded.timetableCohortId}/timetable`,
      `/admin/courses/sessions/${seeded.nowSessionId}/attendance`,
      `/admin/courses/cohorts/${seeded.citizenCohortId}/completion`,
      '/admin/courses/nowhere',
    ]) {
      await e.open(page, path);
      await checkPage(page, 'ko', `ko ${path}`, problems);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
