/**
 * The reviewer's side: only assigned applications are reachable (an identifier-swapping test over
 * every reviewer route, between two reviewers and between two calls, proves it: 404 and no change),
 * blind review hides names, e-mail addresses, organisations and uploaded file names, every read of
 * an application is access-logged, scores are checked against the rubric, a submitted review is
 * final, and a declared conflict removes the assignment.
 */
import { eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, applications, auditLog, callReviewers, calls, reviewAssignments, reviews, storedFiles } from '../../src/platform/db/schema/index.js';
import type { InvitationListT, MyReviewDetailT, MyReviewListT, ReviewStateT } from '../../src/shared/contracts/review.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { assignByHand, invitationToken, reviewCallBody, seedReviewableCall, type SeededCall, type SignedIn } from '../factories/review.js';

let t: TestApp;
let callA: SeededCall;
let callB: SeededCall;
let r1: SignedIn;
let r2: SignedIn;
/** Assignment ids by owner and call. */
const ids = { r1A: '', r2A: '', r1B: '', r2B: '' };
const db = () => t.campus.database.db;

beforeAll(async () => {
  t = await startTestApp();
  callA = await seedReviewableCall(t, { k: 1, applicants: [{ name: '김하나', organisation: '하나협동조합' }, { name: '이두리' }, { name: '박세나' }], reviewers: 2 });
  r1 = callA.reviewers[0]!.client!;
  r2 = callA.reviewers[1]!.client!;
  // Call B: blind review, a file question, the same two reviewers.
  const questions = [...(reviewCallBody().questions as object[]), { key: 'plan', type: 'file', required: false, label: { ko: '사업계획서', en: 'Plan' } }];
  callB = await seedReviewableCall(t, { staff: callA.staff, k: 1, blindReview: true, call: { questions }, applicants: [{ name: '정블라', organisation: '블라인드 재단' }, { name: '최비밀' }], reviewers: [{ client: r1 }, { client: r2 }] });
  ids.r1A = await assignByHand(callA.staff, callA.callId, callA.applicants[0]!.applicationId, callA.reviewers[0]!.reviewerId);
  ids.r2A = await assignByHand(callA.staff, callA.callId, callA.applicants[1]!.applicationId, callA.reviewers[1]!.reviewerId);
  ids.r1B = await assignByHand(callB.staff, callB.callId, callB.applicants[0]!.applicationId, callB.reviewers[0]!.reviewerId);
  ids.r2B = await assignByHand(callB.staff, callB.callId, callB.applicants[1]!.applicationId, callB.reviewers[1]!.reviewerId);
  // A file answer on B's first application (stored as the files module stores it).
  const fileId = uuidv7();
  await db().insert(storedFiles).values({ id: fileId, ownerId: callB.applicants[0]!.userId, callId: callB.callId, applicationId: callB.applicants[0]!.applicationId, questionKey: 'plan', storageKey: `k-${fileId}`, originalName: '정블라_사업계획서.PDF', mediaType: 'application/pdf', size: 1234, sha256: 'x'.repeat(64) });
  const [app] = await db().select().from(applications).where(eq(applications.id, callB.applicants[0]!.applicationId));
  await db().update(applications).set({ answers: { ...app!.answers, plan: fileId } }).where(eq(applications.id, app!.id));
});
afterAll(async () => {
  await t.close();
});

/** Every row a reviewer route could change. */
async function snapshot() {
  const all = [callA, callB].flatMap((c) => c.reviewers.map((r) => r.reviewerId));
  return JSON.stringify([
    await db().select().from(reviewAssignments).orderBy(reviewAssignments.id),
    await db().select().from(reviews).orderBy(reviews.id),
    await db().select().from(callReviewers).where(inArray(callReviewers.id, all)).orderBy(callReviewers.id),
  ]);
}

/** Every reviewer route that takes an assignment id, with a body that would succeed on the caller's own. */
const assignmentRoutes: { name: string; call: (c: TestClient, id: string) => ReturnType<TestClient['get']> }[] = [
  { name: 'GET /me/reviews/:id', call: (c, id) => c.get(`/api/v1/me/reviews/${id}`) },
  { name: 'PUT /me/reviews/:id', call: (c, id) => c.put(`/api/v1/me/reviews/${id}`, { scores: { impact: 3 }, comments: {}, comment: 'x' }) },
  { name: 'POST /me/reviews/:id/submit', call: (c, id) => c.post(`/api/v1/me/reviews/${id}/submit`) },
  { name: 'POST /me/reviews/:id/conflict', call: (c, id) => c.post(`/api/v1/me/reviews/${id}/conflict`, { reason: '다른 사람의 배정을 건드려 봄' }) },
];

describe('identifier swapping', () => {
  it('answers 404 and changes nothing on every reviewer route for another reviewer, another call, an application id, or a random id', async () => {
    const before = await snapshot();
    const logsBefore = (await db().select().from(accessLog)).length;
    const cases: [string, SignedIn, string][] = [
      ["r1 → r2's assignment (same call)", r1, ids.r2A],
      ["r2 → r1's assignment (same call)", r2, ids.r1A],
      ["r1 → r2's assignment (other call)", r1, ids.r2B],
      ["r2 → r1's assignment (other call)", r2, ids.r1B],
      ['r1 → an unassigned application id', r1, callA.applicants[2]!.applicationId],
      ["r1 → r2's application id", r1, callA.applicants[1]!.applicationId],
      ['r1 → a random id', r1, uuidv7()],
    ];
    const failures: string[] = [];
    for (const [label, who, id] of cases) {
      for (const route of assignmentRoutes) {
        const res = await route.call(who, id);
        if (res.statusCode !== 404) failures.push(`${label} ${route.name}: ${res.statusCode} ${res.body.slice(0, 120)}`);
        else if (res.json().error.code !== 'review.assignment_not_found') failures.push(`${label} ${route.name}: ${res.json().error.code}`);
      }
    }
    // Staff are not reviewers: the reviewer routes do not open other people's assignments to them either.
    for (const route of assignmentRoutes) {
      const res = await route.call(callA.staff, ids.r1A);
      if (res.statusCode !== 404) failures.push(`staff ${route.name}: ${res.statusCode}`);
    }
    // Invitations: another person's invitation is 404 for accept and decline, even with the secret
    // of its link (it is linked to its account already) or the secret of the caller's own link.
    for (const [who, invitation, ownInvitation] of [
      [r1, callA.reviewers[1]!.reviewerId, callA.reviewers[0]!.reviewerId],
      [r2, callB.reviewers[0]!.reviewerId, callB.reviewers[1]!.reviewerId],
    ] as const) {
      for (const token of [undefined, await invitationToken(t, invitation), await invitationToken(t, ownInvitation)]) {
        for (const action of ['accept', 'decline']) {
          const res = await who.post(`/api/v1/me/reviewer-invitations/${invitation}/${action}`, token ? { token } : {});
          if (res.statusCode !== 404 || res.json().error.code !== 'review.invitation_not_found') failures.push(`invitation ${action} ${token ? 'with a token' : ''}: ${res.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toBe(before);
    // Refused reads leave no access-log row: nothing was shown.
    expect((await db().select().from(accessLog)).length).toBe(logsBefore);

    // The same routes work for the owner, so the 404s above are about ownership.
    expect((await r1.get(`/api/v1/me/reviews/${ids.r1A}`)).statusCode).toBe(200);
    expect((await r2.get(`/api/v1/me/reviews/${ids.r2B}`)).statusCode).toBe(200);
  });

  it('lists only my own assignments, across calls', async () => {
    const mine = (await r1.get('/api/v1/me/reviews')).json<MyReviewListT>().reviews.map((r) => r.assignmentId).sort();
    expect(mine).toEqual([ids.r1A, ids.r1B].sort());
    const theirs = (await r2.get('/api/v1/me/reviews')).json<MyReviewListT>().reviews.map((r) => r.assignmentId).sort();
    expect(theirs).toEqual([ids.r2A, ids.r2B].sort());
    const stranger = await t.signedIn();
    expect((await stranger.get('/api/v1/me/reviews')).json<MyReviewListT>().reviews).toEqual([]);
    expect((await stranger.get('/api/v1/me/reviewer-invitations')).json<InvitationListT>().invitations).toEqual([]);
    // A used link shows nothing to anyone else, and says only that it is not valid.
    const used = await invitationToken(t, callA.reviewers[0]!.reviewerId);
    expect((await stranger.get(`/api/v1/me/reviewer-invitations?token=${used}`)).json<InvitationListT>()).toEqual({ invitations: [], link: 'invalid' });
    const myInvitations = (await r1.get('/api/v1/me/reviewer-invitations')).json<InvitationListT>().invitations;
    expect(myInvitations.map((i) => [i.callId, i.status, i.needsLink]).sort()).toEqual([
      [callA.callId, 'accepted', false],
      [callB.callId, 'accepted', false],
    ].sort());
    expect((await t.client().get('/api/v1/me/reviews')).statusCode).toBe(401);
  });
});

describe('reading an application', () => {
  it('shows names and answers when review is not blind, and logs the read', async () => {
    const res = await r1.get(`/api/v1/me/reviews/${ids.r1A}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json<MyReviewDetailT>();
    expect(detail).toMatchObject({ blind: false, applicant: { name: '김하나', email: callA.applicants[0]!.email }, applicationId: callA.applicants[0]!.applicationId, review: null });
    expect(detail.answers.org).toBe('하나협동조합');
    expect(detail.questions.map((q) => q.key)).toContain('org');
    expect(detail.rubric!.criteria.map((c) => c.key)).toEqual(['impact', 'feasibility']);
    const rows = await db().select().from(accessLog).where(eq(accessLog.actorId, r1.userId));
    const row = rows.find((r) => (r.detail as { assignmentId?: string }).assignmentId === ids.r1A)!;
    expect(row).toMatchObject({ action: 'view', subjectType: 'application', subjectIds: [callA.applicants[0]!.applicationId], subjectCount: 1 });
  });

  it('hides name, e-mail, organisation answers and uploaded file names under blind review', async () => {
    const list = (await r1.get('/api/v1/me/reviews')).json<MyReviewListT>().reviews;
    const blindItem = list.find((r) => r.assignmentId === ids.r1B)!;
    expect(blindItem).toMatchObject({ blind: true, applicantName: null, applicantOrganisation: null });
    const open = list.find((r) => r.assignmentId === ids.r1A)!;
    expect(open).toMatchObject({ blind: false, applicantName: '김하나', applicantOrganisation: '하나협동조합' });

    const res = await r1.get(`/api/v1/me/reviews/${ids.r1B}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json<MyReviewDetailT>();
    expect(detail.blind).toBe(true);
    expect(detail.applicant).toBeNull();
    expect(detail.questions.map((q) => q.key)).not.toContain('org');
    expect(Object.keys(detail.answers)).not.toContain('org');
    expect(detail.files).toEqual([{ questionKey: 'plan', id: expect.any(String), name: 'plan.pdf', size: 1234, mediaType: 'application/pdf' }]);
    expect(detail.answers.plan).toBe(detail.files[0]!.id);
    // Nothing identifying anywhere in the body.
    for (const secret of ['정블라', '블라인드 재단', callB.applicants[0]!.email, '사업계획서.PDF']) expect(res.body).not.toContain(secret);
  });
});

describe('scoring', () => {
  it('checks scores against the rubric, field by field, in the language asked', async () => {
    const url = `/api/v1/me/reviews/${ids.r2A}`;
    const high = await r2.put(url, { scores: { impact: 6 } }, { 'accept-language': 'en' });
    expect(high.statusCode).toBe(422);
    expect(high.json().error.fields).toEqual([{ path: 'scores.impact', message: 'Scores must be from 1 to 5.' }]);
    const fraction = await r2.put(url, { scores: { impact: 2.5 } });
    expect(fraction.statusCode).toBe(422);
    expect(fraction.json().error.fields).toEqual([{ path: 'scores.impact', message: '점수는 정수로 매기세요.' }]);
    const unknown = await r2.put(url, { scores: { novelty: 3 } }, { 'accept-language': 'en' });
    expect(unknown.json().error.fields).toEqual([{ path: 'scores.novelty', message: 'The rubric has no criterion "novelty".' }]);
    expect((await r2.put(url, { scores: { impact: '3' } })).statusCode).toBe(400);
    expect((await r2.put(url, { scores: {}, total: 100 })).statusCode).toBe(400);
    expect(await db().select().from(reviews).where(eq(reviews.assignmentId, ids.r2A))).toEqual([]);
  });

  it('saves a draft, refuses an incomplete submission, then submits with the weighted total', async () => {
    const url = `/api/v1/me/reviews/${ids.r2A}`;
    const draft = await r2.put(url, { scores: { impact: 4 }, comments: { impact: '지역 파급력이 큼', feasibility: '  ' }, comment: '전반적으로 좋음' });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json<ReviewStateT>()).toMatchObject({ status: 'draft', scores: { impact: 4 }, comments: { impact: '지역 파급력이 큼' }, comment: '전반적으로 좋음', total: null });
    const early = await r2.post(`${url}/submit`, undefined, { 'accept-language': 'en' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.fields).toEqual([{ path: 'scores.feasibility', message: 'Score every criterion before submitting.' }]);

    expect((await r2.put(url, { scores: { impact: 4, feasibility: 2 }, comments: { impact: '지역 파급력이 큼' }, comment: '전반적으로 좋음' })).statusCode).toBe(200);
    const submitted = await r2.post(`${url}/submit`);
    expect(submitted.statusCode).toBe(200);
    // (2 × 0.75 + 1 × 0.25) / 3 = 58.33 on 0..100.
    expect(submitted.json<ReviewStateT>()).toMatchObject({ status: 'submitted', total: 58.33, submittedAt: expect.any(String) });
    // Final: no more edits; submitting again changes nothing.
    const edit = await r2.put(url, { scores: { impact: 5, feasibility: 5 } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('review.state_submitted');
    expect((await r2.post(`${url}/submit`)).json<ReviewStateT>().total).toBe(58.33);
    const audit = await db().select().from(auditLog).where(eq(auditLog.action, 'review.submit'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(r2.userId);
    // A submitted review cannot be thrown away by declaring a conflict or by staff removal.
    expect((await r2.post(`${url}/conflict`, { reason: '나중에 알게 된 관계' })).statusCode).toBe(409);
    expect((await callA.staff.delete(`/api/v1/admin/assignments/${ids.r2A}?reason=${encodeURIComponent('제출 후 삭제 시도')}`)).statusCode).toBe(409);
    // Nor can the rubric's scoring change under it (labels still can).
    const settings = `/api/v1/admin/calls/${callA.callId}/review-settings`;
    const current = (await callA.staff.get(settings)).json<{ rubric: { scaleMin: number; scaleMax: number; criteria: { key: string; label: { ko: string; en?: string }; weight: number }[] } }>();
    const reweighted = await callA.staff.put(settings, { rubric: { ...current.rubric, criteria: current.rubric.criteria.map((c) => ({ ...c, weight: 1 })) }, reviewsPerApplication: 1, blindReview: false });
    expect(reweighted.statusCode).toBe(409);
    expect(reweighted.json().error.code).toBe('review.state_rubric_in_use');
    const relabelled = await callA.staff.put(settings, { rubric: { ...current.rubric, criteria: current.rubric.criteria.map((c) => ({ ...c, label: { ko: `${c.label.ko} (수정)` } })) }, reviewsPerApplication: 1, blindReview: false });
    expect(relabelled.statusCode, relabelled.body).toBe(200);
  });

  it('refuses scoring without a rubric', async () => {
    const bare = await seedReviewableCall(t, { staff: callA.staff, k: 1, rubric: null, applicants: 1, reviewers: [{ client: r1 }] });
    const id = await assignByHand(bare.staff, bare.callId, bare.applicants[0]!.applicationId, bare.reviewers[0]!.reviewerId);
    const res = await r1.put(`/api/v1/me/reviews/${id}`, { scores: { impact: 3 } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('review.rubric_missing');
  });
});

describe('declaring a conflict', () => {
  it('removes the assignment, records the declaration with its reason, and keeps the pair out of later assignments', async () => {
    const res = await r1.post(`/api/v1/me/reviews/${ids.r1B}/conflict`, { reason: '지원자와 같은 연구 모임 소속' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await db().select().from(reviewAssignments).where(eq(reviewAssignments.id, ids.r1B))).toEqual([]);
    const [row] = await db().select().from(callReviewers).where(eq(callReviewers.id, callB.reviewers[0]!.reviewerId));
    expect(row!.declaredConflicts).toEqual([callB.applicants[0]!.applicationId]);
    const audit = (await db().select().from(auditLog).where(eq(auditLog.entityId, callB.reviewers[0]!.reviewerId))).find((a) => a.action === 'conflict.declare')!;
    expect(audit).toMatchObject({ actorId: r1.userId, after: { applicationId: callB.applicants[0]!.applicationId, reason: '지원자와 같은 연구 모임 소속', by: 'reviewer' } });
    expect((await r1.get(`/api/v1/me/reviews/${ids.r1B}`)).statusCode).toBe(404);
    const again = await callB.staff.post(`/api/v1/admin/calls/${callB.callId}/assignments`, { applicationId: callB.applicants[0]!.applicationId, reviewerId: callB.reviewers[0]!.reviewerId, reason: '다시 배정 시도' });
    expect(again.statusCode).toBe(422);
  });
});

describe('kept work and closed reviews', () => {
  it('keeps a reviewer who submitted: no decline, no removal', async () => {
    const reviewerId = callA.reviewers[1]!.reviewerId;
    const decline = await r2.post(`/api/v1/me/reviewer-invitations/${reviewerId}/decline`);
    expect(decline.statusCode).toBe(409);
    expect(decline.json().error.code).toBe('review.state_has_reviews');
    expect((await callA.staff.delete(`/api/v1/admin/calls/${callA.callId}/reviewers/${reviewerId}`)).statusCode).toBe(409);
    expect((await db().select().from(callReviewers).where(eq(callReviewers.id, reviewerId)))[0]!.status).toBe('accepted');
  });

  it('refuses scoring once the selection of the call is final', async () => {
    await db().update(calls).set({ finalisedAt: new Date() }).where(eq(calls.id, callA.callId));
    const res = await r1.put(`/api/v1/me/reviews/${ids.r1A}`, { scores: { impact: 3 } }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'review.state_finalised', message: 'The selection for this call is final; reviews can no longer change.' });
    expect((await r1.post(`/api/v1/me/reviews/${ids.r1A}/submit`)).statusCode).toBe(409);
    // Reading stays possible.
    expect((await r1.get(`/api/v1/me/reviews/${ids.r1A}`)).statusCode).toBe(200);
  });
});
