import { beforeAll, describe, expect, it } from 'vitest';
import { AFFINITY_MAX, affinity, buildCandidates, type ApplicationProfile, type ReviewerProfile } from './affinity.js';
import { describeInfeasibility, explainPairing } from './explain.js';
import { buildAssignmentLp, diagnoseAssignment, isIntegral, solveAssignment, type SolverOutcome } from './model.js';
import { mulberry32 } from '../shared/random.js';

type Solve = (lp: string) => SolverOutcome;
let solve: Solve;
beforeAll(async () => {
  const highs = await (await import('highs')).default();
  solve = (lp) => highs.solve(lp, { output_flag: false } as never) as SolverOutcome;
});

const prng = mulberry32;
const SECTORS = ['civil_society', 'business', 'public'];
const TOPICS = ['housing', 'energy', 'care', 'mobility', 'food'];
const pick = <T>(rnd: () => number, from: readonly T[], n: number) => from.filter(() => rnd() < n / from.length);

function instance(seed: number, nApps: number, nReviewers: number, load: () => number) {
  const rnd = prng(seed);
  const apps: ApplicationProfile[] = Array.from({ length: nApps }, (_, i) => ({
    id: `A${i}`,
    email: `a${i}@${rnd() < 0.3 ? 'shared.org' : `app${i}.org`}`,
    organisation: null,
    sector: SECTORS[Math.floor(rnd() * SECTORS.length)],
    topics: pick(rnd, TOPICS, 2),
  }));
  const reviewers: ReviewerProfile[] = Array.from({ length: nReviewers }, (_, j) => ({
    id: `R${j}`,
    email: `r${j}@${rnd() < 0.3 ? 'shared.org' : 'gmail.com'}`,
    organisation: null,
    declaredConflicts: apps.filter(() => rnd() < 0.1).map((a) => a.id),
    sectors: pick(rnd, SECTORS, 1),
    topics: pick(rnd, TOPICS, 2),
    expertise: pick(rnd, [...TOPICS, ...SECTORS], 1),
    load: load(),
  }));
  return { apps, reviewers };
}

/** Best total by trying every k-subset of conflict-free reviewers per application (−1: none). */
function bruteForce(apps: ApplicationProfile[], reviewers: ReviewerProfile[], k: number, allowed: (a: number, r: number) => boolean): number {
  const used = new Array<number>(reviewers.length).fill(0);
  let best = -1;
  const go = (a: number, total: number) => {
    if (a === apps.length) {
      best = Math.max(best, total);
      return;
    }
    const choose = (from: number, left: number, sum: number) => {
      if (left === 0) return go(a + 1, total + sum);
      for (let r = from; r < reviewers.length; r++) {
        if (!allowed(a, r) || used[r]! >= reviewers[r]!.load) continue;
        used[r]!++;
        choose(r + 1, left - 1, sum + affinity(apps[a]!, reviewers[r]!).points);
        used[r]!--;
      }
    };
    choose(0, k, 0);
  };
  go(0, 0);
  return best;
}

describe('review assignment', () => {
  it('matches brute force on small random cases, without conflicts, within loads, k each', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const k = seed % 2 === 0 ? 2 : 1;
      const { apps, reviewers } = instance(seed, 4, 5, () => 1 + (seed % 3));
      const c = buildCandidates(apps, reviewers, { k, topK: 5 });
      const blocked = (a: number, r: number) => c.conflicts.get(apps[a]!.id)?.has(reviewers[r]!.id) ?? false;
      const best = bruteForce(apps, reviewers, k, (a, r) => !blocked(a, r));
      const result = await solveAssignment(c, solve);
      if (best < 0) {
        expect(result.status, `seed ${seed}`).toBe('infeasible');
        continue;
      }
      expect(result.status, `seed ${seed}`).toBe('assigned');
      if (result.status !== 'assigned') continue;
      expect(result.objective).toBe(best);
      const perApp = new Map<string, number>();
      const perReviewer = new Map<string, number>();
      for (const p of result.pairs) {
        expect(c.conflicts.get(p.applicationId)?.has(p.reviewerId) ?? false).toBe(false);
        perApp.set(p.applicationId, (perApp.get(p.applicationId) ?? 0) + 1);
        perReviewer.set(p.reviewerId, (perReviewer.get(p.reviewerId) ?? 0) + 1);
      }
      for (const a of apps) expect(perApp.get(a.id)).toBe(k);
      for (const r of reviewers) expect(perReviewer.get(r.id) ?? 0).toBeLessThanOrEqual(r.load);
      expect(result.pairs.reduce((s, p) => s + p.points, 0)).toBe(best);
    }
  });

  it('keeps a top-K cut with at least k conflict-free candidates and stays optimal on a larger case', async () => {
    const { apps, reviewers } = instance(99, 60, 30, () => 8);
    const c = buildCandidates(apps, reviewers, { k: 3, topK: 2 });
    expect(c.topK).toBe(3);
    for (let a = 0; a < apps.length; a++) expect(c.offsets[a + 1]! - c.offsets[a]!).toBe(Math.min(3, c.conflictFree[a]!));
    const wide = buildCandidates(apps, reviewers, { k: 3, topK: 10 });
    // Rows are best first and agree with the explained score.
    for (let a = 0; a < apps.length; a++) {
      for (let e = wide.offsets[a]!; e < wide.offsets[a + 1]!; e++) {
        expect(wide.points[e]).toBe(affinity(apps[a]!, reviewers[wide.reviewer[e]!]!).points);
        if (e > wide.offsets[a]!) expect(wide.points[e]!).toBeLessThanOrEqual(wide.points[e - 1]!);
      }
    }
    const lp = buildAssignmentLp(wide);
    expect(lp.variables).toBe(wide.reviewer.length);
    const outcome = solve(lp.text);
    expect(outcome.Status).toBe('Optimal');
    expect(isIntegral(wide, outcome)).toBe(true);
    // Integer re-solve proves the LP optimum is the 0/1 optimum (total unimodularity).
    expect(solve(buildAssignmentLp(wide, { integer: true }).text).ObjectiveValue).toBeCloseTo(outcome.ObjectiveValue, 6);
  });

  it('explains each pairing with the parts of its score', async () => {
    const app: ApplicationProfile = { id: 'A', email: 'a@x.org', sector: 'civil_society', topics: ['Housing', 'energy', 'care'] };
    const r: ReviewerProfile = { id: 'R', email: 'r@y.org', declaredConflicts: [], sectors: ['civil_society'], topics: ['housing', 'energy'], expertise: ['care'], load: 1 };
    const why = affinity(app, r);
    expect(why).toMatchObject({ sector: 'civil_society', sectorPoints: 300, sharedTopics: ['housing', 'energy'], topicPoints: 267, expertise: ['care'], expertisePoints: 75, points: 642 });
    const c = buildCandidates([app], [r], { k: 1 });
    const result = await solveAssignment(c, solve);
    if (result.status !== 'assigned') throw new Error(result.status);
    const text = explainPairing(result.pairs[0]!, why);
    expect(text.en).toBe(`Affinity 642/${AFFINITY_MAX} — same sector: civil_society (+300); shared topics: housing, energy (+267); declared expertise: care (+75). Candidate 1 of 1.`);
    expect(text.ko).toContain('같은 분야: civil_society');
  });

  it('says what to change when the request is infeasible', async () => {
    const apps: ApplicationProfile[] = Array.from({ length: 10 }, (_, i) => ({ id: `A${i}`, email: `a${i}@org${i}.kr`, topics: [] }));
    const reviewers: ReviewerProfile[] = Array.from({ length: 6 }, (_, j) => ({ id: `R${j}`, email: `r${j}@rev.kr`, declaredConflicts: j < 4 ? ['A0', 'A1', 'A2'] : [], sectors: [], topics: [], expertise: [], load: 3 }));
    const c = buildCandidates(apps, reviewers, { k: 3 });
    const result = await solveAssignment(c, () => {
      throw new Error('the solver must not run on a diagnosed request');
    });
    if (result.status !== 'infeasible') throw new Error(result.status);
    expect(result.reasons).toEqual([
      { code: 'not_enough_slots', needed: 30, available: 18, missing: 12 },
      { code: 'too_few_conflict_free_reviewers', k: 3, applications: ['A0', 'A1', 'A2'].map((id) => ({ id, conflictFree: 2 })) },
    ]);
    expect(describeInfeasibility(result.reasons[0]!).en).toContain('12 more review slots needed');
    expect(describeInfeasibility(result.reasons[1]!).en).toContain('3 applications have fewer than 3 reviewers free of conflict: A0 (2), A1 (2), A2 (2)');
    expect(describeInfeasibility(result.reasons[0]!).ko).toContain('12개 더 필요');
  });

  it('finds a narrow candidate cut and overbooked shared reviewers before solving', async () => {
    // Everyone's favourite is the same 3 reviewers; others have room but are cut off by topK = 3.
    const apps: ApplicationProfile[] = Array.from({ length: 4 }, (_, i) => ({ id: `A${i}`, email: `a${i}@a${i}.kr`, sector: 'care', topics: [] }));
    const reviewers: ReviewerProfile[] = Array.from({ length: 9 }, (_, j) => ({ id: `R${j}`, email: `r${j}@r.kr`, declaredConflicts: [], sectors: j < 3 ? ['care'] : [], topics: [], expertise: [], load: 2 }));
    const c = buildCandidates(apps, reviewers, { k: 3, topK: 3 });
    expect(diagnoseAssignment(c)).toEqual([{ code: 'candidate_cut_too_narrow', needed: 12, reachable: 6, topK: 3 }]);
    expect((await solveAssignment(buildCandidates(apps, reviewers, { k: 3, topK: 9 }), solve)).status).toBe('assigned');

    // Two applications can use only R0..R2 (conflicts with the rest), whose loads are 1 each.
    const apps2: ApplicationProfile[] = [0, 1, 2].map((i) => ({ id: `B${i}`, email: `b${i}@b${i}.kr`, topics: [] }));
    const reviewers2: ReviewerProfile[] = Array.from({ length: 8 }, (_, j) => ({ id: `S${j}`, email: `s${j}@s.kr`, declaredConflicts: j >= 3 ? ['B0', 'B1'] : [], sectors: [], topics: [], expertise: [], load: j < 3 ? 1 : 3 }));
    const reasons = diagnoseAssignment(buildCandidates(apps2, reviewers2, { k: 2 }));
    expect(reasons).toEqual([{ code: 'shared_reviewers_overloaded', applicationIds: ['B0', 'B1'], reviewerIds: expect.arrayContaining(['S0', 'S1', 'S2']), needed: 4, available: 3 }]);
    expect(describeInfeasibility(reasons[0]!).en).toContain("raise those reviewers' loads by 1");

    // Nothing cut, loads suffice in total, but conflicts leave C0, C1 only T0..T4 with load 1 each.
    const apps3: ApplicationProfile[] = [0, 1].map((i) => ({ id: `C${i}`, email: `c${i}@c${i}.kr`, topics: [] }));
    const reviewers3: ReviewerProfile[] = Array.from({ length: 6 }, (_, j) => ({ id: `T${j}`, email: `t${j}@t.kr`, declaredConflicts: j === 5 ? ['C0', 'C1'] : [], sectors: [], topics: [], expertise: [], load: j < 5 ? 1 : 4 }));
    expect(diagnoseAssignment(buildCandidates(apps3, reviewers3, { k: 3 }))).toEqual([
      { code: 'shared_reviewers_overloaded', applicationIds: ['C0', 'C1'], reviewerIds: ['T0', 'T1', 'T2', 'T3', 'T4'], needed: 6, available: 5 },
    ]);
  });

  it('reports an infeasibility the pre-checks miss as data, not an exception', async () => {
    // Hall violation on a set no pre-check looks at: C0..C2 (5 candidates each, not "tight") need
    // 6 reviews from T0..T4 whose loads total 5; the whole graph and the tight set look fine.
    const apps: ApplicationProfile[] = ['C0', 'C1', 'C2', 'D0', 'D1'].map((id) => ({ id, email: `${id}@${id}.kr`, topics: [] }));
    const reviewers: ReviewerProfile[] = Array.from({ length: 9 }, (_, j) => ({ id: `T${j}`, email: `t${j}@t.kr`, declaredConflicts: j >= 5 ? ['C0', 'C1', 'C2'] : [], sectors: [], topics: [], expertise: [], load: j < 5 ? 1 : 10 }));
    const c = buildCandidates(apps, reviewers, { k: 2 });
    expect(diagnoseAssignment(c)).toEqual([]);
    const result = await solveAssignment(c, solve);
    expect(result).toEqual({ status: 'infeasible', reasons: [{ code: 'no_assignment_exists' }] });
    expect(describeInfeasibility({ code: 'no_assignment_exists' }).en).toContain('Raise loads');
  });
  it('places only the reviews still needed, never on a pair already kept, and says so in numbers', async () => {
    const { apps, reviewers } = instance(7, 6, 6, () => 4);
    // A0 keeps R0 and R1 (needs one more), A1 keeps three (needs none), the rest need all three.
    const kept = new Map<string, ReadonlySet<string>>([['A0', new Set(['R0', 'R1'])], ['A1', new Set(['R2', 'R3', 'R4'])]]);
    const need = apps.map((a) => 3 - (kept.get(a.id)?.size ?? 0));
    const clean = reviewers.map((r) => ({ ...r, declaredConflicts: [] }));
    const c = buildCandidates(apps, clean, { k: 3, need, exclude: kept, conflicts: new Map() });
    expect([...c.need]).toEqual([1, 0, 3, 3, 3, 3]);
    expect(c.offsets[2]! - c.offsets[1]!).toBe(0);
    const result = await solveAssignment(c, solve);
    if (result.status !== 'assigned') throw new Error(result.status);
    const per = new Map<string, string[]>();
    for (const p of result.pairs) per.set(p.applicationId, [...(per.get(p.applicationId) ?? []), p.reviewerId]);
    expect(per.get('A0')).toHaveLength(1);
    expect(['R0', 'R1']).not.toContain(per.get('A0')![0]);
    expect(per.has('A1')).toBe(false);
    for (const id of ['A2', 'A3', 'A4', 'A5']) expect(per.get(id)).toHaveLength(3);
    // Two reviewers in all, one kept on A0: A0 still needs two, only R1 is free → short by one.
    const two = clean.slice(0, 2);
    const d = diagnoseAssignment(buildCandidates([apps[0]!], two, { k: 3, need: [2], exclude: new Map([['A0', new Set(['R0'])]]), conflicts: new Map() }));
    expect(d).toContainEqual({ code: 'too_few_conflict_free_reviewers', k: 3, applications: [{ id: 'A0', conflictFree: 2 }] });
  });
});
