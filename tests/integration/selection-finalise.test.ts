/**
 * Finalising a selection and what follows: outcomes, participants and exactly one outcome e-mail
 * per applicant in one transaction, once per call; an applicant's own outcomes; declining a place
 * (the first waitlisted person the quotas allow moves up, concurrent declines never promote one
 * person twice); the staff outbox page without SMTP.
 */
import { and, desc, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participantsOfCall } from '../../src/modules/selection/public.js';
import { accessLog, applications, auditLog, calls, outboxMessages, participants, reviewAssignments, reviews } from '../../src/platform/db/schema/index.js';
import type { FinaliseViewT, MyApplicationsListT, MyApplicationSummaryT, OutboxListT, SelectionRunListT, SelectionRunViewT } from '../../src/shared/contracts/selection.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { seedSelectionCall, type SeedApplicant } from '../factories/selection.js';

type SignedIn = TestClient & { userId: string; email: string };

let t: TestApp;
let staff: SignedIn;

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
});
afterAll(async () => {
  await t.close();
});

const db = () => t.campus.database.db;
const codeOf = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

async function runOf(callId: string, body: Record<string, unknown> = {}): Promise<SelectionRunViewT> {
  const res = await staff.post(`/api/v1/admin/calls/${callId}/selection-runs`, { seed: 'fixed', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<SelectionRunViewT>();
}

async function finalise(runId: string): Promise<FinaliseViewT> {
  const res = await staff.post(`/api/v1/admin/selection-runs/${runId}/finalise`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<FinaliseViewT>();
}

async function appRow(id: string) {
  const [row] = await db().select().from(applications).where(eq(applications.id, id));
  return row!;
}

const QUOTAS = [
  { attribute: 'sector', value: 'public', min: 2 },
  { attribute: 'sector', value: 'company', max: 1 },
];

/** A, C, E, F selected; B, D, G, H waitlisted 1–4; I not scored (see selection-runs.test.ts). */
async function quotaCall(people: Partial<Record<string, SignedIn>> = {}, extra: Partial<Record<string, Partial<SeedApplicant>>> = {}) {
  const spec: [string, string, number[]][] = [
    ['A', 'company', [90]],
    ['B', 'company', [88]],
    ['C', 'civil', [86]],
    ['D', 'civil', [84]],
    ['E', 'public', [70]],
    ['F', 'public', [60]],
    ['G', 'university', [50]],
    ['H', 'public', [40]],
    ['I', 'civil', []],
  ];
  const applicants: SeedApplicant[] = spec.map(([name, sector, scores]) => ({ name, sector, scores, ...(people[name] ? { userId: people[name].userId } : {}), ...extra[name] }));
  const seeded = await seedSelectionCall(db(), { capacity: 4, quotas: QUOTAS, applicants });
  const id = (name: string) => seeded.applicants.find((a) => a.name === name)!.applicationId;
  return { ...seeded, id };
}

describe('finalising', () => {
  it('writes outcomes, participants and one outcome e-mail per applicant, once per call', async () => {
    const a = await t.signedIn();
    const { callId, id } = await quotaCall({ A: a }, { B: { locale: 'en' } });
    const run = await runOf(callId);
    const result = await finalise(run.id);
    expect(result).toMatchObject({ callId, runId: run.id, selected: 4, waitlisted: 4, notSelected: 1, participants: 4, queuedMessages: 9 });

    expect(await appRow(id('A'))).toMatchObject({ outcome: 'selected', waitlistPosition: null });
    expect(await appRow(id('B'))).toMatchObject({ outcome: 'waitlisted', waitlistPosition: 1 });
    expect(await appRow(id('H'))).toMatchObject({ outcome: 'waitlisted', waitlistPosition: 4 });
    expect(await appRow(id('I'))).toMatchObject({ outcome: 'not_selected', waitlistPosition: null });
    expect((await appRow(id('A'))).outcomeAt).toBeInstanceOf(Date);

    const [call] = await db().select().from(calls).where(eq(calls.id, callId));
    expect(call!.finalisedRunId).toBe(run.id);
    expect(call!.finalisedAt).toBeInstanceOf(Date);

    const members = await participantsOfCall(db(), callId);
    expect(members.map((p) => p.applicationId).sort()).toEqual([id('A'), id('C'), id('E'), id('F')].sort());
    expect(members.every((p) => p.status === 'active')).toBe(true);
    expect(members.find((p) => p.applicationId === id('A'))!.userId).toBe(a.userId);

    // Exactly one message per applicant, keyed by application and outcome, in the applicant's language.
    const mail = await db().select().from(outboxMessages).where(eq(outboxMessages.about, { callId, applicationId: id('A') }));
    expect(mail).toHaveLength(1);
    const all = (await db().select().from(outboxMessages)).filter((m) => m.about.callId === callId);
    expect(all).toHaveLength(9);
    expect(new Set(all.map((m) => m.about.applicationId)).size).toBe(9);
    expect(all.every((m) => m.status === 'pending')).toBe(true);
    const forA = all.find((m) => m.about.applicationId === id('A'))!;
    expect(forA).toMatchObject({ dedupeKey: `outcome:${id('A')}:selected`, kind: 'outcome.selected', toEmail: a.email, toUserId: a.userId, lang: 'ko' });
    expect(forA.subject).toContain('선발되었습니다');
    expect(forA.body).toContain('사회혁신 리빙랩 참여자 모집');
    expect(forA.body).toContain(`/calls/${callId}`);
    const forB = all.find((m) => m.about.applicationId === id('B'))!;
    expect(forB).toMatchObject({ dedupeKey: `outcome:${id('B')}:waitlisted`, lang: 'en' });
    expect(forB.subject).toBe('[Open Campus] Social innovation living lab: waitlist no. 1');
    expect(all.find((m) => m.about.applicationId === id('I'))!.dedupeKey).toBe(`outcome:${id('I')}:not_selected`);

    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'selection.finalise'), eq(auditLog.entityId, callId)));
    expect(audit).toMatchObject({ actorId: staff.userId, after: { finalisedRunId: run.id, selected: 4, waitlisted: 4, notSelected: 1, queuedMessages: 9 } });

    // Once per call: the same run again, or another run of the call, is refused and changes nothing.
    const again = await staff.post(`/api/v1/admin/selection-runs/${run.id}/finalise`);
    expect(again.statusCode).toBe(409);
    expect(codeOf(again.body)).toBe('selection.already_finalised');
    const other = await runOf(callId, { seed: 'other' });
    const third = await staff.post(`/api/v1/admin/selection-runs/${other.id}/finalise`);
    expect(third.statusCode).toBe(409);
    expect(JSON.parse(third.body).error.message).toBeTruthy();
    expect((await db().select().from(outboxMessages)).filter((m) => m.about.callId === callId)).toHaveLength(9);

    const list = (await staff.get(`/api/v1/admin/calls/${callId}/selection-runs`)).json<SelectionRunListT>();
    expect(list.runs.map((r) => [r.id, r.finalised])).toEqual([
      [other.id, false],
      [run.id, true],
    ]);

    // The applicant sees the outcome in their own list.
    const mine = (await a.get('/api/v1/me/applications')).json<MyApplicationsListT>();
    expect(mine.applications).toMatchObject([{ id: id('A'), callId, callTitle: { ko: '사회혁신 리빙랩 참여자 모집' }, callStatus: 'closed', status: 'submitted', outcome: 'selected', waitlistPosition: null, canDecline: true }]);
  });

  it('is refused while the call is open, and when reviews changed after the run', async () => {
    const open = await seedSelectionCall(db(), { capacity: 1, state: 'open', applicants: [{ sector: 'civil', scores: [70] }] });
    const early = await staff.post(`/api/v1/admin/selection-runs/${(await runOf(open.callId)).id}/finalise`);
    expect(early.statusCode).toBe(409);
    expect(codeOf(early.body)).toBe('selection.state_call_open');

    const { callId, id } = await quotaCall();
    const run = await runOf(callId);
    // A second review for H arrives after the run: the run no longer reflects the scores.
    const [reviewer] = await db().select({ reviewerId: reviewAssignments.reviewerId }).from(reviewAssignments).where(eq(reviewAssignments.applicationId, id('A')));
    const assignmentId = uuidv7();
    await db().insert(reviewAssignments).values({ id: assignmentId, callId, applicationId: id('I'), reviewerId: reviewer!.reviewerId, source: 'manual' });
    await db().insert(reviews).values({ id: uuidv7(), assignmentId, status: 'submitted', total: 99, submittedAt: new Date() });
    const stale = await staff.post(`/api/v1/admin/selection-runs/${run.id}/finalise`);
    expect(stale.statusCode).toBe(409);
    expect(codeOf(stale.body)).toBe('selection.state_run_outdated');
    expect((await appRow(id('A'))).outcome).toBeNull();
    expect(await participantsOfCall(db(), callId)).toEqual([]);

    // A fresh run sees I scored (and ranked first) and can be finalised.
    const fresh = await runOf(callId);
    expect(fresh.notScoredCount).toBe(0);
    expect((await finalise(fresh.id)).selected).toBe(4);
  });
});

describe('declining a place', () => {
  it('promotes the first waitlisted person, moves the rest up, and tells the promoted one', async () => {
    const a = await t.signedIn();
    const b = await t.signedIn();
    const h = await t.signedIn();
    const { callId, id } = await quotaCall({ A: a, B: b, H: h });
    await finalise((await runOf(callId)).id);

    expect((await b.get('/api/v1/me/applications')).json<MyApplicationsListT>().applications[0]).toMatchObject({ outcome: 'waitlisted', waitlistPosition: 1, canDecline: false });

    const res = await a.post(`/api/v1/calls/${callId}/my-application/decline`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<MyApplicationSummaryT>()).toMatchObject({ id: id('A'), outcome: 'declined', canDecline: false, waitlistPosition: null });

    // B (company) may take A's (company) seat: company max 1 still holds.
    expect(await appRow(id('B'))).toMatchObject({ outcome: 'selected', waitlistPosition: null });
    expect(await appRow(id('D'))).toMatchObject({ outcome: 'waitlisted', waitlistPosition: 1 });
    expect(await appRow(id('G'))).toMatchObject({ outcome: 'waitlisted', waitlistPosition: 2 });
    expect(await appRow(id('H'))).toMatchObject({ outcome: 'waitlisted', waitlistPosition: 3 });
    const members = await participantsOfCall(db(), callId);
    expect(members.find((p) => p.userId === a.userId)!.status).toBe('withdrawn');
    expect(members.find((p) => p.userId === b.userId)!.status).toBe('active');
    expect(members.filter((p) => p.status === 'active')).toHaveLength(4);

    const mails = (await db().select().from(outboxMessages)).filter((m) => m.about.callId === callId);
    expect(mails.filter((m) => m.about.applicationId === id('B')).map((m) => m.dedupeKey).sort()).toEqual([`outcome:${id('B')}:selected`, `outcome:${id('B')}:waitlisted`]);
    expect(mails.filter((m) => m.about.applicationId === id('A')).map((m) => m.dedupeKey).sort()).toEqual([`outcome:${id('A')}:declined`, `outcome:${id('A')}:selected`]);
    expect(mails).toHaveLength(11);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'selection.decline'), eq(auditLog.entityId, id('A'))));
    expect(audit).toMatchObject({ actorId: a.userId, after: { outcome: 'declined', promotedApplicationId: id('B') } });

    // Twice is refused; so is declining without a place, and nobody reaches another's application.
    const twice = await a.post(`/api/v1/calls/${callId}/my-application/decline`);
    expect([twice.statusCode, codeOf(twice.body)]).toEqual([409, 'selection.already_declined']);
    const waiting = await h.post(`/api/v1/calls/${callId}/my-application/decline`);
    expect([waiting.statusCode, codeOf(waiting.body)]).toEqual([409, 'selection.state_not_selected']);
    const stranger = await t.signedIn();
    const none = await stranger.post(`/api/v1/calls/${callId}/my-application/decline`);
    expect([none.statusCode, codeOf(none.body)]).toEqual([404, 'selection.application_not_found']);
    expect((await staff.post(`/api/v1/calls/${callId}/my-application/decline`)).statusCode).toBe(404);
    expect((await t.client().post(`/api/v1/calls/${callId}/my-application/decline`)).statusCode).toBe(401);
    expect((await stranger.post('/api/v1/calls/00000000-0000-4000-8000-000000000000/my-application/decline')).statusCode).toBe(404);
    expect(await appRow(id('D'))).toMatchObject({ outcome: 'waitlisted', waitlistPosition: 1 });
  });

  it('keeps the quotas: a public seat goes to the first public person waiting', async () => {
    const e = await t.signedIn();
    const { callId, id } = await quotaCall({ E: e });
    await finalise((await runOf(callId)).id);
    expect((await e.post(`/api/v1/calls/${callId}/my-application/decline`)).statusCode).toBe(200);
    // D (civil) and G (university) wait ahead of H (public), but public needs 2 seats.
    expect(await appRow(id('H'))).toMatchObject({ outcome: 'selected', waitlistPosition: null });
    expect(await appRow(id('B'))).toMatchObject({ outcome: 'waitlisted', waitlistPosition: 1 });
    expect(await appRow(id('D'))).toMatchObject({ outcome: 'waitlisted', waitlistPosition: 2 });
    expect(await appRow(id('G'))).toMatchObject({ outcome: 'waitlisted', waitlistPosition: 3 });
  });

  it('concurrent declines promote different people, each once', async () => {
    const x = await t.signedIn();
    const y = await t.signedIn();
    const seeded = await seedSelectionCall(db(), {
      capacity: 2,
      applicants: [
        { name: 'X', sector: 'civil', scores: [95], userId: x.userId },
        { name: 'Y', sector: 'civil', scores: [94], userId: y.userId },
        { name: 'W1', sector: 'civil', scores: [80] },
        { name: 'W2', sector: 'civil', scores: [70] },
        { name: 'W3', sector: 'civil', scores: [60] },
      ],
    });
    const id = (name: string) => seeded.applicants.find((p) => p.name === name)!.applicationId;
    await finalise((await runOf(seeded.callId)).id);

    const [rx, ry] = await Promise.all([x.post(`/api/v1/calls/${seeded.callId}/my-application/decline`), y.post(`/api/v1/calls/${seeded.callId}/my-application/decline`)]);
    expect([rx.statusCode, ry.statusCode]).toEqual([200, 200]);

    expect(await appRow(id('W1'))).toMatchObject({ outcome: 'selected', waitlistPosition: null });
    expect(await appRow(id('W2'))).toMatchObject({ outcome: 'selected', waitlistPosition: null });
    expect(await appRow(id('W3'))).toMatchObject({ outcome: 'waitlisted', waitlistPosition: 1 });
    const active = (await participantsOfCall(db(), seeded.callId)).filter((p) => p.status === 'active');
    expect(active.map((p) => p.applicationId).sort()).toEqual([id('W1'), id('W2')].sort());
    const promotedMail = (await db().select().from(outboxMessages)).filter((m) => m.about.callId === seeded.callId && m.kind === 'outcome.selected');
    // X and Y were told at finalising; W1 and W2 once each on promotion.
    expect(promotedMail.map((m) => m.about.applicationId).sort()).toEqual([id('X'), id('Y'), id('W1'), id('W2')].sort());
    const rows = await db().select().from(participants).where(eq(participants.callId, seeded.callId));
    expect(rows).toHaveLength(4);
  });
});

describe('the staff outbox without SMTP', () => {
  it('lists pending messages with counts, logs the access, and refuses to send', async () => {
    const { callId } = await seedSelectionCall(db(), { capacity: 1, applicants: [{ name: '김하나', sector: 'civil', scores: [70] }] });
    await finalise((await runOf(callId)).id);
    const res = await staff.get('/api/v1/admin/outbox?status=pending&pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<OutboxListT>();
    expect(list.smtpConfigured).toBe(false);
    expect(list.counts.pending).toBeGreaterThan(0);
    expect(list.counts.sent).toBe(0);
    const mine = list.items.find((m) => m.about.callId === callId)!;
    expect(mine).toMatchObject({ toName: '김하나', status: 'pending', attempts: 0, lang: 'ko', kind: 'outcome.selected' });
    const [logged] = await db().select().from(accessLog).where(eq(accessLog.subjectType, 'outbox_message')).orderBy(desc(accessLog.at), desc(accessLog.id)).limit(1);
    expect(logged).toMatchObject({ actorId: staff.userId, action: 'view', subjectCount: list.items.length });
    expect((logged!.subjectIds as string[]).includes(mine.id)).toBe(true);

    const send = await staff.post('/api/v1/admin/outbox/send');
    expect([send.statusCode, codeOf(send.body)]).toEqual([422, 'outbox.smtp_not_configured']);
    expect((await staff.get('/api/v1/admin/outbox?status=bogus')).statusCode).toBe(400);
  });
});
