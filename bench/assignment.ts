/**
 * Review assignment at scale (issue 3, point 9): seeded synthetic applications and reviewers,
 * conflicts, top-K candidates, the LP, HiGHS. Prints time per phase, peak RSS, solver status,
 * objective and whether the LP optimum came out integral. Target at 10,000 × 1,000 × 3 with top-50
 * candidates: ≤ 30 s and ≤ 1 GB, proven optimal.
 *   npx tsx bench/assignment.ts        (APPS=10000 REVIEWERS=1000 K=3 TOPK=50 SEED=2019 TIME_LIMIT=120)
 * `benchAssignment` is exported for bench/run.ts.
 */
import { pathToFileURL } from 'node:url';
import { buildCandidates, type ApplicationProfile, type ReviewerProfile } from '../src/core/assignment/affinity.js';
import { detectConflicts } from '../src/core/assignment/conflicts.js';
import { buildAssignmentLp, diagnoseAssignment, isIntegral, readPairs, type SolverOutcome } from '../src/core/assignment/model.js';
import { mulberry32 } from '../src/core/shared/random.js';

const prng = mulberry32;

const SECTORS = ['civil_society', 'business', 'public', 'academia', 'international'];
const TOPICS = Array.from({ length: 40 }, (_, i) => `topic${i}`);
const WEBMAIL = ['naver.com', 'gmail.com', 'daum.net', 'kakao.com'];

export interface AssignmentBenchSizes {
  apps: number;
  reviewers: number;
  k: number;
  topK: number;
  seed: number;
  timeLimit: number;
}

/** Plan-like data: organisations shared by some applicants and reviewers, a few declared conflicts, loads 20 % above need. */
export function generateAssignmentData(s: AssignmentBenchSizes): { apps: ApplicationProfile[]; reviewers: ReviewerProfile[] } {
  const rand = prng(s.seed);
  const int = (n: number) => Math.floor(rand() * n);
  const orgs = Math.max(10, Math.floor(s.apps / 5));
  const tags = (n: number) => Array.from({ length: n }, () => TOPICS[int(TOPICS.length)]!);
  const contact = (who: string, i: number, org: number) => (rand() < 0.5 ? `${who}${i}@${WEBMAIL[int(WEBMAIL.length)]}` : `${who}${i}@org${org}.or.kr`);
  const apps: ApplicationProfile[] = Array.from({ length: s.apps }, (_, i) => {
    const org = int(orgs);
    return { id: `app-${i}`, organisation: `단체 ${org}`, email: contact('a', i, org), sector: SECTORS[int(SECTORS.length)], topics: tags(2 + int(3)) };
  });
  const load = Math.ceil((s.apps * s.k * 1.2) / s.reviewers);
  const reviewers: ReviewerProfile[] = Array.from({ length: s.reviewers }, (_, j) => {
    const org = int(orgs);
    return {
      id: `rev-${j}`,
      organisation: rand() < 0.7 ? `단체 ${org}` : null,
      email: contact('r', j, org),
      declaredConflicts: Array.from({ length: int(4) }, () => `app-${int(s.apps)}`),
      sectors: [SECTORS[int(SECTORS.length)]!],
      topics: tags(3 + int(4)),
      expertise: tags(1 + int(2)),
      load,
    };
  });
  return { apps, reviewers };
}

export interface AssignmentBenchResult {
  sizes: AssignmentBenchSizes;
  phasesMs: Record<string, number>;
  totalMs: number;
  peakRssMb: number;
  conflicts: number;
  candidatePairs: number;
  lpMb: number;
  rows: number;
  status: string;
  objective: number;
  integral: boolean;
  pairs: number;
}

/** One full run: generate, detect conflicts, build candidates, diagnose, build LP, solve, read. */
export async function benchAssignment(sizes: AssignmentBenchSizes): Promise<AssignmentBenchResult> {
  const highs = await (await import('highs')).default();
  const phasesMs: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    phasesMs[name] = Math.round(now - t);
    t = now;
  };
  const start = performance.now();

  const { apps, reviewers } = generateAssignmentData(sizes);
  lap('generate');
  const conflicts = detectConflicts(apps, reviewers);
  lap('conflicts');
  const candidates = buildCandidates(apps, reviewers, { k: sizes.k, topK: sizes.topK, conflicts, seed: sizes.seed });
  lap('candidates');
  const reasons = diagnoseAssignment(candidates);
  lap('diagnose');
  if (reasons.length > 0) throw new Error(`generated data is infeasible: ${JSON.stringify(reasons)}`);
  const lp = buildAssignmentLp(candidates);
  lap('build LP');
  // The legacy one-shot API creates and destroys its native instance inside `solve` (nothing to
  // dispose); it blocks, which is why the app runs it in a worker thread.
  const outcome = highs.solve(lp.text, { output_flag: false, time_limit: sizes.timeLimit } as never) as SolverOutcome;
  lap('solve');
  const integral = outcome.Status === 'Optimal' && isIntegral(candidates, outcome);
  const pairs = outcome.Status === 'Optimal' ? readPairs(candidates, outcome).length : 0;
  lap('verify + read');

  let conflictPairs = 0;
  for (const row of conflicts.values()) conflictPairs += row.size;
  return {
    sizes,
    phasesMs,
    totalMs: Math.round(performance.now() - start),
    // maxRSS is the kernel's high-water mark, so the synchronous solve's peak is not missed.
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    conflicts: conflictPairs,
    candidatePairs: candidates.reviewer.length,
    lpMb: Math.round(lp.text.length / 1e5) / 10,
    rows: lp.rows,
    status: outcome.Status,
    objective: outcome.ObjectiveValue,
    integral,
    pairs,
  };
}

/** Human-readable lines for a result. */
export function formatAssignmentBench(r: AssignmentBenchResult): string[] {
  const s = r.sizes;
  return [
    `assignment: ${s.apps} applications × ${s.reviewers} reviewers × ${s.k} reviews, top-${s.topK} candidates`,
    `  ${r.conflicts} conflicts, ${r.candidatePairs} candidate pairs, LP ${r.lpMb} MB text, ${r.rows} rows`,
    `  phases (ms): ${Object.entries(r.phasesMs).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  total ${(r.totalMs / 1000).toFixed(1)} s, peak RSS ${r.peakRssMb} MB`,
    `  status ${r.status} (proven optimal: ${r.status === 'Optimal' ? 'yes' : 'no'}), objective ${r.objective}, integral ${r.integral ? 'yes' : 'no'}, ${r.pairs} pairs`,
  ];
}

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 1) throw new Error(`${name} must be a number ≥ 1`);
  return Math.floor(v);
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchAssignment({
    apps: num('APPS', 10_000),
    reviewers: num('REVIEWERS', 1_000),
    k: num('K', 3),
    topK: num('TOPK', 50),
    seed: num('SEED', 2019),
    timeLimit: num('TIME_LIMIT', 120),
  });
  for (const line of formatAssignmentBench(result)) process.stdout.write(`${line}\n`);
}
