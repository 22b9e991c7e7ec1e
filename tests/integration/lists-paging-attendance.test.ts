/**
 * The attendance and completion lists of a cohort page and filter on the server, while the figures
 * of the whole cohort — the rate of each session, the cohort's rate, the completion totals — keep
 * counting every member, whatever the page, the search or the filter. Issuing certificates works on
 * the whole cohort (not the page shown), and so do corrections and revocations of people on a later
 * page.
 *
 * 65 people (참여자 01…65), 4 sessions that are over; the programme asks for 50 % attendance and
 * nothing else. Person i was present at the first (i mod 5) sessions and absent at the others,
 * except 참여자 65, excused from all four (nothing due). So: i mod 5 = 0 or 1 → below the minimum
 * (12 + 13 = 25, 참여자 65 aside); 2, 3, 4 → at or above it and complete (39); 참여자 65 →
 * nothing due, not complete. Present in all: 120 (i = 1…60) + 1+2+3+4 (i = 61…64) = 130 of
 * 64 × 4 = 256 due; session j had present everyone with i mod 5 > j: 52, 39, 26, 13 of 64 due.
 */
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, attendance, users } from '../../src/platform/db/schema/index.js';
import type { CohortAttendanceViewT, CohortCompletionViewT, CohortRatesViewT, IssueCertificatesResultT } from '../../src/shared/contracts/attendance.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DAY, HOUR, makeCohort, makeProgramme, makeSession } from '../factories/attendance.js';

let t: TestApp;
let staff: Awaited<ReturnType<TestApp['signedIn']>>;
let cohortId: string;
const people: { id: string; name: string; email: string }[] = [];
const sessionIds: string[] = [];
const nameOf = (i: number) => `참여자 ${String(i).padStart(2, '0')}`;
const personOf = (i: number) => people[i - 1]!;

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
  const db = t.campus.database.db;
  for (let i = 1; i <= 65; i++) people.push({ id: uuidv7(), name: nameOf(i), email: `p${i}@att.example` });
  // Inserted in a shuffled order, so the name order comes from the server.
  await db.insert(users).values([...people].reverse().map((p) => ({ ...p, locale: 'ko' as const })));
  const programmeId = await makeProgramme(db, { minAttendanceRate: 0.5, requiredSessionTypes: [], requireExperimentReport: false });
  cohortId = await makeCohort(
    db,
    programmeId,
    people.map((p) => p.id),
  );
  for (let j = 0; j < 4; j++) sessionIds.push(await makeSession(db, cohortId, new Date(Date.now() - (5 - j) * DAY - 3 * HOUR)));
  const rows = people.flatMap((p, idx) => {
    const i = idx + 1;
    return sessionIds.map((sessionId, j) => ({
      id: uuidv7(),
      sessionId,
      userId: p.id,
      status: i === 65 ? ('excused' as const) : j < i % 5 ? ('present' as const) : ('absent' as const),
      method: 'manual' as const,
      reason: '종이 출석부 옮겨 적음',
    }));
  });
  await db.insert(attendance).values(rows);
}, 180_000);
afterAll(async () => {
  await t.close();
});

const get = async <T>(url: string): Promise<T> => {
  const res = await staff.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};
const attendanceUrl = () => `/api/v1/admin/cohorts/${cohortId}/attendance`;
const completionUrl = () => `/api/v1/admin/cohorts/${cohortId}/completion`;

const refusesOversizedPage = async (url: string) => {
  const en = await staff.get(`${url}?pageSize=101`, { 'accept-language': 'en' });
  expect(en.statusCode).toBe(400);
  const fields = (JSON.parse(en.body) as { error: { fields: { path: string; message: string }[] } }).error.fields;
  expect(fields.find((f) => f.path === 'pageSize')!.message).toMatch(/page size must be a whole number from 1 to 100/i);
  const ko = await staff.get(`${url}?pageSize=101`, { 'accept-language': 'ko' });
  expect(ko.statusCode).toBe(400);
  expect(ko.body).toContain('페이지 크기는 1부터 100까지');
};

const refusesBadFilter = async (url: string, field: string) => {
  for (const lang of ['ko', 'en']) {
    const res = await staff.get(`${url}?${field}=nope`, { 'accept-language': lang });
    expect(res.statusCode).toBe(400);
    const fields = res.json<{ error: { fields: { path: string; message: string }[] } }>().error.fields;
    expect(fields.map((f) => f.path)).toEqual([field]);
    expect(fields[0]!.message.length).toBeGreaterThan(0);
    if (lang === 'ko') expect(fields[0]!.message).toMatch(/[\uAC00-\uD7A3]/);
  }
};

describe('the attendance list', () => {
  it('walks the 65 people by name in pages of 25, each once, with a short last page', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const p = await get<CohortAttendanceViewT>(`${attendanceUrl()}?page=${page}&pageSize=25`);
      expect([p.total, p.page, p.pageSize, p.items.length]).toEqual([65, page, 25, page === 3 ? 15 : 25]);
      seen.push(...p.items.map((m) => m.name));
    }
    expect(seen).toEqual(Array.from({ length: 65 }, (_, i) => nameOf(i + 1)));
    const second = await get<CohortAttendanceViewT>(`${attendanceUrl()}?page=2&pageSize=25`);
    // 참여자 27: 27 mod 5 = 2 → present at the first two of four.
    expect(second.items[1]).toMatchObject({ name: '참여자 27', email: 'p27@att.example', due: 4, present: 2, rate: 0.5 });
    expect(second.items[1]!.statuses).toEqual({ [sessionIds[0]!]: 'present', [sessionIds[1]!]: 'present', [sessionIds[2]!]: 'absent', [sessionIds[3]!]: 'absent' });
    expect((await get<CohortAttendanceViewT>(`${attendanceUrl()}?page=4&pageSize=25`)).items).toEqual([]);
  });

  it('computes the session and cohort rates over every member, whatever the page, search or filter', async () => {
    const whole = { due: 256, present: 130, excused: 4, rate: 130 / 256 };
    const sessions = [52, 39, 26, 13].map((present) => ({ started: true, due: 64, present, excused: 1, rate: present / 64 }));
    for (const query of ['', '?page=3&pageSize=10', `?q=${encodeURIComponent('참여자 07')}`, '?standing=below_minimum&pageSize=5', '?q=nobody']) {
      const view = await get<CohortAttendanceViewT>(`${attendanceUrl()}${query}`);
      expect(view.cohort, query).toEqual(whole);
      expect(view.sessions.map(({ started, due, present, excused, rate }) => ({ started, due, present, excused, rate })), query).toEqual(sessions);
      expect(view.minRate).toBe(0.5);
    }
    const one = await get<CohortAttendanceViewT>(`${attendanceUrl()}?q=${encodeURIComponent('참여자 07')}`);
    expect(one.items.map((p) => [p.name, p.present, p.due])).toEqual([['참여자 07', 2, 4]]);
    // The rates-only route answers the same figures and names no one.
    const rates = await get<CohortRatesViewT>(`/api/v1/admin/cohorts/${cohortId}/attendance-rates`);
    expect(rates.cohort).toEqual(whole);
    expect(rates.sessions.map((s) => s.present)).toEqual([52, 39, 26, 13]);
    expect(Object.keys(rates).sort()).toEqual(['at', 'cohort', 'cohortId', 'minRate', 'sessions']);
  });

  it('filters by standing against the minimum and by a part of the name or the address', async () => {
    const below = await get<CohortAttendanceViewT>(`${attendanceUrl()}?standing=below_minimum&pageSize=100`);
    expect(below.total).toBe(25);
    expect(below.items.every((p) => p.rate !== null && p.rate < 0.5)).toBe(true);
    const meets = await get<CohortAttendanceViewT>(`${attendanceUrl()}?standing=meets_minimum&pageSize=100`);
    expect(meets.total).toBe(39);
    expect(meets.items.every((p) => p.rate !== null && p.rate >= 0.5)).toBe(true);
    const none = await get<CohortAttendanceViewT>(`${attendanceUrl()}?standing=nothing_due`);
    expect(none.items.map((p) => [p.name, p.due, p.rate])).toEqual([['참여자 65', 0, null]]);
    expect((await get<CohortAttendanceViewT>(`${attendanceUrl()}?q=${encodeURIComponent('참여자 0')}`)).total).toBe(9);
    const byAddress = await get<CohortAttendanceViewT>(`${attendanceUrl()}?q=P6`);
    expect(byAddress.items.map((p) => p.email)).toEqual(['p6@att.example', 'p60@att.example', 'p61@att.example', 'p62@att.example', 'p63@att.example', 'p64@att.example', 'p65@att.example']);
    // Search and standing together: of 참여자 6 and 60…65, below the minimum are 60 (0) and 61 (1); 6 (1) is written 06, 65 has nothing due.
    expect((await get<CohortAttendanceViewT>(`${attendanceUrl()}?q=${encodeURIComponent('참여자 6')}&standing=below_minimum`)).items.map((p) => p.name)).toEqual(['참여자 60', '참여자 61']);
    expect((await get<CohortAttendanceViewT>(`${attendanceUrl()}?q=%25`)).total).toBe(0);
  });

  it('logs only the people on the page it answered with', async () => {
    const page = await get<CohortAttendanceViewT>(`${attendanceUrl()}?page=2&pageSize=25`);
    const logs = await t.campus.database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.actorId, staff.userId), eq(accessLog.subjectType, 'user')));
    const entry = logs.filter((l) => (l.detail as { list?: string; page?: number }).list === 'attendance' && (l.detail as { page?: number }).page === 2).at(-1)!;
    expect([...entry.subjectIds].sort()).toEqual(page.items.map((p) => p.userId).sort());
    expect(entry.subjectIds).toHaveLength(25);
  });

  it('refuses a page size over the cap and an unknown standing in both languages, and is for staff only', async () => {
    await refusesOversizedPage(attendanceUrl());
    await refusesBadFilter(attendanceUrl(), 'standing');
    for (const url of [attendanceUrl(), `/api/v1/admin/cohorts/${cohortId}/attendance-rates`]) {
      expect((await (await t.signedIn(['participant'])).get(url)).statusCode).toBe(403);
      expect((await t.client().get(url)).statusCode).toBe(401);
    }
  });
});

describe('the completion list', () => {
  const totalsBefore = { members: 65, complete: 39, notComplete: 26, certified: 0, revoked: 0, readyToIssue: 39, noLongerSupported: 0 };

  it('walks the 65 members in pages of 25 and keeps the cohort totals whatever the filter', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const p = await get<CohortCompletionViewT>(`${completionUrl()}?page=${page}&pageSize=25`);
      expect([p.total, p.page, p.pageSize, p.items.length]).toEqual([65, page, 25, page === 3 ? 15 : 25]);
      expect(p.totals).toEqual(totalsBefore);
      seen.push(...p.items.map((m) => m.name));
    }
    expect(seen).toEqual(Array.from({ length: 65 }, (_, i) => nameOf(i + 1)));
    const nothing = await get<CohortCompletionViewT>(`${completionUrl()}?filter=revoked&q=nobody`);
    expect([nothing.items, nothing.total, nothing.totals]).toEqual([[], 0, totalsBefore]);
    expect(nothing.sessions).toBe(4);
  });

  it('filters by one of the totals and by a part of the name, alone and together', async () => {
    expect((await get<CohortCompletionViewT>(`${completionUrl()}?filter=complete`)).total).toBe(39);
    expect((await get<CohortCompletionViewT>(`${completionUrl()}?filter=ready_to_issue`)).total).toBe(39);
    const notComplete = await get<CohortCompletionViewT>(`${completionUrl()}?filter=not_complete&pageSize=100`);
    expect(notComplete.total).toBe(26);
    expect(notComplete.items.every((m) => !m.complete)).toBe(true);
    expect(notComplete.items.at(-1)!.name).toBe('참여자 65');
    const both = await get<CohortCompletionViewT>(`${completionUrl()}?filter=complete&q=${encodeURIComponent('참여자 0')}`);
    expect(both.items.map((m) => m.name)).toEqual(['참여자 02', '참여자 03', '참여자 04', '참여자 07', '참여자 08', '참여자 09']);
    expect((await get<CohortCompletionViewT>(`${completionUrl()}?q=P64`)).items.map((m) => m.name)).toEqual(['참여자 64']);
  });

  it('issues certificates to everyone ready in the cohort, not only the page shown, and then shows them on every page', async () => {
    await get<CohortCompletionViewT>(`${completionUrl()}?page=1&pageSize=25`);
    const res = await staff.post(`/api/v1/admin/cohorts/${cohortId}/certificates`);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<IssueCertificatesResultT>();
    expect([result.issued.length, result.alreadyIssued, result.notComplete.length]).toEqual([39, 0, 26]);
    const lastPage = await get<CohortCompletionViewT>(`${completionUrl()}?page=3&pageSize=25`);
    expect(lastPage.totals).toMatchObject({ certified: 39, readyToIssue: 0 });
    // 참여자 64 (64 mod 5 = 4) is on the last page with a certificate.
    expect(lastPage.items.find((m) => m.name === '참여자 64')!.certificate).toMatchObject({ status: 'valid', stillMeetsRules: true });
    const certified: string[] = [];
    for (let page = 1; page <= 2; page++) certified.push(...(await get<CohortCompletionViewT>(`${completionUrl()}?filter=certified&page=${page}&pageSize=25`)).items.map((m) => m.name));
    expect(certified).toHaveLength(39);
    expect(new Set(certified).size).toBe(39);
  });

  it('flags and revokes certificates of people on a later page', async () => {
    // 참여자 63 (present at 3 of 4) loses two: 1 of 4, below the minimum, certificate no longer supported.
    for (const sessionId of sessionIds.slice(0, 2)) {
      const res = await staff.put(`/api/v1/admin/sessions/${sessionId}/attendance/${personOf(63).id}`, { status: 'absent', reason: '출석부 재확인 결과 결석' });
      expect(res.statusCode, res.body).toBe(200);
    }
    const flagged = await get<CohortCompletionViewT>(`${completionUrl()}?filter=no_longer_supported`);
    expect(flagged.items.map((m) => m.name)).toEqual(['참여자 63']);
    expect(flagged.totals).toMatchObject({ complete: 38, noLongerSupported: 1 });
    const certificateId = (await get<CohortCompletionViewT>(`${completionUrl()}?page=3&pageSize=25`)).items.find((m) => m.name === '참여자 64')!.certificate!.id;
    expect((await staff.post(`/api/v1/admin/certificates/${certificateId}/revoke`, { reason: '발급 기준 재검토' })).statusCode).toBe(200);
    const revoked = await get<CohortCompletionViewT>(`${completionUrl()}?filter=revoked`);
    expect(revoked.items.map((m) => [m.name, m.certificate?.status])).toEqual([['참여자 64', 'revoked']]);
    expect(revoked.totals).toMatchObject({ certified: 38, revoked: 1, noLongerSupported: 1 });
    // The attendance list moved 참여자 63 below the minimum, and the session rates followed.
    const below = await get<CohortAttendanceViewT>(`${attendanceUrl()}?standing=below_minimum&q=${encodeURIComponent('참여자 63')}`);
    expect(below.items.map((p) => [p.name, p.present])).toEqual([['참여자 63', 1]]);
    expect(below.sessions.map((s) => s.present)).toEqual([51, 38, 26, 13]);
  });

  it('refuses a page size over the cap and an unknown filter in both languages, and is for staff only', async () => {
    await refusesOversizedPage(completionUrl());
    await refusesBadFilter(completionUrl(), 'filter');
    expect((await (await t.signedIn(['mentor'])).get(completionUrl())).statusCode).toBe(403);
    expect((await t.client().get(completionUrl())).statusCode).toBe(401);
  });
});
