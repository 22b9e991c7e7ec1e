/**
 * The staff lists of recruitment, review and selection page and filter on the server: a demo call
 * of 120 applications and 12 reviewers (scored, as demo:load --with-reviews leaves it) is read in
 * pages — applications, reviewers, scores and a selection run's applicants — with the right totals,
 * each row once, free-text and status filters, counts over the whole list, a page size over the cap
 * refused with a field message in both languages, staff only; the CSV export still holds every row.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo, type DemoLoadResult } from '../../src/modules/recruitment/demo.js';
import { applications, users } from '../../src/platform/db/schema/index.js';
import type { ApplicationListT } from '../../src/shared/contracts/recruitment.js';
import type { ReviewerListT, ReviewerViewT, ScoresViewT } from '../../src/shared/contracts/review.js';
import type { SelectionApplicantListT, SelectionRunViewT } from '../../src/shared/contracts/selection.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';

let t: TestApp;
let demo: DemoLoadResult;
let staff: TestClient;
let member: TestClient;
const withdrawn: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  demo = await loadDemo(t.campus.database.db, t.campus.auth, { password: 'demo password 2020', withReviews: true, applicants: 120, reviewers: 12 });
  staff = await t.signedIn(['staff']);
  member = await t.signedIn([]);
  // Three applicants withdraw, so the list has more than one state to filter by.
  const db = t.campus.database.db;
  const rows = await db.select({ id: applications.id }).from(applications).where(eq(applications.callId, demo.callId)).orderBy(applications.createdAt, applications.id);
  withdrawn.push(rows[10]!.id, rows[60]!.id, rows[110]!.id);
  await db.update(applications).set({ status: 'withdrawn' }).where(inArray(applications.id, withdrawn));
}, 240_000);
afterAll(async () => {
  await t.close();
});

async function read<T>(url: string): Promise<T> {
  const res = await staff.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}

/** Walks every page of a list and returns the ids in order (each page checked for its size). */
async function walk(base: string, pageSize: number, total: number, idOf: (item: never) => string, extra = ''): Promise<string[]> {
  const seen: string[] = [];
  const pages = Math.ceil(total / pageSize);
  for (let page = 1; page <= pages; page++) {
    const p = await read<{ items: never[]; total: number; page: number; pageSize: number }>(`${base}?page=${page}&pageSize=${pageSize}${extra}`);
    expect([p.total, p.page, p.pageSize, p.items.length]).toEqual([total, page, pageSize, page === pages ? total - pageSize * (pages - 1) : pageSize]);
    seen.push(...p.items.map(idOf));
  }
  expect(new Set(seen).size).toBe(total);
  const after = await read<{ items: unknown[] }>(`${base}?page=${pages + 1}&pageSize=${pageSize}${extra}`);
  expect(after.items).toEqual([]);
  return seen;
}

const apps = () => `/api/v1/admin/calls/${demo.callId}/applications`;
const reviewers = () => `/api/v1/admin/calls/${demo.callId}/reviewers`;
const scores = () => `/api/v1/admin/calls/${demo.callId}/scores`;

describe("a call's applications", () => {
  it('come 50 a page in the order they were started: pages 2 and 3 exist and the total is 120', async () => {
    const ids = await walk(apps(), 50, 120, (a: { id: string }) => a.id);
    const db = t.campus.database.db;
    const inOrder = await db.select({ id: applications.id }).from(applications).where(eq(applications.callId, demo.callId)).orderBy(applications.createdAt, applications.id);
    expect(ids).toEqual(inOrder.map((r) => r.id));
    const first = await read<ApplicationListT>(apps());
    expect([first.page, first.pageSize, first.items.length]).toEqual([1, 50, 50]);
    expect(first.counts).toEqual({ draft: 0, submitted: 117, withdrawn: 3 });
  });

  it('filter by state and by the name or address of the applicant (a typed % is literal)', async () => {
    const out = await read<ApplicationListT>(`${apps()}?status=withdrawn`);
    expect(out.items.map((a) => a.id).sort()).toEqual([...withdrawn].sort());
    expect(out.items.every((a) => a.status === 'withdrawn')).toBe(true);
    expect((await read<ApplicationListT>(`${apps()}?status=submitted&pageSize=100&page=2`)).items).toHaveLength(17);

    const db = t.campus.database.db;
    const [someone] = await db.select({ name: users.name, email: users.email, id: applications.id }).from(applications).innerJoin(users, eq(users.id, applications.userId)).where(eq(applications.id, withdrawn[1]!));
    const sameName = await db.select({ id: applications.id }).from(applications).innerJoin(users, eq(users.id, applications.userId)).where(and(eq(applications.callId, demo.callId), eq(users.name, someone!.name)));
    const byName = await read<ApplicationListT>(`${apps()}?q=${encodeURIComponent(someone!.name)}`);
    expect(byName.total).toBeGreaterThanOrEqual(sameName.length);
    expect(byName.items.every((a) => a.name.includes(someone!.name))).toBe(true);
    const byAddress = await read<ApplicationListT>(`${apps()}?q=${encodeURIComponent(someone!.email.toUpperCase())}`);
    expect(byAddress.items.map((a) => a.id)).toEqual([someone!.id]);
    const both = await read<ApplicationListT>(`${apps()}?status=submitted&q=${encodeURIComponent(someone!.email)}`);
    expect(both.total).toBe(0);
    expect((await read<ApplicationListT>(`${apps()}?q=%25`)).total).toBe(0);
  });

  it('leave the CSV export complete: every one of the 120 applications is a row', async () => {
    const res = await staff.get(`${apps()}/export.csv?reason=${encodeURIComponent('심사 위원회 자료 준비')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(121);
  });
});

describe("a call's reviewers", () => {
  it('page with a short last page, filter by state and by name, address or organisation', async () => {
    await walk(reviewers(), 5, 12, (r: { id: string }) => r.id);
    const invited = await staff.post(reviewers(), { email: 'paging-invitee@reviewers.example', organisation: '페이지 연구소' });
    expect(invited.statusCode, invited.body).toBe(201);
    const one = invited.json<ReviewerViewT>();
    const all = await read<ReviewerListT>(reviewers());
    expect([all.total, all.counts]).toEqual([13, { invited: 1, accepted: 12, declined: 0 }]);
    expect((await read<ReviewerListT>(`${reviewers()}?status=invited`)).items.map((r) => r.id)).toEqual([one.id]);
    expect((await read<ReviewerListT>(`${reviewers()}?status=accepted&pageSize=100`)).items.every((r) => r.status === 'accepted' && r.assigned > 0)).toBe(true);
    expect((await read<ReviewerListT>(`${reviewers()}?q=${encodeURIComponent('페이지 연구')}`)).items.map((r) => r.id)).toEqual([one.id]);
    const address = demo.reviewerEmails[3]!;
    const byAddress = await read<ReviewerListT>(`${reviewers()}?q=${encodeURIComponent(address.toUpperCase())}`);
    expect(byAddress.items.map((r) => r.email)).toEqual([address]);
    const named = byAddress.items[0]!.name!;
    expect((await read<ReviewerListT>(`${reviewers()}?q=${encodeURIComponent(named)}`)).items.some((r) => r.email === address)).toBe(true);
  });
});

describe('the scores', () => {
  it('page in rank order over the whole call: page 2 starts at rank 51, the calibration stays whole', async () => {
    const first = await read<ScoresViewT>(`${scores()}?pageSize=50`);
    expect(first.applications).toBe(117);
    expect(first.total).toBe(117);
    await walk(scores(), 50, 117, (a: { applicationId: string }) => a.applicationId);
    const second = await read<ScoresViewT>(`${scores()}?page=2&pageSize=50`);
    expect(second.items.map((a) => a.rank)).toEqual(Array.from({ length: 50 }, (_, i) => 51 + i));
    expect(second.reviewers).toEqual(first.reviewers);
    expect(second.reviewers).toHaveLength(12);
  });

  it('sort the whole call before paging: by raw mean ascending, page 2 continues where page 1 ends', async () => {
    const a = await read<ScoresViewT>(`${scores()}?sort=rawMean&direction=ascending&pageSize=60`);
    const b = await read<ScoresViewT>(`${scores()}?sort=rawMean&direction=ascending&pageSize=60&page=2`);
    const means = [...a.items, ...b.items].map((x) => x.rawMean!);
    expect(means).toHaveLength(117);
    expect(means).toEqual([...means].sort((x, y) => x - y));
    const bad = await staff.get(`${scores()}?sort=name`, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('"sort"');
  });

  it('filter: the top of the call, disagreement, flips, and a name or organisation', async () => {
    const top = await read<ScoresViewT>(`${scores()}?status=top&pageSize=100`);
    expect(top.total).toBe(top.capacity);
    expect(top.items.map((a) => a.rank)).toEqual(Array.from({ length: top.capacity }, (_, i) => i + 1));
    const all = await read<ScoresViewT>(`${scores()}?pageSize=100`);
    const rest = await read<ScoresViewT>(`${scores()}?pageSize=100&page=2`);
    const every = [...all.items, ...rest.items];
    const disagreement = await read<ScoresViewT>(`${scores()}?status=disagreement&pageSize=100`);
    expect(disagreement.total).toBe(every.filter((a) => a.disagreement).length);
    expect((await read<ScoresViewT>(`${scores()}?status=flips&pageSize=100`)).total).toBe(every.filter((a) => a.flips).length);
    expect((await read<ScoresViewT>(`${scores()}?status=unscored`)).total).toBe(0);
    const organisation = every[7]!.applicantOrganisation!;
    const byOrganisation = await read<ScoresViewT>(`${scores()}?pageSize=100&q=${encodeURIComponent(organisation)}`);
    expect(byOrganisation.total).toBe(every.filter((a) => a.applicantOrganisation?.includes(organisation) || a.applicantName.includes(organisation)).length);
    expect(byOrganisation.items.every((a) => a.applicantOrganisation!.includes(organisation))).toBe(true);
  });
});

describe("a selection run's applicants", () => {
  let run: SelectionRunViewT;
  const url = () => `/api/v1/admin/selection-runs/${run.id}/applicants`;

  it('page in rank order with counts by outcome, filtered by outcome and name', async () => {
    const created = await staff.post(`/api/v1/admin/calls/${demo.callId}/selection-runs`, { seed: 'paging' });
    expect(created.statusCode, created.body).toBe(201);
    run = created.json<SelectionRunViewT>();
    const total = run.applicants.length;
    expect(total).toBe(117);
    const ids = await walk(url(), 50, total, (a: { applicationId: string }) => a.applicationId);
    expect(ids).toEqual(run.applicants.map((a) => a.applicationId));
    const page = await read<SelectionApplicantListT>(url());
    const count = (s: string) => run.applicants.filter((a) => a.status === s).length;
    expect(page.counts).toEqual({ selected: count('selected'), waitlisted: count('waitlisted'), excluded: count('excluded') });
    expect(page.counts.selected).toBe(30);
    const waitlisted = await read<SelectionApplicantListT>(`${url()}?status=waitlisted&pageSize=100`);
    expect(waitlisted.items.map((a) => a.applicationId)).toEqual(run.applicants.filter((a) => a.status === 'waitlisted').map((a) => a.applicationId));
    const notSelected = await read<SelectionApplicantListT>(`${url()}?status=excluded&page=2&pageSize=20`);
    expect(notSelected.total).toBe(count('excluded'));
    expect(notSelected.items.every((a) => a.status === 'excluded')).toBe(true);
    const name = run.applicants[40]!.name!;
    const byName = await read<SelectionApplicantListT>(`${url()}?q=${encodeURIComponent(name)}&pageSize=100`);
    expect(byName.total).toBe(run.applicants.filter((a) => a.name?.includes(name)).length);
    expect(byName.items.map((a) => a.applicationId)).toContain(run.applicants[40]!.applicationId);
    expect((await staff.get('/api/v1/admin/selection-runs/01890a5d-ac96-774b-bcce-b302099a8057/applicants')).statusCode).toBe(404);
  });

  it('every list refuses a page size over 100 with a field message in the reader’s language, and is for staff only', async () => {
    for (const base of [apps(), reviewers(), scores(), url()]) {
      const en = await staff.get(`${base}?pageSize=101`, { 'accept-language': 'en' });
      expect(en.statusCode, base).toBe(400);
      const fields = (JSON.parse(en.body) as { error: { fields: { path: string; message: string }[] } }).error.fields;
      expect(fields.find((f) => f.path === 'pageSize')!.message).toMatch(/page size must be a whole number from 1 to 100/i);
      const ko = await staff.get(`${base}?pageSize=500`, { 'accept-language': 'ko' });
      expect(ko.statusCode, base).toBe(400);
      expect(ko.body).toContain('페이지 크기는 1부터 100까지');
      const status = await staff.get(`${base}?status=everything`, { 'accept-language': 'en' });
      expect(status.statusCode, base).toBe(400);
      expect(status.body).toContain('"status"');
      expect((await member.get(base)).statusCode, base).toBe(403);
      expect((await t.client().get(base)).statusCode, base).toBe(401);
    }
  });
});
