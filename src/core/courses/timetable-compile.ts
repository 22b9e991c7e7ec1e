/**
 * Turns a TimetableProblem into dense indexes (days × slots as one time axis, resources as
 * integers) and, for the solver, every session's domain: the (start, room) pairs that satisfy all
 * its one-session constraints. A session whose domain comes out empty is named with the first
 * constraint that emptied it, so staff know what to change.
 */
import { epochDay, isoWeekdayOfEpochDay } from './calendar.js';
import { DEFAULT_SOFT_WEIGHTS, type Availability, type SlotPattern, type SoftWeights, type TimetableProblem, type TimetableSession, type UnplacedReason, type UnplacedSession } from './timetable-model.js';

/** Resource tables shared by the conflict checker and the solver. */
export interface CompiledResources {
  readonly problem: TimetableProblem;
  /** Slots per day, days in the horizon, and time points T = D × S (t = day × S + slot). */
  readonly S: number;
  readonly D: number;
  readonly T: number;
  readonly slotIndex: ReadonlyMap<string, number>;
  readonly roomIndex: ReadonlyMap<string, number>;
  readonly lecturerIndex: ReadonlyMap<string, number>;
  readonly cohortIndex: ReadonlyMap<string, number>;
  /** ISO weekday of each day index. */
  readonly weekday: Int8Array;
  /** 1 when the calendar teaches that day (weekday allowed, not closed). */
  readonly teachingDay: Uint8Array;
  /** 1 when resource r is free at time t: index r × T + t. */
  readonly roomOpen: Uint8Array;
  readonly lecturerOpen: Uint8Array;
  readonly weights: SoftWeights;
  readonly maxSessionsPerDay: number;
  readonly series: ReadonlyMap<string, { min: number; max: number }>;
}

const ALL_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

function indexOf<T extends { id: string }>(items: readonly T[]): Map<string, number> {
  const m = new Map<string, number>();
  items.forEach((item, i) => {
    if (!m.has(item.id)) m.set(item.id, i);
  });
  return m;
}

function fillOpen(out: Uint8Array, offset: number, a: Availability | undefined, r: Pick<CompiledResources, 'S' | 'D' | 'weekday' | 'slotIndex'>): void {
  const { S, D } = r;
  if (!a?.weekly) out.fill(1, offset, offset + D * S);
  else
    for (const w of a.weekly) {
      const slots = w.slotIds ? w.slotIds.map((id) => r.slotIndex.get(id)).filter((s): s is number => s !== undefined) : Array.from({ length: S }, (_, s) => s);
      for (let d = 0; d < D; d++) if (r.weekday[d] === w.weekday) for (const s of slots) out[offset + d * S + s] = 1;
    }
  for (const u of a?.unavailable ?? []) {
    const slots = u.slotIds ? u.slotIds.map((id) => r.slotIndex.get(id)).filter((s): s is number => s !== undefined) : Array.from({ length: S }, (_, s) => s);
    for (let d = Math.max(0, u.fromDay); d <= Math.min(D - 1, u.toDay); d++) for (const s of slots) out[offset + d * S + s] = 0;
  }
}

/** Never throws: unknown references surface later as conflicts or unplaced reasons. */
export function compileResources(problem: TimetableProblem): CompiledResources {
  const cal = problem.calendar;
  const S = cal.slots.length;
  const D = Math.max(0, Math.floor(cal.days));
  const T = D * S;
  const slotIndex = indexOf(cal.slots);
  // A malformed start date only loses weekday information (every day is then a Monday-less week);
  // it is validated at the edge.
  const start = epochDay(cal.startDate) ?? 0;
  const weekday = new Int8Array(D);
  const teachingDay = new Uint8Array(D);
  const weekdays = new Set(cal.weekdays ?? [1, 2, 3, 4, 5]);
  const closed = new Set(cal.closedDays ?? []);
  for (let d = 0; d < D; d++) {
    weekday[d] = isoWeekdayOfEpochDay(start + d);
    teachingDay[d] = weekdays.has(weekday[d]!) && !closed.has(d) ? 1 : 0;
  }
  const base = { S, D, weekday, slotIndex };
  const roomOpen = new Uint8Array(problem.rooms.length * T);
  problem.rooms.forEach((room, i) => fillOpen(roomOpen, i * T, room.availability, base));
  const lecturerOpen = new Uint8Array(problem.lecturers.length * T);
  problem.lecturers.forEach((l, i) => fillOpen(lecturerOpen, i * T, l.availability, base));
  const series = new Map<string, { min: number; max: number }>();
  for (const rule of problem.series ?? []) {
    const min = rule.minWeeksApart ?? 1;
    series.set(rule.id, { min, max: Math.max(min, rule.maxWeeksApart ?? min) });
  }
  return {
    problem,
    S,
    D,
    T,
    slotIndex,
    roomIndex: indexOf(problem.rooms),
    lecturerIndex: indexOf(problem.lecturers),
    cohortIndex: indexOf(problem.cohorts),
    weekday,
    teachingDay,
    roomOpen,
    lecturerOpen,
    weights: { ...DEFAULT_SOFT_WEIGHTS, ...problem.soft?.weights },
    maxSessionsPerDay: problem.soft?.maxSessionsPerDay ?? 2,
    series,
  };
}

/** The cadence rule of a series (a series without a declared rule is weekly: exactly 1 week apart). */
export function seriesRule(r: CompiledResources, id: string): { min: number; max: number } {
  return r.series.get(id) ?? { min: 1, max: 1 };
}

export function durationOf(s: TimetableSession): number {
  return s.durationSlots ?? 1;
}
export function daysOf(s: TimetableSession): number {
  return s.days ?? 1;
}

/** The rooms a session may use: its own list, else its cohort's, else all. */
export function allowedRoomIds(problem: TimetableProblem, s: TimetableSession): readonly string[] | null {
  if (s.roomIds) return s.roomIds;
  const cohort = problem.cohorts.find((c) => c.id === s.cohortId);
  return cohort?.roomIds ?? null;
}

function matches(p: SlotPattern, weekday: number, slotId: string): boolean {
  return (p.weekday === undefined || p.weekday === weekday) && (p.slotId === undefined || p.slotId === slotId);
}

/** Soft cost for one lecturer teaching at the times of a placement: avoided slots used, preference missed or hit. */
export function lecturerPreference(
  r: CompiledResources,
  lecturerIdx: number,
  day: number,
  slot: number,
  days: number,
  dur: number,
): { avoided: number; missed: number; hit: number } {
  const l = r.problem.lecturers[lecturerIdx]!;
  let avoided = 0;
  let hit = 0;
  if (!l.avoid?.length && !l.prefer?.length) return { avoided: 0, missed: 0, hit: 0 };
  for (let k = 0; k < days; k++) {
    const d = day + k;
    if (d >= r.D) break;
    const wd = r.weekday[d]!;
    for (let j = 0; j < dur; j++) {
      const id = r.problem.calendar.slots[slot + j]?.id;
      if (id === undefined) continue;
      if (!avoided && l.avoid?.some((p) => matches(p, wd, id))) avoided = 1;
      if (!hit && l.prefer?.some((p) => matches(p, wd, id))) hit = 1;
    }
  }
  const hasPrefer = (l.prefer?.length ?? 0) > 0;
  return { avoided, missed: hasPrefer && !hit ? 1 : 0, hit: hasPrefer ? hit : 0 };
}

/** One session as the solver sees it. */
export interface SolverSession {
  readonly id: string;
  readonly index: number;
  readonly cohort: number;
  readonly lecturers: readonly number[];
  readonly dur: number;
  readonly days: number;
  /** Candidate starts (t = day × S + slot) and rooms (−1: none needed), in day, slot, room order. */
  starts: Int32Array;
  rooms: Int32Array;
  /** Unary soft cost of each candidate (lecturer preferences). */
  prefCost: Int32Array;
  /** Prerequisites and dependents among the placeable sessions. */
  pre: number[];
  succ: number[];
  /** Series neighbours among the placeable sessions and the allowed week gaps to them. */
  seriesPrev: number;
  seriesNext: number;
  prevMin: number;
  prevMax: number;
  nextMin: number;
  nextMax: number;
}

export interface CompiledProblem {
  readonly r: CompiledResources;
  /** Placeable sessions (non-empty domains), in input order. */
  readonly sessions: readonly SolverSession[];
  readonly unplaced: readonly UnplacedSession[];
  /** Per cohort: its weeks' count and the even share of its placeable sessions per week. */
  readonly cohortWeeks: Int32Array;
  readonly cohortFirstWeek: Int32Array;
  readonly cohortTarget: Int32Array;
}

interface Work {
  session: TimetableSession;
  cohort: number;
  lecturers: number[];
  dur: number;
  days: number;
  starts: number[];
  rooms: number[];
  reason: UnplacedReason | null;
  pre: number[];
}

/** Builds domains, diagnoses sessions that cannot go anywhere, and propagates order and cadence bounds. */
export function compileProblem(problem: TimetableProblem): CompiledProblem {
  const r = compileResources(problem);
  const { S, D } = r;
  const unplaced: UnplacedSession[] = [];
  const work: Work[] = [];
  const seen = new Set<string>();
  const lastWeek = Math.floor((D - 1) / 7);

  for (const s of problem.sessions) {
    if (seen.has(s.id)) {
      unplaced.push({ sessionId: s.id, reason: { code: 'duplicate_session', params: {} } });
      continue;
    }
    seen.add(s.id);
    const w: Work = { session: s, cohort: -1, lecturers: [], dur: durationOf(s), days: daysOf(s), starts: [], rooms: [], reason: null, pre: [] };
    work.push(w);
    w.reason = domainOf(r, s, w, lastWeek);
  }

  // Prerequisites: unknown ones, cycles, and unplaceable ones (transitively), then time bounds.
  const byId = new Map(work.map((w, i) => [w.session.id, i] as const));
  for (const w of work) {
    if (w.reason) continue;
    for (const a of w.session.after ?? []) {
      const i = byId.get(a);
      if (i === undefined) {
        w.reason = { code: 'unknown_prerequisite', params: { prerequisiteId: a } };
        break;
      }
      w.pre.push(i);
    }
  }
  markCycles(work);

  // Fixed point: an unplaceable prerequisite takes its dependents with it; bounds may empty more domains.
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of work) {
      if (w.reason) continue;
      const bad = w.pre.find((p) => work[p]!.reason !== null);
      if (bad !== undefined) {
        w.reason = { code: 'prerequisite_unplaceable', params: { prerequisiteId: work[bad]!.session.id } };
        changed = true;
      }
    }
    if (changed) continue;
    changed = propagateOrder(r, work) || propagateSeries(r, work);
  }

  for (const w of work) if (w.reason) unplaced.push({ sessionId: w.session.id, reason: w.reason });

  // Dense solver sessions for the placeable ones.
  const placeable = work.filter((w) => !w.reason);
  const solverIndex = new Map(placeable.map((w, i) => [w, i] as const));
  const workIndex = new Map(work.map((w, i) => [i, w] as const));
  const sessions: SolverSession[] = placeable.map((w, i) => {
    const prefCost = new Int32Array(w.starts.length);
    for (let c = 0; c < w.starts.length; c++) {
      const t = w.starts[c]!;
      let cost = 0;
      for (const l of w.lecturers) {
        const p = lecturerPreference(r, l, Math.floor(t / S), t % S, w.days, w.dur);
        cost += p.avoided * r.weights.avoid + p.missed * r.weights.prefer;
      }
      prefCost[c] = cost;
    }
    return {
      id: w.session.id,
      index: i,
      cohort: w.cohort,
      lecturers: w.lecturers,
      dur: w.dur,
      days: w.days,
      starts: Int32Array.from(w.starts),
      rooms: Int32Array.from(w.rooms),
      prefCost,
      pre: w.pre.map((p) => solverIndex.get(workIndex.get(p)!)!),
      succ: [],
      seriesPrev: -1,
      seriesNext: -1,
      prevMin: 0,
      prevMax: 0,
      nextMin: 0,
      nextMax: 0,
    };
  });
  for (const s of sessions) for (const p of s.pre) sessions[p]!.succ.push(s.index);
  for (const [seriesId, members] of seriesMembers(placeable.map((w) => w.session))) {
    const rule = seriesRule(r, seriesId);
    for (let k = 1; k < members.length; k++) {
      const a = sessions[members[k - 1]!.index]!;
      const b = sessions[members[k]!.index]!;
      const gap = members[k]!.position - members[k - 1]!.position;
      a.seriesNext = b.index;
      a.nextMin = gap * rule.min;
      a.nextMax = gap * rule.max;
      b.seriesPrev = a.index;
      b.prevMin = gap * rule.min;
      b.prevMax = gap * rule.max;
    }
  }

  const C = problem.cohorts.length;
  const cohortWeeks = new Int32Array(C);
  const cohortFirstWeek = new Int32Array(C);
  const cohortTarget = new Int32Array(C);
  const counts = new Int32Array(C);
  for (const s of sessions) counts[s.cohort]!++;
  problem.cohorts.forEach((c, i) => {
    const first = Math.max(0, c.firstWeek ?? 0);
    const last = Math.min(lastWeek, c.lastWeek ?? lastWeek);
    cohortFirstWeek[i] = first;
    cohortWeeks[i] = Math.max(1, last - first + 1);
    cohortTarget[i] = Math.ceil(counts[i]! / cohortWeeks[i]!);
  });
  return { r, sessions, unplaced, cohortWeeks, cohortFirstWeek, cohortTarget };
}

/** Series members (by index in the given list) ordered by position, per series id. */
export function seriesMembers(sessions: readonly TimetableSession[]): Map<string, { index: number; position: number }[]> {
  const m = new Map<string, { index: number; position: number }[]>();
  sessions.forEach((s, index) => {
    if (!s.series) return;
    const list = m.get(s.series.id) ?? [];
    list.push({ index, position: s.series.position });
    m.set(s.series.id, list);
  });
  for (const list of m.values()) list.sort((a, b) => a.position - b.position || a.index - b.index);
  return m;
}

function weekSet(s: TimetableSession, cohortFirst: number, cohortLast: number): Set<number> {
  const weeks = new Set<number>();
  const allowed = s.weeks ? new Set(s.weeks) : null;
  for (let w = cohortFirst; w <= cohortLast; w++) if (!allowed || allowed.has(w)) weeks.add(w);
  return weeks;
}

/** The domain of one session, or the reason it has none (checked in the order staff would fix them). */
function domainOf(r: CompiledResources, s: TimetableSession, w: Work, lastWeek: number): UnplacedReason | null {
  const { S, D, T, problem } = r;
  if (!s.id || !Number.isInteger(w.dur) || w.dur < 1) return { code: 'invalid_session', params: { field: 'durationSlots' } };
  if (!Number.isInteger(w.days) || w.days < 1) return { code: 'invalid_session', params: { field: 'days' } };
  const ci = r.cohortIndex.get(s.cohortId);
  if (ci === undefined) return { code: 'unknown_cohort', params: { cohortId: s.cohortId } };
  w.cohort = ci;
  const cohort = problem.cohorts[ci]!;
  for (const id of s.lecturerIds) {
    const li = r.lecturerIndex.get(id);
    if (li === undefined) return { code: 'unknown_lecturer', params: { lecturerId: id } };
    if (!w.lecturers.includes(li)) w.lecturers.push(li);
  }
  const needsRoom = s.needsRoom ?? true;
  const roomIds = needsRoom ? (allowedRoomIds(problem, s) ?? problem.rooms.map((room) => room.id)) : [];
  const roomIdx: number[] = [];
  for (const id of roomIds) {
    const ri = r.roomIndex.get(id);
    if (ri === undefined) return { code: 'unknown_room', params: { roomId: id } };
    if (!roomIdx.includes(ri)) roomIdx.push(ri);
  }
  if (w.dur > S) return { code: 'duration_exceeds_day', params: { durationSlots: w.dur, slotsPerDay: S } };

  const first = Math.max(0, cohort.firstWeek ?? 0);
  const last = Math.min(lastWeek, cohort.lastWeek ?? lastWeek);
  const weeks = weekSet(s, first, last);
  if (weeks.size === 0) return { code: 'no_allowed_week', params: { firstWeek: first, lastWeek: last } };
  const cohortDays = new Set(cohort.weekdays ?? ALL_WEEKDAYS);
  const teaches = (d: number) => d < D && r.teachingDay[d] === 1 && cohortDays.has(r.weekday[d]!);
  const startDays: number[] = [];
  let anyTeaching = false;
  for (let d = 0; d < D; d++) {
    if (!weeks.has(Math.floor(d / 7)) || !teaches(d)) continue;
    anyTeaching = true;
    let ok = true;
    for (let k = 1; k < w.days && ok; k++) ok = teaches(d + k);
    if (ok) startDays.push(d);
  }
  if (!anyTeaching) return { code: 'no_teaching_day', params: { firstWeek: first, lastWeek: last } };
  if (startDays.length === 0) return { code: 'no_consecutive_days', params: { days: w.days } };

  const cohortSlots = cohort.slotIds ? new Set(cohort.slotIds.map((id) => r.slotIndex.get(id)).filter((x) => x !== undefined)) : null;
  const startSlots: number[] = [];
  for (let sl = 0; sl + w.dur <= S; sl++) {
    let ok = true;
    for (let j = 0; j < w.dur && ok; j++) ok = !cohortSlots || cohortSlots.has(sl + j);
    if (ok) startSlots.push(sl);
  }
  if (startSlots.length === 0) return { code: 'no_allowed_slot', params: { durationSlots: w.dur } };

  const needed = s.capacity ?? cohort.size;
  const bigEnough = roomIdx.filter((ri) => problem.rooms[ri]!.capacity >= needed);
  if (needsRoom && bigEnough.length === 0) {
    const largest = roomIdx.reduce((m, ri) => Math.max(m, problem.rooms[ri]!.capacity), 0);
    return { code: 'no_room_with_capacity', params: { needed, largest } };
  }

  // Times at which every covered (day, slot) is open for a resource.
  const openAll = (open: Uint8Array, offset: number, t0: number) => {
    const d0 = Math.floor(t0 / S);
    const s0 = t0 % S;
    for (let k = 0; k < w.days; k++) for (let j = 0; j < w.dur; j++) if (open[offset + (d0 + k) * S + s0 + j] !== 1) return false;
    return true;
  };
  let times: number[] = [];
  for (const d of startDays) for (const sl of startSlots) times.push(d * S + sl);
  for (const li of w.lecturers) if (!times.some((t) => openAll(r.lecturerOpen, li * T, t))) return { code: 'lecturer_unavailable_all_allowed_weeks', params: { lecturerId: problem.lecturers[li]!.id } };
  times = times.filter((t) => w.lecturers.every((li) => openAll(r.lecturerOpen, li * T, t)));
  if (times.length === 0) return { code: 'lecturers_never_free_together', params: { lecturerIds: w.lecturers.map((li) => problem.lecturers[li]!.id).join(',') } };
  for (const t of times) {
    if (!needsRoom) {
      w.starts.push(t);
      w.rooms.push(-1);
      continue;
    }
    for (const ri of bigEnough)
      if (openAll(r.roomOpen, ri * T, t)) {
        w.starts.push(t);
        w.rooms.push(ri);
      }
  }
  if (w.starts.length === 0) return { code: 'room_unavailable_all_allowed_weeks', params: { roomIds: bigEnough.map((ri) => problem.rooms[ri]!.id).join(',') } };
  return null;
}

/** Marks every session on a prerequisite cycle (Tarjan's strongly connected components). */
function markCycles(work: Work[]): void {
  const n = work.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let counter = 0;
  const strong = (v0: number) => {
    // Iterative, so a long chain of prerequisites cannot overflow the call stack.
    const frames: { v: number; i: number }[] = [{ v: v0, i: 0 }];
    index[v0] = low[v0] = counter++;
    stack.push(v0);
    onStack[v0] = 1;
    while (frames.length > 0) {
      const f = frames[frames.length - 1]!;
      const edges = work[f.v]!.pre;
      if (f.i < edges.length) {
        const u = edges[f.i++]!;
        if (index[u] === -1) {
          index[u] = low[u] = counter++;
          stack.push(u);
          onStack[u] = 1;
          frames.push({ v: u, i: 0 });
        } else if (onStack[u]) low[f.v] = Math.min(low[f.v]!, index[u]!);
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1]!.v;
        low[parent] = Math.min(low[parent]!, low[f.v]!);
      }
      if (low[f.v] === index[f.v]) {
        const comp: number[] = [];
        let u: number;
        do {
          u = stack.pop()!;
          onStack[u] = 0;
          comp.push(u);
        } while (u !== f.v);
        const selfLoop = comp.length === 1 && work[comp[0]!]!.pre.includes(comp[0]!);
        if (comp.length > 1 || selfLoop) {
          const ids = comp.map((c) => work[c]!.session.id).sort().join(',');
          for (const c of comp) if (!work[c]!.reason) work[c]!.reason = { code: 'prerequisite_cycle', params: { sessionIds: ids } };
        }
      }
    }
  };
  for (let v = 0; v < n; v++) if (index[v] === -1) strong(v);
}

function endOf(r: CompiledResources, w: { days: number; dur: number }, t: number): number {
  return t + (w.days - 1) * r.S + w.dur;
}

function keep(w: Work, pred: (i: number) => boolean): boolean {
  const starts: number[] = [];
  const rooms: number[] = [];
  for (let i = 0; i < w.starts.length; i++)
    if (pred(i)) {
      starts.push(w.starts[i]!);
      rooms.push(w.rooms[i]!);
    }
  const changed = starts.length !== w.starts.length;
  w.starts = starts;
  w.rooms = rooms;
  return changed;
}

/** Bounds: a session starts after its prerequisites can first end, and ends before its dependents can last start. */
function propagateOrder(r: CompiledResources, work: Work[]): boolean {
  let changed = false;
  for (const w of work) {
    if (w.reason || w.pre.length === 0) continue;
    let earliest = -1;
    let binding = '';
    for (const p of w.pre) {
      const a = work[p]!;
      const minEnd = a.starts.reduce((m, t) => Math.min(m, endOf(r, a, t)), Number.MAX_SAFE_INTEGER);
      if (minEnd > earliest) {
        earliest = minEnd;
        binding = a.session.id;
      }
    }
    if (keep(w, (i) => w.starts[i]! >= earliest)) changed = true;
    if (w.starts.length === 0) w.reason = { code: 'no_time_after_prerequisites', params: { prerequisiteId: binding } };
  }
  for (const b of work) {
    if (b.reason) continue;
    const latestStart = b.starts.reduce((m, t) => Math.max(m, t), -1);
    for (const p of b.pre) {
      const a = work[p]!;
      if (a.reason) continue;
      if (keep(a, (i) => endOf(r, a, a.starts[i]!) <= latestStart)) changed = true;
      if (a.starts.length === 0) a.reason = { code: 'no_time_before_dependents', params: { dependentId: b.session.id } };
    }
  }
  return changed;
}

/** Arc consistency on the start weeks of neighbouring series members. */
function propagateSeries(r: CompiledResources, work: Work[]): boolean {
  let changed = false;
  const live = work.filter((w) => !w.reason);
  for (const [seriesId, members] of seriesMembers(live.map((w) => w.session))) {
    const rule = seriesRule(r, seriesId);
    const weeksOf = (w: Work) => new Set(w.starts.map((t) => Math.floor(Math.floor(t / r.S) / 7)));
    const revise = (x: Work, y: Work, lo: number, hi: number) => {
      // Keep x's weeks that have a y week at a distance in [lo, hi] (negative = y before x).
      const ys = weeksOf(y);
      const ok = (wk: number) => {
        for (let g = lo; g <= hi; g++) if (ys.has(wk + g)) return true;
        return false;
      };
      if (keep(x, (i) => ok(Math.floor(Math.floor(x.starts[i]! / r.S) / 7)))) changed = true;
      if (x.starts.length === 0) x.reason = { code: 'series_unplaceable', params: { seriesId, neighbourId: y.session.id } };
    };
    for (let k = 1; k < members.length; k++) {
      const a = live[members[k - 1]!.index]!;
      const b = live[members[k]!.index]!;
      if (a.reason || b.reason) continue;
      const gap = members[k]!.position - members[k - 1]!.position;
      revise(b, a, -gap * rule.max, -gap * rule.min);
      if (!b.reason) revise(a, b, gap * rule.min, gap * rule.max);
    }
  }
  return changed;
}
