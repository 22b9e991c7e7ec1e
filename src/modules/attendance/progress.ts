/**
 * Completion: a participant's progress against the programme's rule, and their experiment report.
 * The rule is checked by the pure core (src/core/courses/completion.ts); this file gathers the data.
 *
 * The experiment report is text only (title and summary): a file would need its own raw upload,
 * storage and download rights, which the files module already does for applications; a report that
 * needs attachments can link to them in the summary. Submitting again replaces the report.
 */
import { uuidv7 } from 'uuidv7';
import type { AttendanceStatus } from '../../core/courses/attendance-code.js';
import { evaluateCompletion, type CompletionResult } from '../../core/courses/completion.js';
import { DomainError } from '../../core/shared/domain-error.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { experimentReports } from '../../platform/db/schema/index.js';
import type { ExperimentReportInputT, ExperimentReportViewT, ProgressViewT } from '../../shared/contracts/attendance.js';
import { isCohortMember } from '../courses/public.js';
import { attendanceOfSessions, certificateOf, cohortWithProgramme, reportOf, sessionsOfCohort, type AttendanceRow, type CohortRow, type ProgrammeRow, type ReportRow, type SessionRow } from './repository.js';

export function presentReport(row: ReportRow): ExperimentReportViewT {
  return { id: row.id, cohortId: row.cohortId, title: row.title, summary: row.summary, submittedAt: row.submittedAt.toISOString() };
}

/** Completion of one person, from rows already loaded (used for one person and for a whole cohort). */
export function completionOf(programme: ProgrammeRow, sessions: readonly SessionRow[], records: readonly AttendanceRow[], userId: string, reportSubmitted: boolean, now: Date): CompletionResult {
  const mine = new Map<string, AttendanceStatus>();
  for (const r of records) if (r.userId === userId) mine.set(r.sessionId, r.status);
  return evaluateCompletion({
    rule: programme.completionRule,
    sessions: sessions.map((s) => ({ id: s.id, type: s.type, endsAt: s.endsAt ? s.endsAt.getTime() : null })),
    attendance: mine,
    reportSubmitted,
    nowMs: now.getTime(),
  });
}

/** The cohort when this person belongs to it; otherwise "not found", as for a missing id. */
async function myCohort(db: DbOrTx, userId: string, cohortId: string): Promise<{ cohort: CohortRow; programme: ProgrammeRow }> {
  const found = await cohortWithProgramme(db, cohortId);
  if (!found || !(await isCohortMember(db, cohortId, userId))) throw new DomainError('attendance.cohort_not_found');
  return found;
}

export async function myProgress(db: DbOrTx, userId: string, cohortId: string, now: Date): Promise<ProgressViewT> {
  const { programme } = await myCohort(db, userId, cohortId);
  const sessions = await sessionsOfCohort(db, cohortId);
  const records = (
    await attendanceOfSessions(
      db,
      sessions.map((s) => s.id),
    )
  ).filter((r) => r.userId === userId);
  const report = await reportOf(db, cohortId, userId);
  const certificate = await certificateOf(db, cohortId, userId);
  const result = completionOf(programme, sessions, records, userId, !!report, now);
  return {
    cohortId,
    complete: result.complete,
    rulesMet: result.rulesMet,
    rulesTotal: result.rulesTotal,
    rules: result.rules,
    report: report ? presentReport(report) : null,
    certificate: certificate ? { id: certificate.id, number: certificate.number, status: certificate.revokedAt ? 'revoked' : 'valid' } : null,
  };
}

/** Submits (or replaces) my experiment report for a cohort I belong to. */
export async function submitReport(db: DbOrTx, userId: string, cohortId: string, input: ExperimentReportInputT, now: Date): Promise<{ created: boolean; report: ExperimentReportViewT }> {
  await myCohort(db, userId, cohortId);
  const before = await reportOf(db, cohortId, userId);
  const [row] = await db
    .insert(experimentReports)
    .values({ id: uuidv7(), cohortId, userId, title: input.title, summary: input.summary, submittedAt: now })
    .onConflictDoUpdate({ target: [experimentReports.cohortId, experimentReports.userId], set: { title: input.title, summary: input.summary, submittedAt: now } })
    .returning();
  return { created: !before, report: presentReport(row!) };
}
