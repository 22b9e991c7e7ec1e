/**
 * Completion and certificates over HTTP (issue 4 point 6): participants see their progress against
 * the programme's rule with what is missing; experiment reports (text); staff issue certificates
 * to everyone complete, idempotently, numbered OC-<year>-<TI|CI>-<n>; the holder downloads a real
 * bilingual PDF with the Korean font embedded; anyone verifies by token and sees only what the
 * certificate shows; staff revoke with a reason (audited) and it then verifies as revoked; nobody
 * reaches someone else's certificate; a missing font is a clear 503, not a broken PDF. Staff see each
 * member against every rule with the cohort's totals; a certificate whose holder no longer meets the
 * rules after a correction is flagged (in the list, the completion view and the correction's answer),
 * never revoked by itself, and still verifies as valid.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, auditLog, certificates } from '../../src/platform/db/schema/index.js';
import type {
  AttendanceCorrectionResultT,
  CertificateListT,
  CertificateVerificationT,
  CertificateViewT,
  CohortCompletionViewT,
  ExperimentReportViewT,
  IssueCertificatesResultT,
  MyCertificateListT,
  ProgressViewT,
} from '../../src/shared/contracts/attendance.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { fontsOf, infoOf } from '../support/pdf-pixels.js';
import { movableClock } from '../support/factories.js';
import { DAY, makeCohort, makeProgramme, makeSession } from '../factories/attendance.js';

type SignedIn = TestClient & { userId: string; email: string };

const clock = movableClock();
let t: TestApp;
let staff: SignedIn;
let ann: SignedIn;
let bob: SignedIn;
let cy: SignedIn;
let outsider: SignedIn;
let programmeId: string;
let cohortId: string;
const sessions: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ now: clock.now });

  staff = await t.signedIn(['staff']);
  ann = await t.signedIn([], { name: '김하나' });
  bob = await t.signedIn([], { name: 'Bob Lee' });
  cy = await t.signedIn([], { name: '박셋' });
  outsider = await t.signedIn(['participant']);
  const db = t.campus.database.db;
  programmeId = await makeProgramme(db, { minAttendanceRate: 0.5, requiredSessionTypes: ['field_study'], requireExperimentReport: true });
  cohortId = await makeCohort(db, programmeId, [ann.userId, bob.userId, cy.userId]);
  const now = clock.now().getTime();
  sessions.l1 = await makeSession(db, cohortId, new Date(now - 10 * DAY), 180, 'lecture');
  sessions.l2 = await makeSession(db, cohortId, new Date(now - 8 * DAY), 180, 'lecture');
  sessions.l3 = await makeSession(db, cohortId, new Date(now - 6 * DAY), 180, 'lecture');
  sessions.field = await makeSession(db, cohortId, new Date(now - 4 * DAY), 3 * 24 * 60, 'field_study', '현장 탐방');
  const mark = async (key: string, user: SignedIn) => {
    const res = await staff.put(`/api/v1/admin/sessions/${sessions[key]}/attendance/${user.userId}`, { status: 'present', reason: '출석부 확인 결과' });
    expect(res.statusCode, res.body).toBe(200);
  };
  for (const k of ['l1', 'l2', 'field']) await mark(k, ann);
  for (const k of ['l1', 'l2', 'l3']) await mark(k, bob);
  for (const k of ['l1', 'field']) await mark(k, cy);
});
afterAll(async () => {
  await t.close();
});

const db = () => t.campus.database.db;
const progressOf = (client: TestClient, id = cohortId) => client.get(`/api/v1/me/cohorts/${id}/progress`);
const report = (client: TestClient, body: unknown, id = cohortId) => client.post(`/api/v1/me/cohorts/${id}/experiment-report`, body);
const issue = (id = cohortId) => staff.post(`/api/v1/admin/cohorts/${id}/certificates`);
const tokenOf = (c: CertificateViewT) => c.verifyUrl.split('/verify/')[1]!;

describe('progress and experiment reports', () => {
  it('shows each rule with what is missing, in numbers', async () => {
    const res = await progressOf(bob);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<ProgressViewT>();
    expect(p).toMatchObject({ cohortId, complete: false, rulesMet: 1, rulesTotal: 3, report: null, certificate: null });
    expect(p.rules).toEqual([
      { kind: 'attendance', status: 'met', minRate: 0.5, counted: 4, attended: 3, excused: 0, required: 2, missing: 0, remaining: 0, rate: 0.75 },
      { kind: 'session_type', sessionType: 'field_study', status: 'missed', total: 1, attended: 0, missing: 1 },
      { kind: 'experiment_report', status: 'pending', submitted: false },
    ]);
  });

  it('is only for the cohort’s people', async () => {
    const res = await progressOf(outsider);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('attendance.cohort_not_found');
    expect((await report(outsider, { title: '실험', summary: '요약' })).statusCode).toBe(404);
    expect((await t.client().get(`/api/v1/me/cohorts/${cohortId}/progress`)).statusCode).toBe(401);
  });

  it('takes a text report (201), replaces it when sent again (200), and counts it', async () => {
    const bad = await report(ann, { title: '', summary: '요약' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('title');
    expect((await report(ann, { title: '실험', summary: '요약', fileId: '0190a0a0-0000-7000-8000-000000000000' })).statusCode).toBe(400);

    const first = await report(ann, { title: '골목 쓰레기 줄이기 실험', summary: '3주 동안 두 골목에서 수거 시간을 바꿔 보았습니다.' });
    expect(first.statusCode, first.body).toBe(201);
    const again = await report(ann, { title: '골목 쓰레기 줄이기 실험 (최종)', summary: '3주 동안 두 골목에서 수거 시간을 바꿔 보았고 배출량이 줄었습니다.' });
    expect(again.statusCode).toBe(200);
    expect(again.json<ExperimentReportViewT>()).toMatchObject({ id: first.json<ExperimentReportViewT>().id, title: '골목 쓰레기 줄이기 실험 (최종)' });
    expect((await report(bob, { title: 'Street lights', summary: 'What we tried.' })).statusCode).toBe(201);

    const p = (await progressOf(ann)).json<ProgressViewT>();
    expect(p.complete).toBe(true);
    expect(p.rulesMet).toBe(3);
    expect(p.report).toMatchObject({ title: '골목 쓰레기 줄이기 실험 (최종)' });
  });
});

describe('certificates', () => {
  let annCert: CertificateViewT;

  it('are issued to everyone complete, once, with a number and an unguessable token', async () => {
    const res = await issue();
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<IssueCertificatesResultT>();
    expect(result.issued).toHaveLength(1);
    annCert = result.issued[0]!;
    expect(annCert).toMatchObject({ cohortId, userId: ann.userId, holderName: '김하나', number: 'OC-2020-TI-0001', status: 'valid', revokedAt: null, stillMeetsRules: true });
    expect(tokenOf(annCert)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(annCert.verifyUrl).toBe(`http://localhost:3000/verify/${tokenOf(annCert)}`);
    expect(result.alreadyIssued).toBe(0);
    expect(result.notComplete.map((n) => n.userId).sort()).toEqual([bob.userId, cy.userId].sort());
    expect(result.notComplete.find((n) => n.userId === cy.userId)).toMatchObject({ name: '박셋', rulesMet: 2, rulesTotal: 3 });

    // Again: nothing new.
    const again = (await issue()).json<IssueCertificatesResultT>();
    expect(again.issued).toEqual([]);
    expect(again.alreadyIssued).toBe(1);
    expect(await db().select().from(certificates).where(eq(certificates.cohortId, cohortId))).toHaveLength(1);
    const audits = await db().select().from(auditLog).where(eq(auditLog.action, 'certificate.issue'));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: staff.userId, entityId: annCert.id });
  });

  it('are issued to those who complete later, with the next number, even under parallel requests', async () => {
    expect((await report(cy, { title: '공유 공구함', summary: '이웃과 공구를 나누는 실험' })).statusCode).toBe(201);
    const results = await Promise.all([issue(), issue(), issue()]);
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const issued = results.flatMap((r) => r.json<IssueCertificatesResultT>().issued);
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ userId: cy.userId, number: 'OC-2020-TI-0002' });
    expect(await db().select().from(certificates).where(eq(certificates.cohortId, cohortId))).toHaveLength(2);

    const list = (await staff.get(`/api/v1/admin/cohorts/${cohortId}/certificates`)).json<CertificateListT>();
    expect(list.certificates.map((c) => c.number)).toEqual(['OC-2020-TI-0001', 'OC-2020-TI-0002']);
    // Staff lists that name people are access-logged.
    const logged = (await db().select().from(accessLog).where(eq(accessLog.actorId, staff.userId))).map((l) => (l.detail as { list?: string }).list);
    expect(logged).toEqual(expect.arrayContaining(['certificates', 'certificates_not_complete']));
  });

  it('number per year and programme kind across cohorts', async () => {
    const citizen = await makeProgramme(db(), { minAttendanceRate: 0, requiredSessionTypes: [], requireExperimentReport: false }, 'citizen');
    const district = await makeCohort(db(), citizen, [bob.userId], { startsOn: '2021-03-02', endsOn: '2021-04-30' });
    const top2 = await makeCohort(db(), programmeId, [outsider.userId]);
    await makeSession(db(), top2, new Date(clock.now().getTime() - DAY), 60, 'field_study');
    const f = (await db().select().from(certificates)).length;
    expect(f).toBe(2);
    const c1 = (await issue(district)).json<IssueCertificatesResultT>();
    expect(c1.issued.map((c) => c.number)).toEqual(['OC-2021-CI-0001']);
    // The second top-innovator cohort's participant has not completed: nothing issued, reported.
    const c2 = (await issue(top2)).json<IssueCertificatesResultT>();
    expect(c2.issued).toEqual([]);
    expect(c2.notComplete).toHaveLength(1);
    expect((await issue('0190a0a0-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await ann.post(`/api/v1/admin/cohorts/${cohortId}/certificates`)).statusCode).toBe(403);
  });

  it('are listed for their holder, and nobody else’s are reachable', async () => {
    const mine = (await ann.get('/api/v1/me/certificates')).json<MyCertificateListT>();
    expect(mine.certificates).toHaveLength(1);
    expect(mine.certificates[0]).toMatchObject({
      id: annCert.id,
      number: 'OC-2020-TI-0001',
      cohortTitle: { ko: '2020 1기' },
      programmeTitle: { ko: '탑 이노베이터 과정' },
      startsOn: '2020-08-03',
      endsOn: '2020-11-27',
      status: 'valid',
      pdfUrl: `/api/v1/me/certificates/${annCert.id}.pdf`,
    });
    expect((await ann.get(`/api/v1/me/certificates/${annCert.id}`)).statusCode).toBe(200);
    for (const other of [bob, outsider, staff]) {
      expect((await other.get(`/api/v1/me/certificates/${annCert.id}`)).statusCode).toBe(404);
      const pdf = await other.get(`/api/v1/me/certificates/${annCert.id}.pdf`);
      expect(pdf.statusCode).toBe(404);
      expect(pdf.json().error.code).toBe('certificates.not_found');
    }
    expect((await t.client().get(`/api/v1/me/certificates/${annCert.id}.pdf`)).statusCode).toBe(401);
  });

  it('come as a real one-page PDF with the Korean font embedded as a subset', async () => {
    const res = await ann.get(`/api/v1/me/certificates/${annCert.id}.pdf`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="certificate-OC-2020-TI-0001.pdf"');
    const bytes = res.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A subset, not the whole 4.6 MB font.
    expect(bytes.length).toBeLessThan(200_000);

    const { fields } = await infoOf(bytes);
    expect(fields.Pages).toBe('1');
    const [width, height] = /^([\d.]+) x ([\d.]+) pts/.exec(fields['Page size']!)!.slice(1).map(Number) as [number, number];
    expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
    expect(fields.Title).toContain('OC-2020-TI-0001');

    // The font program itself is in the file: a FontDescriptor with FontFile2 (TrueType), named NanumGothic with a subset tag.
    // (Read from the file's dictionaries, which are not compressed, and from poppler's font table.)
    const dictionaries = bytes.toString('latin1').split(/\bobj\b/);
    const descriptors = dictionaries.filter((d) => /\/Type\s*\/FontDescriptor\b/.test(d.split('endobj')[0]!));
    expect(descriptors.length).toBeGreaterThan(0);
    const withFile = descriptors.filter((d) => /\/FontFile2\b/.test(d.split('endobj')[0]!));
    expect(withFile).toHaveLength(1);
    expect(/\/FontName\s*\/([^\s/>]+)/.exec(withFile[0]!)![1]).toMatch(/^[A-Z]{6}\+NanumGothic/);
    const fonts = await fontsOf(bytes);
    expect(fonts).toEqual([expect.objectContaining({ type: 'CID TrueType', embedded: true, subset: true })]);
    expect(bytes.includes(Buffer.from('FontFile2'))).toBe(true);
  });

  it('verify publicly with only what the certificate shows', async () => {
    const res = await t.client().get(`/api/v1/certificates/verify/${tokenOf(annCert)}`);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json<CertificateVerificationT>();
    expect(Object.keys(v).sort()).toEqual(['cohort', 'endsOn', 'holderName', 'issuedAt', 'programme', 'startsOn', 'status']);
    expect(v).toMatchObject({ status: 'valid', holderName: '김하나', programme: { ko: '탑 이노베이터 과정' }, cohort: { ko: '2020 1기' }, startsOn: '2020-08-03', endsOn: '2020-11-27' });
    expect(res.body).not.toContain(ann.email);
    expect(res.body).not.toContain(ann.userId);
    for (const bad of ['not-a-token', tokenOf(annCert).slice(0, -1), '0190a0a0-0000-7000-8000-000000000000']) {
      const miss = await t.client().get(`/api/v1/certificates/verify/${bad}`);
      expect(miss.statusCode, bad).toBe(404);
      expect(miss.json().error.code).toBe('certificates.not_found');
    }
  });

  it('are revoked by staff with a reason (audited), then verify as revoked and no longer download', async () => {
    const url = `/api/v1/admin/certificates/${annCert.id}/revoke`;
    expect((await ann.post(url, { reason: '스스로 취소하려는 시도' })).statusCode).toBe(403);
    const noReason = await staff.post(url, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual([{ path: 'reason', message: '정정 사유를 입력해 주세요.' }]);
    expect((await staff.post(url, { reason: '짧음' })).statusCode).toBe(400);

    clock.advance(60_000);
    const res = await staff.post(url, { reason: '출석 기록 오류가 확인되어 취소합니다.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CertificateViewT>()).toMatchObject({ status: 'revoked', revokedReason: '출석 기록 오류가 확인되어 취소합니다.', stillMeetsRules: null });
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'certificate.revoke'), eq(auditLog.entityId, annCert.id)));
    expect(audit).toMatchObject({ actorId: staff.userId, before: { revokedAt: null, revokedReason: null }, after: { revokedReason: '출석 기록 오류가 확인되어 취소합니다.' } });

    const v = (await t.client().get(`/api/v1/certificates/verify/${tokenOf(annCert)}`)).json<CertificateVerificationT>();
    expect(v.status).toBe('revoked');
    const twice = await staff.post(url, { reason: '다시 한 번 취소' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('certificates.already_revoked');
    const pdf = await ann.get(`/api/v1/me/certificates/${annCert.id}.pdf`);
    expect(pdf.statusCode).toBe(409);
    expect(pdf.json().error.code).toBe('certificates.state_revoked');
    expect((await progressOf(ann)).json<ProgressViewT>().certificate).toMatchObject({ id: annCert.id, status: 'revoked' });
    // Issuing again does not hand out a fresh one behind the revocation.
    const again = (await issue()).json<IssueCertificatesResultT>();
    expect(again.issued).toEqual([]);
    expect((await staff.post('/api/v1/admin/certificates/0190a0a0-0000-7000-8000-000000000000/revoke', { reason: '없는 수료증 취소' })).statusCode).toBe(404);
  });
});

describe('completion for staff', () => {
  // By now: ann complete with a revoked certificate, cy complete with a valid one, bob not complete
  // (the field study missed).
  const completion = (client: TestClient = staff, id = cohortId) => client.get(`/api/v1/admin/cohorts/${id}/completion`);
  const correct = (key: string, user: SignedIn, status: 'present' | 'absent' | 'excused') =>
    staff.put(`/api/v1/admin/sessions/${sessions[key]}/attendance/${user.userId}`, { status, reason: '출석부 재확인 결과 정정' });
  const certOf = async (user: SignedIn) => (await staff.get(`/api/v1/admin/cohorts/${cohortId}/certificates`)).json<CertificateListT>().certificates.find((c) => c.userId === user.userId)!;
  const memberOf = (view: CohortCompletionViewT, user: SignedIn) => view.items.find((m) => m.userId === user.userId)!;

  it('shows every member against each rule, with their certificate and the cohort’s totals', async () => {
    const res = await completion();
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<CohortCompletionViewT>();
    expect(Math.abs(Date.parse(view.at) - clock.now().getTime())).toBeLessThan(60_000);
    expect(view).toMatchObject({ cohortId, sessions: 4, rule: { minAttendanceRate: 0.5, requiredSessionTypes: ['field_study'], requireExperimentReport: true } });
    expect(view.items.map((m) => m.name).sort()).toEqual(['Bob Lee', '김하나', '박셋'].sort());
    expect(memberOf(view, bob)).toMatchObject({ email: bob.email, complete: false, rulesMet: 2, rulesTotal: 3, certificate: null });
    expect(memberOf(view, bob).rules).toEqual([
      { kind: 'attendance', status: 'met', minRate: 0.5, counted: 4, attended: 3, excused: 0, required: 2, missing: 0, remaining: 0, rate: 0.75 },
      { kind: 'session_type', sessionType: 'field_study', status: 'missed', total: 1, attended: 0, missing: 1 },
      { kind: 'experiment_report', status: 'met', submitted: true },
    ]);
    expect(memberOf(view, cy)).toMatchObject({ complete: true, rulesMet: 3, certificate: { number: 'OC-2020-TI-0002', status: 'valid', stillMeetsRules: true } });
    expect(memberOf(view, cy).rules[0]).toMatchObject({ kind: 'attendance', status: 'met', attended: 2, required: 2 });
    // Revoked: whether the holder meets the rules no longer matters to the certificate.
    expect(memberOf(view, ann)).toMatchObject({ complete: true, certificate: { number: 'OC-2020-TI-0001', status: 'revoked', stillMeetsRules: null } });
    expect(view.totals).toEqual({ members: 3, complete: 2, notComplete: 1, certified: 1, revoked: 1, readyToIssue: 0, noLongerSupported: 0 });

    // It names people: one access-log row with them all.
    const logged = (await db().select().from(accessLog).where(eq(accessLog.actorId, staff.userId))).filter((l) => (l.detail as { list?: string }).list === 'completion');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ action: 'view', subjectType: 'user', subjectCount: 3, detail: { cohortId, list: 'completion' } });
    expect([...logged[0]!.subjectIds].sort()).toEqual([ann.userId, bob.userId, cy.userId].sort());
  });

  it('is for staff only, and 404 for a cohort that does not exist', async () => {
    const missing = await completion(staff, '0190a0a0-0000-7000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('attendance.cohort_not_found');
    expect((await completion(ann)).statusCode).toBe(403);
    expect((await completion(outsider)).statusCode).toBe(403);
    expect((await completion(t.client())).statusCode).toBe(401);
    expect((await completion(staff, 'not-a-uuid')).statusCode).toBe(400);
  });

  it('answers a correction with the person’s certificate, unflagged while they still meet the rules', async () => {
    // cy: l1 and the field study attended (2 of 4, 2 needed). One more, then one less: still 2 of 4.
    const more = await correct('l2', cy, 'present');
    expect(more.statusCode, more.body).toBe(200);
    expect(more.json<AttendanceCorrectionResultT>()).toMatchObject({ status: 'present', method: 'manual', certificate: { number: 'OC-2020-TI-0002', status: 'valid', stillMeetsRules: true, supportLost: false } });
    const less = (await correct('l1', cy, 'absent')).json<AttendanceCorrectionResultT>();
    expect(less.certificate).toMatchObject({ stillMeetsRules: true, supportLost: false });
    expect((await certOf(cy)).stillMeetsRules).toBe(true);
    expect((await completion()).json<CohortCompletionViewT>().totals.noLongerSupported).toBe(0);

    // No certificate: nothing to say. A revoked one: said, but never flagged.
    expect((await correct('l3', bob, 'absent')).json<AttendanceCorrectionResultT>().certificate).toBeNull();
    expect((await correct('l3', ann, 'absent')).json<AttendanceCorrectionResultT>().certificate).toMatchObject({ number: 'OC-2020-TI-0001', status: 'revoked', stillMeetsRules: null, supportLost: false });
  });

  it('flags a certificate a correction leaves unsupported — in the answer, the list and the view — and revokes nothing', async () => {
    const cyCert = await certOf(cy);
    const res = await correct('l2', cy, 'absent');
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json<AttendanceCorrectionResultT>();
    expect(answer).toMatchObject({ sessionId: sessions.l2, userId: cy.userId, status: 'absent' });
    expect(answer.certificate).toEqual({ id: cyCert.id, number: 'OC-2020-TI-0002', status: 'valid', stillMeetsRules: false, supportLost: true });

    expect(await certOf(cy)).toMatchObject({ id: cyCert.id, status: 'valid', revokedAt: null, stillMeetsRules: false });
    const view = (await completion()).json<CohortCompletionViewT>();
    expect(memberOf(view, cy)).toMatchObject({ complete: false, certificate: { status: 'valid', stillMeetsRules: false } });
    expect(memberOf(view, cy).rules[0]).toMatchObject({ kind: 'attendance', status: 'missed', attended: 1, required: 2, missing: 1, remaining: 0 });
    expect(view.totals).toMatchObject({ complete: 1, notComplete: 2, certified: 1, noLongerSupported: 1 });

    // Still valid to the public until a person revokes it with a reason.
    const [row] = await db().select().from(certificates).where(eq(certificates.id, cyCert.id));
    expect(row!.revokedAt).toBeNull();
    expect((await t.client().get(`/api/v1/certificates/verify/${tokenOf(cyCert)}`)).json<CertificateVerificationT>().status).toBe('valid');

    // A further correction while it is already unsupported is not a new loss.
    expect((await correct('l3', cy, 'excused')).json<AttendanceCorrectionResultT>().certificate).toMatchObject({ stillMeetsRules: false, supportLost: false });
    // Issuing again neither re-issues nor touches it.
    expect((await issue()).json<IssueCertificatesResultT>()).toMatchObject({ issued: [], alreadyIssued: 2 });
  });

  it('drops the flag once a correction brings the holder back over the rules', async () => {
    // l3 excused: 3 counted, 2 needed; l2 present again makes 2.
    const back = (await correct('l2', cy, 'present')).json<AttendanceCorrectionResultT>();
    expect(back.certificate).toMatchObject({ stillMeetsRules: true, supportLost: false });
    expect((await certOf(cy)).stillMeetsRules).toBe(true);
    expect((await completion()).json<CohortCompletionViewT>().totals).toMatchObject({ complete: 2, noLongerSupported: 0 });
  });
});

describe('without the certificate font', () => {
  it('answers 503 with a clear message instead of a broken PDF', async () => {
    const t2 = await startTestApp({ env: { CERTIFICATE_FONT_PATH: '/nonexistent/NanumGothic.ttf' } });
    try {
      const holder = await t2.signedIn([], { name: '이글꼴' });
      const staff2 = await t2.signedIn(['staff']);
      const db2 = t2.campus.database.db;
      const p = await makeProgramme(db2, { minAttendanceRate: 0, requiredSessionTypes: [], requireExperimentReport: false });
      const c = await makeCohort(db2, p, [holder.userId]);
      const issued = (await staff2.post(`/api/v1/admin/cohorts/${c}/certificates`)).json<IssueCertificatesResultT>();
      expect(issued.issued).toHaveLength(1);
      const res = await holder.get(`/api/v1/me/certificates/${issued.issued[0]!.id}.pdf`);
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json().error.code).toBe('certificates.font_missing');
      expect(res.json().error.message).toContain('CERTIFICATE_FONT_PATH');
    } finally {
      await t2.close();
    }
  });
});
