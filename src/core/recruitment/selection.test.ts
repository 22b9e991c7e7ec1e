import { beforeAll, describe, expect, it } from 'vitest';
import { buildSelectionModel, checkSelectionInput, replaySelection, runSelection, type Candidate, type Quota, type SelectionInput, type Solve } from './selection.js';

let solve: Solve;
beforeAll(async () => {
  const highs = await (await import('highs')).default();
  solve = (lp) => {
    const r = highs.solve(lp, { mip_rel_gap: 0 });
    const columns: Record<string, number> = {};
    for (const [name, col] of Object.entries(r.Columns)) if ('Primal' in col) columns[name] = col.Primal;
    return { status: r.Status, columns, objective: r.Status === 'Optimal' ? r.ObjectiveValue : null };
  };
});

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
const SECTORS = ['company', 'public', 'university', 'civil_society'];

function pool(n: number, seed: number, decimals = 2): Candidate[] {
  const next = rng(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `c${String(i).padStart(3, '0')}`,
    // Company applicants score higher on average, so quotas have something to do.
    score: Math.round((40 + 50 * next() + (i % 4 === 0 ? 10 : 0)) * 10 ** decimals) / 10 ** decimals,
    attributes: { sector: SECTORS[i % 4]!, gender: next() < 0.5 ? 'f' : 'm' },
  }));
}

const countBy = (cs: readonly Candidate[], ids: readonly string[], q: Quota) => cs.filter((c) => ids.includes(c.id) && c.attributes[q.attribute] === q.value).length;

/** Exhaustive optimum: most seats first, then the highest total score. */
function bruteForce(input: SelectionInput): { seats: number; total: number } | null {
  const cs = input.candidates;
  let best: { seats: number; total: number } | null = null;
  for (let mask = 0; mask < 1 << cs.length; mask++) {
    const ids = cs.filter((_, i) => mask & (1 << i)).map((c) => c.id);
    if (ids.length > input.capacity) continue;
    if (input.locks?.in.some((id) => !ids.includes(id)) || input.locks?.out.some((id) => ids.includes(id))) continue;
    if (!input.quotas.every((q) => (q.min ?? 0) <= countBy(cs, ids, q) && countBy(cs, ids, q) <= (q.max ?? Infinity))) continue;
    const total = cs.filter((c) => ids.includes(c.id)).reduce((s, c) => s + c.score, 0);
    if (!best || ids.length > best.seats || (ids.length === best.seats && total > best.total + 1e-9)) best = { seats: ids.length, total };
  }
  return best;
}

/** With quotas on one attribute only, filling each minimum first and then the rest by score is optimal. */
function greedy(cs: readonly Candidate[], capacity: number, quotas: readonly Quota[]): number {
  const sorted = [...cs].sort((a, b) => b.score - a.score);
  const chosen = new Set<string>();
  for (const q of quotas) for (const c of sorted.filter((c) => c.attributes.sector === q.value).slice(0, q.min ?? 0)) chosen.add(c.id);
  for (const c of sorted) {
    if (chosen.size >= capacity) break;
    if (chosen.has(c.id)) continue;
    const q = quotas.find((x) => x.value === c.attributes.sector);
    if (q?.max !== undefined && [...chosen].filter((id) => cs.find((x) => x.id === id)!.attributes.sector === q.value).length >= q.max) continue;
    chosen.add(c.id);
  }
  return cs.filter((c) => chosen.has(c.id)).reduce((s, c) => s + c.score, 0);
}

const sectorQuotas: Quota[] = [
  { attribute: 'sector', value: 'company', min: 5, max: 8 },
  { attribute: 'sector', value: 'public', min: 6 },
  { attribute: 'sector', value: 'university', min: 5, max: 9 },
  { attribute: 'sector', value: 'civil_society', min: 6 },
];

describe('runSelection with HiGHS', () => {
  it('selects 30 of 200 under sector quotas, optimally, and explains each outcome', async () => {
    const candidates = pool(200, 1);
    const input: SelectionInput = { candidates, capacity: 30, quotas: sectorQuotas, seed: 42 };
    const run = await runSelection(input, solve);
    const r = run.result;
    expect(r.status).toBe('optimal');
    expect(run.solver).toMatchObject({ status: 'Optimal', gap: 0 });
    expect(r.selected).toHaveLength(30);
    for (const q of sectorQuotas) {
      const n = countBy(candidates, r.selected, q);
      expect(n).toBeGreaterThanOrEqual(q.min ?? 0);
      expect(n).toBeLessThanOrEqual(q.max ?? Infinity);
    }
    expect(r.totalScore).toBeCloseTo(greedy(candidates, 30, sectorQuotas), 6);
    expect(r.waitlist).toHaveLength(170);
    expect(r.explanations.map((e) => e.rank)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));

    // Companies hit their maximum: the best company applicant left out is told so.
    const strongOut = r.explanations.find((e) => e.status === 'waitlisted' && e.margin! > 0)!;
    expect(strongOut.bindings).toContainEqual({ code: 'max_quota', quotaIndex: 0, attribute: 'sector', value: 'company', limit: 8, count: 8 });
    expect(candidates.find((c) => c.id === strongOut.id)!.attributes.sector).toBe('company');
    // Someone in below a waitlisted applicant's score is in on a minimum.
    const forcedIn = r.explanations.filter((e) => e.status === 'selected' && e.bindings.some((b) => b.code === 'min_quota'));
    expect(forcedIn.length).toBeGreaterThan(0);
    expect(Math.min(...r.explanations.filter((e) => e.status === 'selected').map((e) => e.margin!))).toBe(0);
    expect(r.explanations.filter((e) => e.status === 'waitlisted').every((e) => e.waitlistPosition! >= 1)).toBe(true);
  });

  it('matches exhaustive search on small instances with two attributes and locks', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const candidates = pool(11, seed);
      const quotas: Quota[] = [
        { attribute: 'sector', value: 'public', min: 1 },
        { attribute: 'sector', value: 'company', max: 1 },
        { attribute: 'gender', value: 'f', min: 2 },
      ];
      const input: SelectionInput = { candidates, capacity: 4, quotas, locks: { in: [candidates[seed]!.id], out: [candidates[0]!.id] }, seed };
      const expected = bruteForce(input);
      const r = (await runSelection(input, solve)).result;
      if (!expected) {
        expect(r.status).toBe('infeasible');
        continue;
      }
      expect(r.status).toBe('optimal');
      expect(r.selected).toHaveLength(expected.seats);
      expect(r.totalScore).toBeCloseTo(expected.total, 6);
      expect(r.selected).toContain(candidates[seed]!.id);
      expect(r.selected).not.toContain(candidates[0]!.id);
      expect(r.explanations.find((e) => e.id === candidates[0]!.id)).toMatchObject({ status: 'excluded', waitlistPosition: null, bindings: [{ code: 'locked_out' }] });
    }
  });

  it('replays a stored run to the same result', async () => {
    const run = await runSelection({ candidates: pool(60, 5, 0), capacity: 12, quotas: sectorQuotas.map((q) => ({ ...q, min: 2, max: 4 })), seed: 'run-2019-07' }, solve);
    const stored = JSON.parse(JSON.stringify(run));
    const { identical, replay } = await replaySelection(stored, solve);
    expect(identical).toBe(true);
    expect(replay.result).toEqual(run.result);
  });

  it('lets the seed decide only among equal scores', async () => {
    // Whole-number scores on 60 people: plenty of exact ties at the cut.
    const tied = pool(60, 9, 0);
    const distinct = pool(60, 9, 2).map((c, i) => ({ ...c, score: c.score + i * 1e-3 }));
    const quotas: Quota[] = [{ attribute: 'sector', value: 'public', min: 3 }];
    const outcomes = await Promise.all(
      [1, 2, 3, 4, 5].map(async (seed) => ({
        tied: (await runSelection({ candidates: tied, capacity: 15, quotas, seed }, solve)).result,
        distinct: (await runSelection({ candidates: distinct, capacity: 15, quotas, seed, scoreResolution: 1e-4 }, solve)).result,
      })),
    );
    const first = outcomes[0]!;
    for (const o of outcomes) {
      expect(o.distinct.selected).toEqual(first.distinct.selected);
      expect(o.tied.totalScore).toBeCloseTo(first.tied.totalScore, 9);
    }
    expect(new Set(outcomes.map((o) => o.tied.selected.join())).size).toBeGreaterThan(1);
  });

  it('fills every seat the quotas allow, even when scores are negative', async () => {
    const candidates: Candidate[] = [
      { id: 'a', score: 5, attributes: { sector: 'company' } },
      { id: 'b', score: -3, attributes: { sector: 'public' } },
      { id: 'c', score: -4, attributes: { sector: 'public' } },
    ];
    const r = (await runSelection({ candidates, capacity: 3, quotas: [], seed: 1 }, solve)).result;
    expect(r.selected).toEqual(['a', 'b', 'c']);
  });
});

describe('infeasible quota sets', () => {
  const candidates = pool(20, 3);
  const base: SelectionInput = { candidates, capacity: 6, quotas: [], seed: 1 };

  it('explains impossible quotas with their numbers, without solving', async () => {
    let solverCalls = 0;
    const counting: Solve = (lp) => {
      solverCalls++;
      return solve(lp);
    };
    const run = await runSelection(
      {
        ...base,
        quotas: [
          { attribute: 'sector', value: 'public', min: 4 },
          { attribute: 'sector', value: 'company', min: 6, max: 2 },
          { attribute: 'sector', value: 'university', max: 0 },
        ],
        locks: { in: [candidates[2]!.id], out: [] },
      },
      counting,
    );
    expect(solverCalls).toBe(0);
    expect(run.result.status).toBe('infeasible');
    expect(run.result.reasons).toEqual([
      { code: 'quota_min_above_max', params: { quotaIndex: 1, attribute: 'sector', value: 'company', min: 6, max: 2 } },
      { code: 'quota_min_exceeds_candidates', params: { quotaIndex: 1, attribute: 'sector', value: 'company', min: 6, available: 5 } },
      { code: 'quota_max_below_locked_in', params: { quotaIndex: 2, attribute: 'sector', value: 'university', max: 0, lockedIn: 1 } },
      { code: 'attribute_requirements_exceed_capacity', params: { attribute: 'sector', required: 11, capacity: 6 } },
    ]);
  });

  it('reports locks that cannot hold', async () => {
    const reasons = checkSelectionInput({ ...base, capacity: 1, locks: { in: ['c000', 'c001', 'ghost'], out: ['c001'] } });
    expect(reasons.map((r) => r.code)).toEqual(['unknown_locked_candidate', 'locked_both_ways', 'locks_exceed_capacity']);
  });

  it('passes clashes between attributes to the solver and reports them', async () => {
    const cs: Candidate[] = [
      { id: 'p1', score: 50, attributes: { sector: 'public', gender: 'm' } },
      { id: 'p2', score: 50, attributes: { sector: 'public', gender: 'm' } },
      { id: 'f1', score: 50, attributes: { sector: 'company', gender: 'f' } },
      { id: 'f2', score: 50, attributes: { sector: 'company', gender: 'f' } },
    ];
    const input: SelectionInput = {
      candidates: cs,
      capacity: 3,
      quotas: [
        { attribute: 'sector', value: 'public', min: 2 },
        { attribute: 'gender', value: 'f', min: 2 },
      ],
      seed: 1,
    };
    expect(checkSelectionInput(input)).toEqual([]);
    const run = await runSelection(input, solve);
    expect(run.solver?.status).toBe('Infeasible');
    expect(run.result).toMatchObject({ status: 'infeasible', selected: [], reasons: [{ code: 'quota_combination_infeasible', params: { quotas: '0,1' } }] });
  });

  it('records a failing solver instead of throwing', async () => {
    const run = await runSelection(base, () => {
      throw new Error('wasm trap');
    });
    expect(run.result).toMatchObject({ status: 'error', reasons: [{ code: 'solver_failed', params: { status: 'wasm trap' } }] });
    const lying = await runSelection(base, () => ({ status: 'Optimal', objective: 0, columns: Object.fromEntries(buildSelectionModel(base).columns.map((c) => [c, 1])) }));
    expect(lying.result.status).toBe('error');
    expect(lying.result.reasons[0]).toMatchObject({ code: 'solution_violates_constraints', params: { constraint: 'capacity' } });
  });
});
