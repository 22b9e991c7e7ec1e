/**
 * Use cases of recruitment. Staff define calls (form, quotas, consent items) and open and close
 * them; applicants keep one application per call, which they draft, submit, edit until the
 * deadline and withdraw. Time always comes from the caller (`now`), so the window is testable.
 *
 * Decisions: every applicant action (save, submit, withdraw) happens inside the window
 * [opensAt, closesAt) of a published call, so nothing changes after the deadline; a withdrawn
 * application may be drafted again while the call is open (same row, so the one-per-person rule
 * still holds); editing a submitted application keeps it submitted and is checked in full, so it
 * can never fall back to an incomplete state; a closed call cannot be edited.
 */
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { assertWindowOpen, checkAnswers, checkCallDefinition, checkConsents, fileAnswers, type Answers, type ConsentGrant } from '../../core/recruitment/answers.js';
import { DomainError } from '../../core/shared/domain-error.js';
import type { ErrorCode } from '../../core/shared/error-codes.js';
import type { Lang } from '../../core/shared/localized.js';
import { recordAccess, type AccessActor } from '../../platform/access-log.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { applications, calls } from '../../platform/db/schema/index.js';
import type { ApplicationListT, ApplicationQueryT, ApplicationSaveT, CallInputT, CallPatchT, CallViewT, MyApplicationViewT, PublicCallViewT } from '../../shared/contracts/recruitment.js';
import { checkCohortFor, cohortIdOfCall, cohortIdsByCall, linkCohort } from './cohort-link.js';
import { applicationTable, type ApplicationTable } from './export.js';
import { offsetOf } from '../../shared/contracts/paging.js';
import { applicationCounts, applicationOf, applicationsForExport, applicationsPage, callById, callRows, fileRefsOfApplication, visibleCall, type ApplicationRow, type CallRow } from './repository.js';

/** The first problem, with its field; the rest usually follow from the same mistake. */
function throwFirst(errors: DomainError[]): void {
  if (errors.length > 0) throw errors[0]!;
}

function presentPublic(row: CallRow): PublicCallViewT {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    eligibility: row.eligibility,
    programme: row.programme,
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    timeZone: 'Asia/Seoul',
    capacity: row.capacity,
    consentItems: row.consentItems,
    consentVersion: row.consentVersion,
    questions: row.questions,
  };
}

function presentStaff(row: CallRow, cohortId: string | null): CallViewT {
  return {
    ...presentPublic(row),
    status: row.status,
    quotas: row.quotas,
    cohortId,
    waitlistSize: row.waitlistSize,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function presentApplication(row: ApplicationRow): MyApplicationViewT {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: row.id,
    callId: row.callId,
    status: row.status,
    answers: row.answers,
    consents: row.consents,
    consentVersion: row.consentVersion,
    consentedAt: iso(row.consentedAt),
    submittedAt: iso(row.submittedAt),
    withdrawnAt: iso(row.withdrawnAt),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// ---------- staff ----------

export async function listCalls(db: DbOrTx): Promise<CallViewT[]> {
  const cohortOf = await cohortIdsByCall(db);
  return (await callRows(db)).map((row) => presentStaff(row, cohortOf.get(row.id) ?? null));
}

export async function getCall(db: DbOrTx, id: string): Promise<CallViewT> {
  const row = await callById(db, id);
  if (!row) throw new DomainError('recruitment.call_not_found');
  return presentStaff(row, await cohortIdOfCall(db, id));
}

export async function createCall(db: Db, actor: Actor, input: CallInputT, now: Date = new Date()): Promise<CallViewT> {
  const opensAt = new Date(input.opensAt);
  const closesAt = new Date(input.closesAt);
  throwFirst(checkCallDefinition({ ...input, opensAt, closesAt }));
  const cohortId = input.cohortId ?? null;
  return db.transaction(async (tx) => {
    if (cohortId) await checkCohortFor(tx, null, cohortId, input.capacity);
    const [row] = await tx
      .insert(calls)
      .values({
        id: uuidv7(),
        status: 'draft',
        title: input.title,
        description: input.description,
        eligibility: input.eligibility ?? null,
        programme: input.programme,
        opensAt,
        closesAt,
        capacity: input.capacity,
        waitlistSize: input.waitlistSize ?? null,
        quotas: input.quotas,
        consentItems: input.consentItems,
        consentVersion: 1,
        questions: input.questions,
      })
      .returning();
    if (cohortId) await linkCohort(tx, row!.id, cohortId, now);
    await recordAudit(tx, actor, { action: 'call.create', entityType: 'call', entityId: row!.id, after: { ...row, cohortId } });
    return presentStaff(row!, cohortId);
  });
}

export async function updateCall(db: Db, actor: Actor, id: string, patch: CallPatchT, now: Date): Promise<CallViewT> {
  return db.transaction(async (tx) => {
    const before = await callById(tx, id, true);
    if (!before) throw new DomainError('recruitment.call_not_found');
    // After closing, only what finalising reads (the cohort it fills, the waitlist) may still change, until then.
    const onlyOutcomeSettings = Object.keys(patch).every((k) => k === 'cohortId' || k === 'waitlistSize');
    if (before.status === 'closed' && !onlyOutcomeSettings) throw new DomainError('recruitment.call_closed');
    const cohortBefore = await cohortIdOfCall(tx, id);
    const cohortId = patch.cohortId === undefined ? cohortBefore : patch.cohortId;
    const waitlistSize = patch.waitlistSize === undefined ? before.waitlistSize : patch.waitlistSize;
    if (before.finalisedRunId && (cohortId !== cohortBefore || waitlistSize !== before.waitlistSize)) throw new DomainError('recruitment.cohort_locked', {}, cohortId !== cohortBefore ? 'cohortId' : 'waitlistSize');
    const next = {
      title: patch.title ?? before.title,
      description: patch.description ?? before.description,
      eligibility: patch.eligibility === undefined ? before.eligibility : patch.eligibility,
      programme: patch.programme ?? before.programme,
      opensAt: patch.opensAt ? new Date(patch.opensAt) : before.opensAt,
      closesAt: patch.closesAt ? new Date(patch.closesAt) : before.closesAt,
      capacity: patch.capacity ?? before.capacity,
      quotas: patch.quotas ?? before.quotas,
      consentItems: patch.consentItems ?? before.consentItems,
      questions: patch.questions ?? before.questions,
      waitlistSize,
    };
    throwFirst(checkCallDefinition(next));
    if (cohortId) await checkCohortFor(tx, id, cohortId, next.capacity);
    // A consent given to other words is not consent to these: a new version makes applicants agree again.
    const consentChanged = JSON.stringify(next.consentItems) !== JSON.stringify(before.consentItems);
    const [after] = await tx
      .update(calls)
      .set({ ...next, consentVersion: consentChanged ? before.consentVersion + 1 : before.consentVersion, updatedAt: now })
      .where(eq(calls.id, id))
      .returning();
    if (cohortId !== cohortBefore) await linkCohort(tx, id, cohortId, now);
    await recordAudit(tx, actor, { action: 'call.update', entityType: 'call', entityId: id, before: { ...before, cohortId: cohortBefore }, after: { ...after, cohortId } });
    return presentStaff(after!, cohortId);
  });
}

async function transition(db: Db, actor: Actor, id: string, from: CallRow['status'], to: CallRow['status'], refusal: ErrorCode, now: Date): Promise<CallViewT> {
  return db.transaction(async (tx) => {
    const before = await callById(tx, id);
    if (!before) throw new DomainError('recruitment.call_not_found');
    if (before.status !== from) throw new DomainError(refusal);
    const [after] = await tx.update(calls).set({ status: to, updatedAt: now }).where(eq(calls.id, id)).returning();
    await recordAudit(tx, actor, { action: to === 'published' ? 'call.publish' : 'call.close', entityType: 'call', entityId: id, before: { status: before.status }, after: { status: to } });
    return presentStaff(after!, await cohortIdOfCall(tx, id));
  });
}

export const publishCall = (db: Db, actor: Actor, id: string, now: Date) => transition(db, actor, id, 'draft', 'published', 'recruitment.call_not_draft', now);
export const closeCall = (db: Db, actor: Actor, id: string, now: Date) => transition(db, actor, id, 'published', 'closed', 'recruitment.call_not_published', now);

/**
 * Staff read applicants' names and statuses. The audit log records changes only; this read of
 * personal data goes to the access log (안전조치기준 §8), with the ids shown, before it is returned.
 */
export async function listApplications(db: DbOrTx, actor: AccessActor, callId: string, query: ApplicationQueryT): Promise<ApplicationListT> {
  if (!(await callById(db, callId))) throw new DomainError('recruitment.call_not_found');
  const { rows, total } = await applicationsPage(db, callId, { status: query.status, q: query.q || undefined }, offsetOf(query), query.pageSize);
  // The ids of the page shown: that is the personal data this request read.
  await recordAccess(db, { actor, action: 'view', subjectType: 'application', subjectIds: rows.map((r) => r.app.id), detail: { callId, list: 'applications' } });
  const counts = await applicationCounts(db, callId);
  return {
    items: rows.map(({ app, name }) => ({
      id: app.id,
      userId: app.userId,
      // After the retention period the application no longer says who applied (retention.ts).
      name: app.anonymisedAt ? '' : name,
      status: app.status,
      consentVersion: app.consentVersion,
      submittedAt: app.submittedAt ? app.submittedAt.toISOString() : null,
      updatedAt: app.updatedAt.toISOString(),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    counts: { draft: counts.get('draft') ?? 0, submitted: counts.get('submitted') ?? 0, withdrawn: counts.get('withdrawn') ?? 0 },
  };
}

/** The call, or 404: the export routes look it up before they insist on a reason. */
export async function requireCall(db: DbOrTx, callId: string): Promise<CallRow> {
  const call = await callById(db, callId);
  if (!call) throw new DomainError('recruitment.call_not_found');
  return call;
}

/**
 * Staff download a call's applications (names, e-mail addresses, answers, consents). The download,
 * its reason and every application id go to the access log first; if that fails, nothing leaves.
 */
export async function exportApplications(db: DbOrTx, actor: AccessActor, call: CallRow, reason: string, format: 'xlsx' | 'csv', lang: Lang): Promise<ApplicationTable> {
  const rows = (await applicationsForExport(db, call.id)).map((r) => (r.app.anonymisedAt ? { ...r, name: '', email: '' } : r));
  await recordAccess(db, { actor, action: 'download', subjectType: 'application', subjectIds: rows.map((r) => r.app.id), reason, detail: { callId: call.id, format, lang } });
  return applicationTable(call, rows, lang);
}

// ---------- public ----------

export async function publicCalls(db: DbOrTx): Promise<PublicCallViewT[]> {
  return (await callRows(db, ['published'])).map(presentPublic);
}

export async function publicCall(db: DbOrTx, id: string): Promise<PublicCallViewT> {
  const row = await visibleCall(db, id, ['published']);
  if (!row) throw new DomainError('recruitment.call_not_found');
  return presentPublic(row);
}

// ---------- applicants ----------

/** Applicants keep sight of their own application after the call closes; a draft call stays invisible. */
async function applicantCall(db: DbOrTx, callId: string): Promise<CallRow> {
  const call = await visibleCall(db, callId, ['published', 'closed']);
  if (!call) throw new DomainError('recruitment.call_not_found');
  return call;
}

export async function myApplication(db: DbOrTx, userId: string, callId: string): Promise<MyApplicationViewT> {
  await applicantCall(db, callId);
  const row = await applicationOf(db, callId, userId);
  if (!row) throw new DomainError('recruitment.application_not_found');
  return presentApplication(row);
}

function checkConsentsComplete(call: CallRow, consents: readonly ConsentGrant[], version: number | null): void {
  throwFirst(checkConsents(call.consentItems, consents, true));
  if (call.consentItems.length > 0 && version !== call.consentVersion) throw new DomainError('recruitment.consent_outdated', {}, 'consents');
}

/**
 * Files are uploaded (and replaced, and deleted) through the files routes, which keep the answer in
 * step. A save that leaves a file question blank keeps the stored answer, so a form saved
 * automatically while an upload is under way cannot drop the new file's id.
 */
function keepFileAnswers(call: CallRow, current: ApplicationRow, answers: Answers): Answers {
  const merged = { ...answers };
  for (const { key, fileId } of fileAnswers(call.questions, current.answers)) {
    const given = merged[key];
    if (given === undefined || (typeof given === 'string' && given.trim() === '')) merged[key] = fileId;
  }
  return merged;
}

/** Each file answer must name a file this applicant uploaded for that question of this application. */
async function checkFileReferences(db: DbOrTx, call: CallRow, app: ApplicationRow, answers: Answers): Promise<void> {
  const wanted = fileAnswers(call.questions, answers);
  if (wanted.length === 0) return;
  const stored = await fileRefsOfApplication(db, app.id);
  for (const { key, fileId } of wanted) {
    if (!stored.some((f) => f.id === fileId && f.questionKey === key && f.ownerId === app.userId)) throw new DomainError('recruitment.answer_file_missing', {}, `answers.${key}`);
  }
}

export async function saveMyApplication(db: Db, userId: string, callId: string, input: ApplicationSaveT, now: Date): Promise<MyApplicationViewT> {
  const call = await applicantCall(db, callId);
  assertWindowOpen(call, now);
  return db.transaction(async (tx) => {
    // Insert-or-nothing, then lock: parallel saves by one person meet on the unique index, not in a race.
    await tx.insert(applications).values({ id: uuidv7(), callId, userId, status: 'draft', createdAt: now, updatedAt: now }).onConflictDoNothing({ target: [applications.callId, applications.userId] });
    const current = (await applicationOf(tx, callId, userId, true))!;
    const status = current.status === 'withdrawn' ? 'draft' : current.status;
    const complete = status === 'submitted';
    const answers: Answers = keepFileAnswers(call, current, input.answers);
    throwFirst(checkAnswers(call.questions, answers, complete));
    await checkFileReferences(tx, call, current, answers);
    const consent = input.consents
      ? { consents: input.consents, consentVersion: call.consentVersion, consentedAt: now }
      : { consents: current.consents, consentVersion: current.consentVersion, consentedAt: current.consentedAt };
    throwFirst(checkConsents(call.consentItems, consent.consents, false));
    if (complete) checkConsentsComplete(call, consent.consents, consent.consentVersion);
    const [row] = await tx
      .update(applications)
      .set({ status, answers, ...consent, ...(current.status === 'withdrawn' ? { withdrawnAt: null, submittedAt: null } : {}), updatedAt: now })
      .where(eq(applications.id, current.id))
      .returning();
    return presentApplication(row!);
  });
}

export async function submitMyApplication(db: Db, userId: string, callId: string, now: Date): Promise<MyApplicationViewT> {
  const call = await applicantCall(db, callId);
  assertWindowOpen(call, now);
  return db.transaction(async (tx) => {
    const current = await applicationOf(tx, callId, userId, true);
    if (!current) throw new DomainError('recruitment.application_not_found');
    if (current.status === 'withdrawn') throw new DomainError('recruitment.application_withdrawn');
    throwFirst(checkAnswers(call.questions, current.answers, true));
    await checkFileReferences(tx, call, current, current.answers);
    // With no consent recorded yet the applicant refused every optional item; the version they saw is stamped now.
    const consentVersion = current.consentVersion ?? call.consentVersion;
    checkConsentsComplete(call, current.consents, consentVersion);
    if (current.status === 'submitted') return presentApplication(current);
    const [row] = await tx
      .update(applications)
      .set({ status: 'submitted', submittedAt: now, consentVersion, consentedAt: current.consentedAt ?? now, updatedAt: now })
      .where(eq(applications.id, current.id))
      .returning();
    return presentApplication(row!);
  });
}

export async function withdrawMyApplication(db: Db, userId: string, callId: string, now: Date): Promise<MyApplicationViewT> {
  const call = await applicantCall(db, callId);
  assertWindowOpen(call, now);
  return db.transaction(async (tx) => {
    const current = await applicationOf(tx, callId, userId, true);
    if (!current) throw new DomainError('recruitment.application_not_found');
    if (current.status === 'withdrawn') return presentApplication(current);
    const [row] = await tx.update(applications).set({ status: 'withdrawn', withdrawnAt: now, updatedAt: now }).where(eq(applications.id, current.id)).returning();
    return presentApplication(row!);
  });
}
