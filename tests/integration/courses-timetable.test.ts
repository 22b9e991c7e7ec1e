/**
 * Timetable generation end to end (issue 4, point 3): 202 → progress → a proposal with zero hard
 * conflicts that keeps lecturers, rooms and the cohort in one place at a time, respects cadence,
 * order, allowed weeks, the 3-day field study, sessions already held and another cohort's booked
 * times; unplaceable sessions named with reasons in Korean and English; apply writes times in one
 * transaction with SEQUENCE bumped and an audit entry; live conflict warnings after hand edits,
 * including clashes with another cohort. Checked against the stored rows, not the run's own words.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cohorts, courseSessions, programmes, rooms, sessionLecturers } from '../../src/platform/db/schema/index.js';
import type { CohortConflictsT, TimetableApplyViewT, TimetableRunViewT } from '../../src/shared/contracts/timetable.js';
import { formatDate } from '../../src/shared/i18n/format.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { waitFor } from '../support/factories.js';

let t: TestApp;
let staff: TestClient;
const db = () => t.campus.database.db;
const ids: Record<string, string> = {};
let kim: string;
let lee: string;

const KST = 9 * 3_600_000;
/** Seoul wall clock of an instant: 'YYYY-MM-DD', ISO weekday, minutes. */
function seoul(iso: string | Date) {
  const d = new Date(new Date(iso).getTime() + KST);
  return { date: d.toISOString().slice(0, 10), weekday: ((d.getUTCDay() + 6) % 7) + 1, minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
}
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`);

async function session(cohortId: string, key: string, more: Partial<typeof courseSessions.$inferInsert> & { lecturers?: { userId?: string; externalName?: string }[] } = {}) {
  const { lecturers = [], ...fields } = more;
  const id = uuidv7();
  ids[key] = id;
  await db()
    .insert(courseSessions)
    .values({ id, cohortId, type: 'lecture', title: { ko: `세션 ${key}`, en: `Session ${key}` }, durationMinutes: 180, checkinSecret: randomUUID(), position: Object.keys(ids).length, ...fields });
  for (const l of lecturers) await db().insert(sessionLecturers).values({ id: uuidv7(), sessionId: id, userId: l.userId ?? null, externalName: l.externalName ?? null, feeRate: 300_000 });
  return id;
}

async function waitForRun(id: string): Promise<TimetableRunViewT> {
  return waitFor(
    async () => {
      const res = await staff.get(`/api/v1/admin/timetable-runs/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      const run = res.json<TimetableRunViewT>();
      return run.status === 'done' || run.status === 'failed' ? run : undefined;
    },
    20_000,
    () => `timetable run ${id} did not finish`,
    50,
  );
}

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
  kim = (await t.signedIn(['mentor'], { name: '김하나' })).userId;
  lee = (await t.signedIn(['mentor'], { name: '이두리' })).userId;
  const programme = uuidv7();
  await db()
    .insert(programmes)
    .values({ id: programme, kind: 'top_innovator', title: { ko: '시험 과정', en: 'Test programme' }, description: { ko: '설명' }, completionRule: { minAttendanceRate: 0.8, requiredSessionTypes: [], requireExperimentReport: false } });
  ids.hall = uuidv7();
  ids.small = uuidv7();
  await db()
    .insert(rooms)
    .values([
      { id: ids.hall, name: { ko: '본관 강당', en: 'Main hall' }, place: { ko: '테스트센터 본관', en: 'Test centre' }, capacity: 40, availability: {} },
      // Too small for the cohort: never chosen.
      { id: ids.small, name: { ko: '별관 소회의실', en: 'Small room' }, place: { ko: '테스트센터 별관', en: 'Test centre annex' }, capacity: 10, availability: {} },
    ]);
  ids.cohortA = uuidv7();
  ids.cohortB = uuidv7();
  await db()
    .insert(cohorts)
    .values([
      { id: ids.cohortA, programmeId: programme, title: { ko: '시험 1기', en: 'Test cohort 1' }, place: { ko: '테스트센터', en: 'Test centre' }, startsOn: '2021-03-01', endsOn: '2021-03-14', capacity: 20, enrolmentMode: 'selection', status: 'published' },
      { id: ids.cohortB, programmeId: programme, title: { ko: '다른 기수', en: 'Other cohort' }, place: { ko: '테스트센터', en: 'Test centre' }, startsOn: '2021-03-01', endsOn: '2021-03-14', capacity: 20, enrolmentMode: 'selection', status: 'published' },
    ]);
  const A = ids.cohortA;
  await session(A, 's1', { lecturers: [{ userId: kim }], constraints: { cadenceGroup: 'lec' } });
  await session(A, 's2', { lecturers: [{ userId: kim }], constraints: { cadenceGroup: 'lec' } });
  await session(A, 's3', { type: 'workshop', durationMinutes: 360, lecturers: [{ userId: kim }, { userId: lee }], constraints: { prerequisites: [ids.s1!] } });
  await session(A, 'field', { type: 'field_study', durationMinutes: 480, days: 3, placeText: { ko: '현장', en: 'On site' }, lecturers: [{ userId: lee }] });
  await session(A, 's5', { type: 'mentoring', durationMinutes: 120, lecturers: [{ externalName: '박외부' }], constraints: { allowedWeeks: [1] } });
  await session(A, 'long', { durationMinutes: 1440, lecturers: [{ userId: lee }] });
  await session(A, 'orphan', { durationMinutes: 120, constraints: { prerequisites: [randomUUID()] } });
  // Already held: stays where it is, and lee is taken then.
  await session(A, 'held', { lecturers: [{ userId: lee }], startsAt: at('2021-03-02', '09:00'), endsAt: at('2021-03-02', '12:00'), roomId: ids.hall, heldAt: new Date() });
  // Another cohort's booked session: kim and the hall are taken on Monday morning.
  await session(ids.cohortB, 'other', { lecturers: [{ userId: kim }], startsAt: at('2021-03-01', '09:00'), endsAt: at('2021-03-01', '12:00'), roomId: ids.hall });
});
afterAll(async () => {
  await t.close();
});

describe('a timetable run', () => {
  let run: TimetableRunViewT;

  it('answers 202 with a queued run, then reports done with its progress', async () => {
    const started = await staff.post('/api/v1/admin/cohorts/timetable-runs', { cohortIds: [ids.cohortA], seed: 7, timeLimitSeconds: 20, closedDates: ['2021-03-12'] });
    expect(started.statusCode, started.body).toBe(202);
    const queued = started.json<TimetableRunViewT>();
    expect(queued).toMatchObject({ status: 'queued', cohortIds: [ids.cohortA], params: { seed: 7, timeLimitSeconds: 20, closedDates: ['2021-03-12'] }, result: null, appliedAt: null });
    run = await waitForRun(queued.id);
    expect(run.status, JSON.stringify(run.result)).toBe('done');
    expect(run.phase).toBe('done');
    expect(run.progress).toMatchObject({ phase: 'done', hardConflicts: 0, placed: 5 });
    expect(run.result!.status).toBe('partial');
    expect(run.result!.fixedSessions).toBe(2);
    // Soft quality, typed; no lecturer here stated slot wishes, so none are counted or listed.
    expect(run.result!.quality).toEqual({ score: expect.any(Number), spreadExcess: expect.any(Number), dailyExcess: expect.any(Number), avoidedSlotsUsed: 0, preferenceMisses: 0, preferenceHits: 0 });
    expect(run.result!.lecturerPreferences).toEqual([]);
    const list = (await staff.get(`/api/v1/admin/cohorts/${ids.cohortA}/timetable-runs`)).json<{ runs: TimetableRunViewT[] }>();
    expect(list.runs.map((r) => r.id)).toContain(run.id);
  });

  it('proposes a conflict-free timetable that keeps every rule (checked independently)', () => {
    const placed = new Map(run.result!.placements!.map((p) => [p.sessionId, p] as const));
    expect([...placed.keys()].sort()).toEqual([ids.s1, ids.s2, ids.s3, ids.field, ids.s5].sort());
    // Each day a placement occupies, as [date, from, to] in Seoul, with its lecturers and room.
    const lecturersOf: Record<string, string[]> = { [ids.s1!]: [kim], [ids.s2!]: [kim], [ids.s3!]: [kim, lee], [ids.field!]: [lee], [ids.s5!]: ['박외부'] };
    const blocks = [...placed.values()].flatMap((p) => {
      const s = seoul(p.startsAt);
      const e = seoul(p.endsAt);
      return Array.from({ length: p.days }, (_, k) => {
        const date = new Date(Date.parse(`${s.date}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);
        return { id: p.sessionId, date, from: s.minutes, to: e.minutes, room: p.roomId, lecturers: lecturersOf[p.sessionId]! };
      });
    });
    // Fixed: the held session (lee, hall) and the other cohort's (kim, hall).
    blocks.push({ id: 'held', date: '2021-03-02', from: 540, to: 720, room: ids.hall!, lecturers: [lee] });
    blocks.push({ id: 'other', date: '2021-03-01', from: 540, to: 720, room: ids.hall!, lecturers: [kim] });
    for (const a of blocks)
      for (const b of blocks) {
        if (a === b || a.id === b.id || a.date !== b.date || a.to <= b.from || b.to <= a.from) continue;
        // Overlapping in time: only fine if nothing is shared (and never within the cohort, except with the other cohort's session).
        expect(a.lecturers.filter((l) => b.lecturers.includes(l)), `${a.id} × ${b.id}`).toEqual([]);
        if (a.room && b.room) expect(a.room, `${a.id} × ${b.id}`).not.toBe(b.room);
        if (a.id !== 'other' && b.id !== 'other') throw new Error(`cohort clash ${a.id} × ${b.id}`);
      }
    for (const p of placed.values()) {
      const s = seoul(p.startsAt);
      expect(s.date >= '2021-03-01' && s.date <= '2021-03-14').toBe(true);
      expect([1, 2, 3, 4, 5]).toContain(s.weekday);
      expect(s.date).not.toBe('2021-03-12');
      expect([540, 780, 960]).toContain(s.minutes);
      // Rooms from the cohort's venue, big enough (the small room never), none for the field study.
      expect(p.roomId).toBe(p.sessionId === ids.field ? null : ids.hall);
      expect(p.changed).toBe(true);
      expect(p.sequence).toBe(0);
    }
    // Lengths: start + duration on the last day.
    expect(Date.parse(placed.get(ids.s3!)!.endsAt) - Date.parse(placed.get(ids.s3!)!.startsAt)).toBe(360 * 60_000);
    // Cadence: s2 exactly one week after s1's week (weeks counted from Monday 2021-03-01).
    const week = (iso: string) => Math.floor((Date.parse(`${seoul(iso).date}T00:00:00Z`) - Date.parse('2021-03-01T00:00:00Z')) / (7 * 86_400_000));
    expect(week(placed.get(ids.s2!)!.startsAt) - week(placed.get(ids.s1!)!.startsAt)).toBe(1);
    // Order: the workshop starts after s1 ends.
    expect(Date.parse(placed.get(ids.s3!)!.startsAt)).toBeGreaterThanOrEqual(Date.parse(placed.get(ids.s1!)!.endsAt));
    // Allowed weeks: mentoring in the cohort's second week.
    expect(week(placed.get(ids.s5!)!.startsAt)).toBe(1);
    // The field study: three consecutive weekdays, not over the closed Friday 12th.
    const field = seoul(placed.get(ids.field!)!.startsAt);
    expect(field.weekday).toBeLessThanOrEqual(3);
    expect(placed.get(ids.field!)!.days).toBe(3);
    expect(['2021-03-10', '2021-03-11']).not.toContain(field.date);
  });

  it('names each session it could not place, with the reason in Korean and English', () => {
    const unplaced = new Map(run.result!.unplaced!.map((u) => [u.sessionId, u] as const));
    expect([...unplaced.keys()].sort()).toEqual([ids.long, ids.orphan].sort());
    const long = unplaced.get(ids.long!)!;
    expect(long.code).toBe('duration_exceeds_day');
    expect(long.reason.ko).toContain('«세션 long»');
    expect(long.reason.ko).toContain('24시간');
    expect(long.reason.en).toContain('«Session long» lasts 24 hours');
    const orphan = unplaced.get(ids.orphan!)!;
    expect(orphan.code).toBe('unknown_prerequisite');
    expect(orphan.reason.en).toMatch(/^«Session orphan» must come after a session that no longer exists/);
    expect(orphan.reason.ko).toContain('선수 세션');
    for (const u of unplaced.values()) expect(`${u.reason.ko} ${u.reason.en}`).not.toMatch(/\{\{|courses\.timetable/);
  });

  it('changes nothing until applied; apply writes every proposed time in one go, bumps SEQUENCE and is audited', async () => {
    const before = await db().select().from(courseSessions).where(eq(courseSessions.id, ids.s1!));
    expect(before[0]!.startsAt).toBeNull();
    const applied = await staff.post(`/api/v1/admin/timetable-runs/${run.id}/apply`);
    expect(applied.statusCode, applied.body).toBe(200);
    const body = applied.json<TimetableApplyViewT>();
    expect(body).toMatchObject({ changed: 5, unchanged: 0 });
    expect(body.run.appliedAt).not.toBeNull();
    const rows = await db().select().from(courseSessions).where(inArray(courseSessions.id, Object.values(ids)));
    const byId = new Map(rows.map((r) => [r.id, r] as const));
    for (const p of run.result!.placements!) {
      const row = byId.get(p.sessionId)!;
      expect(row.startsAt!.toISOString()).toBe(p.startsAt);
      expect(row.endsAt!.toISOString()).toBe(p.endsAt);
      expect(row.roomId).toBe(p.roomId);
      expect(row.sequence).toBe(1);
    }
    // Not proposed: untouched.
    expect(byId.get(ids.long!)!.startsAt).toBeNull();
    expect(byId.get(ids.held!)!.sequence).toBe(0);
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, run.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['timetable_run.apply', 'timetable_run.start']);
    const again = await staff.post(`/api/v1/admin/timetable-runs/${run.id}/apply`, {}, { 'accept-language': 'en' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('timetable.already_applied');
  });

  it('refuses to apply a run made before sessions were moved by hand', async () => {
    const started = await staff.post('/api/v1/admin/cohorts/timetable-runs', { cohortIds: [ids.cohortA], seed: 8, timeLimitSeconds: 20 });
    const second = await waitForRun(started.json<TimetableRunViewT>().id);
    expect(second.status).toBe('done');
    // Already at the proposed place: an unchanged placement is not rewritten.
    expect(second.result!.placements!.every((p) => p.sequence === 1)).toBe(true);
    await db().update(courseSessions).set({ sequence: 2 }).where(eq(courseSessions.id, ids.s5!));
    const refused = await staff.post(`/api/v1/admin/timetable-runs/${second.id}/apply`, {}, { 'accept-language': 'en' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'timetable.state_stale', message: expect.stringContaining('(1)') });
    await db().update(courseSessions).set({ sequence: 1 }).where(eq(courseSessions.id, ids.s5!));
  });
});

describe('live conflict warnings', () => {
  const conflicts = async () => {
    const res = await staff.get(`/api/v1/admin/cohorts/${ids.cohortA}/conflicts`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CohortConflictsT>();
  };

  it('finds none in the applied timetable', async () => {
    const c = await conflicts();
    expect(c).toMatchObject({ cohortId: ids.cohortA, checked: 6, untimed: 2, warnings: [] });
  });

  it('warns, in words, when a hand edit puts kim in two places and breaks the cadence', async () => {
    const [s1] = await db().select().from(courseSessions).where(eq(courseSessions.id, ids.s1!));
    const original = { startsAt: (await db().select().from(courseSessions).where(eq(courseSessions.id, ids.s2!)))[0]!.startsAt, endsAt: null as Date | null };
    original.endsAt = (await db().select().from(courseSessions).where(eq(courseSessions.id, ids.s2!)))[0]!.endsAt;
    await db().update(courseSessions).set({ startsAt: s1!.startsAt, endsAt: s1!.endsAt }).where(eq(courseSessions.id, ids.s2!));
    const c = await conflicts();
    const kinds = c.warnings.map((w) => w.kind);
    expect(kinds).toEqual(expect.arrayContaining(['lecturer_clash', 'room_clash', 'cohort_clash', 'cadence']));
    const clash = c.warnings.find((w) => w.kind === 'lecturer_clash')!;
    expect(clash.sessionIds.sort()).toEqual([ids.s1, ids.s2].sort());
    expect(clash.resource).toMatchObject({ type: 'lecturer', id: kim, name: '김하나' });
    expect(clash.date).toBe(seoul(s1!.startsAt!).date);
    // The warning carries the day as data (clash.date) and says it as people write it.
    expect(clash.text.en).toBe(`김하나 teaches «Session s1», «Session s2» at the same time (${formatDate(clash.date!, 'en')}, ${clash.time}).`);
    expect(clash.text.ko).toContain('김하나 강사가 같은 시간');
    await db().update(courseSessions).set(original).where(eq(courseSessions.id, ids.s2!));
  });

  it("warns about a clash with another cohort's session sharing the lecturer and the room", async () => {
    const [s1] = await db().select().from(courseSessions).where(eq(courseSessions.id, ids.s1!));
    // Onto Monday morning, where kim teaches the other cohort in the hall.
    await db().update(courseSessions).set({ startsAt: at('2021-03-01', '10:00'), endsAt: at('2021-03-01', '13:00'), roomId: ids.hall }).where(eq(courseSessions.id, ids.s1!));
    const c = await conflicts();
    const cross = c.warnings.filter((w) => w.otherSessionIds.length > 0);
    expect(cross.map((w) => w.kind).sort()).toEqual(['lecturer_clash', 'room_clash']);
    for (const w of cross) expect(w).toMatchObject({ sessionIds: [ids.s1], otherSessionIds: [ids.other], date: '2021-03-01', time: '10:00' });
    expect(cross.find((w) => w.kind === 'lecturer_clash')!.text.en).toBe('김하나 teaches «Session s1» and «Session other» (Other cohort) at the same time (Mon 1 Mar 2021, 10:00).');
    expect(cross.find((w) => w.kind === 'room_clash')!.text.ko).toContain('본관 강당에 같은 시간(2021년 3월 1일 (월) 10:00)');
    // 10:00 is inside the morning slot: the stored time is checked in its slot (no slot-start error).
    expect(c.warnings.map((w) => w.kind)).not.toContain('unknown_slot');
    await db().update(courseSessions).set({ startsAt: s1!.startsAt, endsAt: s1!.endsAt, roomId: s1!.roomId }).where(eq(courseSessions.id, ids.s1!));
    expect((await conflicts()).warnings).toEqual([]);
  });
});

describe('refusals', () => {
  it('validates the request with field messages, 404s an unknown cohort or run, and is staff only', async () => {
    const empty = await staff.post('/api/v1/admin/cohorts/timetable-runs', { cohortIds: [] }, { 'accept-language': 'en' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toEqual([{ path: 'cohortIds', message: 'Choose between 1 and 60 courses.' }]);
    const badDate = await staff.post('/api/v1/admin/cohorts/timetable-runs', { cohortIds: [ids.cohortA], closedDates: ['2021-13-01'] }, { 'accept-language': 'ko' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.fields[0].message).toContain('YYYY-MM-DD');
    const unknown = await staff.post('/api/v1/admin/cohorts/timetable-runs', { cohortIds: [randomUUID()] });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('timetable.cohort_not_found');
    expect((await staff.get(`/api/v1/admin/timetable-runs/${randomUUID()}`)).statusCode).toBe(404);
    expect((await staff.post(`/api/v1/admin/timetable-runs/${randomUUID()}/apply`)).statusCode).toBe(404);
    expect((await staff.get(`/api/v1/admin/cohorts/${randomUUID()}/conflicts`)).statusCode).toBe(404);
    const member = await t.signedIn();
    expect((await member.post('/api/v1/admin/cohorts/timetable-runs', { cohortIds: [ids.cohortA] })).statusCode).toBe(403);
  });
});

describe('the seeded 2020 pilot', () => {
  it('timetables all 34 sessions of the top-innovator course without a conflict, and the applied result checks clean', async () => {
    const [pilot] = await db().select().from(cohorts).where(eq(cohorts.slug, 'top-innovator-2020'));
    const holidays = ['2020-08-17', '2020-09-30', '2020-10-01', '2020-10-02', '2020-10-09'];
    const started = await staff.post('/api/v1/admin/cohorts/timetable-runs', { cohortIds: [pilot!.id], seed: 2020, timeLimitSeconds: 30, closedDates: holidays });
    expect(started.statusCode, started.body).toBe(202);
    const run = await waitForRun(started.json<TimetableRunViewT>().id);
    expect(run.status).toBe('done');
    expect(run.result!.unplaced).toEqual([]);
    expect(run.result!.status).toBe('complete');
    expect(run.result!.placements).toHaveLength(34);
    for (const p of run.result!.placements!) {
      const s = seoul(p.startsAt);
      expect(s.date >= '2020-08-03' && s.date <= '2020-11-20', p.title.en).toBe(true);
      expect(holidays).not.toContain(s.date);
      expect(s.weekday).toBeLessThanOrEqual(5);
    }
    expect((await staff.post(`/api/v1/admin/timetable-runs/${run.id}/apply`)).statusCode).toBe(200);
    const res = await staff.get(`/api/v1/admin/cohorts/${pilot!.id}/conflicts`);
    expect(res.json<CohortConflictsT>()).toMatchObject({ checked: 34, untimed: 0, warnings: [] });
  });
});
