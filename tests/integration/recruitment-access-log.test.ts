/**
 * The personal-data access log (security guide rows 26–27): staff listing a call's applications
 * leaves a 'view' row; exporting them (XLSX, CSV) needs a reason and leaves one 'download' row with
 * who, from where, why and which applications; members are refused and leave nothing; the log
 * itself cannot be changed, not even by SQL run as the app.
 */
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../src/platform/db/schema/index.js';
import type { AccessLogPageT } from '../../src/shared/contracts/access-log.js';
import type { ApplicationListT, CallViewT } from '../../src/shared/contracts/recruitment.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { movableClock } from '../support/factories.js';
import { callBody } from '../factories/recruitment.js';

type SignedIn = TestClient & { userId: string; email: string };

const clock = movableClock();
let t: TestApp;
let staff: SignedIn;
let call: CallViewT;
const applicants: { id: string; name: string; email: string }[] = [];

const base = () => `/api/v1/admin/calls/${call.id}/applications`;
const reason = '1차 서류 심사 위원회 자료';
const q = (r: string) => `reason=${encodeURIComponent(r)}`;
const rowsOf = (actorId: string) => t.campus.database.db.select().from(accessLog).where(eq(accessLog.actorId, actorId)).orderBy(accessLog.id);

beforeAll(async () => {
  t = await startTestApp({ now: clock.now });
  staff = await t.signedIn(['staff']);
  const created = await staff.post('/api/v1/admin/calls', callBody({}, clock.now()));
  expect(created.statusCode, created.body).toBe(201);
  call = created.json<CallViewT>();
  expect((await staff.post(`/api/v1/admin/calls/${call.id}/publish`)).statusCode).toBe(200);

  // One submitted application, and one draft whose answer tries to smuggle a spreadsheet formula.
  const url = `/api/v1/calls/${call.id}/my-application`;
  const kim = await t.signedIn([], { name: '김서울' });
  await kim.put(url, { answers: { motivation: '도시 문제를 함께 풀고 싶습니다.', sector: 'civil' }, consents: [{ key: 'selection', granted: true }, { key: 'publicity', granted: false }] });
  expect((await kim.post(`${url}/submit`)).statusCode).toBe(200);
  const lee = await t.signedIn([], { name: '이부산' });
  await lee.put(url, { answers: { motivation: '=HYPERLINK("http://evil.example","x")' } });
  for (const a of [kim, lee]) {
    const mine = await a.get(url);
    applicants.push({ id: mine.json<{ id: string }>().id, name: a === kim ? '김서울' : '이부산', email: a.email });
  }
});
afterAll(async () => {
  await t.close();
});

describe('viewing', () => {
  it("logs one 'view' row with the ids shown when staff list a call's applications", async () => {
    const viewer = await t.signedIn(['staff']);
    const res = await viewer.get(base());
    expect(res.statusCode, res.body).toBe(200);
    const shown = res.json<ApplicationListT>().items.map((a) => a.id);
    expect(shown.sort()).toEqual(applicants.map((a) => a.id).sort());
    const rows = await rowsOf(viewer.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'view', subjectType: 'application', subjectCount: 2, reason: null, actorRoles: expect.arrayContaining(['staff']), detail: { callId: call.id } });
    expect([...rows[0]!.subjectIds].sort()).toEqual([...shown].sort());
    expect(rows[0]!.ip).toEqual(expect.any(String));
  });
});

describe('exports', () => {
  it('refuses an export without a reason, or with a too short one, with a field message in the request language', async () => {
    const user = await t.signedIn(['staff']);
    for (const format of ['xlsx', 'csv']) {
      const ko = await user.get(`${base()}/export.${format}`);
      expect(ko.statusCode).toBe(400);
      expect(ko.json().error).toEqual({ code: 'validation', message: '입력값을 확인해 주세요.', fields: [{ path: 'reason', message: '내려받는 이유를 입력하세요. 개인정보 접근 기록에 남습니다.' }] });
      const en = await user.get(`${base()}/export.${format}`, { 'accept-language': 'en' });
      expect(en.statusCode).toBe(400);
      expect(en.json().error.fields).toEqual([{ path: 'reason', message: 'Please give a reason for downloading. It is kept in the personal-data access log.' }]);
      const blank = await user.get(`${base()}/export.${format}?reason=%20%20%20%20%20%20`, { 'accept-language': 'en' });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().error.fields).toEqual([{ path: 'reason', message: 'Please give a reason of at least 5 characters.' }]);
      const long = await user.get(`${base()}/export.${format}?${q('가'.repeat(501))}`);
      expect(long.json().error.fields).toEqual([{ path: 'reason', message: '이유는 500자 이내로 입력하세요.' }]);
    }
    // An unknown call is "not found" whatever the reason; nothing was read, so nothing is logged.
    const unknown = await user.get(`/api/v1/admin/calls/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/applications/export.csv`);
    expect(unknown.statusCode).toBe(404);
    expect(await rowsOf(user.userId)).toEqual([]);
  });

  it('exports XLSX with labels in the request language and logs one download with actor, ip, reason and ids', async () => {
    const user = await t.signedIn(['staff']);
    const res = await user.get(`${base()}/export.xlsx?${q(`  ${reason}  `)}`, { 'accept-language': 'en' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="open-campus-applications-${call.id}-en.xlsx"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Applications')!;
    const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['Name', 'E-mail', 'Status', 'Submitted (Seoul time)', 'Motivation', '분야', 'Consent: 선발 심사', 'Consent: 홍보', 'Consent version']);
    const kim = applicants[0]!;
    expect(values(2).slice(0, 3)).toEqual([kim.name, kim.email, 'Submitted']);
    expect(values(2)[3]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(values(2).slice(4)).toEqual(['도시 문제를 함께 풀고 싶습니다.', '시민사회', 'Yes', 'No', 1]);
    expect(values(3).slice(0, 3)).toEqual([applicants[1]!.name, applicants[1]!.email, 'Draft']);
    // A text cell, not a formula: opening the file runs nothing.
    expect(ws.getRow(3).getCell(5).type).toBe(ExcelJS.ValueType.String);
    expect(ws.rowCount).toBe(3);

    const rows = await rowsOf(user.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: user.userId, actorRoles: expect.arrayContaining(['staff']), action: 'download', subjectType: 'application', reason, subjectCount: 2, detail: { callId: call.id, format: 'xlsx', lang: 'en' } });
    expect(rows[0]!.ip).toEqual(expect.any(String));
    expect([...rows[0]!.subjectIds].sort()).toEqual(applicants.map((a) => a.id).sort());
  });

  it('exports CSV with a BOM, Seoul times, Korean labels and neutralised formulas, and logs it', async () => {
    const user = await t.signedIn(['admin']);
    const res = await user.get(`${base()}/export.csv?${q(reason)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('이름,이메일,상태,제출 시각(서울),지원 동기,분야,동의: 선발 심사,동의: 홍보,동의서 버전');
    const kim = applicants[0]!;
    expect(lines[1]).toMatch(new RegExp(`^${kim.name},${kim.email.replace(/[.+]/g, '\\$&')},제출,\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},도시 문제를 함께 풀고 싶습니다\\.,시민사회,동의,미동의,1$`));
    expect(lines[2]).toBe(`${applicants[1]!.name},${applicants[1]!.email},작성 중,,"'=HYPERLINK(""http://evil.example"",""x"")",,,,`);

    const rows = await rowsOf(user.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'download', reason, actorRoles: expect.arrayContaining(['admin']), subjectCount: 2, detail: { format: 'csv', lang: 'ko' } });
  });

  it('states submitted times in Seoul time whatever the server zone', async () => {
    const res = await staff.get(`${base()}/export.csv?${q(reason)}`);
    const list = await staff.get(base());
    const submittedAt = list.json<ApplicationListT>().items.find((a) => a.id === applicants[0]!.id)!.submittedAt!;
    const seoul = new Date(new Date(submittedAt).getTime() + 9 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(res.body.split('\r\n')[1]).toContain(`,제출,${seoul},`);
  });

  it('refuses members and leaves no row', async () => {
    const member = await t.signedIn();
    for (const url of [base(), `${base()}/export.xlsx?${q(reason)}`, `${base()}/export.csv?${q(reason)}`, '/api/v1/admin/access-log']) {
      expect((await member.get(url)).statusCode, url).toBe(403);
    }
    expect((await t.client().get(`${base()}/export.csv?${q(reason)}`)).statusCode).toBe(401);
    expect(await rowsOf(member.userId)).toEqual([]);
  });
});

describe('reading and protecting the log', () => {
  it('lets staff read entries newest first, filtered and paged by id', async () => {
    const reader = await t.signedIn(['staff']);
    await reader.get(base());
    await reader.get(`${base()}/export.csv?${q(reason)}`);
    const first = await reader.get(`/api/v1/admin/access-log?actorId=${reader.userId}&limit=1`);
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json<AccessLogPageT>();
    expect(page1.entries).toHaveLength(1);
    expect(page1.entries[0]).toMatchObject({ action: 'download', reason, actorId: reader.userId, subjectCount: 2 });
    expect(page1.nextBefore).toBe(page1.entries[0]!.id);
    const page2 = (await reader.get(`/api/v1/admin/access-log?actorId=${reader.userId}&limit=1&before=${page1.nextBefore}`)).json<AccessLogPageT>();
    expect(page2.entries.map((e) => e.action)).toEqual(['view']);
    expect(page2.nextBefore).toBeNull();
    const downloads = (await reader.get('/api/v1/admin/access-log?action=download&limit=200')).json<AccessLogPageT>();
    expect(downloads.entries.length).toBeGreaterThanOrEqual(3);
    expect(downloads.entries.every((e) => e.action === 'download' && e.reason)).toBe(true);
    expect((await reader.get('/api/v1/admin/access-log?action=peek')).statusCode).toBe(400);
    // Reading the access log is not itself an access to applicants' data.
    expect(await rowsOf(reader.userId)).toHaveLength(2);
  });

  it('refuses UPDATE, DELETE and TRUNCATE, and a download without a reason, at the database', async () => {
    const db = t.campus.database.db;
    const [before] = await db.select({ n: sql<number>`count(*)::int` }).from(accessLog);
    expect(before!.n).toBeGreaterThan(0);
    await expect(db.execute(sql`UPDATE access_log SET reason = 'rewritten'`)).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM access_log`)).rejects.toThrow();
    await expect(db.execute(sql`TRUNCATE access_log`)).rejects.toThrow();
    await expect(
      db.execute(sql`INSERT INTO access_log (id, actor_id, action, subject_type, subject_count) VALUES (gen_random_uuid(), ${staff.userId}, 'download', 'application', 0)`),
    ).rejects.toThrow();
    const [after] = await db.select({ n: sql<number>`count(*)::int` }).from(accessLog);
    expect(after!.n).toBe(before!.n);
    expect(await db.select().from(accessLog).where(eq(accessLog.reason, 'rewritten'))).toEqual([]);
  });
});
