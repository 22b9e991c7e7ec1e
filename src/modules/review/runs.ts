/**
 * Automatic assignment runs (docs/assignment.md). A request stores a queued run and returns at once;
 * the work happens in a background job (deps.jobs) with the LP solved by HiGHS in the worker pool,
 * so the request thread never blocks. The run row carries status, phase and result, so any
 * instance can report progress. How a run treats existing assignments is in docs/assignment.md:
 * manual pairs and pairs whose review has started are kept and count toward k and loads; the
 * other automatic pairs are replaced when the new run succeeds.
 */
import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { AffinityBreakdown } from '../../core/assignment/affinity.js';
import { describeInfeasibility, explainPairing } from '../../core/assignment/explain.js';
import type { AssignmentPhase, AssignmentResult } from '../../core/assignment/model.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { assignmentRuns, reviewAssignments } from '../../platform/db/schema/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { AssignmentRunListT, AssignmentRunRequestT, AssignmentRunResultT, AssignmentRunViewT } from '../../shared/contracts/review.js';
import { translate } from '../../shared/i18n/server-messages.js';
import { applicationProfile, formKeys, reviewerProfile } from './profiles.js';
import { activeRuns, assignmentsOfCall, reviewableApplications, reviewersOfCall, runById, runsOfCall, type RunRow } from './repository.js';
import { isLive, requireCall } from './staff.js';

type RunPhase = 'loading' | AssignmentPhase | 'saving';

export const DEFAULT_TOP_K = 50;

interface RunParamsT {
  k: number;
  topK: number;
  seed: number;
  timeLimitSeconds: number;
}

function presentRun(row: RunRow): AssignmentRunViewT {
  const p = row.params as unknown as RunParamsT;
  return {
    id: row.id,
    callId: row.callId,
    status: row.status,
    phase: (row.phase as RunPhase | null) ?? null,
    params: { k: p.k, topK: p.topK, seed: p.seed, timeLimitSeconds: p.timeLimitSeconds },
    result: (row.result as AssignmentRunResultT | null) ?? null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

export async function getRun(db: DbOrTx, runId: string): Promise<AssignmentRunViewT> {
  const row = await runById(db, runId);
  if (!row) throw new DomainError('review.run_not_found');
  return presentRun(row);
}

export async function listRuns(db: DbOrTx, callId: string): Promise<AssignmentRunListT> {
  await requireCall(db, callId);
  return { runs: (await runsOfCall(db, callId)).map(presentRun) };
}

/** Both languages of a server message, for texts stored in a run's result. */
const bilingual = (key: string, params: Record<string, string | number> = {}) => ({ ko: translate('ko', key, params), en: translate('en', key, params) });

/** Stores a queued run (one at a time per call) and starts its job; answers before any solving. */
export async function startRun(deps: ModuleDeps, actor: Actor, callId: string, input: AssignmentRunRequestT, onJobError: (err: unknown) => void): Promise<AssignmentRunViewT> {
  const { db, config } = deps;
  const now = deps.now();
  const row = await db.transaction(async (tx) => {
    // The call row lock serialises two starts for the same call, so only one finds no live run.
    const call = await requireCall(tx, callId, true);
    if ((await activeRuns(tx, callId)).some((r) => isLive(r, now))) throw new DomainError('review.state_run_in_progress');
    const params: RunParamsT = {
      k: input.k ?? call.reviewsPerApplication,
      topK: input.topK ?? DEFAULT_TOP_K,
      // Stored, so the run can be repeated exactly; drawn here because the core takes no randomness.
      seed: input.seed ?? randomInt(0, 2_147_483_647),
      timeLimitSeconds: input.timeLimitSeconds ?? config.solverTimeLimitSeconds,
    };
    const [inserted] = await tx
      .insert(assignmentRuns)
      .values({ id: uuidv7(), callId, status: 'queued', phase: null, params: { ...params }, result: null, createdBy: actor.userId, createdAt: now })
      .returning();
    await recordAudit(tx, actor, { action: 'assignment_run.start', entityType: 'assignment_run', entityId: inserted!.id, after: { callId, params } });
    return inserted!;
  });
  deps.jobs.start(
    `assignment-run:${row.id}`,
    () => executeRun(deps, actor, row.id),
    async (err) => {
      onJobError(err);
      await finish(db, row.id, 'failed', { error: 'solver_failed', message: bilingual('errors.review.run_failed') }, deps.now());
    },
  );
  return presentRun(row);
}

async function setPhase(db: DbOrTx, runId: string, status: 'running', phase: RunPhase): Promise<void> {
  await db.update(assignmentRuns).set({ status, phase }).where(eq(assignmentRuns.id, runId));
}

async function finish(db: DbOrTx, runId: string, status: 'assigned' | 'infeasible' | 'failed', result: AssignmentRunResultT, now: Date): Promise<void> {
  await db.update(assignmentRuns).set({ status, phase: 'done', result, finishedAt: now }).where(eq(assignmentRuns.id, runId));
}

/** Everything the run reads, and a fingerprint of it to detect changes made while it solved. */
async function loadInputs(db: DbOrTx, callId: string) {
  const call = await requireCall(db, callId);
  const apps = await reviewableApplications(db, callId);
  const reviewers = (await reviewersOfCall(db, callId)).filter((r) => r.reviewer.status === 'accepted').map((r) => r.reviewer);
  const assignments = await assignmentsOfCall(db, callId);
  const appIds = new Set(apps.map((a) => a.app.id));
  const reviewerIds = new Set(reviewers.map((r) => r.id));
  // Kept: made by hand, or with a review started (draft or submitted). Counted toward k and loads.
  const kept = assignments.filter((a) => (a.assignment.source === 'manual' || a.reviewStatus !== null) && appIds.has(a.assignment.applicationId) && reviewerIds.has(a.assignment.reviewerId));
  const keys = formKeys(call.questions);
  // What the solution depends on: applicants' profiles (not every edit of their answers), the
  // accepted reviewers' profiles and loads, and the kept pairs.
  const fingerprint = JSON.stringify([
    apps.map((a) => JSON.stringify(applicationProfile(keys, a.app, a.email))).sort(),
    reviewers.map((r) => JSON.stringify(reviewerProfile(r))).sort(),
    kept.map((a) => a.assignment.id).sort(),
  ]);
  return { call, keys, apps, reviewers, assignments, kept, fingerprint };
}

async function executeRun(deps: ModuleDeps, actor: Actor, runId: string): Promise<void> {
  const { db } = deps;
  const started = deps.now().getTime();
  const run = (await runById(db, runId))!;
  const params = run.params as unknown as RunParamsT;
  await setPhase(db, runId, 'running', 'loading');
  const inputs = await loadInputs(db, run.callId);
  const keys = inputs.keys;
  const k = params.k;

  const keptByApp = new Map<string, Set<string>>();
  const keptByReviewer = new Map<string, number>();
  for (const { assignment: a } of inputs.kept) {
    let set = keptByApp.get(a.applicationId);
    if (!set) keptByApp.set(a.applicationId, (set = new Set()));
    set.add(a.reviewerId);
    keptByReviewer.set(a.reviewerId, (keptByReviewer.get(a.reviewerId) ?? 0) + 1);
  }
  const appProfiles = inputs.apps.map((a) => applicationProfile(keys, a.app, a.email));
  const reviewerProfiles = inputs.reviewers.map((r) => reviewerProfile(r, Math.max(0, r.load - (keptByReviewer.get(r.id) ?? 0))));
  // Phase updates are written in order, one after another, and awaited before the final write.
  let phases: Promise<void> = Promise.resolve();
  const onPhase = (phase: AssignmentPhase) => {
    if (phase === 'done') return;
    // A lost progress note is harmless; it must not fail the run or go unhandled.
    phases = phases.then(() => setPhase(db, runId, 'running', phase)).catch(() => undefined);
  };
  let result: AssignmentResult;
  let why: readonly AffinityBreakdown[];
  try {
    // The whole model — conflicts, top-K candidates, LP, solve, pairs — is built in the solver's
    // worker thread: at 10,000 × 1,000 the candidate scan alone is seconds of CPU, which on this
    // thread would stall every other request.
    const task = await deps.solver.assign(
      {
        kind: 'assignment',
        applications: appProfiles,
        reviewers: reviewerProfiles,
        options: { k, topK: params.topK, seed: params.seed, need: appProfiles.map((a) => k - (keptByApp.get(a.id)?.size ?? 0)), exclude: keptByApp },
      },
      { timeLimitSeconds: params.timeLimitSeconds, onPhase },
    );
    result = task.result;
    why = task.why;
  } finally {
    await phases;
  }
  const durationMs = Math.max(0, Math.round(deps.now().getTime() - started));

  if (result.status === 'infeasible') {
    const names = new Map(inputs.apps.map((a) => [a.app.id, a.name]));
    const nameOf = (id: string) => names.get(id) ?? id;
    await finish(db, runId, 'infeasible', { reasons: result.reasons.map((r) => ({ code: r.code, detail: { ...r }, text: describeInfeasibility(r, nameOf) })), applications: inputs.apps.length, reviewers: inputs.reviewers.length, durationMs }, deps.now());
    return;
  }
  if (result.status === 'not_solved') {
    const timeLimit = /time limit/i.test(result.solverStatus);
    await finish(
      db,
      runId,
      'failed',
      {
        error: timeLimit ? 'time_limit' : 'not_solved',
        solverStatus: result.solverStatus,
        message: timeLimit ? bilingual('errors.review.run_time_limit', { seconds: params.timeLimitSeconds }) : bilingual('errors.review.run_not_solved', { status: result.solverStatus }),
        durationMs,
      },
      deps.now(),
    );
    return;
  }

  const assigned = result;
  await setPhase(db, runId, 'running', 'saving');
  await db.transaction(async (tx) => {
    await requireCall(tx, run.callId, true);
    // Reviews started, pairs added by hand, reviewers who left: the solution would no longer fit.
    if ((await loadInputs(tx, run.callId)).fingerprint !== inputs.fingerprint) {
      await finish(tx, runId, 'failed', { error: 'stale', message: bilingual('errors.review.run_stale'), durationMs }, deps.now());
      return;
    }
    const replaced = await tx
      .delete(reviewAssignments)
      .where(and(eq(reviewAssignments.callId, run.callId), eq(reviewAssignments.source, 'auto'), sql`not exists (select 1 from review where review.assignment_id = ${reviewAssignments.id})`))
      .returning({ id: reviewAssignments.id });
    const now = deps.now();
    const values = assigned.pairs.map((pair, i) => {
      const breakdown = why[i]!;
      return {
        id: uuidv7(),
        callId: run.callId,
        applicationId: pair.applicationId,
        reviewerId: pair.reviewerId,
        runId,
        source: 'auto' as const,
        points: pair.points,
        explanation: { affinity: breakdown, rank: pair.rank, candidates: pair.candidates, text: explainPairing(pair, breakdown) },
        createdAt: now,
      };
    });
    // Inserted in slices of 100 pairs: parameter counts stay in bounds, and each slice is short.
    for (let i = 0; i < values.length; i += 100) {
      await tx.insert(reviewAssignments).values(values.slice(i, i + 100));
      // With the embedded database every insert runs on this thread: let waiting requests in between.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const summary: AssignmentRunResultT = {
      pairs: values.length,
      kept: inputs.kept.length,
      replaced: replaced.length,
      applications: inputs.apps.length,
      reviewers: inputs.reviewers.length,
      objective: assigned.objective,
      optimal: true,
      solvedAsInteger: assigned.solvedAsInteger,
      durationMs,
    };
    await finish(tx, runId, 'assigned', summary, now);
    await recordAudit(tx, actor, { action: 'assignment_run.apply', entityType: 'assignment_run', entityId: runId, after: { callId: run.callId, ...summary } });
  });
}
