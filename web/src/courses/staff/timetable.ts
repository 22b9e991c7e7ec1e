/**
 * Reading a timetable run and the live conflict warnings: how far a run has got (for the progress
 * bar), whether it is over, how well it keeps the soft wishes, which sessions a warning involves, and
 * the sessions a move would touch. Pure, so unit-tested in Node.
 */
import type { z } from 'zod';
import type { CohortConflictsT, ConflictWarning, LecturerPreferenceViewT, TimetableRunResultT, TimetableRunViewT } from '../../../../src/shared/contracts/timetable';

/** The contract exports no type of its own for one warning. */
export type ConflictWarningT = z.infer<typeof ConflictWarning>;

export const TIMETABLE_PHASES = ['loading', 'checking', 'constructing', 'repairing', 'improving', 'finishing', 'saving', 'done'] as const;
export type TimetablePhaseName = (typeof TIMETABLE_PHASES)[number];

export function isFinishedRun(run: Pick<TimetableRunViewT, 'status'>): boolean {
  return run.status === 'done' || run.status === 'failed';
}

/** The phase as a known name (for its translation), or null for one this page does not know. */
export function phaseName(phase: string | null | undefined): TimetablePhaseName | null {
  return (TIMETABLE_PHASES as readonly string[]).includes(phase ?? '') ? (phase as TimetablePhaseName) : null;
}

/**
 * 0..100 for the progress bar. Placing sessions is most of the visible work, so the bar follows
 * placed ÷ placeable, held below 100 until the run is over; a finished run is 100.
 */
export function runPercent(run: Pick<TimetableRunViewT, 'status' | 'progress'>): number {
  if (isFinishedRun(run)) return 100;
  const p = run.progress;
  if (!p || p.placeable <= 0) return run.status === 'queued' ? 0 : 5;
  const share = Math.min(1, Math.max(0, p.placed / p.placeable));
  // Placed sessions may still clash: the last step is clearing hard conflicts, so stop at 95.
  return Math.round(5 + share * 90 - (p.hardConflicts > 0 && share === 1 ? 5 : 0));
}

/** Every session id a set of warnings names (this cohort's and other cohorts'). */
export function sessionsInConflict(conflicts: Pick<CohortConflictsT, 'warnings'> | undefined): Set<string> {
  const out = new Set<string>();
  for (const w of conflicts?.warnings ?? []) for (const id of [...w.sessionIds, ...w.otherSessionIds]) out.add(id);
  return out;
}

/** The warnings that involve one session. */
export function warningsOf(sessionId: string, warnings: readonly ConflictWarningT[]): ConflictWarningT[] {
  return warnings.filter((w) => w.sessionIds.includes(sessionId) || w.otherSessionIds.includes(sessionId));
}

/** A stable key for a warning, to tell new warnings from ones already shown. */
export function warningKey(w: Pick<ConflictWarningT, 'kind' | 'sessionIds' | 'otherSessionIds' | 'date' | 'time'>): string {
  return [w.kind, [...w.sessionIds].sort().join('+'), [...w.otherSessionIds].sort().join('+'), w.date ?? '', w.time ?? ''].join('|');
}

/** How the warnings changed after an edit: how many are new and how many went away. */
export function conflictDelta(before: readonly ConflictWarningT[], after: readonly ConflictWarningT[]): { added: number; removed: number } {
  const b = new Set(before.map(warningKey));
  const a = new Set(after.map(warningKey));
  return { added: [...a].filter((k) => !b.has(k)).length, removed: [...b].filter((k) => !a.has(k)).length };
}

/**
 * The core's cap of sessions per cohort and day above which `dailyExcess` counts (its default in
 * src/core/courses/timetable-compile.ts; the platform does not change it, and the run does not echo it).
 */
export const SESSIONS_PER_DAY_CAP = 2;

/** What a run can say about lecturers' slot wishes. */
export type WishesSummary =
  /** A run stored before wishes were counted: say nothing about them. */
  | { kind: 'notCounted' }
  /** No lecturer of the run stated a wish. */
  | { kind: 'none' }
  /**
   * Lecturer-sessions (a session with two lecturers counts for each): `total` of lecturers with
   * preferred slots, `hits` of them in one; `avoided` touching a slot a lecturer would rather not teach in.
   */
  | { kind: 'stated'; hits: number; total: number; avoided: number };

export interface QualitySummary {
  /** Lower is better; 0 is a timetable that keeps every wish and spreads evenly. */
  score: number;
  /** Sessions above a cohort's even share of its weeks (⌈sessions ÷ weeks⌉), summed over its weeks. */
  crowdedWeeks: number;
  /** Sessions above SESSIONS_PER_DAY_CAP on one day of a cohort, summed over its days. */
  crowdedDays: number;
  wishes: WishesSummary;
}

/** The soft quality of a finished run in the terms the page shows, or null for a run that has none. */
export function qualitySummary(result: Pick<TimetableRunResultT, 'quality' | 'lecturerPreferences'> | null | undefined): QualitySummary | null {
  const q = result?.quality;
  if (!q) return null;
  const prefs = result.lecturerPreferences;
  const wishes: WishesSummary =
    prefs === undefined
      ? { kind: 'notCounted' }
      : prefs.length === 0
        ? { kind: 'none' }
        : { kind: 'stated', hits: q.preferenceHits, total: q.preferenceHits + q.preferenceMisses, avoided: q.avoidedSlotsUsed };
  return { score: q.score, crowdedWeeks: q.spreadExcess, crowdedDays: q.dailyExcess, wishes };
}

/**
 * One lecturer's row: their sessions in a preferred slot out of all they teach, or why there is no
 * such figure (no session placed, or only avoided slots stated: hits and misses are both 0 then).
 */
export function lecturerPreferredCell(row: Pick<LecturerPreferenceViewT, 'sessions' | 'hits' | 'misses'>): { kind: 'figure'; hits: number; total: number } | { kind: 'noSessions' } | { kind: 'notStated' } {
  if (row.sessions === 0) return { kind: 'noSessions' };
  if (row.hits + row.misses === 0) return { kind: 'notStated' };
  return { kind: 'figure', hits: row.hits, total: row.hits + row.misses };
}
