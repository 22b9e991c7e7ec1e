/**
 * Timetabling at the size of issue 4, point 3: the 16-week top-innovator course (40 sessions,
 * weekly lecture series, workshops, labs after their workshops, mentoring, a 3-day field study, a
 * results presentation after everything) plus 25 district citizen courses of 14 sessions each,
 * sharing 40 lecturers, over August–November 2020 with the Korean public holidays closed. Target:
 * zero hard conflicts within 60 s. Prints the time to zero hard conflicts, the soft score and peak RSS.
 *   npx tsx bench/timetable.ts        (DISTRICTS=25 LECTURERS=40 SEED=2020 TIME_LIMIT=60)
 */
import { pathToFileURL } from 'node:url';
import { findConflicts } from '../src/core/courses/timetable-conflicts.js';
import { solveTimetable, type TimetableResult } from '../src/core/courses/timetable-solver.js';
import { generateTimetableProblem, type TimetableSizes } from '../tests/factories/timetable.js';

export type TimetableBenchSizes = TimetableSizes;

export interface TimetableBenchResult {
  sizes: TimetableBenchSizes;
  sessions: number;
  result: TimetableResult;
  /** Independent check of the returned placements. */
  conflictsFound: number;
  ms: number;
  peakRssMiB: number;
}

export async function benchTimetable(sizes: TimetableBenchSizes, onLine: (line: string) => void = () => {}): Promise<TimetableBenchResult> {
  const problem = generateTimetableProblem(sizes);
  const t = performance.now();
  let lastPhase = '';
  const result = solveTimetable(problem, {
    seed: sizes.seed,
    now: () => performance.now(),
    timeLimitMs: sizes.timeLimit * 1000,
    progressEvery: 20_000,
    onProgress: (p) => {
      if (p.phase !== lastPhase || p.iteration % 1_000_000 === 0) onLine(`  … ${p.phase}: iteration ${p.iteration}, placed ${p.placed}/${p.placeable}, hard ${p.hardConflicts}, soft ${p.softScore}`);
      lastPhase = p.phase;
    },
  });
  const ms = performance.now() - t;
  const conflictsFound = findConflicts(problem, result.placements).length;
  return { sizes, sessions: problem.sessions.length, result, conflictsFound, ms, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}

export function formatTimetableBench(r: TimetableBenchResult): string[] {
  const st = r.result.stats;
  const q = r.result.quality;
  const sec = (ms: number | null) => (ms === null ? 'not reached' : `${(ms / 1000).toFixed(2)} s`);
  return [
    `timetable: ${r.sessions} sessions (1 top-innovator course + ${r.sizes.districts} district courses), ${r.sizes.lecturers} lecturers, seed ${r.sizes.seed}, limit ${r.sizes.timeLimit} s`,
    `  zero hard conflicts after ${sec(st.msToZeroHard)} (construction left ${st.constructionConflicts}, ${st.repairIterations} repair iterations); target ≤ 60 s`,
    `  placed ${r.result.placements.length}, unplaced ${r.result.unplaced.length}${r.result.unplaced.length ? ` (${[...new Set(r.result.unplaced.map((u) => u.reason.code))].join(', ')})` : ''}; findConflicts on the result: ${r.conflictsFound}`,
    `  soft score ${st.softAtZeroHard ?? 'n/a'} at zero hard → ${q.score} after ${st.improveIterations} annealing iterations (spread excess ${q.spreadExcess}, daily excess ${q.dailyExcess}, avoided slots used ${q.avoidedSlotsUsed}, preference misses ${q.preferenceMisses}, hits ${q.preferenceHits})`,
    `  total ${sec(r.ms)} (stopped by ${st.stoppedBy}), peak RSS ${r.peakRssMiB.toFixed(0)} MiB`,
  ];
}

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 1) throw new Error(`${name} must be a number ≥ 1`);
  return Math.floor(v);
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const result = await benchTimetable({ districts: num('DISTRICTS', 25), lecturers: num('LECTURERS', 40), seed: num('SEED', 2020), timeLimit: num('TIME_LIMIT', 60) }, say);
  for (const line of formatTimetableBench(result)) say(line);
}
