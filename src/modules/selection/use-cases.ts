/**
 * Use cases of selection (docs/selection.md).
 *
 * Runs: the candidates are the call's submitted applications (not withdrawn, not anonymised) with at
 * least one submitted review, scored by their calibrated score; the quotas and capacity are the
 * call's; staff may lock people in or out; the seed is given or drawn (crypto) and stored. The
 * whole core SelectionRun is stored so it can be replayed and audited. An impossible quota set is a
 * stored run with status 'infeasible' and reasons, never a server error.
 *
 * Finalising turns one run into outcomes, participants and outcome e-mails in ONE transaction, once
 * per call, under a row lock on the call. A decline frees a place for the first waitlisted person the
 * quotas allow, under the same lock, so concurrent declines never promote one person twice or skip
 * one. Mail is only queued here; the outbox dispatcher sends it after the transaction commits.
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Question } from '../../core/recruitment/answers.js';
import { replaySelection, type Quota, type SelectionInput, type SelectionRun } from '../../core/recruitment/selection.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAccess, type AccessActor } from '../../platform/access-log.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { applications, calls, participants, selectionRuns } from '../../platform/db/schema/index.js';
import type { OutboxDispatcher } from '../../platform/mail/dispatcher.js';
import type { ModuleDeps } from '../../platform/module.js';
import { runSelectionInPool, toSelectionSolverResult } from '../../platform/solver/adapters.js';
import type {
  FinaliseViewT,
  MyApplicationSummaryT,
  MyApplicationsListT,
  OutboxListT,
  OutboxQueryT,
  OutboxSendResultT,
  SelectionRunCreateT,
  SelectionRunListT,
  SelectionRunSummaryT,
  SelectionRunViewT,
  SelectionReplayViewT,
} from '../../shared/contracts/selection.js';
import { offsetOf } from '../../shared/contracts/paging.js';
import { calibrationForCall } from '../review/public.js';
import { buildCandidatePool, samePool, type CandidatePool, type Scoring } from './candidates.js';
import { applicantExplanation, bilingual, bindingText, quotaLabel, reasonText, type ExplainContext } from './explain.js';
import { queueOutcome, type OutcomeNotice } from './notify.js';
import { pickPromotion } from './promotion.js';
import {
  applicantsById,
  callById,
  myApplicationForUpdate,
  myApplications as myApplicationRows,
  outboxCounts,
  outboxPage,
  runById,
  runsOfCall,
  selectedIds,
  submittedApplicants,
  waitlistForUpdate,
  type ApplicantRow,
  type CallRow,
  type SelectionRunRow,
} from './repository.js';

/** What selection_run.run holds: the core's record plus what the run saw around it. */
export interface StoredRun extends SelectionRun {
  /** Submitted applications without a submitted review at the time of the run. */
  readonly notScored: readonly string[];
  readonly scoring: Readonly<Record<string, Scoring>>;
  readonly timeLimitSeconds: number;
}

type Deps = Pick<ModuleDeps, 'db' | 'solver' | 'config' | 'now'>;

const stored = (row: SelectionRunRow): StoredRun => row.run as unknown as StoredRun;
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The call's quotas as the core reads them (absent bounds left out, not undefined). */
function coreQuotas(call: CallRow): Quota[] {
  return call.quotas.map((q) => ({ attribute: q.attribute, value: q.value, ...(q.min !== undefined ? { min: q.min } : {}), ...(q.max !== undefined ? { max: q.max } : {}) }));
}

export async function requireCall(db: DbOrTx, callId: string, lock = false): Promise<CallRow> {
  const call = await callById(db, callId, lock);
  if (!call) throw new DomainError('recruitment.call_not_found');
  return call;
}

export async function requireRun(db: DbOrTx, runId: string): Promise<SelectionRunRow> {
  const row = await runById(db, runId);
  if (!row) throw new DomainError('selection.run_not_found');
  return row;
}

/** Candidates as they stand now: submitted applications, calibrated scores, quota attributes. */
async function currentPool(db: DbOrTx, call: CallRow): Promise<CandidatePool> {
  const apps = await submittedApplicants(db, call.id);
  const { calibration } = await calibrationForCall(db, call.id);
  return buildCandidatePool(call, apps, calibration);
}

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

// ---------- presenting ----------

function summary(row: SelectionRunRow, call: CallRow): SelectionRunSummaryT {
  const run = stored(row);
  return {
    id: row.id,
    callId: row.callId,
    status: row.status,
    seed: row.seed,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    solverStatus: run.solver?.status ?? null,
    gap: run.solver?.gap ?? null,
    timeLimitSeconds: run.timeLimitSeconds,
    capacity: run.input.capacity,
    cutScore: run.result.cutScore,
    candidateCount: run.input.candidates.length,
    notScoredCount: run.notScored.length,
    selectedCount: run.result.selected.length,
    // What finalising will keep: the call's waitlist cap applies to the ranked waitlist.
    waitlistCount: call.waitlistSize === null ? run.result.waitlist.length : Math.min(run.result.waitlist.length, call.waitlistSize),
    finalised: call.finalisedRunId === row.id,
  };
}

export function presentRun(row: SelectionRunRow, call: CallRow, people: ReadonlyMap<string, ApplicantRow>): SelectionRunViewT {
  const run = stored(row);
  const { input, result } = run;
  const questions: readonly Question[] = call.questions;
  const nameOf = (id: string): string | null => {
    const p = people.get(id);
    return p && !p.anonymisedAt ? p.name : null;
  };
  const ctx: ExplainContext = { questions, quotas: input.quotas, names: new Map([...people.keys()].map((id) => [id, nameOf(id)])) };
  const candidates = new Map(input.candidates.map((c) => [c.id, c]));
  const chosen = new Set(result.selected);
  const quotas = input.quotas.map((q, index) => {
    const holders = input.candidates.filter((c) => c.attributes[q.attribute] === q.value);
    const selected = holders.filter((c) => chosen.has(c.id)).length;
    const atMin = q.min !== undefined && q.min > 0 && selected === q.min;
    const atMax = q.max !== undefined && selected === q.max;
    const ok = result.status === 'optimal' || result.status === 'feasible';
    return {
      index,
      attribute: q.attribute,
      value: q.value,
      label: { ko: quotaLabel(questions, q.attribute, q.value, 'ko'), en: quotaLabel(questions, q.attribute, q.value, 'en') },
      min: q.min ?? null,
      max: q.max ?? null,
      candidates: holders.length,
      selected,
      tight: !ok ? null : atMin && atMax ? ('both' as const) : atMin ? ('min' as const) : atMax ? ('max' as const) : null,
    };
  });
  return {
    ...summary(row, call),
    modelVersion: run.modelVersion,
    scoreResolution: run.parameters.scoreResolution,
    locks: { in: [...(input.locks?.in ?? [])], out: [...(input.locks?.out ?? [])] },
    reasons: result.reasons.map((r) => ({ code: r.code, params: { ...r.params }, text: reasonText(ctx, r) })),
    quotas,
    applicants: result.explanations.map((e) => ({
      applicationId: e.id,
      userId: people.get(e.id)?.userId ?? e.id,
      name: nameOf(e.id),
      status: e.status,
      rank: e.rank,
      score: e.score,
      rawMean: run.scoring[e.id]?.rawMean ?? null,
      reviews: run.scoring[e.id]?.reviews ?? 0,
      margin: e.margin,
      waitlistPosition: e.waitlistPosition,
      attributes: { ...(candidates.get(e.id)?.attributes ?? {}) },
      bindings: e.bindings.map((b) => ({
        code: b.code,
        quotaIndex: b.quotaIndex ?? null,
        attribute: b.attribute ?? null,
        value: b.value ?? null,
        limit: b.limit ?? null,
        count: b.count ?? null,
        text: bindingText(ctx, b),
      })),
      explanation: applicantExplanation(ctx, e, result.cutScore),
    })),
    notScored: run.notScored.map((id) => ({ applicationId: id, userId: people.get(id)?.userId ?? id, name: nameOf(id), text: bilingual('selection.not_scored') })),
  };
}

/** Staff read names in a run: logged (안전조치기준 §8) before the names leave the server. */
async function logRunAccess(db: DbOrTx, actor: AccessActor, row: SelectionRunRow): Promise<void> {
  const run = stored(row);
  await recordAccess(db, {
    actor,
    action: 'view',
    subjectType: 'application',
    subjectIds: [...run.input.candidates.map((c) => c.id), ...run.notScored],
    detail: { callId: row.callId, selectionRunId: row.id },
  });
}

// ---------- runs ----------

export async function createRun(deps: Deps, actor: AccessActor, callId: string, body: SelectionRunCreateT): Promise<SelectionRunViewT> {
  const { db } = deps;
  const call = await requireCall(db, callId);
  const pool = await currentPool(db, call);
  const seed = body.seed ?? randomBytes(8).toString('hex');
  const timeLimitSeconds = body.timeLimitSeconds ?? deps.config.solverTimeLimitSeconds;
  const input: SelectionInput = {
    candidates: pool.candidates,
    capacity: call.capacity,
    quotas: coreQuotas(call),
    locks: { in: unique(body.locks.in), out: unique(body.locks.out) },
    seed,
  };
  // Solved off the request thread (worker pool); a solver failure comes back as a run with status 'error'.
  const run = await runSelectionInPool(deps.solver, input, { timeLimitSeconds });
  const record: StoredRun = { ...run, notScored: pool.notScored, scoring: pool.scoring, timeLimitSeconds };
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(selectionRuns)
      .values({ id: uuidv7(), callId, status: run.result.status, seed, run: record as unknown as Record<string, unknown>, createdBy: actor.userId, createdAt: deps.now() })
      .returning();
    await recordAudit(tx, { userId: actor.userId, ip: actor.ip ?? null }, {
      action: 'selection.run',
      entityType: 'selection_run',
      entityId: inserted!.id,
      after: { callId, status: run.result.status, seed, locks: input.locks, timeLimitSeconds, selected: run.result.selected.length, waitlist: run.result.waitlist.length },
    });
    await logRunAccess(tx, actor, inserted!);
    return inserted!;
  });
  return presentRun(row, call, await applicantsById(db, callId));
}

export async function listRuns(db: DbOrTx, callId: string): Promise<SelectionRunListT> {
  const call = await requireCall(db, callId);
  return { runs: (await runsOfCall(db, callId)).map((row) => summary(row, call)) };
}

export async function getRun(db: DbOrTx, actor: AccessActor, runId: string): Promise<SelectionRunViewT> {
  const row = await requireRun(db, runId);
  const call = await requireCall(db, row.callId);
  await logRunAccess(db, actor, row);
  return presentRun(row, call, await applicantsById(db, row.callId));
}

export async function replayRun(deps: Deps, runId: string): Promise<SelectionReplayViewT> {
  const row = await requireRun(deps.db, runId);
  const run = stored(row);
  // The same exact solve as the original run (mip_rel_gap 0, its time limit).
  const solve = async (lp: string) => toSelectionSolverResult(await deps.solver.solve(lp, { timeLimitSeconds: run.timeLimitSeconds, highs: { mip_rel_gap: 0 } }));
  const { identical, replay } = await replaySelection(run, solve);
  const outcome = (r: SelectionRun) => ({ status: r.result.status, selected: [...r.result.selected], waitlist: [...r.result.waitlist] });
  return { runId, identical, stored: outcome(run), replay: outcome(replay) };
}

// ---------- finalising ----------

function noticeFor(deps: Deps, call: CallRow, outcome: OutcomeNotice['outcome'], waitlistPosition: number | null): OutcomeNotice {
  return { callId: call.id, callTitle: call.title, outcome, waitlistPosition, link: `${deps.config.publicUrl}/calls/${call.id}` };
}

const recipient = (a: ApplicantRow) => ({ applicationId: a.id, userId: a.userId, name: a.name, email: a.email, locale: a.locale });

export async function finaliseRun(deps: Deps, actor: Actor, runId: string): Promise<FinaliseViewT> {
  const { db } = deps;
  const now = deps.now();
  return db.transaction(async (tx) => {
    const row = await requireRun(tx, runId);
    // The lock makes "once per call" hold when two staff finalise at the same moment.
    const call = await requireCall(tx, row.callId, true);
    if (call.finalisedRunId) throw new DomainError('selection.already_finalised');
    if (call.status !== 'closed' && now.getTime() < call.closesAt.getTime()) throw new DomainError('selection.state_call_open');
    if (row.status !== 'optimal' && row.status !== 'feasible') throw new DomainError('selection.state_run_not_finalisable');
    const run = stored(row);
    // Reviews or applications that changed since the run would make its outcomes wrong: run again.
    if (!samePool(await currentPool(tx, call), { candidates: [...run.input.candidates], notScored: [...run.notScored] })) throw new DomainError('selection.state_run_outdated');

    const people = new Map((await submittedApplicants(tx, call.id)).map((a) => [a.id, a]));
    const decided: { app: ApplicantRow; outcome: 'selected' | 'waitlisted' | 'not_selected'; position: number | null }[] = [];
    for (const e of run.result.explanations) {
      const app = people.get(e.id)!;
      if (e.status === 'selected') decided.push({ app, outcome: 'selected', position: null });
      // Staff may cap the waitlist (call.waitlistSize): everyone ranked below the cap is told now that
      // they were not selected, instead of waiting for a place that will not come.
      else if (e.status === 'waitlisted' && (call.waitlistSize === null || (e.waitlistPosition ?? Infinity) <= call.waitlistSize)) decided.push({ app, outcome: 'waitlisted', position: e.waitlistPosition });
      else decided.push({ app, outcome: 'not_selected', position: null });
    }
    for (const id of run.notScored) decided.push({ app: people.get(id)!, outcome: 'not_selected', position: null });

    let queued = 0;
    for (const d of decided) {
      await tx.update(applications).set({ outcome: d.outcome, outcomeAt: now, waitlistPosition: d.position, updatedAt: now }).where(eq(applications.id, d.app.id));
      if (await queueOutcome(tx, recipient(d.app), noticeFor(deps, call, d.outcome, d.position))) queued++;
    }
    const selected = decided.filter((d) => d.outcome === 'selected');
    if (selected.length > 0) {
      await tx
        .insert(participants)
        .values(selected.map((d) => ({ id: uuidv7(), callId: call.id, userId: d.app.userId, applicationId: d.app.id, status: 'active' as const, createdAt: now })))
        .onConflictDoUpdate({ target: [participants.callId, participants.userId], set: { status: 'active' } });
    }
    await tx.update(calls).set({ finalisedRunId: row.id, finalisedAt: now, updatedAt: now }).where(eq(calls.id, call.id));
    const counts = {
      selected: selected.length,
      waitlisted: decided.filter((d) => d.outcome === 'waitlisted').length,
      notSelected: decided.filter((d) => d.outcome === 'not_selected').length,
    };
    await recordAudit(tx, actor, { action: 'selection.finalise', entityType: 'call', entityId: call.id, before: { finalisedRunId: null }, after: { finalisedRunId: row.id, ...counts, queuedMessages: queued } });
    return { callId: call.id, runId: row.id, finalisedAt: now.toISOString(), ...counts, participants: selected.length, queuedMessages: queued };
  });
}

// ---------- applicants ----------

function presentMine(row: Awaited<ReturnType<typeof myApplicationRows>>[number]): MyApplicationSummaryT {
  const { app } = row;
  return {
    id: app.id,
    callId: app.callId,
    callTitle: row.callTitle,
    callStatus: row.callStatus === 'closed' ? 'closed' : 'published',
    status: app.status,
    submittedAt: iso(app.submittedAt),
    outcome: app.outcome,
    outcomeAt: iso(app.outcomeAt),
    waitlistPosition: app.waitlistPosition,
    canDecline: app.outcome === 'selected',
  };
}

export async function myApplications(db: DbOrTx, userId: string): Promise<MyApplicationsListT> {
  return { applications: (await myApplicationRows(db, userId)).map(presentMine) };
}

/**
 * A selected applicant turns the place down. Under the call's row lock: the place is released, the
 * participant withdrawn, the first waitlisted person the quotas allow (see promotion.ts) moves up,
 * becomes a participant and is told; everyone behind moves up one position.
 */
export async function declinePlace(deps: Deps, actor: Actor & { userId: string }, callId: string): Promise<MyApplicationSummaryT> {
  const { db } = deps;
  const { userId } = actor;
  const now = deps.now();
  await db.transaction(async (tx) => {
    const call = await callById(tx, callId, true);
    if (!call || call.status === 'draft') throw new DomainError('recruitment.call_not_found');
    const me = await myApplicationForUpdate(tx, callId, userId);
    if (!me) throw new DomainError('selection.application_not_found');
    if (me.outcome === 'declined') throw new DomainError('selection.already_declined');
    if (me.outcome !== 'selected') throw new DomainError('selection.state_not_selected');

    await tx.update(applications).set({ outcome: 'declined', outcomeAt: now, waitlistPosition: null, updatedAt: now }).where(eq(applications.id, me.id));
    await tx.update(participants).set({ status: 'withdrawn' }).where(and(eq(participants.callId, callId), eq(participants.userId, userId)));
    await queueOutcome(tx, recipient(me), noticeFor(deps, call, 'declined', null));

    const finalRun = call.finalisedRunId ? await runById(tx, call.finalisedRunId) : undefined;
    const run = finalRun ? stored(finalRun) : undefined;
    const attributes = new Map((run?.input.candidates ?? []).map((c) => [c.id, c.attributes]));
    const holder = (id: string) => ({ id, attributes: attributes.get(id) ?? {} });
    const waitlist = await waitlistForUpdate(tx, callId);
    const promotedId = pickPromotion(run?.input.quotas ?? coreQuotas(call), (await selectedIds(tx, callId)).map(holder), waitlist.map((w) => holder(w.id)));
    const promoted = waitlist.find((w) => w.id === promotedId);
    if (promoted) {
      await tx.update(applications).set({ outcome: 'selected', outcomeAt: now, waitlistPosition: null, updatedAt: now }).where(eq(applications.id, promoted.id));
      await tx
        .insert(participants)
        .values({ id: uuidv7(), callId, userId: promoted.userId, applicationId: promoted.id, status: 'active', createdAt: now })
        .onConflictDoUpdate({ target: [participants.callId, participants.userId], set: { status: 'active', applicationId: promoted.id } });
      await queueOutcome(tx, recipient(promoted), noticeFor(deps, call, 'selected', null));
    }
    // Close the gap: those still waiting keep their order, numbered 1, 2, … again.
    let position = 0;
    for (const w of waitlist) {
      if (w.id === promotedId) continue;
      position++;
      if (w.waitlistPosition !== position) await tx.update(applications).set({ waitlistPosition: position, updatedAt: now }).where(eq(applications.id, w.id));
    }
    await recordAudit(tx, actor, {
      action: 'selection.decline',
      entityType: 'application',
      entityId: me.id,
      before: { outcome: 'selected' },
      after: { outcome: 'declined', promotedApplicationId: promoted?.id ?? null },
    });
  });
  const mine = (await myApplicationRows(db, userId)).find((r) => r.app.callId === callId)!;
  return presentMine(mine);
}

// ---------- outbox ----------

export async function outbox(db: DbOrTx, actor: AccessActor, query: OutboxQueryT, smtpConfigured: boolean): Promise<OutboxListT> {
  const { rows, total } = await outboxPage(db, { status: query.status, q: query.q || undefined }, offsetOf(query), query.pageSize);
  // Recipients' names and addresses leave the server here: logged first.
  await recordAccess(db, { actor, action: 'view', subjectType: 'outbox_message', subjectIds: rows.map((r) => r.msg.id), detail: { list: 'outbox', status: query.status ?? null, page: query.page } });
  const counts = await outboxCounts(db);
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    smtpConfigured,
    counts: { pending: counts.get('pending') ?? 0, sending: counts.get('sending') ?? 0, sent: counts.get('sent') ?? 0, failed: counts.get('failed') ?? 0, logged: counts.get('logged') ?? 0, superseded: counts.get('superseded') ?? 0, suppressed: counts.get('suppressed') ?? 0 },
    items: rows.map(({ msg, toName }) => ({
      id: msg.id,
      kind: msg.kind,
      toEmail: msg.toEmail,
      toName: toName ?? null,
      lang: msg.lang,
      subject: msg.subject,
      body: msg.body,
      status: msg.status,
      attempts: msg.attempts,
      lastError: msg.lastError,
      about: msg.about,
      createdAt: msg.createdAt.toISOString(),
      sentAt: iso(msg.sentAt),
    })),
  };
}

export async function sendOutboxNow(db: Db, actor: Actor, dispatcher: OutboxDispatcher): Promise<OutboxSendResultT> {
  if (!dispatcher.enabled) throw new DomainError('outbox.smtp_not_configured');
  const result = await dispatcher.sendNow();
  await recordAudit(db, actor, { action: 'outbox.send', entityType: 'outbox', entityId: null, after: result });
  return result;
}
