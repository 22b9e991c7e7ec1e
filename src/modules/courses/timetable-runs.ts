/**
 * Timetable runs (docs/timetabling.md). A request stores a queued run and answers 202 at once; a
 * background job (deps.jobs) reads the cohorts, builds the core's problem and solves it in the
 * solver pool's worker thread, writing progress (phase, placed, hard conflicts left) to the run row
 * so any instance can report it. Nothing moves until staff apply the run: then every proposed
 * placement that differs from the stored one is written in one transaction, its SEQUENCE bumped
 * (calendar subscribers replace the event), and audited.
 */
import { randomInt } from 'node:crypto';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { lecturerPreferenceFigures } from '../../core/courses/timetable-conflicts.js';
import type { TimetableProgress, TimetableResult } from '../../core/courses/timetable-solver.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { courseSessions, timetableRuns } from '../../platform/db/schema/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { translate } from '../../shared/i18n/server-messages.js';
import type { TimetableApplyViewT, TimetableRunRequestT, TimetableRunResultT, TimetableRunViewT } from '../../shared/contracts/timetable.js';
import { loadTimetableInput, placementTimes } from './timetable-problem.js';
import { unplacedWords } from './timetable-words.js';
import { requireCohort } from './repository.js';

type RunRow = typeof timetableRuns.$inferSelect;

interface RunParams {
  seed: number;
  timeLimitSeconds: number;
  closedDates: string[];
}

/** Progress is written at most this often (plus every phase change): the solver reports every 2,000 iterations. */
const PROGRESS_WRITE_MS = 250;
/** A queued or running run older than its time limit plus this is taken as lost (its process died). */
const LOST_AFTER_MS = 120_000;

const bilingual = (key: string, params: Record<string, string | number> = {}) => ({ ko: translate('ko', key, params), en: translate('en', key, params) });

function present(row: RunRow, now: Date): TimetableRunViewT {
  const p = row.params as unknown as RunParams;
  let status = row.status;
  let result = (row.result as TimetableRunResultT | null) ?? null;
  // A run whose process died never finishes: say so rather than report it running forever.
  if ((status === 'queued' || status === 'running') && now.getTime() - row.createdAt.getTime() > p.timeLimitSeconds * 1000 + LOST_AFTER_MS) {
    status = 'failed';
    result = { error: 'interrupted', message: bilingual('errors.timetable.run_interrupted') };
  }
  return {
    id: row.id,
    cohortIds: row.cohortIds,
    status,
    phase: row.phase,
    progress: (row.progress as TimetableRunViewT['progress']) ?? null,
    params: { seed: p.seed, timeLimitSeconds: p.timeLimitSeconds, closedDates: p.closedDates ?? [] },
    result,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    appliedAt: row.appliedAt?.toISOString() ?? null,
    appliedBy: row.appliedBy,
  };
}

async function runById(db: DbOrTx, id: string, lock = false): Promise<RunRow> {
  const q = db.select().from(timetableRuns).where(eq(timetableRuns.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new DomainError('timetable.run_not_found');
  return row;
}

export async function getRun(deps: ModuleDeps, id: string): Promise<TimetableRunViewT> {
  return present(await runById(deps.db, id), deps.now());
}

/** Runs that include a cohort, newest first. */
export async function runsOfCohort(deps: ModuleDeps, cohortId: string): Promise<TimetableRunViewT[]> {
  // An unknown cohort is 404, as everywhere, not an empty list.
  await requireCohort(deps.db, cohortId);
  const rows = await deps.db
    .select()
    .from(timetableRuns)
    .where(sql`${timetableRuns.cohortIds} @> ${JSON.stringify([cohortId])}::jsonb`)
    .orderBy(desc(timetableRuns.createdAt))
    .limit(100);
  return rows.map((r) => present(r, deps.now()));
}

/** Stores a queued run and starts its job; answers before any solving. */
export async function startRun(deps: ModuleDeps, actor: Actor, input: TimetableRunRequestT, onJobError: (err: unknown) => void): Promise<TimetableRunViewT> {
  const { db, config } = deps;
  const now = deps.now();
  // Unknown cohorts are refused now (404), not reported later as a failed run.
  await loadTimetableInput(db, input.cohortIds, { mode: 'check' });
  const params: RunParams = {
    // Stored, so a run can be repeated; drawn here because the core takes no randomness.
    seed: input.seed ?? randomInt(0, 2_147_483_647),
    timeLimitSeconds: input.timeLimitSeconds ?? Math.min(config.solverTimeLimitSeconds, 300),
    closedDates: [...new Set(input.closedDates ?? [])].sort(),
  };
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(timetableRuns)
      .values({ id: uuidv7(), cohortIds: input.cohortIds, status: 'queued', phase: null, progress: null, params: { ...params }, result: null, createdBy: actor.userId, createdAt: now })
      .returning();
    await recordAudit(tx, actor, { action: 'timetable_run.start', entityType: 'timetable_run', entityId: inserted!.id, after: { cohortIds: input.cohortIds, params } });
    return inserted!;
  });
  deps.jobs.start(
    `timetable-run:${row.id}`,
    () => executeRun(deps, row.id),
    async (err) => {
      onJobError(err);
      await db.update(timetableRuns).set({ status: 'failed', phase: 'done', result: { error: 'failed', message: bilingual('errors.timetable.run_failed') }, finishedAt: deps.now() }).where(eq(timetableRuns.id, row.id));
    },
  );
  return present(row, now);
}

async function executeRun(deps: ModuleDeps, runId: string): Promise<void> {
  const { db } = deps;
  const started = deps.now().getTime();
  const run = await runById(db, runId);
  const params = run.params as unknown as RunParams;
  await db.update(timetableRuns).set({ status: 'running', phase: 'loading' }).where(eq(timetableRuns.id, runId));
  const input = await loadTimetableInput(db, run.cohortIds, { mode: 'solve', closedDates: params.closedDates });

  // Progress notes are written in order, one after another, at most every PROGRESS_WRITE_MS (phase changes at once).
  let writes: Promise<void> = Promise.resolve();
  let lastWrite = 0;
  let lastPhase = '';
  const onProgress = (p: TimetableProgress) => {
    const t = Date.now();
    if (p.phase === lastPhase && t - lastWrite < PROGRESS_WRITE_MS) return;
    lastWrite = t;
    lastPhase = p.phase;
    const progress = { phase: p.phase, placed: p.placed, placeable: p.placeable, hardConflicts: p.hardConflicts, softScore: p.softScore, iteration: p.iteration };
    // A lost progress note is harmless; it must not fail the run or go unhandled.
    writes = writes
      .then(async () => {
        await db.update(timetableRuns).set({ phase: p.phase === 'done' ? 'saving' : p.phase, progress }).where(eq(timetableRuns.id, runId));
      })
      .catch(() => undefined);
  };
  let solved: TimetableResult;
  try {
    // The whole search runs in the solver pool's worker thread; the time limit bounds it there.
    solved = await deps.solver.timetable({ kind: 'timetable', problem: input.problem, seed: params.seed }, { timeLimitSeconds: params.timeLimitSeconds, onProgress });
  } finally {
    await writes;
  }

  const placements = solved.placements.map((p) => {
    const s = input.sessions.get(p.sessionId)!;
    const { startsAt, endsAt } = placementTimes(input.problem, s, p);
    const room = p.roomId ? input.rooms.get(p.roomId) : undefined;
    const changed = s.startsAt?.getTime() !== startsAt.getTime() || s.endsAt?.getTime() !== endsAt.getTime() || s.roomId !== p.roomId;
    return {
      sessionId: s.id,
      cohortId: s.cohortId,
      title: s.title,
      type: s.type,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      days: s.days,
      roomId: p.roomId,
      roomName: room ? room.name : null,
      lecturers: s.lecturerNames,
      changed,
      sequence: s.sequence,
    };
  });
  placements.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.sessionId.localeCompare(b.sessionId));
  const unplaced = solved.unplaced.map((u) => {
    const s = input.sessions.get(u.sessionId)!;
    return { sessionId: u.sessionId, cohortId: s.cohortId, title: s.title, code: u.reason.code, params: { ...u.reason.params }, reason: unplacedWords(input, u.sessionId, u.reason) };
  });
  // Per lecturer, so staff see whose wishes the proposal kept; only accounts ('u:<userId>') state any.
  const lecturerPreferences = lecturerPreferenceFigures(input.problem, solved.placements)
    .filter((f) => f.lecturerId.startsWith('u:'))
    .map((f) => ({ userId: f.lecturerId.slice(2), name: input.lecturerNames.get(f.lecturerId) ?? '', sessions: f.sessions, hits: f.hits, misses: f.misses, avoided: f.avoided }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ko') || a.userId.localeCompare(b.userId));
  const st = solved.stats;
  const result: TimetableRunResultT = {
    status: solved.status,
    placements,
    unplaced,
    quality: { ...solved.quality },
    lecturerPreferences,
    stats: {
      sessions: st.sessions,
      placeable: st.placeable,
      constructionConflicts: st.constructionConflicts,
      repairIterations: st.repairIterations,
      improveIterations: st.improveIterations,
      msToZeroHard: st.msToZeroHard === null ? null : Math.round(st.msToZeroHard),
      msTotal: st.msTotal === null ? null : Math.round(st.msTotal),
      stoppedBy: st.stoppedBy,
      softAtZeroHard: st.softAtZeroHard,
    },
    fixedSessions: input.fixed.length,
    changed: placements.filter((p) => p.changed).length,
    durationMs: Math.max(0, Math.round(deps.now().getTime() - started)),
  };
  const progress = { phase: 'done', placed: solved.placements.length, placeable: st.placeable, hardConflicts: 0, softScore: solved.quality.score, iteration: st.repairIterations + st.improveIterations };
  await db.update(timetableRuns).set({ status: 'done', phase: 'done', progress, result, finishedAt: deps.now() }).where(eq(timetableRuns.id, runId));
}

/**
 * Writes the run's proposed placements (time and room) in one transaction. Sessions moved by hand
 * since the run read them (their SEQUENCE differs) make the whole apply refuse: the proposal was
 * made around their old times. Each session that changes gets SEQUENCE + 1.
 */
export async function applyRun(deps: ModuleDeps, actor: Actor, runId: string): Promise<TimetableApplyViewT> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const run = await runById(tx, runId, true);
    if (run.appliedAt) throw new DomainError('timetable.already_applied');
    const result = run.result as TimetableRunResultT | null;
    if (run.status !== 'done' || !result?.placements) throw new DomainError('timetable.state_not_finished');
    const ids = result.placements.map((p) => p.sessionId);
    const current = ids.length === 0 ? [] : await tx.select().from(courseSessions).where(inArray(courseSessions.id, ids)).for('update');
    const byId = new Map(current.map((s) => [s.id, s] as const));
    const stale = result.placements.filter((p) => byId.get(p.sessionId)?.sequence !== p.sequence);
    if (stale.length > 0) throw new DomainError('timetable.state_stale', { count: stale.length });
    const moves: { id: string; before: unknown; after: unknown }[] = [];
    for (const p of result.placements) {
      const s = byId.get(p.sessionId)!;
      const startsAt = new Date(p.startsAt);
      const endsAt = new Date(p.endsAt);
      if (s.startsAt?.getTime() === startsAt.getTime() && s.endsAt?.getTime() === endsAt.getTime() && s.roomId === p.roomId) continue;
      await tx
        .update(courseSessions)
        .set({ startsAt, endsAt, roomId: p.roomId, sequence: s.sequence + 1, updatedAt: now })
        .where(eq(courseSessions.id, s.id));
      moves.push({
        id: s.id,
        before: { startsAt: s.startsAt?.toISOString() ?? null, endsAt: s.endsAt?.toISOString() ?? null, roomId: s.roomId, sequence: s.sequence },
        after: { startsAt: p.startsAt, endsAt: p.endsAt, roomId: p.roomId, sequence: s.sequence + 1 },
      });
    }
    const [applied] = await tx.update(timetableRuns).set({ appliedAt: now, appliedBy: actor.userId }).where(eq(timetableRuns.id, runId)).returning();
    await recordAudit(tx, actor, {
      action: 'timetable_run.apply',
      entityType: 'timetable_run',
      entityId: runId,
      after: { cohortIds: run.cohortIds, changed: moves.length, unchanged: result.placements.length - moves.length, sessions: moves },
    });
    return { run: present(applied!, now), changed: moves.length, unchanged: result.placements.length - moves.length };
  });
}
