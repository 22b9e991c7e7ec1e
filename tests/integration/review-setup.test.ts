/**
 * Review setup: the rubric and settings (field errors in both languages, nothing half-written, the
 * rubric frozen once reviews start), reviewer invitations (mail queued once, in two languages;
 * accepted only by the account with the invited e-mail, case-insensitively) and conflicts of
 * interest (detected by organisation and institutional e-mail domain, declared by staff).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, callReviewers, calls, outboxMessages } from '../../src/platform/db/schema/index.js';
import type { ConflictListT, InvitationListT, ReviewerListT, ReviewerViewT, ReviewSettingsViewT } from '../../src/shared/contracts/review.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DEFAULT_RUBRIC, seedReviewableCall, uniqueEmail, type SeededCall, type SignedIn } from '../support/review-factories.js';

let t: TestApp;
let seeded: SeededCall;
let staff: SignedIn;
const db = () => t.campus.database.db;

beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedReviewableCall(t, {
    applicants: [
      { organisation: '(사)서울혁신센터', name: '김서울' },
      { email: uniqueEmail('x').replace(/@.*/, '@seoul.go.kr'), name: '이공공' },
      { name: '박시민', email: uniqueEmail('p').replace(/@.*/, '@gmail.com') },
    ],
    reviewers: [{ organisation: '서울혁신센터' }, { email: uniqueEmail('r').replace(/@.*/, '@Seoul.go.kr') }, { email: uniqueEmail('q').replace(/@.*/, '@gmail.com') }],
  });
  staff = seeded.staff;
});
afterAll(async () => {
  await t.close();
});

const settingsUrl = () => `/api/v1/admin/calls/${seeded.callId}/review-settings`;

describe('review settings', () => {
  it('reads back what was saved', async () => {
    const res = await staff.get(settingsUrl());
    expect(res.statusCode).toBe(200);
    expect(res.json<ReviewSettingsViewT>()).toEqual({ callId: seeded.callId, rubric: DEFAULT_RUBRIC, reviewsPerApplication: 2, blindReview: false, reviewsStarted: 0 });
  });

  it('refuses incoherent settings field by field, in the language asked, changing nothing', async () => {
    const before = (await db().select().from(calls).where(eq(calls.id, seeded.callId)))[0]!;
    const bad = await staff.put(settingsUrl(), { rubric: { scaleMin: 1, scaleMax: 5.5, criteria: [{ key: 'Impact', label: { ko: '' }, weight: -1 }] }, reviewsPerApplication: 0, blindReview: 'yes' }, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    const fields = Object.fromEntries(bad.json().error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(fields).toMatchObject({
      'rubric.scaleMax': 'The ends of the score scale must be whole numbers.',
      'rubric.criteria.0.key': expect.stringContaining('lowercase'),
      'rubric.criteria.0.label.ko': 'This field is required.',
      'rubric.criteria.0.weight': 'Weights must be numbers above 0 and at most 100.',
      reviewsPerApplication: 'Reviewers per application must be a whole number from 1 to 20.',
    });
    expect(fields.blindReview).toEqual(expect.any(String));

    // Shape is fine but the rubric is not coherent: 422 with the field, in Korean by default.
    const inverted = await staff.put(settingsUrl(), { rubric: { ...DEFAULT_RUBRIC, scaleMin: 5, scaleMax: 1 }, reviewsPerApplication: 2, blindReview: false });
    expect(inverted.statusCode).toBe(422);
    expect(inverted.json().error).toMatchObject({ code: 'review.scale_inverted', fields: [{ path: 'rubric.scaleMax', message: '척도의 최댓값은 최솟값보다 커야 합니다.' }] });
    const dup = await staff.put(settingsUrl(), { rubric: { ...DEFAULT_RUBRIC, criteria: [DEFAULT_RUBRIC.criteria[0], DEFAULT_RUBRIC.criteria[0]] }, reviewsPerApplication: 2, blindReview: false });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().error.fields).toEqual([{ path: 'rubric.criteria.1.key', message: expect.stringContaining('impact') }]);
    const empty = await staff.put(settingsUrl(), { rubric: { ...DEFAULT_RUBRIC, criteria: [] }, reviewsPerApplication: 2, blindReview: false });
    expect(empty.statusCode).toBe(400);

    const after = (await db().select().from(calls).where(eq(calls.id, seeded.callId)))[0]!;
    expect(after).toEqual(before);
  });

  it('is staff only, 404 for an unknown call, and audited', async () => {
    const member = await t.signedIn();
    expect((await member.get(settingsUrl())).statusCode).toBe(403);
    expect((await staff.get('/api/v1/admin/calls/00000000-0000-4000-8000-000000000000/review-settings')).statusCode).toBe(404);
    const res = await staff.put(settingsUrl(), { rubric: DEFAULT_RUBRIC, reviewsPerApplication: 2, blindReview: true });
    expect(res.statusCode).toBe(200);
    const audits = await db().select().from(auditLog).where(eq(auditLog.entityId, seeded.callId));
    expect(audits.filter((a) => a.action === 'review.settings').length).toBeGreaterThanOrEqual(2);
    expect((await staff.put(settingsUrl(), { rubric: DEFAULT_RUBRIC, reviewsPerApplication: 2, blindReview: false })).statusCode).toBe(200);
  });
});

describe('invitations', () => {
  it('queues one bilingual invitation mail with the link, and lists the reviewer as invited', async () => {
    const email = uniqueEmail('Invitee');
    const res = await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers`, { email, sectors: ['civil'], topics: ['housing'], expertise: ['care'], load: 4 });
    expect(res.statusCode, res.body).toBe(201);
    const reviewer = res.json<ReviewerViewT>();
    expect(reviewer).toMatchObject({ email: email.toLowerCase(), status: 'invited', userId: null, load: 4, assigned: 0 });
    const mails = await db().select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, `reviewer-invitation:${reviewer.id}`));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: 'reviewer_invitation', toEmail: email.toLowerCase(), lang: 'ko' });
    expect(mails[0]!.subject).toContain('심사위원으로 초대');
    expect(mails[0]!.body).toContain('http://localhost:3000/me/reviews');
    expect(mails[0]!.body).toContain('Sign up or sign in with this e-mail address');

    // The same address again (any case) is refused, and no second mail is queued.
    const again = await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers`, { email: email.toUpperCase() }, { 'accept-language': 'en' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toEqual([{ path: 'email', message: 'This e-mail address has already been invited to review this call.' }]);
    expect(await db().select().from(outboxMessages).where(eq(outboxMessages.kind, 'reviewer_invitation'))).toHaveLength(seeded.reviewers.length + 1);

    const bad = await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers`, { email: 'not-an-address', load: -1 }, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['email', 'load']);
  });

  it('lets only the account with the invited e-mail (any case) see and accept it', async () => {
    const email = uniqueEmail('casey');
    const invited = (await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers`, { email })).json<ReviewerViewT>();
    const stranger = await t.signedIn();
    expect((await stranger.get('/api/v1/me/reviewer-invitations')).json<InvitationListT>().invitations).toEqual([]);
    expect((await stranger.post(`/api/v1/me/reviewer-invitations/${invited.id}/accept`, {})).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/me/reviewer-invitations/${invited.id}/decline`)).statusCode).toBe(404);

    const person = await t.signedIn([], { email: email.toUpperCase(), name: '최심사' });
    const list = (await person.get('/api/v1/me/reviewer-invitations')).json<InvitationListT>().invitations;
    expect(list.map((i) => [i.id, i.status, i.callTitle.ko])).toEqual([[invited.id, 'invited', expect.stringContaining('심사 시험')]]);
    const accepted = await person.post(`/api/v1/me/reviewer-invitations/${invited.id}/accept`, { organisation: '서울연구원', expertise: ['housing', 'housing', ' care '] });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', organisation: '서울연구원', expertise: ['housing', 'care'] });

    const row = (await db().select().from(callReviewers).where(eq(callReviewers.id, invited.id)))[0]!;
    expect(row).toMatchObject({ userId: person.userId, status: 'accepted' });
    const staffView = (await staff.get(`/api/v1/admin/calls/${seeded.callId}/reviewers`)).json<ReviewerListT>().reviewers.find((r) => r.id === invited.id)!;
    expect(staffView).toMatchObject({ name: '최심사', status: 'accepted', organisation: '서울연구원' });
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, invited.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['reviewer.accept', 'reviewer.invite']);

    // Declining afterwards is allowed while nothing is submitted.
    const declined = await person.post(`/api/v1/me/reviewer-invitations/${invited.id}/decline`);
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined' });
  });

  it('lets staff change a reviewer (audited) and remove one who has not submitted', async () => {
    const invited = (await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers`, { email: uniqueEmail('temp') })).json<ReviewerViewT>();
    const patched = await staff.patch(`/api/v1/admin/calls/${seeded.callId}/reviewers/${invited.id}`, { load: 2, topics: ['food'] });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ load: 2, topics: ['food'] });
    expect((await staff.patch(`/api/v1/admin/calls/${seeded.callId}/reviewers/${invited.id}`, { email: 'x@y.z' })).statusCode).toBe(400);
    const removed = await staff.delete(`/api/v1/admin/calls/${seeded.callId}/reviewers/${invited.id}`);
    expect(removed.statusCode).toBe(200);
    expect(await db().select().from(callReviewers).where(eq(callReviewers.id, invited.id))).toEqual([]);
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, invited.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['reviewer.invite', 'reviewer.remove', 'reviewer.update']);
    expect((await staff.delete(`/api/v1/admin/calls/${seeded.callId}/reviewers/${invited.id}`)).statusCode).toBe(404);
  });
});

describe('conflicts', () => {
  it('detects same organisation (legal forms ignored) and same institutional domain, never a webmail domain', async () => {
    const res = await staff.get(`/api/v1/admin/calls/${seeded.callId}/conflicts`, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(200);
    const { conflicts } = res.json<ConflictListT>();
    const [kim, lee] = seeded.applicants;
    const [orgReviewer, domainReviewer] = seeded.reviewers;
    const pairs = conflicts.map((c) => [c.applicantName, c.reviewerId, c.reasons.map((r) => r.kind)]);
    expect(pairs).toContainEqual([kim!.name, orgReviewer!.reviewerId, ['same_organisation']]);
    expect(pairs).toContainEqual([lee!.name, domainReviewer!.reviewerId, ['same_email_domain']]);
    // gmail.com is shared by the third applicant and the third reviewer: no conflict.
    expect(conflicts.filter((c) => c.reviewerId === seeded.reviewers[2]!.reviewerId)).toEqual([]);
    expect(conflicts.find((c) => c.reviewerId === domainReviewer!.reviewerId)!.text).toEqual({ ko: '같은 기관 전자우편 도메인: seoul.go.kr', en: 'same institutional e-mail domain: seoul.go.kr' });
  });

  it('records a conflict staff declare, with its reason, and refuses assigning that pair', async () => {
    const [, , park] = seeded.applicants;
    const gmailReviewer = seeded.reviewers[2]!;
    const url = `/api/v1/admin/calls/${seeded.callId}/conflicts`;
    const short = await staff.post(url, { applicationId: park!.applicationId, reviewerId: gmailReviewer.reviewerId, reason: 'x' });
    expect(short.statusCode).toBe(400);
    const declared = await staff.post(url, { applicationId: park!.applicationId, reviewerId: gmailReviewer.reviewerId, reason: '같은 프로젝트를 함께 수행 중' });
    expect(declared.statusCode, declared.body).toBe(201);
    const { conflicts } = (await staff.get(url)).json<ConflictListT>();
    expect(conflicts.find((c) => c.applicationId === park!.applicationId && c.reviewerId === gmailReviewer.reviewerId)!.reasons).toEqual([{ kind: 'declared' }]);
    const audit = (await db().select().from(auditLog).where(eq(auditLog.entityId, gmailReviewer.reviewerId))).find((a) => a.action === 'conflict.declare')!;
    expect(audit.after).toEqual({ applicationId: park!.applicationId, reason: '같은 프로젝트를 함께 수행 중', by: 'staff' });
    expect(audit.actorId).toBe(staff.userId);

    const manual = await staff.post(`/api/v1/admin/calls/${seeded.callId}/assignments`, { applicationId: park!.applicationId, reviewerId: gmailReviewer.reviewerId, reason: '직접 배정 시험' }, { 'accept-language': 'en' });
    expect(manual.statusCode).toBe(422);
    expect(manual.json().error).toMatchObject({ code: 'review.pair_conflicted', message: 'This reviewer has a conflict of interest with this application: conflict declared' });
  });

  it('counts conflicts per reviewer in the reviewer list', async () => {
    const { reviewers } = (await staff.get(`/api/v1/admin/calls/${seeded.callId}/reviewers`)).json<ReviewerListT>();
    const byId = new Map(reviewers.map((r) => [r.id, r]));
    expect(byId.get(seeded.reviewers[0]!.reviewerId)!.conflicts).toBe(1);
    expect(byId.get(seeded.reviewers[1]!.reviewerId)!.conflicts).toBe(1);
    expect(byId.get(seeded.reviewers[2]!.reviewerId)!.conflicts).toBe(1);
  });
});
