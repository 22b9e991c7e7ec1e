/**
 * Who sees what in courses (issue 4, point 2; security guide: deny by default, per-object checks,
 * no probing by id): staff routes refuse everyone else; the public reads published cohorts with
 * lecturers' display names and nothing personal; a cohort's curriculum with materials is for its own
 * people (selected participants or enrolled citizens) and everyone else gets 404; a material file
 * goes to the cohort's people, the session's lecturers and staff.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, enrolments, participants, storedFiles } from '../../src/platform/db/schema/index.js';
import type { CohortViewT, MaterialViewT, MyCohortListT, MyCohortViewT, PublicCohortViewT, SessionViewT } from '../../src/shared/contracts/courses.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';

type SignedIn = TestClient & { userId: string; email: string };

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oc-courses-'));
const filesDir = path.join(dataDir, 'files');

let t: TestApp;
let staff: SignedIn;
let member: SignedIn;
let waitlisted: SignedIn;
let outsider: SignedIn;
let lecturer: SignedIn;
let otherLecturer: SignedIn;
let participant: SignedIn;
let withdrawn: SignedIn;
let open: CohortViewT;
let draft: CohortViewT;
let selection: CohortViewT;
let taught: SessionViewT;
let sessionFile: MaterialViewT;
let cohortFile: MaterialViewT;
let link: MaterialViewT;

const db = () => t.campus.database.db;

async function upload(client: TestClient, cohortId: string, bytes: Buffer, name: string, query = '') {
  return t.campus.app.inject({
    method: 'POST',
    url: `/api/v1/admin/cohorts/${cohortId}/materials/file${query}`,
    headers: { 'content-type': 'application/octet-stream', cookie: client.cookieHeader()!, 'x-csrf-token': client.cookies.get('oc_csrf')!, 'x-file-name': encodeURIComponent(name) },
    payload: bytes,
  });
}

async function cohort(body: Record<string, unknown>): Promise<CohortViewT> {
  const programmes = (await staff.get('/api/v1/admin/programmes')).json<{ items: { id: string; kind: string }[] }>().items;
  const res = await staff.post('/api/v1/admin/cohorts', {
    programmeId: programmes.find((p) => p.kind === 'citizen')!.id,
    title: { ko: '시민 혁신가 과정 · 성북', en: 'Citizen innovators · Seongbuk' },
    place: { ko: '성북구' },
    startsOn: '2021-03-02',
    endsOn: '2021-05-28',
    capacity: 20,
    enrolmentMode: 'open',
    status: 'published',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await startTestApp({ env: { DATA_DIR: dataDir } });
  staff = await t.signedIn(['staff']);
  member = await t.signedIn([], { name: '이수강' });
  waitlisted = await t.signedIn([]);
  outsider = await t.signedIn(['participant']);
  lecturer = await t.signedIn(['mentor'], { name: '김강사' });
  otherLecturer = await t.signedIn(['mentor']);
  participant = await t.signedIn(['participant']);
  withdrawn = await t.signedIn(['participant']);

  open = await cohort({});
  draft = await cohort({ status: 'draft' });
  await db()
    .insert(enrolments)
    .values([
      { id: uuidv7(), cohortId: open.id, userId: member.userId, status: 'enrolled' },
      { id: uuidv7(), cohortId: open.id, userId: waitlisted.userId, status: 'waitlisted', waitlistPosition: 1 },
      { id: uuidv7(), cohortId: draft.id, userId: member.userId, status: 'enrolled' },
    ]);

  const s = await staff.post(`/api/v1/admin/cohorts/${open.id}/sessions`, {
    type: 'lecture',
    title: { ko: '공공 문제 강연', en: 'Public problems' },
    durationMinutes: 120,
    startsAt: '2021-03-03T19:00:00+09:00',
  });
  taught = s.json();
  expect((await staff.post(`/api/v1/admin/sessions/${taught.id}/lecturers`, { userId: lecturer.userId, feeRate: 300_000 })).statusCode).toBe(201);
  expect((await staff.post(`/api/v1/admin/sessions/${taught.id}/lecturers`, { externalName: '외부 강사', feeRate: 100_000 })).statusCode).toBe(201);
  const elsewhere = await staff.post(`/api/v1/admin/cohorts/${draft.id}/sessions`, { type: 'lecture', title: { ko: '다른 강연' }, durationMinutes: 60 });
  expect((await staff.post(`/api/v1/admin/sessions/${elsewhere.json<SessionViewT>().id}/lecturers`, { userId: otherLecturer.userId })).statusCode).toBe(201);

  const a = await upload(staff, open.id, PDF, '강의 자료.pdf', `?sessionId=${taught.id}&titleKo=${encodeURIComponent('강의 슬라이드')}&titleEn=Slides`);
  expect(a.statusCode, a.body).toBe(201);
  sessionFile = a.json();
  const b = await upload(staff, open.id, PDF, 'handbook.pdf');
  expect(b.statusCode, b.body).toBe(201);
  cohortFile = b.json();
  const l = await staff.post(`/api/v1/admin/cohorts/${open.id}/materials`, { title: { ko: '참고 사이트' }, url: 'https://example.org/reading', sessionId: taught.id });
  expect(l.statusCode, l.body).toBe(201);
  link = l.json();

  // A selection cohort: its people are the call's active participants.
  const call = await staff.post('/api/v1/admin/calls', {
    title: { ko: '모집' },
    description: { ko: '설명' },
    programme: '최고 혁신가 과정',
    opensAt: '2021-01-01T09:00:00+09:00',
    closesAt: '2021-01-31T18:00:00+09:00',
    capacity: 30,
  });
  const callId = call.json<{ id: string }>().id;
  selection = await cohort({ enrolmentMode: 'selection', callId });
  await db()
    .insert(participants)
    .values([
      { id: uuidv7(), callId, userId: participant.userId, status: 'active' },
      { id: uuidv7(), callId, userId: withdrawn.userId, status: 'withdrawn' },
    ]);
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('staff routes', () => {
  it('refuse everyone but staff: 401 signed out, 403 for every other role', async () => {
    const routes = t.campus.routes.filter((r) => r.url.startsWith('/api/v1/admin/') && /programmes|rooms|cohorts|modules|sessions|materials|lecturers/.test(r.url));
    expect(routes.length).toBeGreaterThanOrEqual(25);
    const fill = (url: string) => url.replace(':id', open.id).replace(/:[A-Za-z]+/g, taught.id);
    for (const r of routes) {
      const url = fill(r.url);
      const method = r.method as 'GET' | 'POST' | 'PATCH' | 'DELETE';
      expect((await t.client().request(method, url, method === 'GET' || method === 'DELETE' ? undefined : {})).statusCode, `${r.method} ${r.url}`).toBe(401);
      for (const who of [member, lecturer, participant]) {
        expect((await who.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : {})).statusCode, `${r.method} ${r.url}`).toBe(403);
      }
    }
  });

  it('show staff the cohort’s people with e-mail addresses, and log that read', async () => {
    const res = await staff.get(`/api/v1/admin/cohorts/${open.id}/members`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [{ userId: member.userId, name: '이수강', email: member.email, via: 'enrolment' }], total: 1, page: 1, pageSize: 50 });
    const sel = (await staff.get(`/api/v1/admin/cohorts/${selection.id}/members`)).json<{ items: { userId: string; via: string }[]; total: number }>();
    expect(sel.items).toEqual([expect.objectContaining({ userId: participant.userId, via: 'selection' })]);
    expect(sel.total).toBe(1);
    const logged = await db().select().from(accessLog).where(eq(accessLog.actorId, staff.userId));
    expect(logged.some((e) => e.subjectType === 'user' && e.subjectIds.includes(member.userId))).toBe(true);
  });
});

describe('the public view', () => {
  it('shows a published cohort with times, places and lecturers’ display names, and nothing personal', async () => {
    const res = await t.client().get(`/api/v1/cohorts/${open.id}`);
    expect(res.statusCode).toBe(200);
    const view = res.json<PublicCohortViewT>();
    expect(view.timeZone).toBe('Asia/Seoul');
    const session = view.sessions.find((s) => s.id === taught.id)!;
    expect(session.startsAt).toBe('2021-03-03T10:00:00.000Z');
    expect(session.lecturers).toEqual([{ displayName: '김강사' }, { displayName: '외부 강사' }]);
    for (const secret of [lecturer.userId, lecturer.email, member.userId, member.email, '300000', 'feeRate', 'checkin', 'sequence', 'heldAt', sessionFile.id, 'example.org']) {
      expect(res.body, secret).not.toContain(secret);
    }
    const list = await t.client().get('/api/v1/programmes');
    expect(list.body).toContain(open.id);
    expect(list.body).not.toContain(draft.id);
  });

  it('answers 404 for a draft cohort, as for one that does not exist', async () => {
    expect((await t.client().get(`/api/v1/cohorts/${draft.id}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/v1/cohorts/${draft.id}`)).statusCode).toBe(404);
    expect((await t.client().get(`/api/v1/cohorts/${uuidv7()}`)).statusCode).toBe(404);
  });
});

describe('my cohorts', () => {
  it('lists the published cohorts I belong to, by enrolment or by selection', async () => {
    const mine = (await member.get('/api/v1/me/cohorts')).json<MyCohortListT>();
    expect(mine.cohorts.map((c) => [c.id, c.via])).toEqual([[open.id, 'enrolment']]);
    const selected = (await participant.get('/api/v1/me/cohorts')).json<MyCohortListT>();
    expect(selected.cohorts.map((c) => [c.id, c.via])).toEqual([[selection.id, 'selection']]);
    for (const who of [waitlisted, outsider, lecturer, withdrawn, staff]) expect((await who.get('/api/v1/me/cohorts')).json<MyCohortListT>().cohorts).toEqual([]);
    expect((await t.client().get('/api/v1/me/cohorts')).statusCode).toBe(401);
  });

  it('shows a member the curriculum with materials', async () => {
    const res = await member.get(`/api/v1/me/cohorts/${open.id}`);
    expect(res.statusCode).toBe(200);
    const view = res.json<MyCohortViewT>();
    expect(view.via).toBe('enrolment');
    const session = view.sessions.find((s) => s.id === taught.id)!;
    expect(session.materials.map((m) => [m.title.ko, m.kind, m.url])).toEqual([
      ['강의 슬라이드', 'file', `/api/v1/materials/${sessionFile.id}/file`],
      ['참고 사이트', 'link', 'https://example.org/reading'],
    ]);
    expect(view.materials.map((m) => m.id)).toEqual([cohortFile.id]);
    expect(res.body).not.toContain(lecturer.email);
    expect((await participant.get(`/api/v1/me/cohorts/${selection.id}`)).statusCode).toBe(200);
  });

  it('answers 404 to everyone else: waitlisted, withdrawn, lecturers, staff, other members, and members of a draft', async () => {
    for (const who of [waitlisted, outsider, lecturer, staff, participant]) expect((await who.get(`/api/v1/me/cohorts/${open.id}`)).statusCode).toBe(404);
    expect((await withdrawn.get(`/api/v1/me/cohorts/${selection.id}`)).statusCode).toBe(404);
    expect((await member.get(`/api/v1/me/cohorts/${draft.id}`)).statusCode).toBe(404);
    expect((await member.get(`/api/v1/me/cohorts/${uuidv7()}`)).statusCode).toBe(404);
  });
});

describe('material files', () => {
  const download = (who: TestClient, id: string) => who.get(`/api/v1/materials/${id}/file`);

  it('are stored by content under a generated name outside the web root', async () => {
    expect(sessionFile).toMatchObject({ kind: 'file', sessionId: taught.id, title: { ko: '강의 슬라이드', en: 'Slides' }, file: { name: '강의 자료.pdf', size: PDF.length, mediaType: 'application/pdf' } });
    expect(cohortFile.title).toEqual({ ko: 'handbook.pdf' });
    const [row] = await db().select().from(storedFiles).where(eq(storedFiles.originalName, 'handbook.pdf'));
    expect(row!.ownerId).toBe(staff.userId);
    expect(readdirSync(filesDir)).toContain(row!.storageKey);
  });

  it('go to the cohort’s people, the session’s lecturers and staff; everyone else gets 404', async () => {
    const matrix: [string, TestClient, MaterialViewT, number][] = [
      ['staff, session file', staff, sessionFile, 200],
      ['member, session file', member, sessionFile, 200],
      ['member, cohort file', member, cohortFile, 200],
      ["the session's lecturer, session file", lecturer, sessionFile, 200],
      ["a lecturer of the cohort, cohort file", lecturer, cohortFile, 200],
      ['a lecturer of another cohort', otherLecturer, sessionFile, 404],
      ['waitlisted', waitlisted, sessionFile, 404],
      ['not a member', outsider, sessionFile, 404],
      ['a participant of another cohort', participant, cohortFile, 404],
      ['signed out', t.client(), sessionFile, 401],
    ];
    for (const [label, who, material, status] of matrix) {
      const res = await download(who, material.id);
      expect(res.statusCode, label).toBe(status);
      if (status === 200) {
        expect(res.rawPayload.equals(PDF), label).toBe(true);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(String(res.headers['content-disposition'])).toMatch(/^attachment/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
    }
    // A link has no file; an unknown id is the same 404.
    expect((await download(member, link.id)).statusCode).toBe(404);
    expect((await download(staff, uuidv7())).statusCode).toBe(404);
  });

  it('are told by their bytes: a web page named .pdf is refused, nothing is stored', async () => {
    const before = readdirSync(filesDir).length;
    const res = await upload(staff, open.id, Buffer.from('<html><script>alert(1)</script></html>'), 'evil.pdf');
    expect(res.statusCode).toBe(415);
    const empty = await upload(staff, open.id, Buffer.alloc(0), 'empty.pdf');
    expect(empty.statusCode).toBe(415);
    const wrongSession = await upload(staff, open.id, PDF, 'x.pdf', `?sessionId=${uuidv7()}`);
    expect(wrongSession.statusCode).toBe(422);
    expect(readdirSync(filesDir).length).toBe(before);
  });

  it('go with their material: deleting it removes the bytes', async () => {
    const extra = await upload(staff, open.id, PDF, 'temp.pdf');
    const material = extra.json<MaterialViewT>();
    const [row] = await db().select().from(storedFiles).where(eq(storedFiles.originalName, 'temp.pdf'));
    expect(existsSync(path.join(filesDir, row!.storageKey))).toBe(true);
    expect((await staff.delete(`/api/v1/admin/materials/${material.id}`)).statusCode).toBe(200);
    expect(existsSync(path.join(filesDir, row!.storageKey))).toBe(false);
    expect((await download(staff, material.id)).statusCode).toBe(404);
  });

  it('refuse links that are not http(s), and a new address on a file', async () => {
    const bad = await staff.post(`/api/v1/admin/cohorts/${open.id}/materials`, { title: { ko: 'x' }, url: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('url');
    const onFile = await staff.patch(`/api/v1/admin/materials/${sessionFile.id}`, { url: 'https://example.org' });
    expect(onFile.statusCode).toBe(422);
  });
});
