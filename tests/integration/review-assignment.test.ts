/**
 * Automatic assignment end to end: 202 → poll → assigned, every application k reviewers, loads
 * respected, no conflicted pair, each pair explained in Korean and English; an infeasible request
 * says what to change; one run at a time; a new run keeps manual pairs and started reviews and
 * replaces the other automatic ones; manual overrides are audited and conflicted pairs refused.
 */
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectConflicts } from '../../src/core/assignment/conflicts.js';
import { assignmentRuns, auditLog, reviewAssignments } from '../../src/platform/db/schema/index.js';
import type { AssignmentListT, AssignmentRunListT, AssignmentRunViewT, AssignmentViewT } from '../../src/shared/contracts/review.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { myAssignmentIds, runAssignment, seedReviewableCall, type SeededCall } from '../factories/review.js';

let t: TestApp;
let seeded: SeededCall;
const K = 2;
const LOAD = 3;
const db = () => t.campus.database.db;

beforeAll(async () => {
  t = await startTestApp();
  // 6 applications × 2 reviews = 12 = 4 reviewers × load 3: tight, so loads must be respected exactly.
  seeded = await seedReviewableCall(t, {
    k: K,
    applicants: [{ organisation: '사단법인 마을과 사람' }, {}, {}, {}, {}, {}],
    reviewers: [
      { organisation: '마을과사람', load: LOAD, sectors: ['public'], topics: ['housing'], expertise: ['housing'] },
      { load: LOAD, sectors: ['civil'], topics: ['energy', 'care'] },
      { load: LOAD, sectors: ['business'], topics: ['mobility'] },
      { load: LOAD, sectors: ['academia'], topics: ['food'], expertise: ['care'] },
    ],
  });
});
afterAll(async () => {
  await t.close();
});

/** Every pair of the call, page by page (the list is paged on the server, at most 100 a page). */
const assignmentsOf = async (): Promise<AssignmentViewT[]> => {
  const all: AssignmentViewT[] = [];
  for (let page = 1; ; page++) {
    const res = await seeded.staff.get(`/api/v1/admin/calls/${seeded.callId}/assignments?page=${page}&pageSize=100`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<AssignmentListT>();
    all.push(...list.items);
    if (all.length >= list.total || list.items.length === 0) return all;
  }
};

function checkAssignment(pairs: readonly AssignmentViewT[]) {
  const perApp = new Map<string, string[]>();
  const perReviewer = new Map<string, number>();
  for (const p of pairs) {
    perApp.set(p.applicationId, [...(perApp.get(p.applicationId) ?? []), p.reviewerId]);
    perReviewer.set(p.reviewerId, (perReviewer.get(p.reviewerId) ?? 0) + 1);
  }
  for (const a of seeded.applicants) {
    expect(perApp.get(a.applicationId), a.name).toHaveLength(K);
    expect(new Set(perApp.get(a.applicationId)).size).toBe(K);
  }
  for (const count of perReviewer.values()) expect(count).toBeLessThanOrEqual(LOAD);
  return perApp;
}

describe('an automatic run', () => {
  let run: AssignmentRunViewT;

  it('answers 202 with a queued run, then reports assigned with its numbers', async () => {
    const started = await seeded.staff.post(`/api/v1/admin/calls/${seeded.callId}/assignment-runs`, { seed: 7 });
    expect(started.statusCode, started.body).toBe(202);
    const queued = started.json<AssignmentRunViewT>();
    expect(queued).toMatchObject({ status: 'queued', callId: seeded.callId, params: { k: K, topK: 50, seed: 7 }, result: null, createdBy: seeded.staff.userId });
    const { waitForRun } = await import('../factories/review.js');
    run = await waitForRun(seeded.staff, queued.id);
    expect(run.status, JSON.stringify(run.result)).toBe('assigned');
    expect(run.phase).toBe('done');
    expect(run.result).toMatchObject({ pairs: seeded.applicants.length * K, kept: 0, replaced: 0, applications: 6, reviewers: 4, optimal: true });
    expect(run.result!.objective).toBeGreaterThan(0);
    expect(run.finishedAt).not.toBeNull();
    const list = (await seeded.staff.get(`/api/v1/admin/calls/${seeded.callId}/assignment-runs`)).json<AssignmentRunListT>();
    expect(list.runs.map((r) => r.id)).toEqual([run.id]);
  });

  it('gives every application k reviewers within loads, no conflicted pair, each explained in both languages', async () => {
    const pairs = await assignmentsOf();
    checkAssignment(pairs);
    // The organisation conflict (legal form ignored) kept reviewer 0 off application 0.
    const conflicted = pairs.find((p) => p.applicationId === seeded.applicants[0]!.applicationId && p.reviewerId === seeded.reviewers[0]!.reviewerId);
    expect(conflicted).toBeUndefined();
    for (const p of pairs) {
      expect(p).toMatchObject({ source: 'auto', runId: run.id, reviewStatus: 'not_started', reason: null });
      expect(p.explanation!.ko).toMatch(/^적합도 \d+\/1000 — .*후보 \d+명 중 \d+순위\.$/);
      expect(p.explanation!.en).toMatch(/^Affinity \d+\/1000 — .*Candidate \d+ of \d+\.$/);
      expect(p.affinity!.points).toBe(p.points);
    }
    // A matching sector is explained with its points.
    const matched = pairs.find((p) => p.affinity!.sector !== null)!;
    expect(matched.explanation!.en).toContain(`same sector: ${matched.affinity!.sector} (+300)`);
    // Conflicts computed independently from the stored data agree: none of the pairs is conflicted.
    const index = detectConflicts(
      seeded.applicants.map((a, i) => ({ id: a.applicationId, email: a.email, organisation: i === 0 ? '사단법인 마을과 사람' : null })),
      seeded.reviewers.map((r, i) => ({ id: r.reviewerId, email: r.email, organisation: i === 0 ? '마을과사람' : null, declaredConflicts: [] })),
    );
    for (const p of pairs) expect(index.get(p.applicationId)?.get(p.reviewerId)).toBeUndefined();
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, run.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['assignment_run.apply', 'assignment_run.start']);
  });

  it('refuses a second run while one is in progress (409), and an orphaned old run does not block', async () => {
    const id = uuidv7();
    await db().insert(assignmentRuns).values({ id, callId: seeded.callId, status: 'running', phase: 'solving', params: { k: 2, topK: 50, seed: 1, timeLimitSeconds: 60 } });
    const refused = await seeded.staff.post(`/api/v1/admin/calls/${seeded.callId}/assignment-runs`, {}, { 'accept-language': 'en' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('review.state_run_in_progress');
    // Manual changes wait too: the run's result would overwrite them.
    const a = seeded.applicants[1]!;
    const manual = await seeded.staff.post(`/api/v1/admin/calls/${seeded.callId}/assignments`, { applicationId: a.applicationId, reviewerId: seeded.reviewers[0]!.reviewerId, reason: '진행 중 시험' });
    expect([409, 422]).toContain(manual.statusCode);
    // A "running" row from a process that died long ago no longer counts.
    await db().update(assignmentRuns).set({ createdAt: new Date(Date.now() - 3_600_000) }).where(eq(assignmentRuns.id, id));
    const after = await runAssignment(seeded.staff, seeded.callId, { seed: 7 });
    expect(after.status).toBe('assigned');
  });

  it('validates its parameters', async () => {
    const bad = await seeded.staff.post(`/api/v1/admin/calls/${seeded.callId}/assignment-runs`, { k: 0, topK: 1.5, timeLimitSeconds: 9999, extra: 1 }, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['k', 'topK', 'timeLimitSeconds']));
    expect((await seeded.staff.get(`/api/v1/admin/assignment-runs/${uuidv7()}`)).statusCode).toBe(404);
  });
});

describe('manual overrides and re-runs', () => {
  it('adds a pair by hand with a reason (audited) and refuses duplicates, strangers and non-accepted reviewers', async () => {
    const pairs = await assignmentsOf();
    const app = seeded.applicants[2]!;
    const taken = new Set(pairs.filter((p) => p.applicationId === app.applicationId).map((p) => p.reviewerId));
    const free = seeded.reviewers.find((r) => !taken.has(r.reviewerId))!;
    const url = `/api/v1/admin/calls/${seeded.callId}/assignments`;
    expect((await seeded.staff.post(url, { applicationId: app.applicationId, reviewerId: free.reviewerId })).statusCode).toBe(400);
    const added = await seeded.staff.post(url, { applicationId: app.applicationId, reviewerId: free.reviewerId, reason: '해당 분야 전문가 추가 배정' });
    expect(added.statusCode, added.body).toBe(201);
    const view = added.json<AssignmentViewT>();
    expect(view).toMatchObject({ source: 'manual', reason: '해당 분야 전문가 추가 배정', runId: null, reviewStatus: 'not_started' });
    expect(view.explanation!.en).toMatch(/^Assigned by staff\. Affinity/);
    const audit = (await db().select().from(auditLog).where(eq(auditLog.entityId, view.id)))[0]!;
    expect(audit).toMatchObject({ action: 'assignment.add', actorId: seeded.staff.userId });
    expect(audit.after).toMatchObject({ reason: '해당 분야 전문가 추가 배정', applicationId: app.applicationId, reviewerId: free.reviewerId });

    const twice = await seeded.staff.post(url, { applicationId: app.applicationId, reviewerId: free.reviewerId, reason: '두 번째 시도' });
    expect(twice.statusCode).toBe(409);
    expect((await seeded.staff.post(url, { applicationId: uuidv7(), reviewerId: free.reviewerId, reason: '없는 신청' })).statusCode).toBe(404);
    const invited = await seeded.staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers`, { email: `pending-${Date.now()}@pending.example` });
    const notAccepted = await seeded.staff.post(url, { applicationId: app.applicationId, reviewerId: invited.json<{ id: string }>().id, reason: '아직 수락 전' });
    expect(notAccepted.statusCode).toBe(422);
    expect(notAccepted.json().error.code).toBe('review.reviewer_not_accepted');
    const conflicted = await seeded.staff.post(url, { applicationId: seeded.applicants[0]!.applicationId, reviewerId: seeded.reviewers[0]!.reviewerId, reason: '같은 기관 시험' });
    expect(conflicted.statusCode).toBe(422);
    expect(conflicted.json().error.message).toContain('같은 소속');
  });

  it('keeps manual pairs and started reviews on a new run, counts them toward k and loads, and replaces the rest', async () => {
    const before = await assignmentsOf();
    const manual = before.filter((p) => p.source === 'manual');
    expect(manual).toHaveLength(1);
    // A reviewer starts a review of one automatic pair.
    const reviewer = seeded.reviewers[1]!;
    const mine = await myAssignmentIds(reviewer.client!);
    const started = before.find((p) => p.id === mine[0])!;
    expect((await reviewer.client!.put(`/api/v1/me/reviews/${started.id}`, { scores: { impact: 3 } })).statusCode).toBe(200);
    // Give the manual reviewer room so the run stays feasible with the extra pair.
    await seeded.staff.patch(`/api/v1/admin/calls/${seeded.callId}/reviewers/${manual[0]!.reviewerId}`, { load: LOAD + 1 });

    const run = await runAssignment(seeded.staff, seeded.callId, { seed: 11 });
    expect(run.status, JSON.stringify(run.result)).toBe('assigned');
    expect(run.result).toMatchObject({ kept: 2, replaced: before.length - 2, pairs: seeded.applicants.length * K - 2 });
    const after = await assignmentsOf();
    expect(after.map((p) => p.id)).toEqual(expect.arrayContaining([manual[0]!.id, started.id]));
    expect(after.find((p) => p.id === started.id)).toMatchObject({ reviewStatus: 'draft', source: 'auto' });
    // The application with the manual pair has k + 1 reviewers only if its automatic ones were kept: they were not.
    const perApp = new Map<string, number>();
    for (const p of after) perApp.set(p.applicationId, (perApp.get(p.applicationId) ?? 0) + 1);
    for (const a of seeded.applicants) expect(perApp.get(a.applicationId), a.name).toBe(K);
    const perReviewer = new Map<string, number>();
    for (const p of after) perReviewer.set(p.reviewerId, (perReviewer.get(p.reviewerId) ?? 0) + 1);
    for (const r of seeded.reviewers) expect(perReviewer.get(r.reviewerId) ?? 0).toBeLessThanOrEqual(r.reviewerId === manual[0]!.reviewerId ? LOAD + 1 : LOAD);
  });

  it('removes a pair with a reason (audited); unknown ids are 404 before the reason is asked for', async () => {
    const pairs = await assignmentsOf();
    const target = pairs.find((p) => p.reviewStatus === 'not_started')!;
    expect((await seeded.staff.delete(`/api/v1/admin/assignments/${uuidv7()}`)).statusCode).toBe(404);
    const noReason = await seeded.staff.delete(`/api/v1/admin/assignments/${target.id}`, { 'accept-language': 'en' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual([{ path: 'reason', message: 'Please give a reason. It is kept in the record.' }]);
    const removed = await seeded.staff.delete(`/api/v1/admin/assignments/${target.id}?reason=${encodeURIComponent('심사위원 일정 문제로 교체')}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await db().select().from(reviewAssignments).where(eq(reviewAssignments.id, target.id))).toEqual([]);
    const audit = (await db().select().from(auditLog).where(and(eq(auditLog.entityId, target.id), eq(auditLog.action, 'assignment.remove'))))[0]!;
    expect(audit.after).toEqual({ reason: '심사위원 일정 문제로 교체' });
    expect(audit.before).toMatchObject({ assignment: { id: target.id } });
  });
});

describe('an infeasible request', () => {
  it('says what to change, in numbers, in both languages, and leaves assignments alone', async () => {
    const small = await seedReviewableCall(t, { staff: seeded.staff, k: 3, applicants: 4, reviewers: [{ load: 2 }, { load: 2 }] });
    const run = await runAssignment(small.staff, small.callId);
    expect(run.status).toBe('infeasible');
    const reasons = run.result!.reasons!;
    const slots = reasons.find((r) => r.code === 'not_enough_slots')!;
    expect(slots.detail).toEqual({ code: 'not_enough_slots', needed: 12, available: 4, missing: 8 });
    expect(slots.text.en).toBe('8 more review slots needed (12 needed, 4 available): recruit reviewers or raise their loads.');
    expect(slots.text.ko).toContain('심사 자리가 8개 더 필요합니다');
    const short = reasons.find((r) => r.code === 'too_few_conflict_free_reviewers')!;
    expect(short.text.en).toContain('4 applications have fewer than 3 reviewers free of conflict');
    const list = (await small.staff.get(`/api/v1/admin/calls/${small.callId}/assignments`)).json<AssignmentListT>();
    expect(list.items).toEqual([]);
    expect(list.total).toBe(0);
  });
});
