/**
 * Uploads for 'file' questions over HTTP (issue 3 point 2; security guide rows 2, 22, 23, 26): the
 * kind is told from the bytes, never the name or the Content-Type header; the size is capped; bytes
 * live under DATA_DIR/files by a generated name; the answer is the file id and must be the
 * applicant's own file; only the owner, staff and the application's assigned reviewers download,
 * staff and reviewer downloads are access-logged, and everyone else gets 404.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, callReviewers, reviewAssignments, storedFiles } from '../../src/platform/db/schema/index.js';
import type { StoredFileViewT } from '../../src/shared/contracts/files.js';
import type { CallViewT, MyApplicationViewT } from '../../src/shared/contracts/recruitment.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { movableClock } from '../support/factories.js';
import { callBody, HOUR } from '../factories/recruitment.js';

type SignedIn = TestClient & { userId: string };

const MAX = 64 * 1024;
const clock = movableClock();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oc-files-'));
const filesDir = path.join(dataDir, 'files');
let t: TestApp;
let staff: SignedIn;

beforeAll(async () => {
  t = await startTestApp({ now: clock.now, env: { DATA_DIR: dataDir, UPLOAD_MAX_BYTES: String(MAX) } });
  staff = await t.signedIn(['staff']);
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PDF2 = Buffer.from('%PDF-1.4\n% second version\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([64, 0, 0, 0]), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const HTML = Buffer.from('<!doctype html><title>cv</title><script>fetch("/api/v1/me")</script>');

const questions = [
  ...callBody().questions,
  { key: 'cv', type: 'file', required: true, label: { ko: '이력서', en: 'CV' } },
  { key: 'portfolio', type: 'file', required: false, label: { ko: '포트폴리오', en: 'Portfolio' } },
];
const complete = { motivation: '도시 문제를 시민과 함께 풀고 싶습니다.', sector: 'civil' };
const myApp = (callId: string, action = '') => `/api/v1/calls/${callId}/my-application${action}`;

async function openCall(): Promise<CallViewT> {
  const res = await staff.post('/api/v1/admin/calls', callBody({ questions }, clock.now()));
  expect(res.statusCode, res.body).toBe(201);
  const call = res.json<CallViewT>();
  expect((await staff.post(`/api/v1/admin/calls/${call.id}/publish`)).statusCode).toBe(200);
  return call;
}

/** A raw-body upload as the web app sends it: the client's cookies and CSRF token, the name URI-encoded. */
async function upload(client: TestClient, callId: string, question: string, bytes: Buffer, name?: string, contentType = 'application/octet-stream') {
  if (!client.cookies.has('oc_csrf')) await client.get('/api/v1/me');
  const headers: Record<string, string> = { 'content-type': contentType, 'x-csrf-token': client.cookies.get('oc_csrf')! };
  const cookie = client.cookieHeader();
  if (cookie) headers.cookie = cookie;
  if (name !== undefined) headers['x-file-name'] = encodeURIComponent(name);
  return t.campus.app.inject({ method: 'POST', url: `${myApp(callId, '/files')}?question=${question}`, headers, payload: bytes });
}

const diskFiles = () => (existsSync(filesDir) ? readdirSync(filesDir).filter((f) => !f.startsWith('.')) : []);
const fileRows = () => t.campus.database.db.select().from(storedFiles);

describe('uploading', () => {
  it('stores an allowed file under a generated name with its hash, and makes it the answer', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    const res = await upload(me, call.id, 'cv', PDF, '지원서 (최종).pdf');
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json<StoredFileViewT>();
    expect(file).toMatchObject({ name: '지원서 (최종).pdf', size: PDF.length, mediaType: 'application/pdf', questionKey: 'cv' });

    const [row] = await t.campus.database.db.select().from(storedFiles).where(eq(storedFiles.id, file.id));
    expect(row!.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    expect(row!.ownerId).toBe(me.userId);
    // On disk: a UUID name inside DATA_DIR/files, nothing of the original name, the exact bytes.
    expect(row!.storageKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(row!.storageKey).not.toBe(file.id);
    expect(diskFiles()).toContain(row!.storageKey);
    expect(readFileSync(path.join(filesDir, row!.storageKey)).equals(PDF)).toBe(true);

    const mine = (await me.get(myApp(call.id))).json<MyApplicationViewT>();
    expect(mine.answers.cv).toBe(file.id);
    expect(mine.status).toBe('draft');
    const list = await me.get(myApp(call.id, '/files'));
    expect(list.json<{ files: StoredFileViewT[] }>().files.map((f) => f.id)).toEqual([file.id]);

    const xlsx = Buffer.from(await (() => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('포트폴리오').addRow(['프로젝트', 2020]);
      return wb.xlsx.writeBuffer();
    })());
    const sheet = await upload(me, call.id, 'portfolio', xlsx, 'portfolio');
    expect(sheet.statusCode, sheet.body).toBe(201);
    expect(sheet.json<StoredFileViewT>()).toMatchObject({ name: 'portfolio.xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  });

  it('refuses by content: a renamed executable, HTML called .pdf, an empty file, an oversized one — and keeps nothing', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    const rowsBefore = (await fileRows()).length;
    const diskBefore = diskFiles().length;

    const exe = await upload(me, call.id, 'cv', EXE, 'cv.pdf');
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('files.type_not_allowed');
    const html = await upload(me, call.id, 'cv', HTML, 'cv.pdf');
    expect(html.statusCode).toBe(415);
    expect(html.json().error.code).toBe('files.type_not_allowed');
    // The Content-Type header is not believed either: a PDF header on HTML changes nothing.
    const claimed = await upload(me, call.id, 'cv', HTML, 'cv.pdf', 'application/pdf');
    expect(claimed.statusCode).toBe(415);
    const empty = await upload(me, call.id, 'cv', Buffer.alloc(0), 'cv.pdf');
    expect(empty.statusCode).toBe(415);
    expect(empty.json().error.code).toBe('files.empty');
    const big = await upload(me, call.id, 'cv', Buffer.concat([PDF, Buffer.alloc(MAX)]), 'big.pdf');
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: 'files.too_large' });
    expect(big.json().error.message).toContain('MB');
    // A JSON body is not a file.
    const json = await me.post(`${myApp(call.id, '/files')}?question=cv`, { file: 'x' });
    expect(json.statusCode).toBe(415);

    expect((await fileRows()).length).toBe(rowsBefore);
    expect(diskFiles().length).toBe(diskBefore);
  });

  it('gives a disguised name the extension of what the file really is, and serves it as an attachment', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    const res = await upload(me, call.id, 'cv', PDF, '../../evil.html');
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json<StoredFileViewT>();
    expect(file.name).toBe('evil.html.pdf');
    const down = await me.get(`/api/v1/files/${file.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(PDF)).toBe(true);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toBe(`attachment; filename="evil.html.pdf"; filename*=UTF-8''evil.html.pdf`);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers['cache-control']).toContain('no-store');
    expect(down.headers['content-security-policy']).toContain('sandbox');
  });

  it('keeps one file per question: a new upload replaces the old one, bytes included', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    const first = (await upload(me, call.id, 'cv', PDF, 'cv-v1.pdf')).json<StoredFileViewT>();
    const [firstRow] = await t.campus.database.db.select().from(storedFiles).where(eq(storedFiles.id, first.id));
    const second = await upload(me, call.id, 'cv', PDF2, 'cv-v2.pdf');
    expect(second.statusCode).toBe(201);
    const secondId = second.json<StoredFileViewT>().id;
    expect(await t.campus.database.db.select().from(storedFiles).where(eq(storedFiles.id, first.id))).toHaveLength(0);
    expect(existsSync(path.join(filesDir, firstRow!.storageKey))).toBe(false);
    expect((await me.get(myApp(call.id))).json<MyApplicationViewT>().answers.cv).toBe(secondId);
    expect((await me.get(`/api/v1/files/${first.id}`)).statusCode).toBe(404);
  });

  it('takes uploads only while the application can be edited, and only for file questions', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    const wrong = await upload(me, call.id, 'motivation', PDF, 'x.pdf');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({ code: 'files.question_unknown', fields: [{ path: 'question' }] });
    const noQuestion = await t.campus.app.inject({ method: 'POST', url: myApp(call.id, '/files'), headers: { 'content-type': 'application/octet-stream', cookie: me.cookieHeader()!, 'x-csrf-token': me.cookies.get('oc_csrf')! }, payload: PDF });
    expect(noQuestion.statusCode).toBe(400);
    expect((await upload(t.client(), call.id, 'cv', PDF, 'x.pdf')).statusCode).toBe(401);
    expect((await upload(me, randomUUID(), 'cv', PDF, 'x.pdf')).statusCode).toBe(404);

    await me.put(myApp(call.id), { answers: {} });
    await me.post(myApp(call.id, '/withdraw'));
    const withdrawn = await upload(me, call.id, 'cv', PDF, 'x.pdf');
    expect(withdrawn.statusCode).toBe(422);
    expect(withdrawn.json().error.code).toBe('recruitment.application_withdrawn');

    const other = await t.signedIn();
    clock.advance(49 * HOUR);
    try {
      const late = await upload(other, call.id, 'cv', PDF, 'x.pdf');
      expect(late.statusCode).toBe(422);
      expect(late.json().error.code).toBe('recruitment.window_closed');
    } finally {
      clock.reset();
    }
  });
});

describe('answers that name files', () => {
  it('accepts only my own file for that question, keeps it through saves, and submits with it', async () => {
    const call = await openCall();
    const me = await t.signedIn();
    const someone = await t.signedIn();
    const theirs = (await upload(someone, call.id, 'cv', PDF, 'theirs.pdf')).json<StoredFileViewT>();

    for (const cv of [theirs.id, randomUUID()]) {
      const res = await me.put(myApp(call.id), { answers: { ...complete, cv } });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'recruitment.answer_file_missing', fields: [{ path: 'answers.cv' }] });
    }
    const notId = await me.put(myApp(call.id), { answers: { ...complete, cv: 'cv.pdf' } });
    expect(notId.json().error).toMatchObject({ code: 'recruitment.answer_file', fields: [{ path: 'answers.cv' }] });

    await me.put(myApp(call.id), { answers: complete, consents: [{ key: 'selection', granted: true }] });
    const missing = await me.post(myApp(call.id, '/submit'));
    expect(missing.json().error).toMatchObject({ code: 'recruitment.answer_required', fields: [{ path: 'answers.cv' }] });

    const mine = (await upload(me, call.id, 'cv', PDF, 'mine.pdf')).json<StoredFileViewT>();
    // My own portfolio file is not an answer to the cv question either.
    const portfolio = (await upload(me, call.id, 'portfolio', PDF2, 'p.pdf')).json<StoredFileViewT>();
    const crossed = await me.put(myApp(call.id), { answers: { ...complete, cv: portfolio.id } });
    expect(crossed.json().error).toMatchObject({ code: 'recruitment.answer_file_missing', fields: [{ path: 'answers.cv' }] });

    // A save made without the file answers (say, by a form that had not seen the upload yet) keeps them.
    const saved = await me.put(myApp(call.id), { answers: complete });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<MyApplicationViewT>().answers).toMatchObject({ cv: mine.id, portfolio: portfolio.id });
    const sent = await me.post(myApp(call.id, '/submit'));
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json<MyApplicationViewT>()).toMatchObject({ status: 'submitted', answers: { cv: mine.id } });

    // Submitted: the required file can be replaced but not removed; the optional one can go.
    const del = await me.delete(`/api/v1/files/${mine.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('files.state_required');
    expect((await upload(me, call.id, 'cv', PDF2, 'mine-v2.pdf')).statusCode).toBe(201);
    expect((await me.delete(`/api/v1/files/${portfolio.id}`)).statusCode).toBe(200);
    const after = (await me.get(myApp(call.id))).json<MyApplicationViewT>();
    expect(after.status).toBe('submitted');
    expect(after.answers.portfolio).toBeUndefined();
  });
});

describe('who may download and delete', () => {
  it('lets the owner, staff and assigned reviewers download; everyone else gets 404 as for a missing id', async () => {
    const call = await openCall();
    const owner = await t.signedIn();
    const file = (await upload(owner, call.id, 'cv', PDF, '이력서.pdf')).json<StoredFileViewT>();
    const [row] = await t.campus.database.db.select().from(storedFiles).where(eq(storedFiles.id, file.id));
    const applicationId = row!.applicationId!;

    const stranger = await t.signedIn();
    const reviewerRole = await t.signedIn(['reviewer']);
    const assigned = await t.signedIn(['reviewer']);
    const otherReviewer = await t.signedIn(['reviewer']);
    // Reviewers of this call: one assigned to this application, one assigned to another application.
    const db = t.campus.database.db;
    const otherApplicant = await t.signedIn();
    await upload(otherApplicant, call.id, 'cv', PDF2, 'other.pdf');
    const [otherRow] = await db.select().from(storedFiles).where(eq(storedFiles.ownerId, otherApplicant.userId));
    for (const [reviewer, appId] of [
      [assigned, applicationId],
      [otherReviewer, otherRow!.applicationId!],
    ] as const) {
      const reviewerId = uuidv7();
      await db.insert(callReviewers).values({ id: reviewerId, callId: call.id, email: `${reviewer.userId}@example.org`, userId: reviewer.userId, status: 'accepted' });
      await db.insert(reviewAssignments).values({ id: uuidv7(), callId: call.id, applicationId: appId, reviewerId, source: 'manual' });
    }

    const missing = await stranger.get(`/api/v1/files/${randomUUID()}`);
    for (const who of [stranger, reviewerRole, otherReviewer]) {
      const res = await who.get(`/api/v1/files/${file.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(missing.body);
      expect((await who.delete(`/api/v1/files/${file.id}`)).statusCode).toBe(404);
    }
    expect((await t.client().get(`/api/v1/files/${file.id}`)).statusCode).toBe(401);

    const logged = async () => (await db.select().from(accessLog).where(sql`${accessLog.detail}->>'fileId' = ${file.id}`)).map((e) => ({ actor: e.actorId, action: e.action, subjects: e.subjectIds, as: e.detail.as }));
    expect((await owner.get(`/api/v1/files/${file.id}`)).statusCode).toBe(200);
    expect(await logged()).toEqual([]);
    const byStaff = await staff.get(`/api/v1/files/${file.id}`);
    expect(byStaff.statusCode).toBe(200);
    expect(byStaff.rawPayload.equals(PDF)).toBe(true);
    expect(byStaff.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('이력서.pdf')}`);
    const byReviewer = await assigned.get(`/api/v1/files/${file.id}`);
    expect(byReviewer.statusCode).toBe(200);
    expect(await logged()).toEqual([
      { actor: staff.userId, action: 'view', subjects: [applicationId], as: 'staff' },
      { actor: assigned.userId, action: 'view', subjects: [applicationId], as: 'reviewer' },
    ]);

    // Only the owner deletes, and then the row, the bytes and the answer are gone.
    expect((await staff.delete(`/api/v1/files/${file.id}`)).statusCode).toBe(404);
    const del = await owner.delete(`/api/v1/files/${file.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect(await db.select().from(storedFiles).where(eq(storedFiles.id, file.id))).toHaveLength(0);
    expect(existsSync(path.join(filesDir, row!.storageKey))).toBe(false);
    expect((await owner.get(myApp(call.id))).json<MyApplicationViewT>().answers.cv).toBeUndefined();
    expect((await owner.get(`/api/v1/files/${file.id}`)).statusCode).toBe(404);
  });
});

describe('the size cap', () => {
  it('is UPLOAD_MAX_BYTES (default 10 MB) for files, not the 1 MiB limit of JSON bodies', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'oc-files-cap-'));
    const app = await startTestApp({ env: { DATA_DIR: dir } });
    try {
      expect(app.campus.deps.config.uploadMaxBytes).toBe(10 * 1024 * 1024);
      const owner = await app.signedIn(['staff']);
      const res = await owner.post('/api/v1/admin/calls', callBody({ questions }));
      const call = res.json<CallViewT>();
      await owner.post(`/api/v1/admin/calls/${call.id}/publish`);
      const send = (bytes: Buffer) =>
        app.campus.app.inject({
          method: 'POST',
          url: `${myApp(call.id, '/files')}?question=cv`,
          headers: { 'content-type': 'application/octet-stream', cookie: owner.cookieHeader()!, 'x-csrf-token': owner.cookies.get('oc_csrf')!, 'x-file-name': 'big.pdf' },
          payload: bytes,
        });
      const three = await send(Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024)]));
      expect(three.statusCode, three.body).toBe(201);
      const eleven = await send(Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
      expect(eleven.statusCode).toBe(413);
      expect(eleven.json().error.code).toBe('files.too_large');
      expect(eleven.json().error.message).toContain('10');
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
