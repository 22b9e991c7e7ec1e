/**
 * The staff list of a cohort's people pages and filters on the server: 60 enrolled citizens (and a
 * waitlisted and a cancelled one, who are not members) by name in pages of 25, with the right total
 * and a short last page, filtered by a part of the name or the address; a page size over the cap is
 * refused with a field message, and only staff may read it.
 */
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolments, users } from '../../src/platform/db/schema/index.js';
import type { CohortMemberListT, CohortViewT } from '../../src/shared/contracts/courses.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';

let t: TestApp;
let staff: TestClient;
let cohortId: string;

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
  const programmes = (await staff.get('/api/v1/admin/programmes')).json<{ items: { id: string; kind: string }[] }>().items;
  const res = await staff.post('/api/v1/admin/cohorts', {
    programmeId: programmes.find((p) => p.kind === 'citizen')!.id,
    title: { ko: '시민 혁신가 과정 · 마포', en: 'Citizen innovators · Mapo' },
    place: { ko: '마포구' },
    startsOn: '2021-03-02',
    endsOn: '2021-05-28',
    capacity: 100,
    enrolmentMode: 'open',
    status: 'published',
  });
  expect(res.statusCode, res.body).toBe(201);
  cohortId = res.json<CohortViewT>().id;
  const db = t.campus.database.db;
  const people = Array.from({ length: 62 }, (_, i) => ({ id: uuidv7(), name: `수강생 ${String(i + 1).padStart(2, '0')}`, email: `citizen${i + 1}@mapo.example`, locale: 'ko' as const }));
  await db.insert(users).values(people);
  await db.insert(enrolments).values(people.map((p, i) => ({ id: uuidv7(), cohortId, userId: p.id, status: i === 60 ? ('waitlisted' as const) : i === 61 ? ('cancelled' as const) : ('enrolled' as const), waitlistPosition: i === 60 ? 1 : null })));
}, 120_000);
afterAll(async () => {
  await t.close();
});

const list = async (query: string) => {
  const res = await staff.get(`/api/v1/admin/cohorts/${cohortId}/members${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CohortMemberListT>();
};

describe("a cohort's people page on the server", () => {
  it('walks the 60 members by name in pages of 25, each once, with a short last page', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const p = await list(`?page=${page}&pageSize=25`);
      expect([p.total, p.page, p.pageSize, p.items.length]).toEqual([60, page, 25, page === 3 ? 10 : 25]);
      seen.push(...p.items.map((m) => m.name));
    }
    expect(new Set(seen).size).toBe(60);
    const second = await list('?page=2&pageSize=25');
    expect(second.items[0]).toMatchObject({ name: '수강생 26', email: 'citizen26@mapo.example', via: 'enrolment' });
    // The waitlisted and the cancelled are not members.
    expect(seen).not.toContain('수강생 61');
    expect(seen).not.toContain('수강생 62');
    expect((await list('?page=4&pageSize=25')).items).toEqual([]);
  });

  it('filters by a part of the name or the address', async () => {
    const named = await list(`?q=${encodeURIComponent('수강생 0')}`);
    expect(named.total).toBe(9);
    const byAddress = await list('?q=CITIZEN5');
    expect(byAddress.items.map((m) => m.email)).toEqual(['citizen5@mapo.example', 'citizen50@mapo.example', 'citizen51@mapo.example', 'citizen52@mapo.example', 'citizen53@mapo.example', 'citizen54@mapo.example', 'citizen55@mapo.example', 'citizen56@mapo.example', 'citizen57@mapo.example', 'citizen58@mapo.example', 'citizen59@mapo.example']);
    expect((await list('?q=_')).total).toBe(0);
  });

  it('refuses a page size over the cap with a field message, in the reader’s language', async () => {
    const url = `/api/v1/admin/cohorts/${cohortId}/members`;
    const en = await staff.get(`${url}?pageSize=101`, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(400);
    const fields = (JSON.parse(en.body) as { error: { fields: { path: string; message: string }[] } }).error.fields;
    expect(fields.find((f) => f.path === 'pageSize')!.message).toMatch(/page size must be a whole number from 1 to 100/i);
    const ko = await staff.get(`${url}?pageSize=500`, { 'accept-language': 'ko' });
    expect(ko.body).toContain('페이지 크기는 1부터 100까지');
  });

  it('is for staff only', async () => {
    const url = `/api/v1/admin/cohorts/${cohortId}/members`;
    expect((await (await t.signedIn(['participant'])).get(url)).statusCode).toBe(403);
    expect((await (await t.signedIn(['mentor'])).get(url)).statusCode).toBe(403);
    expect((await t.client().get(url)).statusCode).toBe(401);
  });
});
