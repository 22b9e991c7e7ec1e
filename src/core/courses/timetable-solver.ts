/**
 * Timetable construction and repair (docs/timetabling.md): a seeded heuristic over the compiled
 * domains. (1) Greedy construction, most constrained session first, each to its cheapest
 * candidate. (2) Tabu search on the hard conflicts: a conflicted session moves to its best
 * non-tabu candidate (hard conflicts first, soft cost as tie-break), until none are left.
 * (3) Simulated annealing on the soft cost, accepting only moves that keep zero hard conflicts.
 * Time comes in as `now`, randomness from the seed, progress goes out through `onProgress`; if the
 * search stops with conflicts left, the fewest sessions are taken out so the returned timetable
 * has none, and each is named with the conflict that kept it out. docs/timetabling.md explains why.
 */
import { hashSeed, mulberry32 } from '../shared/random.js';
import { compileProblem, type CompiledProblem } from './timetable-compile.js';
import { findConflicts, timetableQuality } from './timetable-conflicts.js';
import type { Placement, TimetableProblem, TimetableQuality, UnplacedSession } from './timetable-model.js';

export type TimetablePhase = 'checking' | 'constructing' | 'repairing' | 'improving' | 'finishing' | 'done';

export interface TimetableProgress {
  readonly phase: TimetablePhase;
  /** Sessions with a place (conflicting or not) and sessions the solver works on. */
  readonly placed: number;
  readonly placeable: number;
  /** Hard conflicts left (pairs of clashing sessions per resource and time, plus order and cadence breaks). */
  readonly hardConflicts: number;
  /** Current soft cost (lower is better). */
  readonly softScore: number;
  readonly iteration: number;
}

export interface SolveTimetableOptions {
  readonly seed: number | string;
  /** Milliseconds from any fixed origin (performance.now in a worker); without it only the iteration caps stop the search. */
  readonly now?: () => number;
  /** Wall-clock budget in milliseconds from the start of the call, for all phases (needs `now`). */
  readonly timeLimitMs?: number;
  /** Cap on tabu-search iterations towards zero hard conflicts (default: none; the time limit decides). */
  readonly repairIterations?: number;
  /** Simulated-annealing iterations once there are no hard conflicts (default 500 × the number of sessions, at least 100,000). */
  readonly improveIterations?: number;
  readonly onProgress?: (p: TimetableProgress) => void;
  /** Iterations between progress reports (default 2,000). */
  readonly progressEvery?: number;
  /** Polled with the clock; true stops the search (it still returns a conflict-free timetable). */
  readonly shouldStop?: () => boolean;
}

export type TimetableStop = 'finished' | 'time_limit' | 'stopped' | 'iteration_limit';

export interface TimetableStats {
  readonly sessions: number;
  readonly placeable: number;
  readonly constructionConflicts: number;
  readonly repairIterations: number;
  readonly improveIterations: number;
  /** Time from the call to zero hard conflicts (null without `now`, or when never reached). */
  readonly msToZeroHard: number | null;
  readonly msTotal: number | null;
  readonly stoppedBy: TimetableStop;
  /** Soft cost when hard conflicts first reached zero, and at the end. */
  readonly softAtZeroHard: number | null;
}

export interface TimetableResult {
  /** 'complete' when every session is placed; the placements never have a hard conflict. */
  readonly status: 'complete' | 'partial';
  readonly seed: number | string;
  readonly placements: readonly Placement[];
  readonly unplaced: readonly UnplacedSession[];
  readonly quality: TimetableQuality;
  readonly stats: TimetableStats;
}

/** Multiplier that makes one hard conflict outweigh any soft cost a single move can change (at least; see Search.hardWeight). */
const HARD = 10_000;

/** Solves a timetable; never throws for a bad problem (sessions that cannot be placed come back with reasons). */
export function solveTimetable(problem: TimetableProblem, options: SolveTimetableOptions): TimetableResult {
  const now = options.now;
  const t0 = now ? now() : 0;
  const elapsed = () => (now ? now() - t0 : 0);
  const report = options.onProgress ?? (() => {});
  report({ phase: 'checking', placed: 0, placeable: 0, hardConflicts: 0, softScore: 0, iteration: 0 });
  const cp = compileProblem(problem);
  const search = new Search(cp, mulberry32(hashSeed(options.seed)));
  const n = cp.sessions.length;
  const every = Math.max(1, options.progressEvery ?? 2000);
  let stoppedBy: TimetableStop = 'finished';
  const outOfTime = () => {
    if (options.shouldStop?.()) stoppedBy = 'stopped';
    else if (now && options.timeLimitMs !== undefined && elapsed() >= options.timeLimitMs) stoppedBy = 'time_limit';
    else return false;
    return true;
  };
  const progress = (phase: TimetablePhase, iteration: number) =>
    report({ phase, placed: search.placedCount, placeable: n, hardConflicts: search.hard, softScore: search.soft, iteration });

  progress('constructing', 0);
  search.construct();
  const constructionConflicts = search.hard;
  progress('repairing', 0);

  let repairIterations = 0;
  let msToZeroHard: number | null = null;
  let softAtZeroHard: number | null = null;
  const repairCap = options.repairIterations ?? Number.MAX_SAFE_INTEGER;
  let stopped = false;
  while (search.hard > 0) {
    if (repairIterations >= repairCap) {
      stoppedBy = 'iteration_limit';
      stopped = true;
      break;
    }
    if ((repairIterations & 127) === 0 && outOfTime()) {
      stopped = true;
      break;
    }
    search.repairStep(repairIterations);
    repairIterations++;
    if (repairIterations % every === 0) progress('repairing', repairIterations);
  }
  if (stopped) search.restoreBest();
  if (search.hard === 0) {
    msToZeroHard = now ? elapsed() : null;
    softAtZeroHard = search.soft;
  }

  let improveIterations = 0;
  if (!stopped && search.hard === 0 && n > 0) {
    const cap = options.improveIterations ?? Math.max(100_000, 500 * n);
    progress('improving', 0);
    search.startImprove(cap);
    while (improveIterations < cap) {
      if ((improveIterations & 127) === 0 && outOfTime()) break;
      search.improveStep(improveIterations);
      improveIterations++;
      if (improveIterations % every === 0) progress('improving', improveIterations);
    }
    search.restoreBestSoft();
  }

  progress('finishing', repairIterations + improveIterations);
  const { placements, dropped } = search.finish(problem);
  const unplaced = [...cp.unplaced, ...dropped];
  const quality = timetableQuality(problem, placements, cp.r);
  const order = new Map(problem.sessions.map((s, i) => [s.id, i] as const));
  unplaced.sort((a, b) => order.get(a.sessionId)! - order.get(b.sessionId)!);
  report({ phase: 'done', placed: placements.length, placeable: n, hardConflicts: 0, softScore: quality.score, iteration: repairIterations + improveIterations });
  return {
    status: unplaced.length === 0 ? 'complete' : 'partial',
    seed: options.seed,
    placements,
    unplaced,
    quality,
    stats: {
      sessions: problem.sessions.length,
      placeable: n,
      constructionConflicts,
      repairIterations,
      improveIterations,
      msToZeroHard,
      msTotal: now ? elapsed() : null,
      stoppedBy,
      softAtZeroHard,
    },
  };
}

/** The mutable search state: occupancy counts and lists per resource and time, conflicts per session. */
class Search {
  readonly n: number;
  readonly S: number;
  readonly T: number;
  readonly D: number;
  readonly W: number;
  readonly pos: Int32Array;
  readonly conf: Int32Array;
  hard = 0;
  soft = 0;
  placedCount = 0;
  private readonly lecAt: (number[] | undefined)[];
  private readonly roomAt: (number[] | undefined)[];
  private readonly cohAt: (number[] | undefined)[];
  private readonly weekCount: Int32Array;
  private readonly dayCount: Int32Array;
  private readonly maxPerDay: Int32Array;
  private readonly tabu: Int32Array;
  private readonly tabuOffset: Int32Array;
  /** Sessions with conf > 0, and each one's position in that list (−1 when absent). */
  private readonly conflicted: number[] = [];
  private readonly where: Int32Array;
  private bestHard = Number.MAX_SAFE_INTEGER;
  private bestPos: Int32Array;
  private bestSoft = Number.MAX_SAFE_INTEGER;
  private temperature = 0;
  private cooling = 1;
  private lastImprovement = 0;
  /** HARD, or more when the soft weights are large: a wish must never buy a clash. */
  private readonly hardWeight: number;

  constructor(
    readonly cp: CompiledProblem,
    readonly rand: () => number,
  ) {
    const r = cp.r;
    this.n = cp.sessions.length;
    this.S = r.S;
    this.T = r.T;
    this.D = r.D;
    this.W = Math.max(1, Math.ceil(r.D / 7));
    this.pos = new Int32Array(this.n).fill(-1);
    this.conf = new Int32Array(this.n);
    this.where = new Int32Array(this.n).fill(-1);
    this.lecAt = new Array<number[] | undefined>(r.problem.lecturers.length * r.T);
    this.roomAt = new Array<number[] | undefined>(r.problem.rooms.length * r.T);
    this.cohAt = new Array<number[] | undefined>(r.problem.cohorts.length * r.T);
    this.weekCount = new Int32Array(r.problem.cohorts.length * this.W);
    this.dayCount = new Int32Array(r.problem.cohorts.length * r.D);
    this.maxPerDay = Int32Array.from(r.problem.cohorts.map((c) => c.maxSessionsPerDay ?? r.maxSessionsPerDay));
    this.tabuOffset = new Int32Array(this.n + 1);
    for (let i = 0; i < this.n; i++) this.tabuOffset[i + 1] = this.tabuOffset[i]! + cp.sessions[i]!.starts.length;
    this.tabu = new Int32Array(this.tabuOffset[this.n]!);
    this.bestPos = new Int32Array(this.n).fill(-1);
    // The most soft cost one session can add where it lands: its worst candidate's wishes, a week over its share, each day over the cap.
    let softMax = 0;
    for (const s of cp.sessions) softMax = Math.max(softMax, s.prefCost.reduce((a, b) => Math.max(a, b), 0) + r.weights.spread + s.days * r.weights.daily);
    this.hardWeight = Math.max(HARD, softMax + 1);
  }

  // --- costs -------------------------------------------------------------------------------

  private startOf(i: number, c: number): number {
    return this.cp.sessions[i]!.starts[c]!;
  }
  private endOf(i: number, c: number): number {
    const s = this.cp.sessions[i]!;
    return s.starts[c]! + (s.days - 1) * this.S + s.dur;
  }
  private weekOf(i: number, c: number): number {
    return Math.floor(Math.floor(this.startOf(i, c) / this.S) / 7);
  }

  /** Order and cadence breaks between session i at candidate c and its placed neighbours. */
  private binaryCost(i: number, c: number): number {
    const s = this.cp.sessions[i]!;
    let cost = 0;
    if (s.pre.length > 0) {
      const start = this.startOf(i, c);
      for (const p of s.pre) if (this.pos[p]! >= 0 && this.endOf(p, this.pos[p]!) > start) cost++;
    }
    if (s.succ.length > 0) {
      const end = this.endOf(i, c);
      for (const q of s.succ) if (this.pos[q]! >= 0 && end > this.startOf(q, this.pos[q]!)) cost++;
    }
    if (s.seriesPrev >= 0 && this.pos[s.seriesPrev]! >= 0) {
      const gap = this.weekOf(i, c) - this.weekOf(s.seriesPrev, this.pos[s.seriesPrev]!);
      if (gap < s.prevMin || gap > s.prevMax) cost++;
    }
    if (s.seriesNext >= 0 && this.pos[s.seriesNext]! >= 0) {
      const gap = this.weekOf(s.seriesNext, this.pos[s.seriesNext]!) - this.weekOf(i, c);
      if (gap < s.nextMin || gap > s.nextMax) cost++;
    }
    return cost;
  }

  /** Hard cost of putting session i (not placed) at candidate c: clashing occupants plus order/cadence breaks. */
  private hardCost(i: number, c: number): number {
    const s = this.cp.sessions[i]!;
    const { S, T } = this;
    const t0 = s.starts[c]!;
    const room = s.rooms[c]!;
    let cost = 0;
    for (let k = 0; k < s.days; k++)
      for (let j = 0; j < s.dur; j++) {
        const t = t0 + k * S + j;
        for (const l of s.lecturers) cost += this.lecAt[l * T + t]?.length ?? 0;
        if (room >= 0) cost += this.roomAt[room * T + t]?.length ?? 0;
        cost += this.cohAt[s.cohort * T + t]?.length ?? 0;
      }
    return cost + this.binaryCost(i, c);
  }

  /** Soft cost of putting session i (not placed) at candidate c, given the others. */
  private softCost(i: number, c: number): number {
    const s = this.cp.sessions[i]!;
    const w = this.cp.r.weights;
    const day = Math.floor(s.starts[c]! / this.S);
    let cost = s.prefCost[c]!;
    const week = Math.floor(day / 7);
    if (this.weekCount[s.cohort * this.W + week]! >= this.cp.cohortTarget[s.cohort]!) cost += w.spread;
    const cap = this.maxPerDay[s.cohort]!;
    for (let k = 0; k < s.days; k++) if (this.dayCount[s.cohort * this.D + day + k]! >= cap) cost += w.daily;
    return cost;
  }

  // --- moves -------------------------------------------------------------------------------

  private touch(j: number): void {
    if (this.conf[j]! > 0 && this.where[j] === -1) {
      this.where[j] = this.conflicted.length;
      this.conflicted.push(j);
    } else if (this.conf[j] === 0 && this.where[j]! >= 0) {
      const at = this.where[j]!;
      const last = this.conflicted.pop()!;
      if (last !== j) {
        this.conflicted[at] = last;
        this.where[last] = at;
      }
      this.where[j] = -1;
    }
  }

  private pair(i: number, j: number, sign: number): void {
    this.conf[i]! += sign;
    this.conf[j]! += sign;
    this.hard += sign;
    this.touch(j);
  }

  /** Enters (sign 1) or leaves (sign −1) one resource-time list, counting a clash with each other occupant. */
  private visit(list: (number[] | undefined)[], key: number, i: number, sign: 1 | -1): void {
    let l = list[key];
    if (sign === 1) {
      if (!l) list[key] = l = [];
      for (let x = 0; x < l.length; x++) this.pair(i, l[x]!, 1);
      l.push(i);
    } else {
      l = l!;
      const at = l.indexOf(i);
      l[at] = l[l.length - 1]!;
      l.pop();
      for (let x = 0; x < l.length; x++) this.pair(i, l[x]!, -1);
    }
  }

  /** Adds (sign 1) or removes (sign −1) session i at candidate c, keeping every count in step. */
  private apply(i: number, c: number, sign: 1 | -1): void {
    const s = this.cp.sessions[i]!;
    const { S, T } = this;
    const t0 = s.starts[c]!;
    const room = s.rooms[c]!;
    if (sign === -1) {
      this.pos[i] = -1;
      this.placedCount--;
      this.soft -= s.prefCost[c]!;
    }
    for (let k = 0; k < s.days; k++)
      for (let j = 0; j < s.dur; j++) {
        const t = t0 + k * S + j;
        for (const l of s.lecturers) this.visit(this.lecAt, l * T + t, i, sign);
        if (room >= 0) this.visit(this.roomAt, room * T + t, i, sign);
        this.visit(this.cohAt, s.cohort * T + t, i, sign);
      }
    // Binary constraints against placed neighbours (i itself is not placed while they are counted).
    const neighbours: number[] = [...s.pre, ...s.succ];
    if (s.seriesPrev >= 0) neighbours.push(s.seriesPrev);
    if (s.seriesNext >= 0) neighbours.push(s.seriesNext);
    for (const q of neighbours) if (this.pos[q]! >= 0 && this.violates(i, c, q)) this.pair(i, q, sign);
    // Soft counts.
    const w = this.cp.r.weights;
    const day = Math.floor(t0 / S);
    const wk = s.cohort * this.W + Math.floor(day / 7);
    const target = this.cp.cohortTarget[s.cohort]!;
    const cap = this.maxPerDay[s.cohort]!;
    if (sign === 1) {
      if (this.weekCount[wk]! >= target) this.soft += w.spread;
      this.weekCount[wk]!++;
      for (let k = 0; k < s.days; k++) {
        if (this.dayCount[s.cohort * this.D + day + k]! >= cap) this.soft += w.daily;
        this.dayCount[s.cohort * this.D + day + k]!++;
      }
      this.soft += s.prefCost[c]!;
      this.pos[i] = c;
      this.placedCount++;
    } else {
      this.weekCount[wk]!--;
      if (this.weekCount[wk]! >= target) this.soft -= w.spread;
      for (let k = 0; k < s.days; k++) {
        this.dayCount[s.cohort * this.D + day + k]!--;
        if (this.dayCount[s.cohort * this.D + day + k]! >= cap) this.soft -= w.daily;
      }
    }
    this.touch(i);
  }

  /** Whether i at c and placed neighbour q break an order or cadence rule. */
  private violates(i: number, c: number, q: number): boolean {
    const s = this.cp.sessions[i]!;
    const qc = this.pos[q]!;
    if (s.pre.includes(q) && this.endOf(q, qc) > this.startOf(i, c)) return true;
    if (s.succ.includes(q) && this.endOf(i, c) > this.startOf(q, qc)) return true;
    if (q === s.seriesPrev) {
      const gap = this.weekOf(i, c) - this.weekOf(q, qc);
      if (gap < s.prevMin || gap > s.prevMax) return true;
    }
    if (q === s.seriesNext) {
      const gap = this.weekOf(q, qc) - this.weekOf(i, c);
      if (gap < s.nextMin || gap > s.nextMax) return true;
    }
    return false;
  }

  // --- phases ------------------------------------------------------------------------------

  /** Most constrained first: fewest candidates per lecturer involved, multi-day blocks before all. */
  construct(): void {
    const order = this.cp.sessions.map((s) => s.index);
    const key = (i: number) => {
      const s = this.cp.sessions[i]!;
      return s.starts.length / (1 + s.lecturers.length) / s.days / s.dur;
    };
    const tie = order.map(() => this.rand());
    order.sort((a, b) => key(a) - key(b) || tie[a]! - tie[b]!);
    for (const i of order) this.apply(i, this.pickBest(i, -1, 0, true), 1);
    this.saveBest();
  }

  /** Best candidate for the unplaced session i by hard then soft cost, ties at random; `exclude` is skipped. */
  private pickBest(i: number, exclude: number, iteration: number, ignoreTabu: boolean): number {
    const s = this.cp.sessions[i]!;
    const base = this.tabuOffset[i]!;
    let best = -1;
    let bestCost = Number.MAX_SAFE_INTEGER;
    let ties = 0;
    let bestTabu = -1;
    let bestTabuCost = Number.MAX_SAFE_INTEGER;
    for (let c = 0; c < s.starts.length; c++) {
      if (c === exclude) continue;
      const h = this.hardCost(i, c);
      if (h * this.hardWeight > bestCost && h * this.hardWeight > bestTabuCost) continue;
      const cost = h * this.hardWeight + this.softCost(i, c);
      if (!ignoreTabu && this.tabu[base + c]! > iteration) {
        // Aspiration: a tabu move is allowed when it beats the best conflict count seen.
        if (this.hard + h < this.bestHard && cost < bestTabuCost) {
          bestTabuCost = cost;
          bestTabu = c;
        }
        continue;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = c;
        ties = 1;
      } else if (cost === bestCost && this.rand() * ++ties < 1) best = c;
    }
    if (bestTabu >= 0 && bestTabuCost < bestCost) return bestTabu;
    return best;
  }

  /** One tabu step: a random conflicted session moves to its best non-tabu candidate. */
  repairStep(iteration: number): void {
    const i = this.conflicted[Math.floor(this.rand() * this.conflicted.length)]!;
    const s = this.cp.sessions[i]!;
    const from = this.pos[i]!;
    if (s.starts.length < 2) return;
    this.apply(i, from, -1);
    let to: number;
    if (this.rand() < 0.02) {
      // A little noise to leave plateaus that tabu alone circles on.
      to = Math.floor(this.rand() * (s.starts.length - 1));
      if (to >= from) to++;
    } else {
      to = this.pickBest(i, from, iteration, false);
      if (to < 0) to = from;
    }
    this.tabu[this.tabuOffset[i]! + from] = iteration + 10 + Math.floor(this.rand() * 10);
    this.apply(i, to, 1);
    if (this.hard < this.bestHard) {
      this.saveBest();
      this.lastImprovement = iteration;
    } else if (iteration - this.lastImprovement > 50 * this.n + 5000) {
      // Long stall: go back to the best timetable and shake the sessions still in conflict.
      this.restoreBest();
      for (const j of [...this.conflicted]) {
        const sj = this.cp.sessions[j]!;
        this.apply(j, this.pos[j]!, -1);
        this.apply(j, Math.floor(this.rand() * sj.starts.length), 1);
      }
      this.lastImprovement = iteration;
    }
  }

  private saveBest(): void {
    this.bestHard = this.hard;
    this.bestPos.set(this.pos);
  }

  /** Moves every session back to the best timetable recorded (fewest hard conflicts, or lowest soft cost). */
  restoreBest(): void {
    this.moveTo(this.bestPos);
  }

  private moveTo(target: Int32Array): void {
    for (let i = 0; i < this.n; i++) if (this.pos[i]! >= 0 && this.pos[i] !== target[i]) this.apply(i, this.pos[i]!, -1);
    for (let i = 0; i < this.n; i++) if (this.pos[i] === -1 && target[i]! >= 0) this.apply(i, target[i]!, 1);
  }

  startImprove(iterations: number): void {
    this.bestSoft = this.soft;
    this.bestPos.set(this.pos);
    // Start warm enough to trade a unit of soft cost often, end where only improvements pass.
    this.temperature = 2;
    this.cooling = Math.pow(0.02 / 2, 1 / Math.max(1, iterations));
  }

  /** One annealing step: a random session to a random candidate, only if no hard conflict appears. */
  improveStep(_iteration: number): void {
    this.temperature *= this.cooling;
    const i = Math.floor(this.rand() * this.n);
    const s = this.cp.sessions[i]!;
    if (s.starts.length < 2) return;
    const from = this.pos[i]!;
    let to = Math.floor(this.rand() * (s.starts.length - 1));
    if (to >= from) to++;
    this.apply(i, from, -1);
    if (this.hardCost(i, to) > 0) {
      this.apply(i, from, 1);
      return;
    }
    const delta = this.softCost(i, to) - this.softCost(i, from);
    if (delta <= 0 || this.rand() < Math.exp(-delta / this.temperature)) {
      this.apply(i, to, 1);
      if (this.soft < this.bestSoft) {
        this.bestSoft = this.soft;
        this.bestPos.set(this.pos);
      }
    } else this.apply(i, from, 1);
  }

  restoreBestSoft(): void {
    this.moveTo(this.bestPos);
  }

  /**
   * Placements with zero hard conflicts: while any remain, the session in the most conflicts is
   * taken out and named with the first conflict it was in (as findConflicts words it).
   */
  finish(problem: TimetableProblem): { placements: Placement[]; dropped: UnplacedSession[] } {
    const dropped: UnplacedSession[] = [];
    if (this.hard > 0) {
      const conflicts = findConflicts(problem, this.placements(), this.cp.r);
      while (this.hard > 0) {
        let worst = -1;
        for (const j of this.conflicted) if (worst < 0 || this.conf[j]! > this.conf[worst]! || (this.conf[j] === this.conf[worst] && j < worst)) worst = j;
        const id = this.cp.sessions[worst]!.id;
        const c = conflicts.find((x) => x.sessionIds.includes(id));
        const params: Record<string, string | number> = { kind: c?.kind ?? 'unknown', withSessionIds: c ? c.sessionIds.filter((x) => x !== id).join(',') : '' };
        if (c?.resource) {
          params.resourceType = c.resource.type;
          params.resourceId = c.resource.id;
        }
        if (c?.day !== undefined) params.day = c.day;
        if (c?.slotId !== undefined) params.slotId = c.slotId;
        dropped.push({ sessionId: id, reason: { code: 'unresolved_conflict', params } });
        this.apply(worst, this.pos[worst]!, -1);
      }
    }
    return { placements: this.placements(), dropped };
  }

  placements(): Placement[] {
    const r = this.cp.r;
    const out: Placement[] = [];
    for (let i = 0; i < this.n; i++) {
      const c = this.pos[i]!;
      if (c < 0) continue;
      const s = this.cp.sessions[i]!;
      const t = s.starts[c]!;
      const room = s.rooms[c]!;
      out.push({ sessionId: s.id, day: Math.floor(t / this.S), slotId: r.problem.calendar.slots[t % this.S]!.id, roomId: room >= 0 ? r.problem.rooms[room]!.id : null });
    }
    return out;
  }
}
