/**
 * The staff list of a call's reviewer × application pairs pages and filters on the server: 12
 * applications × 6 reviewers (72 pairs, inserted as an assignment run would leave them) in pages of
 * 20 with the right total and a short last page, filtered by text (applicant, reviewer name or
 * address) and by the state of the review, with counts over the whole call; a page size over the
 * cap is refused with a field message, and only staff may read it.
 */
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewAssignments } from '../../src/platform/db/schema/index.js';
import type { AssignmentListT } from '../../src/shared/contracts/review.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { seedReviewableCall, type SeededCall } from '../factories/review.js';

let t: TestApp;
let seeded: SeededCall;
const ids = new Map<string, string>();

beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedReviewableCall(t, { applicants: 12, reviewers: 6, k: 2 });
  const base = Date.UTC(2020, 2, 1);
  let n = 0;
  const rows = seeded.applicants.flatMap((a) =>
    seeded.reviewers.map((r) => {
      n += 1;
      const id = uuidv7();
      ids.set(`${a.applicationId}:${r.reviewerId}`, id);
      return { id, callId: seeded.callId, applicationId: a.applicationId, reviewerId: r.reviewerId, source: 'auto' as const, points: n % 7, explanation: {}, createdAt: new Date(base + n * 1000) };
    }),
  );
  await t.campus.database.db.insert(reviewAssignments).values(rows);
  // The first reviewer keeps a draft of their first review: one pair "draft", the rest "not started".
  const first = ids.get(`${seeded.applicants[0]!.applicationId}:${seeded.reviewers[0]!.reviewerId}`)!;
  const draft = await seeded.reviewers[0]!.client!.put(`/api/v1/me/reviews/${first}`, { scores: { impact: 3 } });
  expect(draft.statusCode, draft.body).toBe(200);
}, 240_000);
afterAll(async () => {
  await t.close();
});

const list = async (query: string) => {
  const res = await seeded.staff.get(`/api/v1/admin/calls/${seeded.callId}/assignments${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AssignmentListT>();
};

describe('the pairs of a call page on the server', () => {
  it('walks all 72 pairs in pages of 20 in the order they were made, each once, with a short last page', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const p = await list(`?page=${page}&pageSize=20`);
      expect([p.total, p.page, p.pageSize, p.items.length]).toEqual([72, page, 20, page === 4 ? 12 : 20]);
      seen.push(...p.items.map((a) => a.id));
    }
    expect(new Set(seen).size).toBe(72);
    const second = await list('?page=2&pageSize=20');
    // Page 2 starts with the 21st pair made: the fourth applicant with the third reviewer.
    expect(second.items[0]!.id).toBe(ids.get(`${seeded.applicants[3]!.applicationId}:${seeded.reviewers[2]!.reviewerId}`));
    expect(second.items[0]!.applicantName).toBe('신청자 4');
    expect(second.items[0]!.reviewerName).toBe('심사위원 3');
    expect((await list('?page=5&pageSize=20')).items).toEqual([]);
    const d = await list('');
    expect([d.page, d.pageSize, d.items.length]).toEqual([1, 50, 50]);
  });

  it("filters by the applicant's name, the reviewer's name or address, and by the review's state; counts stay over the call", async () => {
    const one = await list(`?q=${encodeURIComponent('신청자 3')}`);
    expect(one.total).toBe(6);
    expect(one.items.every((a) => a.applicantName === '신청자 3')).toBe(true);
    const reviewer = await list(`?q=${encodeURIComponent('심사위원 2')}&pageSize=5&page=3`);
    expect([reviewer.total, reviewer.items.length]).toEqual([12, 2]);
    expect(reviewer.items.every((a) => a.reviewerName === '심사위원 2')).toBe(true);
    const byAddress = await list(`?q=${encodeURIComponent(seeded.reviewers[5]!.email.toUpperCase())}`);
    expect(byAddress.total).toBe(12);
    expect((await list('?q=%25')).total).toBe(0);

    const drafts = await list('?status=draft');
    expect(drafts.items.map((a) => [a.applicantName, a.reviewerName, a.reviewStatus])).toEqual([['신청자 1', '심사위원 1', 'draft']]);
    expect((await list('?status=not_started')).total).toBe(71);
    expect((await list(`?status=not_started&q=${encodeURIComponent('신청자 1')}`)).total).toBe(6 * 4 - 1); // 신청자 1, 10, 11, 12
    expect((await list('?status=submitted')).total).toBe(0);
    expect(drafts.counts).toEqual({ not_started: 71, draft: 1, submitted: 0 });
  });

  it('refuses a page size over the cap and an unknown state with field messages, in the reader’s language', async () => {
    const url = `/api/v1/admin/calls/${seeded.callId}/assignments`;
    const en = await seeded.staff.get(`${url}?pageSize=101`, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(400);
    const fields = (JSON.parse(en.body) as { error: { fields: { path: string; message: string }[] } }).error.fields;
    expect(fields.find((f) => f.path === 'pageSize')!.message).toMatch(/page size must be a whole number from 1 to 100/i);
    const ko = await seeded.staff.get(`${url}?pageSize=500`, { 'accept-language': 'ko' });
    expect(ko.statusCode).toBe(400);
    expect(ko.body).toContain('페이지 크기는 1부터 100까지');
    const status = await seeded.staff.get(`${url}?status=done`, { 'accept-language': 'en' });
    expect(status.statusCode).toBe(400);
    expect(status.body).toContain('"status"');
  });

  it('is for staff only: applicants, reviewers and strangers are refused', async () => {
    const url = `/api/v1/admin/calls/${seeded.callId}/assignments`;
    expect((await seeded.applicants[0]!.client.get(url)).statusCode).toBe(403);
    expect((await seeded.reviewers[0]!.client!.get(url)).statusCode).toBe(403);
    expect((await t.client().get(url)).statusCode).toBe(401);
  });
});
