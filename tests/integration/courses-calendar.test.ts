/**
 * iCalendar feeds (issue 4, point 7), read back with an independent parser (ical.js): a published
 * cohort's public feed, and personal participant and lecturer feeds behind secret token URLs.
 * Times are Asia/Seoul, UIDs stay the same across requests, and a moved session comes back with a
 * higher SEQUENCE and its new time. Tokens are stored hashed, shown once, and replaced on renewal.
 */
import { createHash, randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenCampus } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { calendarTokens, cohorts, courseSessions, enrolments, programmes, rooms, sessionLecturers, systemState } from '../../src/platform/db/schema/index.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';

let t: TestApp;
const db = () => t.campus.database.db;
const ids: Record<string, string> = {};
let lecturer: TestClient & { userId: string };
let citizen: TestClient & { userId: string };
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`);
/** The UID's right-hand side: this installation's id, read from the database once the app has started. */
let UID_DOMAIN = '';

async function session(cohortId: string, key: string, more: Partial<typeof courseSessions.$inferInsert> & { lecturers?: { userId?: string; externalName?: string }[] } = {}) {
  const { lecturers = [], ...fields } = more;
  const id = uuidv7();
  ids[key] = id;
  await db()
    .insert(courseSessions)
    .values({ id, cohortId, type: 'lecture', title: { ko: `세션 ${key}`, en: `Session ${key}` }, durationMinutes: 180, checkinSecret: randomUUID(), ...fields });
  for (const l of lecturers) await db().insert(sessionLecturers).values({ id: uuidv7(), sessionId: id, userId: l.userId ?? null, externalName: l.externalName ?? null });
  return id;
}

interface Parsed {
  text: string;
  calendar: ICAL.Component;
  events: Map<string, ICAL.Event>;
}

/** Fetches a feed and parses it with ical.js, registering the feed's own VTIMEZONE. */
async function feed(client: TestClient, url: string): Promise<Parsed> {
  const res = await client.get(url);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
  const calendar = new ICAL.Component(ICAL.parse(res.body));
  const zone = calendar.getFirstSubcomponent('vtimezone');
  expect(zone?.getFirstPropertyValue('tzid')).toBe('Asia/Seoul');
  ICAL.TimezoneService.register(zone!);
  const events = new Map(calendar.getAllSubcomponents('vevent').map((v) => [String(v.getFirstPropertyValue('uid')), new ICAL.Event(v)] as const));
  return { text: res.body, calendar, events };
}
const uid = (key: string) => `${ids[key]}@${UID_DOMAIN}`;
const path = (url: string) => new URL(url).pathname;

beforeAll(async () => {
  t = await startTestApp();
  const [state] = await db().select().from(systemState).where(eq(systemState.key, 'installation_id'));
  expect(state?.value).toMatch(/^[0-9a-f-]{36}$/);
  UID_DOMAIN = `${state!.value}.open-campus`;
  lecturer = await t.signedIn(['mentor'], { name: '김하나' });
  citizen = await t.signedIn([], { name: '시민 참여자' });
  const programme = uuidv7();
  await db()
    .insert(programmes)
    .values({ id: programme, kind: 'citizen', title: { ko: '시민 과정', en: 'Citizen course' }, description: { ko: '설명' }, completionRule: { minAttendanceRate: 0.8, requiredSessionTypes: [], requireExperimentReport: false } });
  ids.room = uuidv7();
  await db().insert(rooms).values({ id: ids.room, name: { ko: '마을회관 2층', en: 'Village hall, 2nd floor' }, place: { ko: '은평구 녹번동', en: 'Nokbeon-dong, Eunpyeong-gu' }, capacity: 40 });
  for (const [key, status] of [
    ['open', 'published'],
    ['other', 'published'],
    ['draft', 'draft'],
  ] as const) {
    ids[key] = uuidv7();
    await db()
      .insert(cohorts)
      .values({ id: ids[key]!, programmeId: programme, title: { ko: `코호트 ${key}`, en: `Cohort ${key}` }, place: { ko: '은평', en: 'Eunpyeong' }, startsOn: '2020-09-07', endsOn: '2020-11-13', capacity: 30, enrolmentMode: 'open', status });
  }
  await session(ids.open!, 'lecture', {
    title: { ko: '혁신, 실험; 그리고 \\ 백슬래시', en: 'Innovation, experiments; and \\ backslash' },
    startsAt: at('2020-09-08', '19:00'),
    endsAt: at('2020-09-08', '21:00'),
    durationMinutes: 120,
    roomId: ids.room,
    sequence: 3,
    updatedAt: new Date('2020-08-01T00:00:00Z'),
    lecturers: [{ userId: lecturer.userId }, { externalName: '박외부' }],
  });
  await session(ids.open!, 'field', { type: 'field_study', durationMinutes: 480, days: 3, startsAt: at('2020-10-13', '09:00'), endsAt: at('2020-10-15', '17:00'), placeText: { ko: '강화도 현장', en: 'Ganghwa island site' } });
  await session(ids.open!, 'untimed', {});
  await session(ids.other!, 'elsewhere', { startsAt: at('2020-09-09', '19:00'), endsAt: at('2020-09-09', '21:00'), lecturers: [{ userId: lecturer.userId }] });
  await session(ids.draft!, 'planned', { startsAt: at('2020-09-10', '19:00'), endsAt: at('2020-09-10', '21:00') });
  await db().insert(enrolments).values({ id: uuidv7(), cohortId: ids.open!, userId: citizen.userId, status: 'enrolled' });
});
afterAll(async () => {
  await t.close();
});

describe("a cohort's public feed", () => {
  it('lists the timed sessions in Asia/Seoul with stable UIDs, places, lecturers and escaped text', async () => {
    const anonymous = t.client();
    const { events, text } = await feed(anonymous, `/api/v1/calendars/cohorts/${ids.open}.ics?lang=ko`);
    expect([...events.keys()].sort()).toEqual([uid('lecture'), uid('field')].sort());
    const lecture = events.get(uid('lecture'))!;
    expect(lecture.summary).toBe('혁신, 실험; 그리고 \\ 백슬래시');
    expect(lecture.startDate.zone?.tzid).toBe('Asia/Seoul');
    expect([lecture.startDate.year, lecture.startDate.month, lecture.startDate.day, lecture.startDate.hour, lecture.startDate.minute]).toEqual([2020, 9, 8, 19, 0]);
    expect(lecture.startDate.toJSDate().toISOString()).toBe('2020-09-08T10:00:00.000Z');
    expect(lecture.endDate.toJSDate().toISOString()).toBe('2020-09-08T12:00:00.000Z');
    expect(lecture.sequence).toBe(3);
    expect(lecture.location).toBe('마을회관 2층, 은평구 녹번동');
    expect(lecture.description).toBe('과정: 코호트 open\n강사: 김하나, 박외부');
    // The 3-day field study: one event repeated on three consecutive days, 09:00–17:00 each.
    const field = events.get(uid('field'))!;
    expect(field.location).toBe('강화도 현장');
    const days: string[] = [];
    const it = field.iterator();
    for (let next = it.next(); next && days.length < 5; next = it.next()) days.push(next.toJSDate().toISOString());
    expect(days).toEqual(['2020-10-13T00:00:00.000Z', '2020-10-14T00:00:00.000Z', '2020-10-15T00:00:00.000Z']);
    expect(field.endDate.toJSDate().toISOString()).toBe('2020-10-13T08:00:00.000Z');
    // RFC 5545 framing: CRLF only, lines of at most 75 octets.
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    // Same request, same bytes (UIDs and stamps do not depend on the request).
    expect((await anonymous.get(`/api/v1/calendars/cohorts/${ids.open}.ics?lang=ko`)).body).toBe(text);
  });

  it('speaks English when asked, and keeps draft and unknown cohorts private', async () => {
    const anonymous = t.client();
    const { events, calendar } = await feed(anonymous, `/api/v1/calendars/cohorts/${ids.open}.ics?lang=en`);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Cohort open');
    expect(events.get(uid('lecture'))!.location).toBe('Village hall, 2nd floor, Nokbeon-dong, Eunpyeong-gu');
    expect(events.get(uid('lecture'))!.description).toBe('Course: Cohort open\nLecturers: 김하나, 박외부');
    const draft = await anonymous.get(`/api/v1/calendars/cohorts/${ids.draft}.ics`);
    expect(draft.statusCode).toBe(404);
    expect(draft.json().error.code).toBe('calendar.cohort_not_found');
    expect((await anonymous.get(`/api/v1/calendars/cohorts/${randomUUID()}.ics`)).statusCode).toBe(404);
  });

  it('keeps every UID when PUBLIC_URL changes: a second app on the same database with another address gives the same UIDs', async () => {
    const first = await feed(t.client(), `/api/v1/calendars/cohorts/${ids.open}.ics`);
    // The same installation served at a new address (a new domain, https, a path change of the proxy).
    const moved = await createOpenCampus({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: t.campus.deps.config.dataDir, PUBLIC_URL: 'https://campus.seoul.example.kr', AUTH_SECRET: 'test-secret-test-secret-test-secret-123456' }),
      // The database stays open for the rest of this file: closing this app must not close it.
      database: { ...t.campus.database, close: async () => undefined },
      serveWeb: false,
    });
    try {
      const res = await moved.app.inject({ method: 'GET', url: `/api/v1/calendars/cohorts/${ids.open}.ics` });
      expect(res.statusCode).toBe(200);
      const parsed = new ICAL.Component(ICAL.parse(res.body));
      const uids = parsed.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('uid')));
      expect(uids.sort()).toEqual([...first.events.keys()].sort());
      expect(uids.length).toBe(2);
      for (const u of uids) {
        expect(u).not.toContain('localhost');
        expect(u).not.toContain('seoul.example.kr');
      }
    } finally {
      await moved.close();
    }
  });

  it('moves with the session: same UID, higher SEQUENCE, new time', async () => {
    const anonymous = t.client();
    const before = (await feed(anonymous, `/api/v1/calendars/cohorts/${ids.open}.ics`)).events.get(uid('lecture'))!;
    // What a hand edit (or applying a timetable run) does: new time, SEQUENCE + 1.
    await db()
      .update(courseSessions)
      .set({ startsAt: at('2020-09-15', '19:00'), endsAt: at('2020-09-15', '21:00'), sequence: 4, updatedAt: new Date() })
      .where(eq(courseSessions.id, ids.lecture!));
    const after = (await feed(anonymous, `/api/v1/calendars/cohorts/${ids.open}.ics`)).events.get(uid('lecture'))!;
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.startDate.toJSDate().toISOString()).toBe('2020-09-15T10:00:00.000Z');
    expect(before.startDate.toJSDate().toISOString()).toBe('2020-09-08T10:00:00.000Z');
    const stamp = (e: ICAL.Event, name: string) => (e.component.getFirstPropertyValue(name) as ICAL.Time).toJSDate().getTime();
    expect(stamp(before, 'last-modified')).toBe(Date.parse('2020-08-01T00:00:00Z'));
    expect(stamp(after, 'last-modified')).toBeGreaterThan(stamp(before, 'last-modified'));
    expect(stamp(after, 'dtstamp')).toBe(stamp(after, 'last-modified'));
  });
});

describe('personal feeds behind secret URLs', () => {
  it("gives a participant a URL once, stores only its hash, and the feed holds only that person's cohorts", async () => {
    const minted = await citizen.post('/api/v1/me/calendar-tokens', { kind: 'participant' });
    expect(minted.statusCode, minted.body).toBe(201);
    const { url } = minted.json<{ url: string }>();
    expect(url).toMatch(/^http:\/\/localhost:3000\/api\/v1\/calendars\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = path(url).split('/').pop()!.replace(/\.ics$/, '');
    const [row] = await db().select().from(calendarTokens).where(eq(calendarTokens.userId, citizen.userId));
    expect(row!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    // The calendar app has no cookie: an anonymous client with the URL.
    const { events, calendar } = await feed(t.client(), path(url));
    expect([...events.keys()].sort()).toEqual([uid('lecture'), uid('field')].sort());
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('오픈 캠퍼스 — 내 과정');
    // The secret stays out of the logs (the request log lines carry URLs).
    expect(t.logs.join('\n')).toContain('/api/v1/calendars/cohorts/');
    expect(t.logs.join('\n')).not.toContain(token);
    const listed = await citizen.get('/api/v1/me/calendar-tokens');
    expect(listed.json()).toEqual({ tokens: [{ kind: 'participant', active: true, createdAt: expect.any(String) }] });
    expect(listed.body).not.toContain(token);
  });

  it('replaces the old URL when a new one is made, and revoking ends it', async () => {
    const first = (await citizen.post('/api/v1/me/calendar-tokens', { kind: 'participant' })).json<{ url: string }>().url;
    const second = (await citizen.post('/api/v1/me/calendar-tokens', { kind: 'participant' })).json<{ url: string }>().url;
    expect(second).not.toBe(first);
    const old = await t.client().get(path(first));
    expect(old.statusCode).toBe(404);
    expect(old.json().error.code).toBe('calendar.feed_not_found');
    await feed(t.client(), path(second));
    expect((await citizen.delete('/api/v1/me/calendar-tokens/participant')).statusCode).toBe(200);
    expect((await t.client().get(path(second))).statusCode).toBe(404);
    expect((await t.client().get('/api/v1/calendars/feeds/not-a-token.ics')).statusCode).toBe(404);
  });

  it("gives a lecturer the sessions they teach across cohorts, and refuses a lecturer feed to someone who teaches nothing", async () => {
    const refused = await citizen.post('/api/v1/me/calendar-tokens', { kind: 'lecturer' }, { 'accept-language': 'en' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('calendar.forbidden');
    const minted = await lecturer.post('/api/v1/me/calendar-tokens', { kind: 'lecturer' });
    expect(minted.statusCode).toBe(201);
    const { events } = await feed(t.client(), `${path(minted.json<{ url: string }>().url)}?lang=en`);
    expect([...events.keys()].sort()).toEqual([uid('lecture'), uid('elsewhere')].sort());
    expect(events.get(uid('elsewhere'))!.summary).toBe('Session elsewhere');
    const bad = await lecturer.post('/api/v1/me/calendar-tokens', { kind: 'reviewer' }, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].message).toBe('Choose a participant or lecturer calendar.');
    expect((await t.client().post('/api/v1/me/calendar-tokens', { kind: 'participant' })).statusCode).toBe(401);
  });
});
