/**
 * The hard-constraint checker staff editing by hand call for live warnings, and the soft-quality
 * figures. It is the single definition of "a conflict": the solver's result is accepted only when
 * this finds none, and the tests hold the solver to it.
 */
import { allowedRoomIds, compileResources, daysOf, durationOf, lecturerPreference, seriesMembers, seriesRule, type CompiledResources } from './timetable-compile.js';
import type { ConflictResource, HardConflictKind, LecturerPreferenceFigures, Placement, TimetableConflict, TimetableProblem, TimetableQuality, TimetableSession } from './timetable-model.js';

const KIND_ORDER: readonly HardConflictKind[] = [
  'unknown_session',
  'duplicate_placement',
  'unknown_slot',
  'unknown_room',
  'room_missing',
  'outside_calendar',
  'not_a_teaching_day',
  'outside_allowed_weeks',
  'slot_not_allowed',
  'beyond_day_end',
  'room_not_allowed',
  'room_too_small',
  'room_unavailable',
  'lecturer_unavailable',
  'lecturer_clash',
  'room_clash',
  'cohort_clash',
  'prerequisite_order',
  'cadence',
];

interface Placed {
  readonly p: Placement;
  readonly s: TimetableSession;
  readonly slot: number;
  readonly dur: number;
  readonly days: number;
  /** Covered (day, slot) pairs as t = day × S + slot, only those inside the calendar. */
  readonly times: number[];
}

/**
 * Every broken hard constraint in a set of placements: unknown or malformed placements, times
 * outside the calendar or the cohort's days, weeks and slots, rooms that are missing, not allowed,
 * too small or closed, unavailable lecturers, a lecturer, room or cohort in two places at once, order
 * and cadence. A clash is reported once per resource and set of sessions, at its first time.
 * Sessions not placed are not conflicts (the solver reports them as unplaced).
 */
export function findConflicts(problem: TimetableProblem, placements: readonly Placement[], compiled?: CompiledResources): TimetableConflict[] {
  const r = compiled ?? compileResources(problem);
  const { S, D, T } = r;
  const out: TimetableConflict[] = [];
  const sessionById = new Map<string, TimetableSession>();
  for (const s of problem.sessions) if (!sessionById.has(s.id)) sessionById.set(s.id, s);
  const cohortById = new Map(problem.cohorts.map((c) => [c.id, c] as const));
  const at = (t: number) => ({ day: Math.floor(t / S), slotId: problem.calendar.slots[t % S]!.id });

  const placed: Placed[] = [];
  const seen = new Set<string>();
  for (const p of placements) {
    const s = sessionById.get(p.sessionId);
    if (!s) {
      out.push({ kind: 'unknown_session', sessionIds: [p.sessionId] });
      continue;
    }
    if (seen.has(p.sessionId)) {
      out.push({ kind: 'duplicate_placement', sessionIds: [p.sessionId] });
      continue;
    }
    seen.add(p.sessionId);
    const slot = r.slotIndex.get(p.slotId);
    if (slot === undefined) {
      out.push({ kind: 'unknown_slot', sessionIds: [s.id], params: { slotId: p.slotId } });
      continue;
    }
    const dur = durationOf(s);
    const days = daysOf(s);
    const times: number[] = [];
    for (let k = 0; k < days; k++) for (let j = 0; j < dur; j++) if (p.day + k >= 0 && p.day + k < D && slot + j < S) times.push((p.day + k) * S + slot + j);
    placed.push({ p, s, slot, dur, days, times });
    const cohort = cohortById.get(s.cohortId);

    if (!Number.isInteger(p.day) || p.day < 0 || p.day + days > D) out.push({ kind: 'outside_calendar', sessionIds: [s.id], day: p.day, slotId: p.slotId, params: { days: D } });
    if (slot + dur > S) out.push({ kind: 'beyond_day_end', sessionIds: [s.id], day: p.day, slotId: p.slotId, params: { durationSlots: dur } });
    const cohortDays = cohort?.weekdays ? new Set(cohort.weekdays) : null;
    for (let k = 0; k < days; k++) {
      const d = p.day + k;
      if (d < 0 || d >= D) continue;
      if (r.teachingDay[d] !== 1 || (cohortDays && !cohortDays.has(r.weekday[d]!))) {
        out.push({ kind: 'not_a_teaching_day', sessionIds: [s.id], day: d, slotId: p.slotId, params: { weekday: r.weekday[d]! } });
        break;
      }
    }
    const week = Math.floor(p.day / 7);
    const firstWeek = cohort?.firstWeek ?? 0;
    const lastWeek = cohort?.lastWeek ?? Number.MAX_SAFE_INTEGER;
    if (week < firstWeek || week > lastWeek || (s.weeks && !s.weeks.includes(week))) out.push({ kind: 'outside_allowed_weeks', sessionIds: [s.id], day: p.day, slotId: p.slotId, params: { week } });
    if (cohort?.slotIds) {
      for (let j = 0; j < dur; j++) {
        const id = problem.calendar.slots[slot + j]?.id;
        if (id !== undefined && !cohort.slotIds.includes(id)) {
          out.push({ kind: 'slot_not_allowed', sessionIds: [s.id], day: p.day, slotId: id });
          break;
        }
      }
    }

    const needsRoom = s.needsRoom ?? true;
    if (p.roomId === null) {
      if (needsRoom) out.push({ kind: 'room_missing', sessionIds: [s.id], day: p.day, slotId: p.slotId });
    } else {
      const ri = r.roomIndex.get(p.roomId);
      if (ri === undefined) out.push({ kind: 'unknown_room', sessionIds: [s.id], resource: { type: 'room', id: p.roomId } });
      else {
        const room = problem.rooms[ri]!;
        const allowed = allowedRoomIds(problem, s);
        if (allowed && !allowed.includes(room.id)) out.push({ kind: 'room_not_allowed', sessionIds: [s.id], resource: { type: 'room', id: room.id } });
        const needed = s.capacity ?? cohort?.size ?? 0;
        if (room.capacity < needed) out.push({ kind: 'room_too_small', sessionIds: [s.id], resource: { type: 'room', id: room.id }, params: { capacity: room.capacity, needed } });
        const closed = times.find((t) => r.roomOpen[ri * T + t] !== 1);
        if (closed !== undefined) out.push({ kind: 'room_unavailable', sessionIds: [s.id], resource: { type: 'room', id: room.id }, ...at(closed) });
      }
    }
    for (const id of new Set(s.lecturerIds)) {
      const li = r.lecturerIndex.get(id);
      if (li === undefined) continue;
      const closed = times.find((t) => r.lecturerOpen[li * T + t] !== 1);
      if (closed !== undefined) out.push({ kind: 'lecturer_unavailable', sessionIds: [s.id], resource: { type: 'lecturer', id }, ...at(closed) });
    }
  }

  // Clashes: who is where at each time, per resource.
  const occupancy = new Map<string, Map<number, string[]>>();
  const occupy = (key: string, t: number, sessionId: string) => {
    let byTime = occupancy.get(key);
    if (!byTime) occupancy.set(key, (byTime = new Map()));
    const list = byTime.get(t);
    if (list) list.push(sessionId);
    else byTime.set(t, [sessionId]);
  };
  for (const x of placed) {
    for (const t of x.times) {
      for (const id of new Set(x.s.lecturerIds)) occupy(`lecturer\u0000${id}`, t, x.s.id);
      if (x.p.roomId !== null) occupy(`room\u0000${x.p.roomId}`, t, x.s.id);
      occupy(`cohort\u0000${x.s.cohortId}`, t, x.s.id);
    }
  }
  const clashKind = { lecturer: 'lecturer_clash', room: 'room_clash', cohort: 'cohort_clash' } as const;
  for (const [key, byTime] of occupancy) {
    const [type, id] = key.split('\u0000') as ['lecturer' | 'room' | 'cohort', string];
    const reported = new Set<string>();
    for (const t of [...byTime.keys()].sort((a, b) => a - b)) {
      const list = byTime.get(t)!;
      if (list.length < 2) continue;
      const ids = [...list].sort();
      const k = ids.join('\u0000');
      if (reported.has(k)) continue;
      reported.add(k);
      out.push({ kind: clashKind[type], sessionIds: ids, resource: { type, id } as ConflictResource, ...at(t) });
    }
  }

  // Order and cadence between placed sessions.
  const byId = new Map(placed.map((x) => [x.s.id, x] as const));
  const startT = (x: Placed) => x.p.day * S + x.slot;
  const endT = (x: Placed) => (x.p.day + x.days - 1) * S + x.slot + x.dur;
  for (const b of placed) {
    for (const aId of b.s.after ?? []) {
      const a = byId.get(aId);
      if (a && endT(a) > startT(b)) out.push({ kind: 'prerequisite_order', sessionIds: [a.s.id, b.s.id], day: b.p.day, slotId: b.p.slotId, params: { prerequisiteId: a.s.id } });
    }
  }
  const placedSessions = placed.map((x) => x.s);
  for (const [seriesId, members] of seriesMembers(placedSessions)) {
    const rule = seriesRule(r, seriesId);
    for (let k = 1; k < members.length; k++) {
      const a = placed[members[k - 1]!.index]!;
      const b = placed[members[k]!.index]!;
      const gap = members[k]!.position - members[k - 1]!.position;
      const weeksApart = Math.floor(b.p.day / 7) - Math.floor(a.p.day / 7);
      if (weeksApart < gap * rule.min || weeksApart > gap * rule.max)
        out.push({
          kind: 'cadence',
          sessionIds: [a.s.id, b.s.id],
          resource: { type: 'series', id: seriesId },
          day: b.p.day,
          slotId: b.p.slotId,
          params: { weeksApart, minWeeks: gap * rule.min, maxWeeks: gap * rule.max },
        });
    }
  }

  const rank = new Map(KIND_ORDER.map((k, i) => [k, i] as const));
  return out.sort((a, b) => rank.get(a.kind)! - rank.get(b.kind)! || cmp(a.sessionIds.join(','), b.sessionIds.join(',')) || (a.day ?? 0) - (b.day ?? 0));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Each placed session once, with its first day in the calendar, as the soft figures count it. */
function countedPlacements(problem: TimetableProblem, placements: readonly Placement[], r: CompiledResources): { s: TimetableSession; p: Placement; slot: number }[] {
  const sessionById = new Map(problem.sessions.map((s) => [s.id, s] as const));
  const seen = new Set<string>();
  const out: { s: TimetableSession; p: Placement; slot: number }[] = [];
  for (const p of placements) {
    const s = sessionById.get(p.sessionId);
    const slot = r.slotIndex.get(p.slotId);
    if (!s || slot === undefined || seen.has(s.id)) continue;
    seen.add(s.id);
    out.push({ s, p, slot });
  }
  return out;
}

/**
 * How each lecturer who stated wishes (`prefer` or `avoid`) fares in a set of placements, in the
 * problem's lecturer order: sessions taught, and of those in a preferred slot, outside every
 * preferred slot, and touching an avoided slot. Their sums are the quality's preference figures.
 */
export function lecturerPreferenceFigures(problem: TimetableProblem, placements: readonly Placement[], compiled?: CompiledResources): LecturerPreferenceFigures[] {
  const r = compiled ?? compileResources(problem);
  const tally = problem.lecturers.map(() => ({ sessions: 0, hits: 0, misses: 0, avoided: 0 }));
  for (const { s, p, slot } of countedPlacements(problem, placements, r)) {
    if (p.day < 0 || p.day >= r.D) continue;
    for (const id of new Set(s.lecturerIds)) {
      const li = r.lecturerIndex.get(id);
      if (li === undefined) continue;
      const pref = lecturerPreference(r, li, p.day, slot, daysOf(s), durationOf(s));
      const t = tally[li]!;
      t.sessions++;
      t.hits += pref.hit;
      t.misses += pref.missed;
      t.avoided += pref.avoided;
    }
  }
  return problem.lecturers.flatMap((l, i) => ((l.prefer?.length ?? 0) > 0 || (l.avoid?.length ?? 0) > 0 ? [{ lecturerId: l.id, ...tally[i]! }] : []));
}

/** Soft figures of a set of placements (sessions not placed, or unknown, are left out). */
export function timetableQuality(problem: TimetableProblem, placements: readonly Placement[], compiled?: CompiledResources): TimetableQuality {
  const r = compiled ?? compileResources(problem);
  const { D } = r;
  const lastCalendarWeek = Math.floor((D - 1) / 7);
  const perWeek = new Map<string, number>();
  const perDay = new Map<string, number>();
  const perCohort = new Map<string, number>();
  for (const { s, p } of countedPlacements(problem, placements, r)) {
    perCohort.set(s.cohortId, (perCohort.get(s.cohortId) ?? 0) + 1);
    const wk = `${s.cohortId}\u0000${Math.floor(p.day / 7)}`;
    perWeek.set(wk, (perWeek.get(wk) ?? 0) + 1);
    for (let k = 0; k < daysOf(s); k++) {
      const dk = `${s.cohortId}\u0000${p.day + k}`;
      perDay.set(dk, (perDay.get(dk) ?? 0) + 1);
    }
  }
  let avoided = 0;
  let missed = 0;
  let hit = 0;
  for (const f of lecturerPreferenceFigures(problem, placements, r)) {
    avoided += f.avoided;
    missed += f.misses;
    hit += f.hits;
  }
  let spreadExcess = 0;
  const cohorts = new Map(problem.cohorts.map((c) => [c.id, c] as const));
  for (const [key, n] of perWeek) {
    const cohortId = key.split('\u0000')[0]!;
    const c = cohorts.get(cohortId);
    const first = Math.max(0, c?.firstWeek ?? 0);
    const last = Math.min(lastCalendarWeek, c?.lastWeek ?? lastCalendarWeek);
    const target = Math.ceil(perCohort.get(cohortId)! / Math.max(1, last - first + 1));
    spreadExcess += Math.max(0, n - target);
  }
  let dailyExcess = 0;
  for (const [key, n] of perDay) {
    const c = cohorts.get(key.split('\u0000')[0]!);
    dailyExcess += Math.max(0, n - (c?.maxSessionsPerDay ?? r.maxSessionsPerDay));
  }
  const w = r.weights;
  return {
    score: w.spread * spreadExcess + w.daily * dailyExcess + w.avoid * avoided + w.prefer * missed,
    spreadExcess,
    dailyExcess,
    avoidedSlotsUsed: avoided,
    preferenceMisses: missed,
    preferenceHits: hit,
  };
}
