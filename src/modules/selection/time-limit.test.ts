/**
 * A run stopped by its time limit keeps the best selection found so far with its gap: the pool is
 * asked with the run's own limit and an exact gap target, and a 'Time limit reached' answer with a
 * solution becomes a 'feasible' run carrying HiGHS' gap (a fake pool stands in for the worker so the
 * limit is hit on purpose, not by luck of the machine's speed).
 */
import { describe, expect, it } from 'vitest';
import { runSelectionInPool } from '../../platform/solver/adapters.js';
import type { SolveOptions, SolverPool, SolverPoolResult } from '../../platform/solver/pool.js';

/** Only `solve` is used by runSelectionInPool; the rest of the pool's interface is not needed here. */
const fakePool = (solve: SolverPool['solve']): SolverPool => ({ solve, close: () => Promise.resolve() }) as Partial<SolverPool> as SolverPool;

describe('a selection stopped by its time limit', () => {
  it('is feasible with the gap, and the time limit reaches the solver', async () => {
    const asked: SolveOptions[] = [];
    const pool = fakePool((lp: string, options: SolveOptions = {}): Promise<SolverPoolResult> => {
      asked.push(options);
      // An incumbent that picked x_0 and x_2 of three (a valid selection, not necessarily the best).
      expect(lp).toContain('Binary');
      return Promise.resolve({ status: 'Time limit reached', objective: 123, columns: { x_0: 1, x_1: 0, x_2: 1 }, gap: 0.042 });
    });
    const candidates = ['a', 'b', 'c'].map((id, i) => ({ id, score: 50 + i, attributes: { sector: 'civil' } }));
    const run = await runSelectionInPool(pool, { candidates, capacity: 2, quotas: [], seed: 's' }, { timeLimitSeconds: 7 });
    expect(asked).toEqual([{ timeLimitSeconds: 7, highs: { mip_rel_gap: 0 } }]);
    expect(run.result.status).toBe('feasible');
    expect(run.solver).toEqual({ status: 'Time limit reached', objective: 123, gap: 0.042 });
    expect([...run.result.selected].sort()).toEqual(['a', 'c']);
    expect(run.result.waitlist).toEqual(['b']);
  });

  it('without any selection found yet is an error the staff can act on, not a crash', async () => {
    const pool = fakePool(() => Promise.resolve({ status: 'Time limit reached', objective: null, columns: {}, gap: null }));
    const run = await runSelectionInPool(pool, { candidates: [{ id: 'a', score: 1, attributes: {} }], capacity: 1, quotas: [], seed: 1 }, { timeLimitSeconds: 1 });
    expect(run.result.status).toBe('error');
    expect(run.result.reasons).toEqual([{ code: 'solver_failed', params: { status: 'Time limit reached' } }]);
  });
});
