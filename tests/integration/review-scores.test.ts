/**
 * The staff scores view: a harsh reviewer is corrected by calibration (offset negative, the
 * applications they read rise above their raw mean), disagreement is flagged, and "flips" says
 * whether leaving out any single reviewer would move an application across the top-`capacity`
 * line — checked here against refits done without that reviewer.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrate, compareIds, type Review } from '../../src/core/recruitment/calibration.js';
import { accessLog } from '../../src/platform/db/schema/index.js';
import type { ScoresViewT } from '../../src/shared/contracts/review.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { assignByHand, scoreAndSubmit, seedReviewableCall, type SeededCall } from '../factories/review.js';

let t: TestApp;
let seeded: SeededCall;
let view: ScoresViewT;
/** Score s on both criteria gives a total of (s − 1) / 4 × 100. */
const total = (s: number) => ((s - 1) / 4) * 100;

// Quality per application (as a score on 1..5) and who reads it. N1 and N2 score fairly; H scores
// two points lower than the others would. E and F split N1 and N2 completely, in both directions,
// so neither of them looks lenient.
const plan: Record<string, { reviewers: ('N1' | 'N2' | 'H')[]; scores: number[] }> = {
  A: { reviewers: ['N1', 'N2'], scores: [4, 4] },
  B: { reviewers: ['N1', 'H'], scores: [4, 2] },
  C: { reviewers: ['N2', 'H'], scores: [3, 1] },
  D: { reviewers: ['N1', 'N2'], scores: [3, 3] },
  E: { reviewers: ['N1', 'N2'], scores: [5, 1] },
  F: { reviewers: ['N1', 'N2'], scores: [1, 5] },
  G: { reviewers: ['N2', 'H'], scores: [4, 2] },
};
const names = Object.keys(plan);

beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedReviewableCall(t, { k: 2, call: { capacity: 2 }, applicants: names.map((name) => ({ name })), reviewers: [{ name: 'N1' }, { name: 'N2' }, { name: 'H' }] });
  const reviewerOf = { N1: seeded.reviewers[0]!, N2: seeded.reviewers[1]!, H: seeded.reviewers[2]! };
  for (const [i, name] of names.entries()) {
    const app = seeded.applicants[i]!;
    for (const [j, who] of plan[name]!.reviewers.entries()) {
      const r = reviewerOf[who];
      const id = await assignByHand(seeded.staff, seeded.callId, app.applicationId, r.reviewerId);
      const s = plan[name]!.scores[j]!;
      await scoreAndSubmit(r.client!, id, { impact: s, feasibility: s });
    }
  }
  const res = await seeded.staff.get(`/api/v1/admin/calls/${seeded.callId}/scores`);
  expect(res.statusCode, res.body).toBe(200);
  view = res.json<ScoresViewT>();
});
afterAll(async () => {
  await t.close();
});

const appOf = (name: string) => view.items.find((a) => a.applicantName === name)!;

describe('the scores view', () => {
  it('lists every application with its reviews and raw mean', () => {
    expect(view.capacity).toBe(2);
    expect(view.items.map((a) => a.applicantName).sort()).toEqual(names);
    for (const name of names) {
      const a = appOf(name);
      expect(a.reviews).toHaveLength(2);
      expect(a.rawMean).toBeCloseTo((total(plan[name]!.scores[0]!) + total(plan[name]!.scores[1]!)) / 2, 6);
      for (const r of a.reviews) expect(r.scores).toEqual({ impact: expect.any(Number), feasibility: expect.any(Number) });
    }
  });

  it('corrects the harsh reviewer: a negative offset, and the applications they read rise above their raw mean', () => {
    const h = view.reviewers.find((r) => r.reviewerId === seeded.reviewers[2]!.reviewerId)!;
    const fair = view.reviewers.filter((r) => r.reviewerId !== h.reviewerId);
    expect(h.offset).toBeLessThan(-10);
    for (const r of fair) expect(r.offset).toBeGreaterThan(h.offset);
    expect(h).toMatchObject({ name: 'H', reviews: 3 });
    // What H read rises against its raw mean; what only fair reviewers read does not.
    for (const name of ['B', 'C', 'G']) expect(appOf(name).calibrated!, name).toBeGreaterThan(appOf(name).rawMean!);
    for (const name of ['A', 'D']) expect(appOf(name).calibrated!, name).toBeLessThan(appOf(name).rawMean!);
    // Raw means tie B with D (50); calibrated, B is clearly ahead.
    expect(appOf('B').rawMean).toBeCloseTo(appOf('D').rawMean!, 6);
    expect(appOf('B').calibrated!).toBeGreaterThan(appOf('D').calibrated! + 10);
    // Each review's adjusted score is its total with the reviewer's offset removed.
    const hReview = appOf('B').reviews.find((r) => r.reviewerId === h.reviewerId)!;
    expect(hReview.adjusted).toBeCloseTo(hReview.total - h.offset, 9);
  });

  it('flags disagreement and ranks by calibrated score with the top `capacity` marked', () => {
    expect(appOf('E').disagreement).toBe(true);
    expect(appOf('E').spread).toBeCloseTo(Math.sqrt(((100 - 50) ** 2 + (0 - 50) ** 2) / 1), 6);
    expect(appOf('A').disagreement).toBe(false);
    const ranks = view.items.map((a) => a.rank);
    expect(ranks).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const calibrated = view.items.map((a) => a.calibrated!);
    expect([...calibrated].sort((x, y) => y - x)).toEqual(calibrated);
    expect(view.items.filter((a) => a.inTop).map((a) => a.rank)).toEqual([1, 2]);
  });

  it('says which applications would flip without a single reviewer, matching refits without each one', () => {
    const reviews: Review[] = [];
    for (const a of view.items) for (const r of a.reviews) reviews.push({ applicationId: a.applicationId, reviewerId: r.reviewerId, score: r.total });
    const top = (scores: Map<string, number>) =>
      new Set([...scores].sort((x, y) => y[1] - x[1] || compareIds(x[0], y[0])).slice(0, 2).map(([id]) => id));
    const fit = (list: Review[]) => new Map(calibrate(list).applications.map((a) => [a.applicationId, a.calibrated]));
    const base = top(fit(reviews));
    for (const a of view.items) {
      const expected = view.reviewers
        .map((r) => r.reviewerId)
        .filter((rid) => {
          const without = reviews.filter((x) => x.reviewerId !== rid);
          return base.has(a.applicationId) !== top(fit(without)).has(a.applicationId);
        })
        .sort(compareIds);
      expect(a.flippingReviewers, a.applicantName).toEqual(expected);
      expect(a.flips).toBe(expected.length > 0);
      expect(a.inTop).toBe(base.has(a.applicationId));
    }
    // With two reviews each, someone's removal matters somewhere.
    expect(view.items.some((a) => a.flips)).toBe(true);
  });

  it('is staff only and access-logged with the applications shown', async () => {
    const rows = await t.campus.database.db.select().from(accessLog).where(eq(accessLog.actorId, seeded.staff.userId));
    const row = rows.find((r) => (r.detail as { list?: string }).list === 'scores')!;
    expect(row.subjectCount).toBe(names.length);
    expect((await seeded.reviewers[0]!.client!.get(`/api/v1/admin/calls/${seeded.callId}/scores`)).statusCode).toBe(403);
  });

  it('exports the scores as CSV and XLSX only with a reason, each download in the access log', async () => {
    const base = `/api/v1/admin/calls/${seeded.callId}/scores/export`;
    const without = await seeded.staff.get(`${base}.csv`);
    expect(without.statusCode).toBe(400);
    expect(without.json().error.fields[0].path).toBe('reason');
    const before = (await t.campus.database.db.select().from(accessLog).where(eq(accessLog.action, 'download'))).length;
    const csv = await seeded.staff.get(`${base}.csv?reason=${encodeURIComponent('선정 회의 자료')}`, { 'accept-language': 'en' });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Calibrated score');
    expect(lines).toHaveLength(names.length + 1);
    // Best first, as on the page: the row of the top application carries its calibrated score.
    const top = view.items[0]!;
    expect(lines[1]).toContain(top.applicantName);
    expect(lines[1]).toContain(String(Math.round(top.calibrated! * 100) / 100));
    const xlsx = await seeded.staff.get(`${base}.xlsx?reason=${encodeURIComponent('선정 회의 자료')}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const downloads = (await t.campus.database.db.select().from(accessLog).where(eq(accessLog.action, 'download'))).slice(before);
    expect(downloads).toHaveLength(2);
    expect(downloads[0]!.reason).toBe('선정 회의 자료');
    expect(downloads[0]!.subjectIds).toHaveLength(names.length);
    const member = await t.signedIn();
    expect((await member.get(`${base}.csv?reason=abcdef`)).statusCode).toBe(403);
  });
});
