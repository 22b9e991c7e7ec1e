/**
 * The demo loader (issue 3 point 10): a realistic call with ~300 submitted applications across the
 * four sectors, 20 reviewers with profiles, conflicts that the rules detect, and — with reviews — 3
 * conflict-free reviewers per application and submitted scores where calibration finds the harsh
 * and the lenient reviewers. Demo accounts sign in with the shared password; a second load is
 * refused and changes nothing.
 */
import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectConflicts } from '../../src/core/assignment/conflicts.js';
import { checkAnswers } from '../../src/core/recruitment/answers.js';
import { generateDemo } from '../../src/modules/recruitment/demo-data.js';
import { DemoAlreadyLoaded, findDemoCall, loadDemo, scoreDemoAssignments, type DemoLoadResult } from '../../src/modules/recruitment/demo.js';
import { calibrationForCall } from '../../src/modules/review/scores.js';
import { applications, auditLog, callReviewers, calls, reviewAssignments, reviews, users } from '../../src/platform/db/schema/index.js';
import type { ApplicationListT } from '../../src/shared/contracts/recruitment.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { countRows } from '../support/factories.js';

const PASSWORD = 'demo password 2020';
let t: TestApp;
let result: DemoLoadResult;

beforeAll(async () => {
  t = await startTestApp();
  result = await loadDemo(t.campus.database.db, t.campus.auth, { password: PASSWORD, withReviews: true });
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('the demo data', () => {
  it('is the same for the same seed and different for another', () => {
    const a = generateDemo({ seed: 7 });
    expect(generateDemo({ seed: 7 })).toEqual(a);
    expect(generateDemo({ seed: 8 }).applicants[0]).not.toEqual(a.applicants[0]);
  });

  it('uses only reserved .example addresses, so no e-mail can reach a real person', () => {
    const d = generateDemo();
    const emails = [d.staff.email, ...d.reviewers.map((r) => r.email), ...d.applicants.map((a) => a.email)];
    expect(emails.every((e) => /@[a-z0-9.-]+\.example$/.test(e))).toBe(true);
    expect(new Set(emails).size).toBe(emails.length);
  });
});

describe('loading the demo', () => {
  it('creates a closed call with quotas, rubric and about 300 valid submitted applications across the four sectors', async () => {
    const db = t.campus.database.db;
    const [call] = await db.select().from(calls).where(eq(calls.id, result.callId));
    expect(call).toMatchObject({ status: 'closed', capacity: 30, reviewsPerApplication: 3 });
    expect(call!.title.ko).toContain('탑 이노베이터');
    expect(call!.title.en).toBeTruthy();
    expect(call!.quotas).toEqual(['company', 'public', 'university', 'civil_society'].map((value) => ({ attribute: 'sector', value, min: 5, max: 10 })));
    expect(call!.rubric!.criteria).toHaveLength(4);

    const apps = await db.select().from(applications).where(eq(applications.callId, result.callId));
    expect(apps).toHaveLength(300);
    expect(result.applications).toBe(300);
    for (const a of apps) {
      expect(a.status).toBe('submitted');
      expect(checkAnswers(call!.questions, a.answers, true)).toEqual([]);
      expect(a.submittedAt!.getTime()).toBeGreaterThanOrEqual(call!.opensAt.getTime());
      expect(a.submittedAt!.getTime()).toBeLessThan(call!.closesAt.getTime());
    }
    const bySector = new Map<string, number>();
    for (const a of apps) bySector.set(String(a.answers.sector), (bySector.get(String(a.answers.sector)) ?? 0) + 1);
    // Every sector has more applicants than its quota's maximum, so the quotas matter.
    for (const s of ['company', 'public', 'university', 'civil_society']) expect(bySector.get(s) ?? 0, s).toBeGreaterThan(30);
  });

  it('adds 20 accepted reviewers, some of whom are in conflict with applicants', async () => {
    const db = t.campus.database.db;
    const reviewerRows = await db.select().from(callReviewers).where(eq(callReviewers.callId, result.callId));
    expect(reviewerRows).toHaveLength(20);
    expect(reviewerRows.every((r) => r.status === 'accepted' && r.userId && r.sectors.length > 0 && r.topics.length > 0 && r.expertise.length > 0)).toBe(true);
    const apps = await db.select({ id: applications.id, answers: applications.answers, email: users.email }).from(applications).innerJoin(users, eq(users.id, applications.userId)).where(eq(applications.callId, result.callId));
    const conflicts = detectConflicts(
      apps.map((a) => ({ id: a.id, organisation: String(a.answers.organisation), email: a.email })),
      reviewerRows.map((r) => ({ id: r.id, organisation: r.organisation, email: r.email, declaredConflicts: r.declaredConflicts })),
    );
    expect(conflicts.size).toBeGreaterThan(10);

    // With reviews: exactly 3 distinct reviewers per application, none conflicted, loads respected.
    const pairs = await db.select().from(reviewAssignments).where(eq(reviewAssignments.callId, result.callId));
    expect(pairs).toHaveLength(900);
    const perApp = new Map<string, Set<string>>();
    for (const p of pairs) {
      expect(conflicts.get(p.applicationId)?.has(p.reviewerId) ?? false).toBe(false);
      expect(p).toMatchObject({ source: 'manual', explanation: { reason: 'demo' } });
      perApp.set(p.applicationId, (perApp.get(p.applicationId) ?? new Set()).add(p.reviewerId));
    }
    expect([...perApp.values()].every((s) => s.size === 3)).toBe(true);
    expect(perApp.size).toBe(300);
    for (const r of reviewerRows) expect(pairs.filter((p) => p.reviewerId === r.id).length).toBeLessThanOrEqual(r.load);
  });

  it('submits scores in which calibration finds the harsh and the lenient reviewers', async () => {
    const db = t.campus.database.db;
    const rows = await db.select({ r: reviews }).from(reviews).innerJoin(reviewAssignments, eq(reviewAssignments.id, reviews.assignmentId)).where(eq(reviewAssignments.callId, result.callId));
    expect(rows).toHaveLength(900);
    expect(rows.every(({ r }) => r.status === 'submitted' && r.total !== null && r.total >= 0 && r.total <= 100 && Object.keys(r.scores).length === 4 && r.comment)).toBe(true);
    const { calibration } = await calibrationForCall(db, result.callId);
    const reviewerRows = await db.select().from(callReviewers).where(eq(callReviewers.callId, result.callId));
    const offsetOf = (email: string) => calibration.reviewers.find((c) => c.reviewerId === reviewerRows.find((r) => r.email === email)!.id)!.offset;
    // demo-data.ts makes reviewers 3 and 8 harsh, 12 and 17 lenient.
    const [harsh1, harsh2, lenient1, lenient2] = [3, 8, 12, 17].map((i) => offsetOf(result.reviewerEmails[i]!));
    for (const h of [harsh1!, harsh2!]) expect(h).toBeLessThan(-8);
    for (const l of [lenient1!, lenient2!]) expect(l).toBeGreaterThan(8);
  });

  it('lets the demo staff and reviewers sign in with the shared password', async () => {
    const staff = t.client();
    const signIn = await staff.post('/api/v1/auth/sign-in', { email: result.staffEmail, password: PASSWORD });
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect(signIn.json<{ roles: string[] }>().roles).toContain('staff');
    // The staff list pages: 300 applications in all, a full first page of 100.
    const list = await staff.get(`/api/v1/admin/calls/${result.callId}/applications?pageSize=100`);
    expect(list.statusCode).toBe(200);
    expect(list.json<ApplicationListT>().total).toBe(300);
    expect(list.json<ApplicationListT>().items).toHaveLength(100);
    const reviewer = t.client();
    const r = await reviewer.post('/api/v1/auth/sign-in', { email: result.reviewerEmails[0], password: PASSWORD });
    expect(r.statusCode).toBe(200);
    expect(r.json<{ roles: string[] }>().roles).toContain('reviewer');
    expect((await t.client().post('/api/v1/auth/sign-in', { email: result.applicantEmails[0], password: PASSWORD })).statusCode).toBe(200);
    expect((await t.client().post('/api/v1/auth/sign-in', { email: result.staffEmail, password: 'wrong password' })).statusCode).toBe(401);
  });

  it('refuses a second load and changes nothing', async () => {
    const db = t.campus.database.db;
    const before = { users: await countRows(db, 'user'), applications: await countRows(db, 'application'), reviews: await countRows(db, 'review') };
    await expect(loadDemo(db, t.campus.auth, { password: PASSWORD })).rejects.toBeInstanceOf(DemoAlreadyLoaded);
    await expect(loadDemo(db, t.campus.auth, { password: PASSWORD })).rejects.toThrow(/already loaded/);
    expect({ users: await countRows(db, 'user'), applications: await countRows(db, 'application'), reviews: await countRows(db, 'review') }).toEqual(before);
    expect(await findDemoCall(db)).toBe(result.callId);
    const audits = await db.select().from(auditLog).where(sql`${auditLog.action} = 'demo.load'`);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorLabel: 'demo', entityId: result.callId, after: { applications: 300, reviews: 900 } });
  });

  it('scores assignments made later (as by the solver) that have no review yet', async () => {
    const db = t.campus.database.db;
    const [app] = await db.select().from(applications).where(eq(applications.callId, result.callId)).limit(1);
    const reviewerRows = await db.select().from(callReviewers).where(eq(callReviewers.callId, result.callId));
    const taken = new Set((await db.select().from(reviewAssignments).where(eq(reviewAssignments.applicationId, app!.id))).map((p) => p.reviewerId));
    const free = reviewerRows.find((r) => !taken.has(r.id))!;
    await db.insert(reviewAssignments).values({ id: uuidv7(), callId: result.callId, applicationId: app!.id, reviewerId: free.id, source: 'auto' });
    expect(await scoreDemoAssignments(db, { now: new Date() })).toBe(1);
    expect(await scoreDemoAssignments(db, { now: new Date() })).toBe(0);
    expect(await countRows(db, 'review')).toBe(901);
  });
});
