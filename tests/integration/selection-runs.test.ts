/**
 * Selection runs over HTTP on a real database and the real solver pool: quotas that bind (and the
 * explanations that say which quota bound whom), seeded ties and replay, locks, infeasible quota
 * sets explained in Korean and English (201, never 500), unscored applications listed apart,
 * staff-only access and the access log of names shown.
 */
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, selectionRuns } from '../../src/platform/db/schema/index.js';
import type { SelectionReplayViewT, SelectionRunListT, SelectionRunViewT } from '../../src/shared/contracts/selection.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { seedSelectionCall, type SeedApplicant } from '../factories/selection.js';

let t: TestApp;
let staff: TestClient & { userId: string };

beforeAll(async () => {
  t = await startTestApp();
  staff = await t.signedIn(['staff']);
});
afterAll(async () => {
  await t.close();
});

const db = () => t.campus.database.db;

async function run(callId: string, body: Record<string, unknown> = {}): Promise<SelectionRunViewT> {
  const res = await staff.post(`/api/v1/admin/calls/${callId}/selection-runs`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<SelectionRunViewT>();
}

const byName = (view: SelectionRunViewT, name: string) => {
  const a = view.applicants.find((x) => x.name === name);
  if (!a) throw new Error(`no applicant ${name}`);
  return a;
};

/** Four seats; company at most 1, public at least 2. Ranking alone would take A, B, C, D. */
const QUOTA_APPLICANTS: SeedApplicant[] = [
  { name: 'A', sector: 'company', scores: [90] },
  { name: 'B', sector: 'company', scores: [88] },
  { name: 'C', sector: 'civil', scores: [86] },
  { name: 'D', sector: 'civil', scores: [84] },
  { name: 'E', sector: 'public', scores: [70] },
  { name: 'F', sector: 'public', scores: [60] },
  { name: 'G', sector: 'university', scores: [50] },
  { name: 'H', sector: 'public', scores: [40] },
  { name: 'I', sector: 'civil', scores: [] },
];
const QUOTAS = [
  { attribute: 'sector', value: 'public', min: 2 },
  { attribute: 'sector', value: 'company', max: 1 },
];

describe('a run with binding sector quotas', () => {
  it('selects under the quotas and says which quota bound whom', async () => {
    const { callId } = await seedSelectionCall(db(), { capacity: 4, quotas: QUOTAS, applicants: QUOTA_APPLICANTS });
    const view = await run(callId, { seed: 'quota-test' });

    expect(view.status).toBe('optimal');
    expect(view.solverStatus).toBe('Optimal');
    expect(view.gap).toBe(0);
    expect(view.candidateCount).toBe(8);
    expect(view.applicants.filter((a) => a.status === 'selected').map((a) => a.name)).toEqual(['A', 'C', 'E', 'F']);
    expect(view.applicants.filter((a) => a.status === 'waitlisted').map((a) => [a.name, a.waitlistPosition])).toEqual([
      ['B', 1],
      ['D', 2],
      ['G', 3],
      ['H', 4],
    ]);
    // Calibration shifts everyone by the one reviewer's offset: differences keep the raw totals' distances.
    const f = byName(view, 'F');
    expect(view.cutScore).toBeCloseTo(f.score, 9);
    expect(byName(view, 'A').margin).toBeCloseTo(30, 6);
    expect(byName(view, 'G').margin).toBeCloseTo(-10, 6);
    expect(byName(view, 'A').rank).toBe(1);
    expect(byName(view, 'A').rawMean).toBe(90);
    expect(byName(view, 'A').reviews).toBe(1);

    // The bindings name the quota and its numbers, in both languages.
    expect(byName(view, 'E').bindings).toMatchObject([{ code: 'min_quota', quotaIndex: 0, attribute: 'sector', value: 'public', limit: 2, count: 2 }]);
    expect(byName(view, 'F').bindings[0]!.code).toBe('min_quota');
    expect(byName(view, 'B').bindings).toMatchObject([{ code: 'max_quota', quotaIndex: 1, value: 'company', limit: 1, count: 1 }]);
    expect(byName(view, 'D').bindings).toMatchObject([{ code: 'displaced_by_min_quota', quotaIndex: 0 }]);
    expect(byName(view, 'A').bindings).toEqual([]);
    expect(byName(view, 'E').bindings[0]!.text).toEqual({ ko: '분야: 공공 최소 2명 할당을 채우려고 선발되었습니다(현재 2명).', en: 'Selected to meet the minimum of 2 for Sector: Public sector (now 2).' });
    expect(byName(view, 'B').explanation.en).toContain('waitlist no. 1');
    expect(byName(view, 'B').explanation.en).toContain('The maximum of 1 for Sector: Company is reached');
    expect(byName(view, 'B').explanation.ko).toContain('대기자 1번');
    expect(byName(view, 'A').explanation.en).toMatch(/^Rank 1, score [\d.]+: selected, 30\.00 above the cut score/);

    expect(view.quotas).toEqual([
      { index: 0, attribute: 'sector', value: 'public', label: { ko: '분야: 공공', en: 'Sector: Public sector' }, min: 2, max: null, candidates: 3, selected: 2, tight: 'min' },
      { index: 1, attribute: 'sector', value: 'company', label: { ko: '분야: 기업', en: 'Sector: Company' }, min: null, max: 1, candidates: 2, selected: 1, tight: 'max' },
    ]);

    // The application without a submitted review is listed, not silently dropped.
    expect(view.notScoredCount).toBe(1);
    expect(view.notScored).toMatchObject([{ name: 'I', text: { ko: '제출된 심사가 없어 순위를 매기지 않았습니다.', en: 'No submitted review yet, so not ranked.' } }]);

    // The whole core record is stored with its status and seed.
    const [row] = await db().select().from(selectionRuns).where(eq(selectionRuns.id, view.id));
    expect(row!.status).toBe('optimal');
    expect(row!.seed).toBe('quota-test');
    expect(row!.run).toMatchObject({ modelVersion: 1, input: { capacity: 4, seed: 'quota-test' }, solver: { status: 'Optimal' }, notScored: [view.notScored[0]!.applicationId] });

    // GET gives the same view; the names shown are in the access log.
    const again = await staff.get(`/api/v1/admin/selection-runs/${view.id}`);
    expect(again.statusCode).toBe(200);
    expect(again.json<SelectionRunViewT>().applicants).toEqual(view.applicants);
    const [logged] = await db().select().from(accessLog).where(eq(accessLog.actorId, staff.userId)).orderBy(desc(accessLog.at), desc(accessLog.id)).limit(1);
    expect(logged).toMatchObject({ action: 'view', subjectType: 'application', subjectCount: 9, detail: { callId, selectionRunId: view.id } });

    const list = await staff.get(`/api/v1/admin/calls/${callId}/selection-runs`);
    expect(list.json<SelectionRunListT>().runs).toMatchObject([{ id: view.id, status: 'optimal', selectedCount: 4, waitlistCount: 4, finalised: false }]);
  });

  it('keeps locks: locked in and locked out people are explained as such', async () => {
    const { callId, applicants } = await seedSelectionCall(db(), { capacity: 4, quotas: QUOTAS, applicants: QUOTA_APPLICANTS });
    const id = (name: string) => applicants.find((a) => a.name === name)!.applicationId;
    const view = await run(callId, { seed: 'locks', locks: { in: [id('G')], out: [id('A')] } });
    expect(view.status).toBe('optimal');
    expect(view.locks).toEqual({ in: [id('G')], out: [id('A')] });
    expect(byName(view, 'G')).toMatchObject({ status: 'selected', bindings: [{ code: 'locked_in' }] });
    expect(byName(view, 'A')).toMatchObject({ status: 'excluded', waitlistPosition: null, bindings: [{ code: 'locked_out' }] });
    expect(byName(view, 'A').explanation.en).toContain('Locked out by staff.');
    expect(view.applicants.filter((a) => a.status === 'selected').map((a) => a.name)).toEqual(['B', 'E', 'F', 'G']);
  });
});

describe('ties and replay', () => {
  const tied: SeedApplicant[] = ['P', 'Q', 'R', 'S', 'T'].map((name) => ({ name, sector: 'civil', scores: [80] }));

  it('breaks exact ties by the stored seed: same seed, same result; replay is identical', async () => {
    const { callId } = await seedSelectionCall(db(), { capacity: 2, applicants: tied });
    const first = await run(callId, { seed: 'alpha' });
    const second = await run(callId, { seed: 'alpha' });
    const selected = (v: SelectionRunViewT) => v.applicants.filter((a) => a.status === 'selected').map((a) => a.applicationId);
    expect(selected(first)).toHaveLength(2);
    expect(selected(second)).toEqual(selected(first));
    expect(second.applicants.map((a) => a.applicationId)).toEqual(first.applicants.map((a) => a.applicationId));

    const replay = await staff.post(`/api/v1/admin/selection-runs/${first.id}/replay`);
    expect(replay.statusCode, replay.body).toBe(200);
    const r = replay.json<SelectionReplayViewT>();
    expect(r.identical).toBe(true);
    expect(r.replay).toEqual(r.stored);
    expect(r.stored.selected).toEqual(selected(first));

    // Other seeds order the tie differently (with 5 tied for 2 seats, some of six seeds must differ).
    const others = [];
    for (const seed of ['b', 'c', 'd', 'e', 'f', 'g']) others.push(JSON.stringify(selected(await run(callId, { seed }))));
    expect(new Set([JSON.stringify(selected(first)), ...others]).size).toBeGreaterThan(1);
  });

  it('draws and stores a seed when none is given, and passes the time limit through', async () => {
    const { callId } = await seedSelectionCall(db(), { capacity: 2, applicants: tied });
    const view = await run(callId, { timeLimitSeconds: 5 });
    expect(view.seed).toMatch(/^[0-9a-f]{16}$/);
    expect(view.timeLimitSeconds).toBe(5);
    const replay = (await staff.post(`/api/v1/admin/selection-runs/${view.id}/replay`)).json<SelectionReplayViewT>();
    expect(replay.identical).toBe(true);
  });

  it('refuses malformed input with field messages', async () => {
    const { callId } = await seedSelectionCall(db(), { capacity: 2, applicants: tied });
    for (const body of [{ seed: 'has space' }, { timeLimitSeconds: 0 }, { locks: { in: ['nope'] } }, { status: 'optimal' }]) {
      const res = await staff.post(`/api/v1/admin/calls/${callId}/selection-runs`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await staff.post('/api/v1/admin/calls/00000000-0000-4000-8000-000000000000/selection-runs', {})).statusCode).toBe(404);
    expect((await staff.get('/api/v1/admin/selection-runs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('infeasible quota sets are explained, not failed', () => {
  it('a minimum above the candidates available: 201, status infeasible, reasons in ko and en', async () => {
    const { callId } = await seedSelectionCall(db(), {
      capacity: 4,
      quotas: [{ attribute: 'sector', value: 'public', min: 5 }],
      applicants: QUOTA_APPLICANTS,
    });
    const view = await run(callId, { seed: 'x' });
    expect(view.status).toBe('infeasible');
    expect(view.solverStatus).toBeNull();
    expect(view.applicants).toEqual([]);
    const codes = view.reasons.map((r) => r.code);
    expect(codes).toContain('quota_min_exceeds_candidates');
    const reason = view.reasons.find((r) => r.code === 'quota_min_exceeds_candidates')!;
    expect(reason.params).toMatchObject({ min: 5, available: 3 });
    expect(reason.text.ko).toContain('분야: 공공');
    expect(reason.text.ko).toContain('5명');
    expect(reason.text.en).toContain('needs at least 5 people but only 3 candidates');
    expect(view.quotas[0]!.tight).toBeNull();
    // A stored infeasible run cannot be finalised.
    const fin = await staff.post(`/api/v1/admin/selection-runs/${view.id}/finalise`);
    expect(fin.statusCode).toBe(409);
    expect(fin.json<{ error: { code: string } }>().error.code).toBe('selection.state_run_not_finalisable');
  });

  it('quotas on two attributes that clash are proven infeasible by the solver and named', async () => {
    const { callId } = await seedSelectionCall(db(), {
      capacity: 2,
      quotas: [
        { attribute: 'sector', value: 'public', min: 2 },
        { attribute: 'region', value: 'seoul', min: 2 },
      ],
      applicants: [
        { name: 'p1', sector: 'public', answers: { region: 'other' }, scores: [70] },
        { name: 'p2', sector: 'public', answers: { region: 'other' }, scores: [60] },
        { name: 's1', sector: 'civil', answers: { region: 'seoul' }, scores: [80] },
        { name: 's2', sector: 'civil', answers: { region: 'seoul' }, scores: [50] },
      ],
    });
    const view = await run(callId);
    expect(view.status).toBe('infeasible');
    expect(view.solverStatus).toBe('Infeasible');
    expect(view.reasons).toHaveLength(1);
    expect(view.reasons[0]!.code).toBe('quota_combination_infeasible');
    expect(view.reasons[0]!.text.en).toContain('(Sector: Public sector, Region: Seoul)');
    expect(view.reasons[0]!.text.ko).toContain('분야: 공공, 지역: 서울');
  });

  it('a lock on an application that is not a candidate is a reason, with the name', async () => {
    const { callId, applicants } = await seedSelectionCall(db(), { capacity: 2, applicants: QUOTA_APPLICANTS });
    const unscored = applicants.find((a) => a.name === 'I')!.applicationId;
    const view = await run(callId, { locks: { in: [unscored] } });
    expect(view.status).toBe('infeasible');
    expect(view.reasons[0]).toMatchObject({ code: 'unknown_locked_candidate', params: { id: unscored } });
    expect(view.reasons[0]!.text.en).toContain('(I)');
  });
});

describe('permissions', () => {
  it('only staff reach selection runs and the outbox', async () => {
    const { callId } = await seedSelectionCall(db(), { capacity: 1, applicants: [{ sector: 'civil', scores: [50] }] });
    const view = await run(callId);
    const member = await t.signedIn();
    const reviewer = await t.signedIn(['reviewer']);
    const anonymous = t.client();
    const attempts: [string, string][] = [
      ['POST', `/api/v1/admin/calls/${callId}/selection-runs`],
      ['GET', `/api/v1/admin/calls/${callId}/selection-runs`],
      ['GET', `/api/v1/admin/selection-runs/${view.id}`],
      ['POST', `/api/v1/admin/selection-runs/${view.id}/replay`],
      ['POST', `/api/v1/admin/selection-runs/${view.id}/finalise`],
      ['GET', '/api/v1/admin/outbox'],
      ['POST', '/api/v1/admin/outbox/send'],
    ];
    for (const [method, url] of attempts) {
      const send = (c: TestClient) => (method === 'GET' ? c.get(url) : c.post(url, {}));
      expect((await send(member)).statusCode, `${method} ${url}`).toBe(403);
      expect((await send(reviewer)).statusCode, `${method} ${url}`).toBe(403);
      expect((await send(anonymous)).statusCode, `${method} ${url}`).toBe(401);
    }
  });
});
