/**
 * The home page's read models: /upcoming lists only public data of published cohorts, and
 * /me/overview answers each person with their own next session, applications and reviews to do —
 * never another person's, whatever ids they try.
 */
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { cohorts, sessionLecturers } from '../../src/platform/db/schema/index.js';
import type { MeOverviewT, UpcomingListT } from '../../src/shared/contracts/home.js';
import type { MyApplicationsListT } from '../../src/shared/contracts/selection.js';
import type { MyReviewListT } from '../../src/shared/contracts/review.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { assignByHand, DEFAULT_RUBRIC, scoreAndSubmit, seedReviewableCall, type SeededCall, type SignedIn } from '../factories/review.js';
import { DAY, HOUR, makeCohort, makeProgramme, makeSession } from '../factories/attendance.js';

let t: TestApp;
let seeded: SeededCall;
let mentor: SignedIn;
let outsider: SignedIn;
const ids: Record<string, string> = {};

const overviewOf = async (client: { get: (url: string) => Promise<{ statusCode: number; json: <T>() => T; body: string }> }) => {
  const res = await client.get('/api/v1/me/overview');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<MeOverviewT>();
};

beforeAll(async () => {
  t = await startTestApp();
  const db = t.campus.database.db;
  seeded = await seedReviewableCall(t, { applicants: 2, reviewers: 2, k: 1 });
  const [first, second] = seeded.applicants;
  const [reviewerA] = seeded.reviewers;
  // Reviewer A has both applications to review; reviewer B has none.
  ids.a1 = await assignByHand(seeded.staff, seeded.callId, first!.applicationId, reviewerA!.reviewerId);
  ids.a2 = await assignByHand(seeded.staff, seeded.callId, second!.applicationId, reviewerA!.reviewerId);

  mentor = (await t.signedIn(['mentor'])) as SignedIn;
  outsider = (await t.signedIn([])) as SignedIn;

  // The first applicant is enrolled in a published cohort with a past, a running-soon and a later session.
  const programme = await makeProgramme(db);
  ids.cohort = await makeCohort(db, programme, [first!.userId]);
  const now = Date.now();
  ids.past = await makeSession(db, ids.cohort, new Date(now - 3 * DAY), 120, 'lecture', '지난 강의');
  ids.soon = await makeSession(db, ids.cohort, new Date(now + 2 * DAY), 120, 'workshop', '다음 워크숍');
  ids.later = await makeSession(db, ids.cohort, new Date(now + 9 * DAY), 120, 'lecture', '나중 강의');
  ids.unscheduled = await makeSession(db, ids.cohort, null);
  // The mentor teaches the later session, and one sooner in another cohort.
  await db.insert(sessionLecturers).values({ id: uuidv7(), sessionId: ids.later, userId: mentor.userId });
  // A draft cohort's session is nobody's business yet, even if it starts soonest.
  ids.draftCohort = await makeCohort(db, programme, [first!.userId]);
  await db.update(cohorts).set({ status: 'draft' }).where(eq(cohorts.id, ids.draftCohort));
  ids.draftSession = await makeSession(db, ids.draftCohort, new Date(now + HOUR), 60, 'lecture', '초안 강의');
  await db.insert(sessionLecturers).values({ id: uuidv7(), sessionId: ids.draftSession, userId: mentor.userId });
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('GET /api/v1/upcoming', () => {
  it('lists timetabled sessions of published cohorts that have not ended, soonest first, with public data only', async () => {
    const res = await t.client().get('/api/v1/upcoming');
    expect(res.statusCode).toBe(200);
    const body = res.json<UpcomingListT>();
    expect(body.timeZone).toBe('Asia/Seoul');
    expect(body.items.map((i) => i.id)).toEqual([ids.soon, ids.later]);
    const [soon] = body.items;
    expect(soon).toMatchObject({ kind: 'session', type: 'workshop', title: { ko: '다음 워크숍' }, cohort: { id: ids.cohort, title: { ko: '2020 1기' } }, programmeTitle: { ko: '탑 이노베이터 과정' } });
    expect(new Date(soon!.startsAt).getTime()).toBeGreaterThan(Date.now());
    // No lecturer, member or secret leaves: the words of the response hold none of them.
    for (const secret of [mentor.userId, mentor.email, seeded.applicants[0]!.userId, seeded.applicants[0]!.email, 'checkin']) expect(res.body).not.toContain(secret);
  });

  it('keeps to the limit asked for, and refuses a bad one with a field message', async () => {
    expect((await t.client().get('/api/v1/upcoming?limit=1')).json<UpcomingListT>().items.map((i) => i.id)).toEqual([ids.soon]);
    const bad = await t.client().get('/api/v1/upcoming?limit=500');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('limit');
  });
});

describe('GET /api/v1/me/overview', () => {
  it('is for signed-in people only', async () => {
    const res = await t.client().get('/api/v1/me/overview');
    expect(res.statusCode).toBe(401);
  });

  it("gives a participant their next session, their own application and nothing to review", async () => {
    const first = seeded.applicants[0]!;
    const o = await overviewOf(first.client);
    expect(o.nextSession).toMatchObject({ id: ids.soon, as: 'participant', cohort: { id: ids.cohort } });
    expect(o.cohorts).toBe(1);
    expect(o.applications.map((a) => a.id)).toEqual([first.applicationId]);
    expect(o.applications[0]).toMatchObject({ callId: seeded.callId, status: 'submitted', outcome: null, waitlistPosition: null });
    expect(o.reviews).toEqual({ toDo: 0, reviewer: false });
    // The same applications as the person's own list, so both pages say the same.
    const mine = (await first.client.get('/api/v1/me/applications')).json<MyApplicationsListT>();
    expect(o.applications.map((a) => [a.id, a.status, a.outcome])).toEqual(mine.applications.map((a) => [a.id, a.status, a.outcome]));
  });

  it('gives a lecturer the next session they teach, never a draft cohort’s', async () => {
    const o = await overviewOf(mentor);
    expect(o.nextSession).toMatchObject({ id: ids.later, as: 'lecturer' });
    expect(o.applications).toEqual([]);
    expect(o.cohorts).toBe(0);
  });

  it('counts a reviewer’s reviews still to do, as their review list has them', async () => {
    const reviewerA = seeded.reviewers[0]!.client!;
    expect((await overviewOf(reviewerA)).reviews).toEqual({ toDo: 2, reviewer: true });
    const scores = Object.fromEntries(DEFAULT_RUBRIC.criteria.map((c) => [c.key, DEFAULT_RUBRIC.scaleMax]));
    await scoreAndSubmit(reviewerA, ids.a1!, scores);
    // A draft is still to do.
    expect((await reviewerA.put(`/api/v1/me/reviews/${ids.a2}`, { scores, comments: {}, comment: '초안' })).statusCode).toBe(200);
    const o = await overviewOf(reviewerA);
    const list = (await reviewerA.get('/api/v1/me/reviews')).json<MyReviewListT>();
    expect(o.reviews).toEqual({ toDo: 1, reviewer: true });
    expect(list.reviews.filter((r) => r.status !== 'submitted')).toHaveLength(1);
    // Reviewer B accepted but has nothing assigned.
    expect((await overviewOf(seeded.reviewers[1]!.client!)).reviews).toEqual({ toDo: 0, reviewer: true });
  });

  it('shows one person nothing of another, whatever ids are added to the request', async () => {
    const [first, second] = seeded.applicants;
    // The route takes no input: added ids are ignored and the answer stays the caller's own.
    const snooping = [`/api/v1/me/overview?userId=${first!.userId}`, `/api/v1/me/overview?id=${first!.applicationId}`, `/api/v1/me/overview?cohortId=${ids.cohort}`, `/api/v1/me/overview/${first!.userId}`];
    for (const url of snooping) {
      const res = await second!.client.get(url);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.body, url).not.toContain(first!.applicationId);
      expect(res.body, url).not.toContain(ids.soon!);
      if (res.statusCode === 200) expect(res.json<MeOverviewT>().applications.map((a) => a.id), url).toEqual([second!.applicationId]);
    }
    const o = await overviewOf(second!.client);
    expect(o.applications.map((a) => a.id)).toEqual([second!.applicationId]);
    expect(o.nextSession).toBeNull();
    expect(o.cohorts).toBe(0);
    const text = JSON.stringify(o);
    for (const other of [first!.applicationId, first!.userId, ids.cohort!, ids.soon!]) expect(text).not.toContain(other);
    // Someone with no applications, seats or cohorts gets an empty overview, not somebody else's.
    expect(await overviewOf(outsider)).toEqual({ nextSession: null, applications: [], reviews: { toDo: 0, reviewer: false }, cohorts: 0, timeZone: 'Asia/Seoul' });
    // A session's lecturer sees only their own teaching: the participant's cohort is not counted for them.
    expect((await overviewOf(mentor)).cohorts).toBe(0);
  });
});
