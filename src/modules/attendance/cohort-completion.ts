/**
 * Completion seen by staff: every member of a cohort against the programme's rule, with their
 * certificate and whether it is still supported by the record; and the effect of an attendance
 * correction on the corrected person's certificate. The rules themselves are the pure core's
 * (src/core/courses/completion.ts); this file loads the rows once per cohort and hands them over.
 *
 * Decisions (docs/attendance.md): a certificate whose holder no longer meets the rules is flagged,
 * never revoked by the system — it is a public record, and revoking takes a person and a reason.
 */
import { certificateSupport, completionTotals, matchesCompletionFilter, supportLost, type CertificateSupport, type CompletionResult } from '../../core/courses/completion.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAccess, type AccessActor } from '../../platform/access-log.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type { CohortCompletionQueryT, CohortCompletionViewT, CorrectionCertificateViewT } from '../../shared/contracts/attendance.js';
import { cohortMembers } from '../courses/public.js';
import { matchesText, pageOfMembers } from './member-page.js';
import { completionOf } from './progress.js';
import {
  attendanceOfSessions,
  certificateOf,
  certificatesOfCohort,
  cohortWithProgramme,
  reportOf,
  reportsOfCohort,
  sessionsOfCohort,
  type AttendanceRow,
  type CertificateRow,
  type ProgrammeRow,
  type SessionRow,
} from './repository.js';

/** What the rules of one cohort read, loaded once for all its people. */
export interface CohortRecord {
  programme: ProgrammeRow;
  sessions: SessionRow[];
  records: AttendanceRow[];
  reported: Set<string>;
}

export async function loadCohortRecord(db: DbOrTx, cohortId: string, programme: ProgrammeRow): Promise<CohortRecord> {
  const [sessions, reports] = await Promise.all([sessionsOfCohort(db, cohortId), reportsOfCohort(db, cohortId)]);
  const records = await attendanceOfSessions(
    db,
    sessions.map((s) => s.id),
  );
  return { programme, sessions, records, reported: new Set(reports.map((r) => r.userId)) };
}

export function completionIn(record: CohortRecord, userId: string, now: Date): CompletionResult {
  return completionOf(record.programme, record.sessions, record.records, userId, record.reported.has(userId), now);
}

const asCertificate = (row: CertificateRow | undefined) => (row ? { revoked: row.revokedAt !== null } : null);

export function supportOf(row: CertificateRow | undefined, result: CompletionResult): CertificateSupport {
  return certificateSupport(asCertificate(row), result);
}

/** The contracts' `stillMeetsRules`: true or false for a valid certificate, null for a revoked one (or none). */
export function stillMeetsRules(support: CertificateSupport): boolean | null {
  return support === 'supported' ? true : support === 'unsupported' ? false : null;
}

/**
 * One page of the members' completion with their certificates (by name, filtered by `q` and by one
 * of the totals), and the cohort's totals over every member. The page names people with their
 * record, so the staff read of those on it goes to the access log.
 */
export async function cohortCompletion(db: DbOrTx, accessor: AccessActor, cohortId: string, query: CohortCompletionQueryT, now: Date): Promise<CohortCompletionViewT> {
  const found = await cohortWithProgramme(db, cohortId);
  if (!found) throw new DomainError('attendance.cohort_not_found');
  const { programme } = found;
  const [members, record, certificates] = await Promise.all([cohortMembers(db, cohortId), loadCohortRecord(db, cohortId, programme), certificatesOfCohort(db, cohortId)]);
  const certificateByUser = new Map(certificates.map((c) => [c.userId, c]));
  const rows = members.map((m) => {
    const result = completionIn(record, m.userId, now);
    const certificate = certificateByUser.get(m.userId);
    return { userId: m.userId, name: m.name, member: m, result, certificate, support: supportOf(certificate, result) };
  });
  const totals = completionTotals(rows.map((r) => ({ complete: r.result.complete, certificate: r.support })));
  const q = query.q || undefined;
  const filter = query.filter;
  const { items, total } = pageOfMembers(rows, (r) => matchesText(q, r.member) && (!filter || matchesCompletionFilter(filter, { complete: r.result.complete, certificate: r.support })), query);
  if (items.length > 0) {
    await recordAccess(db, { actor: accessor, action: 'view', subjectType: 'user', subjectIds: items.map((r) => r.userId), detail: { cohortId, list: 'completion', page: query.page } });
  }
  const rule = programme.completionRule;
  return {
    items: items.map(({ member, result, certificate, support }) => ({
      userId: member.userId,
      name: member.name,
      email: member.email,
      complete: result.complete,
      rulesMet: result.rulesMet,
      rulesTotal: result.rulesTotal,
      rules: result.rules,
      certificate: certificate
        ? { id: certificate.id, number: certificate.number, status: certificate.revokedAt ? 'revoked' : 'valid', issuedAt: certificate.issuedAt.toISOString(), stillMeetsRules: stillMeetsRules(support) }
        : null,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    cohortId,
    at: now.toISOString(),
    rule: { minAttendanceRate: rule.minAttendanceRate, requiredSessionTypes: [...rule.requiredSessionTypes], requireExperimentReport: rule.requireExperimentReport },
    sessions: record.sessions.length,
    totals: {
      members: totals.members,
      complete: totals.complete,
      notComplete: totals.notComplete,
      certified: totals.certified,
      revoked: totals.revoked,
      readyToIssue: totals.readyToIssue,
      noLongerSupported: totals.unsupported,
    },
  };
}

/**
 * After a correction of `userId`'s attendance at `sessionId` (inside the correction's transaction):
 * their certificate of the cohort, if any, checked against the record before and after it. `before`
 * is the record the correction replaced (undefined: there was none).
 */
export async function certificateAfterCorrection(tx: DbOrTx, cohortId: string, sessionId: string, userId: string, before: AttendanceRow | undefined, now: Date): Promise<CorrectionCertificateViewT | null> {
  const certificate = await certificateOf(tx, cohortId, userId);
  if (!certificate) return null;
  const found = await cohortWithProgramme(tx, cohortId);
  if (!found) return null;
  const sessions = await sessionsOfCohort(tx, cohortId);
  const mine = (
    await attendanceOfSessions(
      tx,
      sessions.map((s) => s.id),
    )
  ).filter((r) => r.userId === userId);
  const reported = !!(await reportOf(tx, cohortId, userId));
  const earlier = [...mine.filter((r) => r.sessionId !== sessionId), ...(before ? [before] : [])];
  const resultBefore = completionOf(found.programme, sessions, earlier, userId, reported, now);
  const resultAfter = completionOf(found.programme, sessions, mine, userId, reported, now);
  const cert = asCertificate(certificate);
  return {
    id: certificate.id,
    number: certificate.number,
    status: certificate.revokedAt ? 'revoked' : 'valid',
    stillMeetsRules: stillMeetsRules(certificateSupport(cert, resultAfter)),
    supportLost: supportLost(cert, resultBefore, resultAfter),
  };
}
