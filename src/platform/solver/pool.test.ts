/**
 * The solver pool: HiGHS and the timetable solver in worker threads give what they give in-process,
 * errors come back as rejections, and close() ends the workers. What the pool must do within a time
 * (event-loop lag while solving, time limits, deadlines) is measured in the timing project:
 * tests/integration/solver-pool-no-blocking.test.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SolverOutcome } from '../../core/assignment/model.js';
import { runSelection, type Candidate, type SelectionInput, type SolverResult } from '../../core/recruitment/selection.js';
import { assignmentInstance, hardMip, SMALL_LP } from '../../../tests/factories/solver.js';
import { runSelectionInPool } from './adapters.js';
import { createSolverPool, SolverPoolError, type SolverPool } from './pool.js';
import { mulberry32 } from '../../core/shared/random.js';

type Highs = Awaited<ReturnType<typeof import('highs').default>>;
let highs: Highs;
let pool: SolverPool;
beforeAll(async () => {
  highs = await (await import('highs')).default();
  pool = createSolverPool({ size: 1, timeLimitSeconds: 20 });
});
afterAll(() => pool.close());

const prng = mulberry32;

describe('solver pool', () => {
  it('solves an LP in the worker exactly as HiGHS does in-process', async () => {
    const inProcess = highs.solve(SMALL_LP, { output_flag: false } as never);
    const inWorker = await pool.solve(SMALL_LP);
    expect(inWorker.status).toBe('Optimal');
    expect(inWorker.objective).toBe(inProcess.ObjectiveValue);
    expect(inWorker.columns).toEqual(Object.fromEntries(Object.entries(inProcess.Columns).map(([name, c]) => [name, (c as { Primal: number }).Primal])));
  });

  it('runs the selection core through the pool with the same outcome as an in-process solver', async () => {
    const rnd = prng(11);
    const candidates: Candidate[] = Array.from({ length: 40 }, (_, i) => ({
      id: `c${String(i).padStart(2, '0')}`,
      score: Math.round(4000 + 5000 * rnd()) / 100,
      attributes: { sector: ['company', 'public', 'university', 'civil_society'][i % 4]! },
    }));
    const input: SelectionInput = { candidates, capacity: 12, quotas: [{ attribute: 'sector', value: 'civil_society', min: 4 }, { attribute: 'sector', value: 'company', max: 3 }], seed: 'run-1' };
    const local = await runSelection(input, (lp): SolverResult => {
      const r = highs.solve(lp, { mip_rel_gap: 0, output_flag: false } as never);
      const columns: Record<string, number> = {};
      for (const [name, col] of Object.entries(r.Columns)) if ('Primal' in col) columns[name] = col.Primal;
      return { status: r.Status, columns, objective: r.Status === 'Optimal' ? r.ObjectiveValue : null };
    });
    const remote = await runSelectionInPool(pool, input);
    expect(remote.result.status).toBe('optimal');
    expect(remote.result).toEqual(local.result);
    expect(remote.solver).toEqual(local.solver);
  });

  it('reports an infeasible assignment task with its reasons instead of failing', async () => {
    const { apps, reviewers } = assignmentInstance(50, 2);
    const task = await pool.assign({ kind: 'assignment', applications: apps, reviewers: reviewers.map((r) => ({ ...r, load: 1 })), options: { k: 3 } });
    expect(task.result.status).toBe('infeasible');
    if (task.result.status === 'infeasible') expect(task.result.reasons.map((r) => r.code)).toContain('not_enough_slots');
  });

  it('reports a MIP solved to optimality with gap 0 and the same optimum as the in-process solver', async () => {
    const lp = hardMip(12, 3, 5);
    const r = await pool.solve(lp, { highs: { mip_rel_gap: 0 } });
    const local = highs.solve(lp, { mip_rel_gap: 0, output_flag: false } as never) as SolverOutcome;
    expect(r.status).toBe('Optimal');
    expect(r.gap).toBe(0);
    expect(r.objective).toBeCloseTo(local.ObjectiveValue, 6);
    expect(Object.keys(r.columns)).toHaveLength(12);
  });

  it('turns a HiGHS exception into a rejected request, not a dead pool', async () => {
    await expect(pool.solve(SMALL_LP, { highs: { no_such_option: 1 } })).rejects.toMatchObject({ code: 'solver_error', message: expect.stringMatching(/no_such_option/) });
    expect((await pool.solve(SMALL_LP)).status).toBe('Optimal');
  });

  it('close() rejects pending requests and refuses new ones', async () => {
    const own = createSolverPool({ timeLimitSeconds: 30 });
    const running = own.solve(hardMip());
    const waiting = own.solve(SMALL_LP);
    // Observe both outcomes before closing: close() rejects them synchronously.
    const outcomes = Promise.allSettled([running, waiting]);
    await own.close();
    const [a, b] = await outcomes;
    expect(a).toMatchObject({ status: 'rejected', reason: { code: 'closed' } });
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'closed' } });
    expect((a as PromiseRejectedResult).reason).toBeInstanceOf(SolverPoolError);
    await expect(own.solve(SMALL_LP)).rejects.toMatchObject({ code: 'closed' });
  });

  it('close() terminates the workers, so a process using the pool exits (also checks the worker starts under tsx)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oc-solver-'));
    const script = join(dir, 'use-pool.mts');
    const poolUrl = new URL('./pool.ts', import.meta.url).href;
    writeFileSync(script, `import { createSolverPool } from ${JSON.stringify(poolUrl)};\nconst pool = createSolverPool({ timeLimitSeconds: 5 });\nconst r = await pool.solve(${JSON.stringify(SMALL_LP)});\nawait pool.close();\nconsole.log(JSON.stringify(r));\n`);
    try {
      // Run from the temporary directory so nothing depends on the working directory being the project.
      const out = await new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ['--import', import.meta.resolve('tsx'), script], { cwd: dir, timeout: 15_000 }, (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
        );
      });
      expect(JSON.parse(out)).toMatchObject({ status: 'Optimal', objective: 8 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
