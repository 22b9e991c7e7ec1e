/**
 * Open data on the seeded 2019 plan: every dataset as CSV (read back: BOM, header, CRLF, the same
 * figures as GET /api/v1/budget) and as JSON (checked against its contract), the licence in each,
 * nothing personal in any of them (an applicant's name and address, a lecturer's name, the check-in
 * secret), and the DCAT-AP catalogue expanded by a real JSON-LD processor, with dct:modified the
 * data's own last change: it stays put when nothing changes and moves after an edit.
 */
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_DATASETS, OpenBudget, OpenCalls, OpenCourses, OpenDataIndex, OpenPlan, OpenSchedule, type OpenBudgetT, type OpenDataIndexT } from '../../src/shared/contracts/open-data.js';
import type { BudgetViewT } from '../../src/shared/contracts/plan.js';
import type { CallViewT } from '../../src/shared/contracts/recruitment.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { callBody } from '../factories/recruitment.js';
import { parseCsv } from '../support/csv.js';

let t: TestApp;
let staff: TestClient;
let applicant: TestClient & { email: string };
let call: CallViewT;
const APPLICANT_NAME = '김지원테스트';

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
  // A published call with one submitted application: its person must appear in no export.
  const res = await staff.post('/api/v1/admin/calls', callBody());
  expect(res.statusCode, res.body).toBe(201);
  call = res.json<CallViewT>();
  expect((await staff.post(`/api/v1/admin/calls/${call.id}/publish`)).statusCode).toBe(200);
  applicant = await t.signedIn([], { name: APPLICANT_NAME });
  const put = await applicant.put(`/api/v1/calls/${call.id}/my-application`, { answers: { motivation: '비공개 지원 동기 문장', sector: 'civil' }, consents: [{ key: 'selection', granted: true }] });
  expect(put.statusCode, put.body).toBe(200);
  expect((await applicant.post(`/api/v1/calls/${call.id}/my-application/submit`)).statusCode).toBe(200);
  // Spending on a line, so the budget's spent and rate columns have something to say.
  const fees = (await t.client().get('/api/v1/budget')).json<BudgetViewT>().lines.find((l) => l.key === 'lecture-fees')!;
  const spend = await staff.post(`/api/v1/admin/budget-lines/${fees.id}/spending`, { amount: 4_800_000, spentOn: '2020-09-30', description: { ko: '강연비 1차 비공개 메모' } });
  expect(spend.statusCode, spend.body).toBe(201);
});
afterAll(async () => {
  await t.close();
});

async function csvOf(dataset: string) {
  const res = await t.client().get(`/api/v1/open-data/${dataset}.csv`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toBe(`attachment; filename="open-campus-${dataset}.csv"`);
  expect(res.headers.link).toBe('<https://www.kogl.or.kr/info/licenseType1.do>; rel="license", <http://localhost:3000/api/v1/open-data/catalog.jsonld>; rel="describedby"; type="application/ld+json"');
  expect(res.body.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(res.body.slice(1));
  for (const r of rows) expect(r, r.join(',')).toHaveLength(header!.length);
  return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))), raw: res.body };
}

async function jsonOf(dataset: string) {
  const res = await t.client().get(`/api/v1/open-data/${dataset}.json`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(res.headers['access-control-allow-origin']).toBe('*');
  return { doc: res.json<Record<string, unknown>>(), raw: res.body, lastModified: res.headers['last-modified'] };
}

describe('each dataset as JSON', () => {
  it('matches its contract and states the licence, publisher and links', async () => {
    const contracts = { plan: OpenPlan, schedule: OpenSchedule, budget: OpenBudget, calls: OpenCalls, courses: OpenCourses };
    for (const id of OPEN_DATASETS) {
      const { doc, lastModified } = await jsonOf(id);
      const parsed = contracts[id].strict().safeParse(doc);
      expect(parsed.success, `${id}: ${JSON.stringify(parsed.error?.issues.slice(0, 3))}`).toBe(true);
      expect(doc).toMatchObject({
        dataset: id,
        licence: { id: 'kogl-1', url: 'https://www.kogl.or.kr/info/licenseType1.do', title: { ko: expect.stringContaining('공공누리 제1유형'), en: expect.stringContaining('Korea Open Government License Type 1') } },
        publisher: { ko: '서울혁신기획관 사회혁신담당관', en: 'Seoul Innovation Planning Office, Social Innovation Division' },
        links: { json: `http://localhost:3000/api/v1/open-data/${id}.json`, csv: `http://localhost:3000/api/v1/open-data/${id}.csv`, catalog: 'http://localhost:3000/api/v1/open-data/catalog.jsonld', page: 'http://localhost:3000/data' },
      });
      const modified = doc.modified as string;
      expect(Date.parse(modified), id).not.toBeNaN();
      expect(new Date(lastModified as string).toISOString()).toBe(new Date(Math.floor(Date.parse(modified) / 1000) * 1000).toISOString());
    }
  });

  it('plan: the goals and the work packages with their budget', async () => {
    const plan = OpenPlan.parse((await jsonOf('plan')).doc);
    expect(plan.plan.budgetTotalKrw).toBe(204_000_000);
    expect(plan.plan.goals.length).toBeGreaterThan(0);
    expect(plan.records.length).toBeGreaterThan(0);
    expect(plan.records.every((w) => w.code && w.title.ko && w.start && w.end)).toBe(true);
    const { rows } = await csvOf('plan');
    expect(rows.filter((r) => r.record_type === 'goal')).toHaveLength(plan.plan.goals.length);
    const wps = rows.filter((r) => r.record_type === 'work_package');
    expect(wps.map((r) => r.code)).toEqual(plan.records.map((w) => w.code));
    expect(wps[0]!.title_ko).toBe(plan.records[0]!.title.ko);
  });

  it('schedule: milestones with dates and a status in both languages', async () => {
    const s = OpenSchedule.parse((await jsonOf('schedule')).doc);
    expect(s.records.length).toBeGreaterThan(0);
    // The 2019 plan's dates are all past on the test clock's day: every milestone has ended.
    for (const m of s.records) expect(m).toMatchObject({ status: 'ended', statusLabel: { ko: '종료', en: 'Ended' } });
    const { header, rows } = await csvOf('schedule');
    expect(header).toEqual(['position', 'title_ko', 'title_en', 'start', 'end', 'status', 'status_ko', 'status_en', 'work_package_code', 'as_of']);
    expect(rows.map((r) => r.title_ko)).toEqual(s.records.map((m) => m.title.ko));
    expect(rows[0]).toMatchObject({ start: s.records[0]!.start, end: s.records[0]!.end, status: 'ended', status_ko: '종료', as_of: s.asOf });
  });
});

describe('budget: the same figures as the public budget page', () => {
  it('planned, spent and execution rate per line, in JSON and in CSV', async () => {
    const view = (await t.client().get('/api/v1/budget')).json<BudgetViewT>();
    const doc: OpenBudgetT = OpenBudget.parse((await jsonOf('budget')).doc);
    expect(doc.records[0]).toMatchObject({ level: 0, kind: 'total', plannedKrw: view.planned, spentKrw: view.actual, executionRatePercent: view.executionRate });
    expect(doc.records.slice(1).map((r) => [r.key, r.plannedKrw, r.spentKrw, r.executionRatePercent])).toEqual(view.lines.map((l) => [l.key, l.planned, l.actual, l.executionRate]));

    const { header, rows, raw } = await csvOf('budget');
    expect(header).toEqual(['level', 'key', 'line_ko', 'line_en', 'kind', 'planned_krw', 'spent_krw', 'execution_rate_percent', 'calculation_ko', 'calculation_en']);
    expect(rows[0]).toMatchObject({ level: '0', line_ko: '계', line_en: 'Total', planned_krw: '204000000', spent_krw: '4800000', execution_rate_percent: '2.35' });
    const fees = view.lines.find((l) => l.key === 'lecture-fees')!;
    expect(rows.find((r) => r.key === 'lecture-fees')).toMatchObject({
      line_ko: '국내 교수 강연비',
      planned_krw: String(fees.planned),
      spent_krw: String(fees.actual),
      execution_rate_percent: String(fees.executionRate),
      calculation_ko: '300,000원 × 16일 × 2명',
    });
    expect(fees).toMatchObject({ planned: 9_600_000, actual: 4_800_000, executionRate: 50 });
    // The sums are public; the entries behind them (their notes) are not.
    expect(raw).not.toContain('비공개 메모');
  });
});

describe('calls and courses: public parts only', () => {
  it('calls: title, dates, places and programme of published calls; no applicant', async () => {
    const { doc, raw } = await jsonOf('calls');
    const calls = OpenCalls.parse(doc);
    const mine = calls.records.find((c) => c.id === call.id)!;
    expect(mine).toMatchObject({ status: 'published', statusLabel: { ko: '접수 중', en: 'Open' }, title: { ko: call.title.ko, en: call.title.en }, capacity: 30, programme: '사회혁신 리빙랩 1기', opensAt: call.opensAt, closesAt: call.closesAt, url: `http://localhost:3000/calls/${call.id}` });
    const { rows, raw: csv } = await csvOf('calls');
    expect(rows.find((r) => r.id === call.id)).toMatchObject({ title_ko: call.title.ko, capacity: '30', opens_at: call.opensAt, status_en: 'Open' });
    for (const text of [raw, csv]) {
      expect(text).not.toContain(applicant.email);
      expect(text).not.toContain(APPLICANT_NAME);
      expect(text).not.toContain('비공개 지원 동기');
      // The form, consent items and quotas are the call's working parts, not its public summary.
      expect(text).not.toMatch(/motivation|consent|quota|rubric/i);
    }
  });

  it('courses: published cohorts with their sessions; no draft cohort, lecturer, participant or secret', async () => {
    const { doc, raw } = await jsonOf('courses');
    const courses = OpenCourses.parse(doc);
    const programmes = (await t.client().get('/api/v1/programmes')).json<{ programmes: { cohorts: { id: string }[] }[] }>();
    const visible = programmes.programmes.flatMap((p) => p.cohorts.map((c) => c.id)).sort();
    expect(courses.records.map((c) => c.id).sort()).toEqual(visible);
    const pilot = courses.records[0]!;
    expect(pilot.sessions.length).toBeGreaterThan(30);
    expect(pilot.sessions.find((s) => s.type === 'field_study')).toMatchObject({ typeLabel: { ko: '현장 학습', en: 'Field study' }, days: 3 });
    const { rows, raw: csv } = await csvOf('courses');
    expect(rows).toHaveLength(courses.records.reduce((n, c) => n + Math.max(1, c.sessions.length), 0));
    expect(rows[0]).toMatchObject({ cohort_id: pilot.id, cohort_ko: pilot.title.ko, session_id: pilot.sessions[0]!.id, session_ko: pilot.sessions[0]!.title.ko });
    const secrets = await t.campus.database.db.query.courseSessions.findMany({ columns: { checkinSecret: true }, limit: 3 });
    const lecturers = await t.campus.database.db.query.sessionLecturers.findMany({ columns: { externalName: true } });
    expect(lecturers.length).toBeGreaterThan(0);
    for (const text of [raw, csv]) {
      for (const s of secrets) expect(text).not.toContain(s.checkinSecret);
      for (const l of lecturers) if (l.externalName) expect(text).not.toContain(l.externalName);
      // Word starts only: a record id is hex, and may well hold "fee" (…3e51fee7…).
      expect(text).not.toMatch(/@example\.org|\blecturer|\bcheckin|\bfees?\b/i);
    }
  });
});

describe('the catalogue', () => {
  async function catalog() {
    const res = await t.client().get('/api/v1/open-data/catalog.jsonld');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    return res.json<Record<string, unknown>>();
  }
  const DCAT = 'http://www.w3.org/ns/dcat#';
  const DCT = 'http://purl.org/dc/terms/';
  type Node = Record<string, { '@id'?: string; '@value'?: string; '@language'?: string; '@type'?: string }[]> & { '@id': string; '@type': string[] };

  it('expands as JSON-LD to a dcat:Catalog with every dataset, its licence, titles in ko and en, and a distribution per format', async () => {
    const doc = await catalog();
    const expanded = (await jsonld.expand(doc as jsonld.JsonLdDocument)) as unknown as Node[];
    expect(expanded).toHaveLength(1);
    const cat = expanded[0]!;
    expect(cat['@type']).toEqual([`${DCAT}Catalog`]);
    expect(cat[`${DCT}license`]).toEqual([expect.objectContaining({ '@id': 'https://www.kogl.or.kr/info/licenseType1.do' })]);
    const datasets = cat[`${DCAT}dataset`] as unknown as Node[];
    expect(datasets.map((d) => d['@id']).sort()).toEqual(OPEN_DATASETS.map((id) => `http://localhost:3000/data#${id}`).sort());
    const index = (await t.client().get('/api/v1/open-data')).json<OpenDataIndexT>();
    OpenDataIndex.parse(index);
    for (const d of datasets) {
      expect(d['@type']).toEqual([`${DCAT}Dataset`]);
      expect(d[`${DCT}title`]!.map((v) => v['@language']).sort()).toEqual(['en', 'ko']);
      expect(d[`${DCT}description`]!.map((v) => v['@language']).sort()).toEqual(['en', 'ko']);
      expect(d[`${DCT}license`]).toEqual([{ '@id': 'https://www.kogl.or.kr/info/licenseType1.do' }]);
      const id = d['@id'].split('#')[1]!;
      const entry = index.datasets.find((x) => x.id === id)!;
      expect(d[`${DCT}modified`]).toEqual([{ '@value': entry.modified, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' }]);
      const dists = d[`${DCAT}distribution`] as unknown as Node[];
      expect(dists.map((x) => x[`${DCT}format`]![0]!['@id']).sort()).toEqual(['http://publications.europa.eu/resource/authority/file-type/CSV', 'http://publications.europa.eu/resource/authority/file-type/JSON']);
      for (const dist of dists) {
        const url = dist[`${DCAT}downloadURL`]![0]!['@id']!;
        expect(dist[`${DCAT}accessURL`]).toEqual([{ '@id': 'http://localhost:3000/data' }]);
        expect(dist[`${DCAT}mediaType`]![0]!['@id']).toMatch(/^http:\/\/www\.iana\.org\/assignments\/media-types\/(text\/csv|application\/json)$/);
        // Every address in the catalogue answers.
        const res = await t.client().get(url.replace('http://localhost:3000', ''));
        expect(res.statusCode, url).toBe(200);
      }
    }
  });

  it('dct:modified is the data’s last change: unchanged by time passing, moved by an edit', async () => {
    const before = await catalog();
    const modifiedOf = (doc: Record<string, unknown>, id: string) => ((doc['dcat:dataset'] as Record<string, unknown>[]).find((d) => d['@id'] === `http://localhost:3000/data#${id}`)!['dct:modified'] as { '@value': string })['@value'];
    await new Promise((r) => setTimeout(r, 20));
    const again = await catalog();
    expect(modifiedOf(again, 'schedule')).toBe(modifiedOf(before, 'schedule'));
    expect(Date.parse(modifiedOf(before, 'schedule'))).toBeLessThan(Date.now());

    const milestone = (await t.client().get('/api/v1/plan/schedule')).json<{ milestones: { id: string }[] }>().milestones[0]!;
    const res = await staff.patch(`/api/v1/admin/milestones/${milestone.id}`, { title: { ko: '고친 일정 제목', en: 'Edited milestone' } });
    expect(res.statusCode, res.body).toBe(200);
    const after = await catalog();
    expect(Date.parse(modifiedOf(after, 'schedule'))).toBeGreaterThan(Date.parse(modifiedOf(before, 'schedule')));
    expect(modifiedOf(after, 'budget')).toBe(modifiedOf(before, 'budget'));
    expect((await jsonOf('schedule')).raw).toContain('고친 일정 제목');

    // A removal leaves no row behind, but it is a change too.
    const spent = (await jsonOf('budget')).doc;
    const del = await staff.delete(`/api/v1/admin/milestones/${milestone.id}`);
    expect(del.statusCode).toBe(200);
    const removed = await catalog();
    expect(Date.parse(modifiedOf(removed, 'schedule'))).toBeGreaterThan(Date.parse(modifiedOf(after, 'schedule')));
    expect(spent.modified).toBe(modifiedOf(removed, 'budget'));
  });

  it('refuses an unknown dataset with a message in the reader’s language', async () => {
    const client = t.client();
    client.lang = 'en';
    const res = await client.get('/api/v1/open-data/applicants.json');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'dataset', message: expect.stringContaining('Unknown dataset') });
    expect((await t.client().get('/api/v1/open-data/applicants.csv')).statusCode).toBe(400);
  });
});
