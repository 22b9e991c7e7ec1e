/**
 * Review setup: the rubric and settings (field errors in both languages, nothing half-written, the
 * rubric frozen once reviews start), reviewer invitations (mail queued once, in two languages, with
 * a secret link; answered only through that link — an account that merely signed up with the
 * invited address gets 403, a wrong secret 404, and nothing is written; re-sending makes a new link
 * and kills the old one) and conflicts of interest (detected by organisation and institutional
 * e-mail domain, declared by staff).
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, callReviewers, calls, outboxMessages } from '../../src/platform/db/schema/index.js';
import type { ConflictListT, InvitationListT, ReviewerListT, ReviewerViewT, ReviewSettingsViewT } from '../../src/shared/contracts/review.js';
import type { OutboxListT } from '../../src/shared/contracts/selection.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DEFAULT_RUBRIC, invitationToken, reviewCallBody, seedReviewableCall, tokenInMail, uniqueEmail, type SeededCall, type SignedIn } from '../factories/review.js';

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

/** A reviewer row and its audit trail, to show that a refused answer wrote nothing. */
async function rowAndAudit(reviewerId: string) {
  return JSON.stringify([await db().select().from(callReviewers).where(eq(callReviewers.id, reviewerId)), await db().select().from(auditLog).where(eq(auditLog.entityId, reviewerId))]);
}

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
  it('queues one bilingual invitation mail with a secret link, stores only its hash, and lists the reviewer as invited', async () => {
    const email = uniqueEmail('Invitee');
    const res = await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers`, { email, sectors: ['civil'], topics: ['housing'], expertise: ['care'], load: 4 });
    expect(res.statusCode, res.body).toBe(201);
    const reviewer = res.json<ReviewerViewT>();
    expect(reviewer).toMatchObject({ email: email.toLowerCase(), status: 'invited', userId: null, load: 4, assigned: 0 });
    const mails = await db().select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, `reviewer-invitation:${reviewer.id}`));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: 'reviewer_invitation', toEmail: email.toLowerCase(), lang: 'ko' });
    expect(mails[0]!.subject).toContain('심사위원으로 초대');
    const token = tokenInMail(mails[0]!.body);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The same link in both languages' parts of the mail.
    expect(mails[0]!.body.split(`http://localhost:3000/me/reviews?invitation=${token}`)).toHaveLength(3);
    expect(mails[0]!.body).toContain('Open the link below, sign up or sign in');
    expect(mails[0]!.body).toContain('다른 사람에게 전달하지 말아 주세요');
    const [row] = await db().select().from(callReviewers).where(eq(callReviewers.id, reviewer.id));
    expect(row!.inviteTokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    // The audit entry keeps the row, but not the secret's hash.
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.entityId, reviewer.id));
    expect(audit).toMatchObject({ action: 'reviewer.invite', after: { email: email.toLowerCase(), status: 'invited' } });
    expect(JSON.stringify(audit!.after)).not.toContain(row!.inviteTokenHash!);

    // The same address again (any case) is refused, and no second mail is queued.
    const again = await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers`, { email: email.toUpperCase() }, { 'accept-language': 'en' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toEqual([{ path: 'email', message: 'This e-mail address has already been invited to review this call.' }]);
    expect(await db().select().from(outboxMessages).where(eq(outboxMessages.kind, 'reviewer_invitation'))).toHaveLength(seeded.reviewers.length + 1);

    const bad = await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers`, { email: 'not-an-address', load: -1 }, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['email', 'load']);
  });

  it('does not let someone who signs up with the invited address answer without the link (nothing written)', async () => {
    const email = uniqueEmail('victim');
    const invited = (await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers`, { email, organisation: '서울연구원', expertise: ['housing'] })).json<ReviewerViewT>();
    const before = await rowAndAudit(invited.id);
    // Addresses are not verified: the attacker signs up first with the invited one (another case).
    const attacker = await t.signedIn([], { email: email.toUpperCase(), name: '가로채기' });
    // Not listed by e-mail: that would tell the attacker that, and for which call, the address was invited.
    expect((await attacker.get('/api/v1/me/reviewer-invitations')).json<InvitationListT>()).toEqual({ invitations: [], link: 'absent' });

    const url = (action: string) => `/api/v1/me/reviewer-invitations/${invited.id}/${action}`;
    for (const [action, body] of [
      ['accept', {}],
      ['accept', { organisation: '가짜 기관' }],
      ['decline', {}],
    ] as const) {
      const res = await attacker.post(url(action), body, { 'accept-language': 'en' });
      expect(res.statusCode, `${action} ${res.body}`).toBe(403);
      expect(res.json().error).toEqual({
        code: 'review.invitation_token_required',
        message: 'To answer this invitation, please open the link in the invitation e-mail. If you have lost it, ask the staff to send it again.',
        fields: [{ path: 'token', message: expect.stringContaining('open the link in the invitation e-mail') }],
      });
    }
    const bodiless = await attacker.request('POST', url('decline'));
    expect(bodiless.statusCode).toBe(403);
    // A wrong secret is "not found", exactly like an invitation that does not exist.
    const wrong = randomBytes(32).toString('base64url');
    for (const action of ['accept', 'decline']) {
      const res = await attacker.post(url(action), { token: wrong });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('review.invitation_not_found');
      const unknown = await attacker.post(`/api/v1/me/reviewer-invitations/${uuidv7()}/${action}`, { token: wrong });
      expect(unknown.json()).toEqual(res.json());
    }
    expect((await attacker.get(`/api/v1/me/reviewer-invitations?token=${wrong}`)).json<InvitationListT>()).toEqual({ invitations: [], link: 'invalid' });
    // A malformed secret is a field error, in the reader's language.
    const malformed = await attacker.post(url('accept'), { token: 'abc' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.fields).toEqual([{ path: 'token', message: '초대 링크가 올바르지 않습니다. 받은 메일의 링크를 그대로 열어 주세요.' }]);
    expect(await rowAndAudit(invited.id)).toEqual(before);
    // Nothing an attacker could use reached the logs either.
    expect(t.logs.join('\n')).not.toContain(wrong);
  });

  it('lets the person with the link see and accept it, with any account, and links it to that account', async () => {
    const email = uniqueEmail('casey');
    const invited = (await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers`, { email })).json<ReviewerViewT>();
    const token = await invitationToken(t, invited.id);
    // The invitee's account has another address: the link, not the address, is the proof.
    const person = await t.signedIn([], { email: uniqueEmail('casey-home'), name: '최심사' });
    const listed = await person.get(`/api/v1/me/reviewer-invitations?token=${token}`);
    expect(listed.statusCode).toBe(200);
    const { invitations, link } = listed.json<InvitationListT>();
    expect(link).toBe('valid');
    expect(invitations.map((i) => [i.id, i.status, i.needsLink, i.callTitle.ko])).toEqual([[invited.id, 'invited', true, expect.stringContaining('심사 시험')]]);
    // The secret in the query string stays out of the request logs.
    expect(t.logs.join('\n')).not.toContain(token);

    const accepted = await person.post(`/api/v1/me/reviewer-invitations/${invited.id}/accept`, { token, organisation: '서울연구원', expertise: ['housing', 'housing', ' care '] });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', needsLink: false, organisation: '서울연구원', expertise: ['housing', 'care'] });

    const row = (await db().select().from(callReviewers).where(eq(callReviewers.id, invited.id)))[0]!;
    expect(row).toMatchObject({ userId: person.userId, status: 'accepted', email: email.toLowerCase() });
    const staffView = (await staff.get(`/api/v1/admin/calls/${seeded.callId}/reviewers`)).json<ReviewerListT>().items.find((r) => r.id === invited.id)!;
    expect(staffView).toMatchObject({ name: '최심사', status: 'accepted', organisation: '서울연구원' });
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, invited.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['reviewer.accept', 'reviewer.invite']);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain(row.inviteTokenHash!);

    // Linked now: listed without the link, and the used link still leads here (not to anyone else).
    expect((await person.get('/api/v1/me/reviewer-invitations')).json<InvitationListT>()).toMatchObject({ link: 'absent', invitations: [{ id: invited.id, needsLink: false }] });
    expect((await person.get(`/api/v1/me/reviewer-invitations?token=${token}`)).json<InvitationListT>()).toMatchObject({ link: 'valid', invitations: [{ id: invited.id }] });
    const other = await t.signedIn([], { email });
    expect((await other.get(`/api/v1/me/reviewer-invitations?token=${token}`)).json<InvitationListT>()).toEqual({ invitations: [], link: 'invalid' });
    expect((await other.post(`/api/v1/me/reviewer-invitations/${invited.id}/accept`, { token })).statusCode).toBe(404);
    expect((await other.post(`/api/v1/me/reviewer-invitations/${invited.id}/decline`, { token })).statusCode).toBe(404);

    // Declining afterwards is allowed while nothing is submitted, without a body: the invitation is linked.
    const declined = await person.request('POST', `/api/v1/me/reviewer-invitations/${invited.id}/decline`);
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', needsLink: false });
  });

  it('declines through the link, which links the answer to the account', async () => {
    const invited = (await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers`, { email: uniqueEmail('busy') })).json<ReviewerViewT>();
    const token = await invitationToken(t, invited.id);
    const person = await t.signedIn([]);
    const declined = await person.post(`/api/v1/me/reviewer-invitations/${invited.id}/decline`, { token });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ id: invited.id, status: 'declined', needsLink: false });
    const [row] = await db().select().from(callReviewers).where(eq(callReviewers.id, invited.id));
    expect(row).toMatchObject({ status: 'declined', userId: person.userId });
    expect((await db().select().from(auditLog).where(eq(auditLog.entityId, invited.id))).map((a) => a.action).sort()).toEqual(['reviewer.decline', 'reviewer.invite']);
    // The person may still change their mind (as before), now without the link.
    expect((await person.post(`/api/v1/me/reviewer-invitations/${invited.id}/accept`, {})).statusCode).toBe(200);
  });

  it('re-sends an invitation with a new link, so the old one stops working (audited)', async () => {
    const email = uniqueEmail('lost');
    const invited = (await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers`, { email })).json<ReviewerViewT>();
    const oldToken = await invitationToken(t, invited.id);
    const resendUrl = `/api/v1/admin/calls/${seeded.callId}/reviewers/${invited.id}/resend`;
    const resent = await staff.post(resendUrl, undefined, { 'accept-language': 'en' });
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json<ReviewerViewT>()).toMatchObject({ id: invited.id, status: 'invited', userId: null });
    const again = await staff.post(resendUrl);
    expect(again.statusCode).toBe(200);

    const mails = await db().select().from(outboxMessages).where(eq(outboxMessages.toEmail, email.toLowerCase())).orderBy(outboxMessages.createdAt, outboxMessages.id);
    expect(mails.map((m) => m.dedupeKey)).toEqual([`reviewer-invitation:${invited.id}`, `reviewer-invitation:${invited.id}:2`, `reviewer-invitation:${invited.id}:3`]);
    // The staff member asked in English and the invitee has no account: the mail leads in English.
    expect(mails[1]).toMatchObject({ kind: 'reviewer_invitation', lang: 'en', about: { callId: seeded.callId, reviewerId: invited.id, sending: '2' } });
    expect(mails[1]!.body).toContain('This is a new invitation link. The link we sent you earlier no longer works.');
    expect(mails[1]!.body).toContain('초대 링크를 새로 보내 드립니다.');
    // Only the newest mail may still go out: the unsent ones before it carry dead links.
    expect(mails.map((m) => m.status)).toEqual(['superseded', 'superseded', 'pending']);
    const tokens = mails.map((m) => tokenInMail(m.body));
    expect(new Set(tokens).size).toBe(3);
    const newToken = tokens[2]!;

    const person = await t.signedIn([], { email });
    for (const stale of [oldToken, tokens[1]!]) {
      expect((await person.get(`/api/v1/me/reviewer-invitations?token=${stale}`)).json<InvitationListT>()).toEqual({ invitations: [], link: 'invalid' });
      const res = await person.post(`/api/v1/me/reviewer-invitations/${invited.id}/accept`, { token: stale });
      expect(res.statusCode).toBe(404);
    }
    expect((await db().select().from(callReviewers).where(eq(callReviewers.id, invited.id)))[0]).toMatchObject({ status: 'invited', userId: null });
    const accepted = await person.post(`/api/v1/me/reviewer-invitations/${invited.id}/accept`, { token: newToken });
    expect(accepted.statusCode, accepted.body).toBe(200);

    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, invited.id)).orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(['reviewer.invite', 'reviewer.resend', 'reviewer.resend', 'reviewer.accept']);
    expect(audit[1]).toMatchObject({ actorId: staff.userId, before: { sending: 1 }, after: { sending: 2, toEmail: email.toLowerCase(), supersededMails: 1 } });

    // The staff outbox says why those were never sent, in the reader's language.
    const outbox = await staff.get('/api/v1/admin/outbox?status=superseded', { 'accept-language': 'en' });
    expect(outbox.statusCode, outbox.body).toBe(200);
    const listed = outbox.json<OutboxListT>();
    expect(listed.items.filter((m) => m.about.reviewerId === invited.id).map((m) => [m.id, m.status])).toEqual([
      [mails[1]!.id, 'superseded'],
      [mails[0]!.id, 'superseded'],
    ]);
    expect(listed.counts.superseded).toBeGreaterThanOrEqual(2);
    expect((await staff.get('/api/v1/admin/outbox')).json<OutboxListT>().items.find((m) => m.id === mails[2]!.id)?.status).toBe('pending');

    // Answered now: nothing to re-send, and no mail queued.
    const answered = await staff.post(resendUrl, undefined, { 'accept-language': 'en' });
    expect(answered.statusCode).toBe(409);
    expect(answered.json().error).toEqual({ code: 'review.state_invitation_answered', message: 'This invitation has already been answered, so there is no link to send again.' });
    expect(await db().select().from(outboxMessages).where(eq(outboxMessages.toEmail, email.toLowerCase()))).toHaveLength(3);
  });

  it('refuses re-sending a linked invitation, an unknown reviewer, and to non-staff', async () => {
    const invited = (await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers`, { email: uniqueEmail('odd') })).json<ReviewerViewT>();
    const url = `/api/v1/admin/calls/${seeded.callId}/reviewers/${invited.id}/resend`;
    const member = await t.signedIn();
    expect((await member.post(url)).statusCode).toBe(403);
    expect((await t.client().post(url)).statusCode).toBe(401);
    expect((await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers/${uuidv7()}/resend`)).statusCode).toBe(404);
    // Another call's reviewer is not this call's.
    const otherCall = (await staff.post('/api/v1/admin/calls', reviewCallBody())).json<{ id: string }>();
    expect((await staff.post(`/api/v1/admin/calls/${otherCall.id}/reviewers/${invited.id}/resend`)).statusCode).toBe(404);
    // Still 'invited' but tied to an account (not something the app does itself): no link needed, none sent.
    await db().update(callReviewers).set({ userId: member.userId }).where(eq(callReviewers.id, invited.id));
    const linked = await staff.post(url);
    expect(linked.statusCode).toBe(409);
    expect(linked.json().error.code).toBe('review.state_invitation_linked');
    expect(await db().select().from(outboxMessages).where(sql`${outboxMessages.about}->>'reviewerId' = ${invited.id}`)).toHaveLength(1);
    expect((await db().select().from(auditLog).where(eq(auditLog.entityId, invited.id))).map((a) => a.action)).toEqual(['reviewer.invite']);
  });

  it('asks for a re-send of an invitation sent before links carried a secret', async () => {
    const email = uniqueEmail('legacy');
    const invited = (await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers`, { email })).json<ReviewerViewT>();
    const token = await invitationToken(t, invited.id);
    await db().update(callReviewers).set({ inviteTokenHash: null }).where(eq(callReviewers.id, invited.id));
    // That mail went out long ago: a re-send leaves a sent message as it is.
    await db().update(outboxMessages).set({ status: 'sent', sentAt: new Date() }).where(sql`${outboxMessages.about}->>'reviewerId' = ${invited.id}`);
    const listed = async () => (await staff.get(`/api/v1/admin/calls/${seeded.callId}/reviewers`)).json<ReviewerListT>().items.find((r) => r.id === invited.id)!;
    expect(await listed()).toMatchObject({ status: 'invited', userId: null, linkMissing: true });
    const person = await t.signedIn([], { email });
    for (const body of [{}, { token }]) {
      const res = await person.post(`/api/v1/me/reviewer-invitations/${invited.id}/accept`, body);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('review.invitation_token_required');
    }
    expect((await person.get(`/api/v1/me/reviewer-invitations?token=${token}`)).json<InvitationListT>().link).toBe('invalid');
    const resent = await staff.post(`/api/v1/admin/calls/${seeded.callId}/reviewers/${invited.id}/resend`);
    expect(resent.statusCode).toBe(200);
    expect(resent.json<ReviewerViewT>().linkMissing).toBe(false);
    expect((await listed()).linkMissing).toBe(false);
    const mails = await db().select().from(outboxMessages).where(sql`${outboxMessages.about}->>'reviewerId' = ${invited.id}`).orderBy(outboxMessages.createdAt, outboxMessages.id);
    expect(mails.map((m) => m.status)).toEqual(['sent', 'pending']);
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, invited.id)).orderBy(auditLog.id);
    expect(audit.at(-1)).toMatchObject({ action: 'reviewer.resend', after: { sending: 2, supersededMails: 0 } });
    const accepted = await person.post(`/api/v1/me/reviewer-invitations/${invited.id}/accept`, { token: await invitationToken(t, invited.id) });
    expect(accepted.statusCode, accepted.body).toBe(200);
    // Answered: no link to send, nothing to say.
    expect(await listed()).toMatchObject({ status: 'accepted', linkMissing: false });
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
    const { items: reviewers } = (await staff.get(`/api/v1/admin/calls/${seeded.callId}/reviewers`)).json<ReviewerListT>();
    const byId = new Map(reviewers.map((r) => [r.id, r]));
    expect(byId.get(seeded.reviewers[0]!.reviewerId)!.conflicts).toBe(1);
    expect(byId.get(seeded.reviewers[1]!.reviewerId)!.conflicts).toBe(1);
    expect(byId.get(seeded.reviewers[2]!.reviewerId)!.conflicts).toBe(1);
  });
});
