/**
 * Retention over a moved clock (issue 3 point 7; PIPA §21; security guide row 32): before the period
 * after finalisation nothing changes; after it, everyone not selected loses answers, consents,
 * files (rows and bytes) and the comments written about them, and the run is audited once; the
 * selected keep everything, calls not finalised are untouched, and a second run changes nothing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredApplicants } from '../../src/modules/recruitment/retention.js';
import { applications, auditLog, callReviewers, calls, outboxMessages, reviewAssignments, reviews, storedFiles } from '../../src/platform/db/schema/index.js';
import { localFileStorage } from '../../src/platform/files/storage.js';
import type { StoredFileViewT } from '../../src/shared/contracts/files.js';
import type { CallViewT } from '../../src/shared/contracts/recruitment.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { movableClock } from '../support/factories.js';
import { callBody } from '../factories/recruitment.js';

type SignedIn = TestClient & { userId: string; email: string };
const DAY = 86_400_000;
const clock = movableClock();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oc-retention-'));
let t: TestApp;
let staff: SignedIn;

beforeAll(async () => {
  t = await startTestApp({ now: clock.now, env: { DATA_DIR: dataDir, APPLICANT_RETENTION_DAYS: '30' } });
  staff = await t.signedIn(['staff']);
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const questions = [...callBody().questions, { key: 'cv', type: 'file', required: false, label: { ko: '이력서' } }];
const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');

async function upload(client: TestClient, callId: string, name: string) {
  if (!client.cookies.has('oc_csrf')) await client.get('/api/v1/me');
  const res = await t.campus.app.inject({
    method: 'POST',
    url: `/api/v1/calls/${callId}/my-application/files?question=cv`,
    headers: { 'content-type': 'application/octet-stream', cookie: client.cookieHeader()!, 'x-csrf-token': client.cookies.get('oc_csrf')!, 'x-file-name': encodeURIComponent(name) },
    payload: PDF,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<StoredFileViewT>();
}

/** A call with one applicant per outcome, each with a file and a reviewed application; `finalised` sets finalisedAt. */
async function callWithApplicants(finalised: Date | null) {
  const res = await staff.post('/api/v1/admin/calls', callBody({ questions }, clock.now()));
  const call = res.json<CallViewT>();
  await staff.post(`/api/v1/admin/calls/${call.id}/publish`);
  const db = t.campus.database.db;
  const reviewer = await t.signedIn(['reviewer']);
  const reviewerId = uuidv7();
  await db.insert(callReviewers).values({ id: reviewerId, callId: call.id, email: reviewer.email, userId: reviewer.userId, status: 'accepted' });
  const people: Record<string, { client: SignedIn; appId: string; fileId: string; storageKey: string }> = {};
  for (const outcome of ['selected', 'not_selected', 'waitlisted', 'declined', 'withdrawn', 'draft'] as const) {
    const client = await t.signedIn();
    await client.put(`/api/v1/calls/${call.id}/my-application`, { answers: { motivation: `${outcome} 지원 동기`, sector: 'civil' }, consents: [{ key: 'selection', granted: true }, { key: 'publicity', granted: true }] });
    const file = await upload(client, call.id, `${outcome}.pdf`);
    if (outcome !== 'draft') expect((await client.post(`/api/v1/calls/${call.id}/my-application/submit`)).statusCode).toBe(200);
    if (outcome === 'withdrawn') await client.post(`/api/v1/calls/${call.id}/my-application/withdraw`);
    const [app] = await db.select().from(applications).where(and(eq(applications.callId, call.id), eq(applications.userId, client.userId)));
    if (outcome !== 'withdrawn' && outcome !== 'draft') await db.update(applications).set({ outcome, outcomeAt: clock.now() }).where(eq(applications.id, app!.id));
    const assignmentId = uuidv7();
    await db.insert(reviewAssignments).values({ id: assignmentId, callId: call.id, applicationId: app!.id, reviewerId, source: 'manual' });
    await db.insert(reviews).values({ id: uuidv7(), assignmentId, status: 'submitted', scores: { impact: 4 }, comments: { impact: `${outcome}: 지역 문제를 잘 압니다` }, comment: `${outcome} 종합 의견`, total: 75 });
    await db.insert(outboxMessages).values({ id: uuidv7(), dedupeKey: `outcome:${app!.id}`, kind: 'outcome', toEmail: client.email, toUserId: client.userId, subject: '선발 결과', body: `${outcome} 님께`, status: 'logged', about: { callId: call.id, applicationId: app!.id } });
    const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, file.id));
    people[outcome] = { client, appId: app!.id, fileId: file.id, storageKey: row!.storageKey };
  }
  await db.update(calls).set({ status: 'closed', finalisedAt: finalised }).where(eq(calls.id, call.id));
  return { call, people };
}

const storage = () => localFileStorage(path.join(dataDir, 'files'));
const onDisk = (key: string) => existsSync(path.join(dataDir, 'files', key));

describe('the retention purge', () => {
  it('destroys the data of everyone not selected once the period has passed, and only then', async () => {
    const db = t.campus.database.db;
    const finalisedAt = clock.now();
    const due = await callWithApplicants(finalisedAt);
    const open = await callWithApplicants(null);
    const retentionDays = t.campus.deps.config.applicantRetentionDays;
    expect(retentionDays).toBe(30);
    const snapshot = async (appIds: string[]) => ({
      apps: await db.select().from(applications).where(inArray(applications.id, appIds)).orderBy(applications.id),
      files: await db.select().from(storedFiles).where(inArray(storedFiles.applicationId, appIds)).orderBy(storedFiles.id),
    });
    const dueIds = Object.values(due.people).map((p) => p.appId);
    const before = await snapshot(dueIds);
    expect(before.files).toHaveLength(6);

    // One day short of the period: nothing changes (but the run is still recorded).
    const early = await purgeExpiredApplicants(db, storage(), { now: new Date(finalisedAt.getTime() + (retentionDays - 1) * DAY), retentionDays });
    expect(early).toMatchObject({ applications: 0, files: 0, reviews: 0, callIds: [] });
    expect(await snapshot(dueIds)).toEqual(before);
    for (const p of Object.values(due.people)) expect(onDisk(p.storageKey)).toBe(true);

    // Past the period.
    const later = new Date(finalisedAt.getTime() + (retentionDays + 1) * DAY);
    const report = await purgeExpiredApplicants(db, storage(), { now: later, retentionDays });
    expect(report).toMatchObject({ applications: 5, files: 5, reviews: 5, messages: 5, callIds: [due.call.id] });

    for (const [outcome, p] of Object.entries(due.people)) {
      const [app] = await db.select().from(applications).where(eq(applications.id, p.appId));
      const files = await db.select().from(storedFiles).where(eq(storedFiles.applicationId, p.appId));
      const [review] = await db.select({ r: reviews }).from(reviews).innerJoin(reviewAssignments, eq(reviewAssignments.id, reviews.assignmentId)).where(eq(reviewAssignments.applicationId, p.appId));
      const [mail] = await db.select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, `outcome:${p.appId}`));
      if (outcome === 'selected') {
        expect(app!.anonymisedAt).toBeNull();
        expect(app!.answers).toMatchObject({ motivation: 'selected 지원 동기', cv: p.fileId });
        expect(app!.consents).toHaveLength(2);
        expect(files).toHaveLength(1);
        expect(onDisk(p.storageKey)).toBe(true);
        expect(review!.r.comment).toBe('selected 종합 의견');
        expect(mail!.toEmail).toBe(p.client.email);
        // The selected applicant still downloads their file.
        expect((await p.client.get(`/api/v1/files/${p.fileId}`)).statusCode).toBe(200);
      } else {
        expect(app!.anonymisedAt?.getTime(), outcome).toBe(later.getTime());
        expect(app!.answers).toEqual({});
        expect(app!.consents).toEqual([]);
        expect(files).toHaveLength(0);
        expect(onDisk(p.storageKey), outcome).toBe(false);
        // Scores stay (the selection's numbers still add up); the words about the person go.
        expect(review!.r).toMatchObject({ comments: {}, comment: null, scores: { impact: 4 }, total: 75 });
        expect(mail).toMatchObject({ toEmail: '', subject: '', body: '' });
        expect((await staff.get(`/api/v1/files/${p.fileId}`)).statusCode).toBe(404);
      }
    }

    // Staff lists no longer say who the anonymised applicants were.
    const listed = (await staff.get(`/api/v1/admin/calls/${due.call.id}/applications`)).json<{ items: { id: string; name: string }[] }>().items;
    for (const [outcome, p] of Object.entries(due.people)) {
      const name = listed.find((a) => a.id === p.appId)!.name;
      if (outcome === 'selected') expect(name).not.toBe('');
      else expect(name, outcome).toBe('');
    }
    const csv = await staff.get(`/api/v1/admin/calls/${due.call.id}/applications/export.csv?reason=${encodeURIComponent('retention check')}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(due.people.selected!.client.email);
    expect(csv.body).not.toContain(due.people.not_selected!.client.email);

    // A call that was never finalised keeps everything.
    const openIds = Object.values(open.people).map((p) => p.appId);
    const openNow = await snapshot(openIds);
    expect(openNow.apps.every((a) => a.anonymisedAt === null && Object.keys(a.answers).length > 0)).toBe(true);
    expect(openNow.files).toHaveLength(6);
    for (const p of Object.values(open.people)) expect(onDisk(p.storageKey)).toBe(true);

    // Again: nothing new to do.
    const afterFirst = await snapshot(dueIds);
    const again = await purgeExpiredApplicants(db, storage(), { now: new Date(later.getTime() + DAY), retentionDays });
    expect(again).toMatchObject({ applications: 0, files: 0, reviews: 0, messages: 0 });
    expect(await snapshot(dueIds)).toEqual(afterFirst);

    // One audit entry per run, by 'retention', with the counts and calls.
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'retention.purge')).orderBy(auditLog.id);
    expect(audits.map((a) => [a.actorId, a.actorLabel, (a.after as { applications: number }).applications])).toEqual([
      [null, 'retention', 0],
      [null, 'retention', 5],
      [null, 'retention', 0],
    ]);
    expect(audits[1]!.after).toMatchObject({ callIds: [due.call.id], files: 5, retentionDays: 30 });
  });
});
