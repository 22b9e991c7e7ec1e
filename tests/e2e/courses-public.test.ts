/**
 * The people's side of courses in a real browser: the public course list and cohort page, a citizen
 * who enrols in a full open course by keyboard and lands on the waitlist (a lost answer retried with
 * the same Idempotency-Key does not enrol twice), then cancels; a participant who checks in with the
 * code staff show, on a phone-sized screen; a participant's own cohort page; and the public
 * certificate verification page, valid and then revoked, and for an unknown link. axe reports no
 * violations on any of these pages in Korean or English.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCohort, createProgramme, listProgrammes } from '../../src/modules/courses/catalogue.js';
import { addLecturer, createSession } from '../../src/modules/courses/curriculum.js';
import { CohortInput, LecturerInput, ProgrammeInput, SessionInput } from '../../src/shared/contracts/courses.js';
import { certificates, enrolments } from '../../src/platform/db/schema/index.js';
import { axeViolations, browserAvailable, checkPage, SEED_ACTOR as actor, settled, signInViaForm, startE2E, type E2E, type E2EUser } from './support.js';

const run = browserAvailable();
let e: E2E;
let fullCohortId: string;
let liveCohortId: string;
let liveSessionId: string;
let certificateId: string;
let certificateToken: string;
let staff: E2EUser;
let citizen: E2EUser;
let participant: E2EUser;

const FULL_TITLE = { ko: '시민 혁신가 과정 — 마포구', en: 'Citizen innovator course — Mapo' };
const LIVE_TITLE = { ko: '시민 혁신가 과정 — 성북구', en: 'Citizen innovator course — Seongbuk' };

const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(d);

async function currentCode(sessionId: string): Promise<string> {
  const { api } = await e.signedInApi(staff);
  const res = await api.get(`/api/v1/admin/sessions/${sessionId}/checkin-code`);
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { code: string };
  await api.dispose();
  return body.code;
}

async function axeBoth(path: string, problems: string[], signedInAs?: E2EUser): Promise<void> {
  for (const lang of ['ko', 'en'] as const) {
    const page = await e.newPage(lang);
    if (signedInAs) await signInViaForm(page, e.baseUrl, signedInAs.email, signedInAs.password);
    await page.goto(`${e.baseUrl}${path}`);
    await checkPage(page, lang, `${lang} ${path}`, problems);
    await page.close();
  }
}

beforeAll(async () => {
  if (!run) return;
  e = await startE2E();
  const db = e.campus.database.db;
  const now = new Date();
  staff = await e.createUser(['staff'], 'Staff Kim');
  citizen = await e.createUser([], '박시민');
  participant = await e.createUser([], '이참여');
  const holder = await e.createUser([], '최선착');

  // The seeded citizen programme when there is one; otherwise a new one.
  const programmes = await listProgrammes(db, { page: 1, pageSize: 100 });
  const programmeId =
    programmes.items.find((p) => p.kind === 'citizen')?.id ??
    (
      await createProgramme(
        db,
        actor,
        ProgrammeInput.parse({
          kind: 'citizen',
          title: { ko: '시민 혁신가 과정', en: 'Citizen innovator course' },
          description: { ko: '시민이 함께하는 사회혁신 과정', en: 'Social innovation with citizens' },
          completionRule: { minAttendanceRate: 0.8, requiredSessionTypes: [], requireExperimentReport: true },
        }),
        now,
      )
    ).id;

  const open = (title: typeof FULL_TITLE, capacity: number) =>
    CohortInput.parse({
      programmeId,
      title,
      place: { ko: '마포구 청년혁신센터', en: 'Mapo Youth Innovation Centre' },
      startsOn: day(new Date(now.getTime() - 86_400_000)),
      endsOn: day(new Date(now.getTime() + 30 * 86_400_000)),
      capacity,
      enrolmentMode: 'open',
      enrolmentOpensAt: new Date(now.getTime() - 86_400_000).toISOString(),
      enrolmentClosesAt: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
      status: 'published',
    });

  // A full open cohort: one seat, taken.
  fullCohortId = (await createCohort(db, actor, open(FULL_TITLE, 1), now)).id;
  const lecture = await createSession(
    db,
    actor,
    fullCohortId,
    SessionInput.parse({
      type: 'lecture',
      title: { ko: '사회혁신 입문', en: 'Introduction to social innovation' },
      goals: { ko: '사회혁신의 개념을 이해한다.', en: 'Understand what social innovation is.' },
      durationMinutes: 180,
      startsAt: '2030-09-01T14:00:00+09:00',
      placeText: { ko: '마포구 청년혁신센터 3층', en: 'Mapo Youth Innovation Centre, 3rd floor' },
    }),
    now,
  );
  await addLecturer(db, actor, lecture.id, LecturerInput.parse({ externalName: '정강사', feeRate: 300_000 }));
  await db.insert(enrolments).values({ id: uuidv7(), cohortId: fullCohortId, userId: holder.id, status: 'enrolled' });

  // A cohort under way, of a programme that asks for attendance, every workshop and a report: a
  // session whose check-in window is open now, with the participant enrolled.
  const lab = await createProgramme(
    db,
    actor,
    ProgrammeInput.parse({
      kind: 'citizen',
      title: { ko: '시민 실험 과정', en: 'Citizen experiment course' },
      description: { ko: '동네 문제를 실험으로 풀어 봅니다.', en: 'Solving neighbourhood problems by experiment.' },
      completionRule: { minAttendanceRate: 0.8, requiredSessionTypes: ['workshop'], requireExperimentReport: true },
    }),
    now,
  );
  liveCohortId = (await createCohort(db, actor, { ...open(LIVE_TITLE, 30), programmeId: lab.id }, now)).id;
  liveSessionId = (
    await createSession(
      db,
      actor,
      liveCohortId,
      SessionInput.parse({
        type: 'workshop',
        title: { ko: '문제 정의 워크숍', en: 'Problem framing workshop' },
        durationMinutes: 180,
        startsAt: new Date(now.getTime() - 10 * 60_000).toISOString(),
        placeText: { ko: '성북구 마을혁신센터', en: 'Seongbuk Village Innovation Centre' },
      }),
      now,
    )
  ).id;
    await db.insert(enrolments).values({ id: uuidv7(), cohortId: liveCohortId, userId: participant.id, status: 'enrolled' });

  // An issued certificate of the participant (issuing itself is the attendance module's to test).
  certificateId = uuidv7();
  certificateToken = randomBytes(24).toString('base64url');
  await db.insert(certificates).values({ id: certificateId, cohortId: liveCohortId, userId: participant.id, number: 'OC-2030-CI-0001', token: certificateToken, holderName: participant.name, issuedAt: now });
}, 120_000);

afterAll(async () => {
  await e?.close();
});

describe.skipIf(!run)('courses, the people’s side', () => {
  it('shows the courses and a cohort with its curriculum in Seoul time, in both languages, without axe violations', async () => {
    const problems: string[] = [];
    await axeBoth('/courses', problems);
    await axeBoth(`/courses/${fullCohortId}`, problems);
    expect(problems).toEqual([]);

    const page = await e.newPage('ko');
    await page.goto(`${e.baseUrl}/courses`);
    // Reached from the main menu.
    expect(await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '교육과정' }).count()).toBe(1);
    const card = page.getByTestId(`cohort-${fullCohortId}`);
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('정원');
    expect(text).toContain('1명');
    expect(text).toContain('신청 가능');
    await card.getByRole('link', { name: FULL_TITLE.ko }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/courses/${fullCohortId}`);
    await page.getByRole('heading', { level: 1, name: FULL_TITLE.ko }).waitFor();
    const session = page.locator('article', { hasText: '사회혁신 입문' });
    // 14:00 in Seoul, whatever the browser's own time zone; the type, place and lecturer's name.
    expect(await session.textContent()).toContain('2030년 9월 1일 (일) 14:00–17:00');
    expect(await session.textContent()).toContain('강의');
    expect(await session.textContent()).toContain('마포구 청년혁신센터 3층');
    expect(await session.textContent()).toContain('정강사');
    expect(await page.getByTestId('course-calendar').getAttribute('href')).toBe(`/api/v1/calendars/cohorts/${fullCohortId}.ics`);
    const feed = await page.request.get(`${e.baseUrl}/api/v1/calendars/cohorts/${fullCohortId}.ics`);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toContain('text/calendar');
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    await page.close();
  });

  it('lets a citizen enrol by keyboard, land on the waitlist of a full course without enrolling twice on a retry, and cancel', async () => {
    await e.context.clearCookies();
    const page = await e.newPage('ko');
    await page.goto(`${e.baseUrl}/courses/${fullCohortId}`);
    await page.getByRole('heading', { level: 1, name: FULL_TITLE.ko }).waitFor();

    // Signed out: signing in from the cohort page brings the citizen back to it.
    await page.getByRole('main').getByRole('link', { name: '로그인' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/sign-in?next=*');
    await page.locator('input[type="email"]').fill(citizen.email);
    await page.locator('input[type="password"]').fill(citizen.password);
    await page.locator('input[type="password"]').press('Enter');
    await page.waitForURL(`**/courses/${fullCohortId}`);
    const button = page.getByRole('button', { name: '수강 신청' });
    await button.waitFor();
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);

    // The first answer is lost on the way back (the server did enrol): the page says so and offers a retry.
    const keys: string[] = [];
    let dropped = false;
    await page.route(`**/api/v1/cohorts/${fullCohortId}/enrolment`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      if (!dropped) {
        dropped = true;
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await button.focus();
    await page.keyboard.press('Enter');
    const problem = page.getByTestId('enrol-error');
    await expect.poll(() => problem.textContent()).toContain('두 번 신청되지 않습니다');
    const retry = page.getByRole('button', { name: '수강 신청 다시 시도' });
    await retry.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('enrol-status').textContent()).toBe('정원이 찼습니다: 대기자 명단 1번에 올랐습니다.');
    await expect.poll(() => page.getByTestId('enrol-standing').textContent()).toBe('대기자 명단 1번');
    // One key for the click and its retry, a UUID; one enrolment, first on the waitlist.
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    const rows = await e.campus.database.db.select().from(enrolments).where(eq(enrolments.cohortId, fullCohortId));
    expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(1);
    expect(rows.find((r) => r.status === 'waitlisted')?.waitlistPosition).toBe(1);
    await page.unroute(`**/api/v1/cohorts/${fullCohortId}/enrolment`);
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);

    // Listed under my courses with its position, in both languages.
    const problems: string[] = [];
    for (const lang of ['en', 'ko'] as const) {
      await e.context.addCookies([{ name: 'oc_lang', value: lang, url: e.baseUrl }]);
      await page.goto(`${e.baseUrl}/me/courses`);
      const standing = page.getByTestId(`my-enrolment-${fullCohortId}`).getByTestId('standing');
      await expect.poll(() => standing.textContent()).toBe(lang === 'ko' ? '대기자 명단 1번' : 'On the waitlist, position 1');
      await settled(page);
      for (const v of await axeViolations(page)) problems.push(`${lang} /me/courses: ${v}`);
    }
    expect(problems).toEqual([]);

    // Cancelling asks first; Cancel has focus, the dialog passes axe; then the waitlist place is gone.
    await page.goto(`${e.baseUrl}/courses/${fullCohortId}`);
    await page.getByRole('button', { name: '대기 취소' }).click();
    const dialog = page.getByRole('dialog', { name: '수강 신청을 취소할까요?' });
    await dialog.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: '대기 취소하기' }).click();
    await expect.poll(() => page.getByTestId('enrol-status').textContent()).toBe('수강 신청을 취소했습니다.');
    // The standing follows once the cohort is read again after the cancellation.
    await expect.poll(() => page.getByTestId('enrol-standing').textContent()).toBe('이 과정에 신청하지 않았습니다.');
    await expect.poll(() => page.getByRole('button', { name: '수강 신청' }).count()).toBe(1);
    const [mine] = await e.campus.database.db.select().from(enrolments).where(eq(enrolments.userId, citizen.id));
    expect(mine?.status).toBe('cancelled');

    // Where seats are free, the same button gives a seat, and the way to the course's own page.
    await page.goto(`${e.baseUrl}/courses/${liveCohortId}`);
    await page.getByRole('button', { name: '수강 신청' }).click();
    await expect.poll(() => page.getByTestId('enrol-status').textContent()).toBe('완료: 이 과정의 수강이 확정되었습니다.');
    await expect.poll(() => page.getByTestId('enrol-standing').textContent()).toBe('수강 확정');
    await page.getByRole('link', { name: /내 과정 페이지 열기/ }).click();
    await page.getByRole('heading', { level: 1, name: LIVE_TITLE.ko }).waitFor();
    await page.close();
  });

  it('lets a participant check in with the code on a phone-sized screen', async () => {
    await e.context.clearCookies();
    const page = await e.newPage('ko');
    await page.setViewportSize({ width: 390, height: 844 });
    await signInViaForm(page, e.baseUrl, participant.email, participant.password);
    await page.goto(`${e.baseUrl}/me/checkin`);
    await settled(page);
    const code = page.getByLabel('출석 코드');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    // Nothing scrolls sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);

    // The session under way is offered; a wrong code is refused next to the field, in Korean.
    const select = page.getByLabel('세션');
    await expect.poll(async () => (await select.locator('option').allTextContents()).join('|')).toContain('문제 정의 워크숍');
    const right = await currentCode(liveSessionId);
    const wrong = right === '000000' ? '111111' : '000000';
    await code.focus();
    await page.keyboard.type(wrong);
    await page.getByRole('button', { name: '출석하기' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('alert').first().waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);

    await code.fill('');
    await code.focus();
    await page.keyboard.type(await currentCode(liveSessionId));
    await page.getByRole('button', { name: '출석하기' }).focus();
    await page.keyboard.press('Enter');
    const result = page.getByTestId('checkin-result');
    await expect.poll(() => result.textContent()).toContain('‘문제 정의 워크숍’ 세션에');
    expect(await result.textContent()).toContain('출석했습니다');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('checkin-result');
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);

    // From the staff QR code: session and code filled in, and still nothing until "Check in" is pressed; in English.
    await e.context.addCookies([{ name: 'oc_lang', value: 'en', url: e.baseUrl }]);
    const fresh = await currentCode(liveSessionId);
    await page.goto(`${e.baseUrl}/me/checkin?session=${liveSessionId}&code=${fresh}`);
    await settled(page);
    expect(await page.getByLabel('Check-in code').inputValue()).toBe(fresh);
    expect(await page.getByLabel('Session').inputValue()).toBe(liveSessionId);
    expect(await page.getByTestId('checkin-prefilled').textContent()).toContain('Press “Check in”');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Check in' }).click();
    await expect.poll(() => page.getByTestId('checkin-result').textContent()).toContain('You were already checked in to “Problem framing workshop”');
    await page.close();
  });

  it('shows a participant their cohort with progress and certificate, without axe violations', async () => {
    await e.context.clearCookies();
    const problems: string[] = [];
    await axeBoth(`/me/courses/${liveCohortId}`, problems, participant);
    await axeBoth('/me/courses', problems, participant);
    expect(problems).toEqual([]);

    const page = await e.newPage('en');
    await page.goto(`${e.baseUrl}/me/courses/${liveCohortId}`);
    await page.getByRole('heading', { level: 1, name: LIVE_TITLE.en }).waitFor();
    // What is missing, in numbers: attended (checked in above) and the workshop done, the report not yet.
    const progress = page.getByTestId('my-progress');
    await expect.poll(() => progress.textContent()).toContain('2 of 3 requirements met');
    expect(await progress.textContent()).toContain('Sessions attended: 1 of 1');
    expect(await progress.textContent()).toContain('Not submitted yet.');
    await page.getByLabel('Title').fill('Shared umbrellas at bus stops');
    await page.getByLabel('What you tried and what came of it').fill('We left 40 umbrellas at four stops for a month; 31 came back.');
    await page.getByRole('button', { name: 'Submit the report' }).click();
    await expect.poll(() => page.getByTestId('report-status').textContent()).toBe('Your experiment report is submitted.');
    await expect.poll(() => progress.textContent()).toContain('You have completed the course');
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    const cert = page.getByTestId('my-certificate');
    await expect.poll(() => cert.textContent()).toContain('OC-2030-CI-0001');
    expect(await cert.getByRole('link', { name: 'Download the certificate (PDF)' }).getAttribute('href')).toBe(`/api/v1/me/certificates/${certificateId}.pdf`);

    // My personal calendar address: shown once, with a copy button; it serves my sessions.
    await e.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e.baseUrl });
    await page.getByRole('button', { name: 'Create my calendar address' }).click();
    const address = page.getByLabel('My calendar address (iCalendar)');
    await address.waitFor();
    const url = await address.inputValue();
    expect(url.startsWith(`${e.baseUrl}/api/v1/calendars/feeds/`) && url.endsWith('.ics')).toBe(true);
    await page.getByRole('button', { name: 'Copy the address' }).click();
    await expect.poll(() => page.getByTestId('calendar-status').textContent()).toBe('Address copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    const mine = await page.request.get(url);
    expect(mine.status()).toBe(200);
    expect(await mine.text()).toMatch(/문제 정의 워크숍|Problem framing workshop/);
    // Back on the page later, the address is not shown again; making a new one is said to replace it.
    await page.reload();
    await expect.poll(() => page.getByTestId('calendar-existing').textContent()).toContain('A new one replaces it');
    expect(await page.getByTestId('calendar-feed-url').count()).toBe(0);
    await page.close();
  });

  it('verifies a certificate: valid, then revoked by staff; an unknown link says so', async () => {
    await e.context.clearCookies();
    const problems: string[] = [];
    await axeBoth(`/verify/${certificateToken}`, problems);
    await axeBoth('/verify/no-such-certificate', problems);

    const page = await e.newPage('ko');
    await page.goto(`${e.baseUrl}/verify/${certificateToken}`);
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toBe('유효한 수료증입니다.');
    const facts = (await page.getByTestId('verify-facts').textContent()) ?? '';
    expect(facts).toContain(participant.name);
    expect(facts).toContain(LIVE_TITLE.ko);

    const { api, csrf } = await e.signedInApi(staff);
    const res = await api.post(`/api/v1/admin/certificates/${certificateId}/revoke`, { data: { reason: '수료 요건 재확인 결과 미달' }, headers: { 'x-csrf-token': await csrf() } });
    expect(res.status(), await res.text()).toBe(200);
    await api.dispose();

    await page.reload();
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toBe('취소된 수료증으로 더 이상 유효하지 않습니다.');
    await page.goto(`${e.baseUrl}/verify/no-such-certificate`);
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toContain('이 링크에 해당하는 수료증이 없습니다');
    await page.close();
    await axeBoth(`/verify/${certificateToken}`, problems);
    expect(problems).toEqual([]);
  });
});
