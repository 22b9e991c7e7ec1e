/**
 * Certificates: staff issue them for everyone who completed a cohort, participants download their
 * own as PDF, anyone with the link verifies one, staff revoke one with a reason.
 *
 * Decisions (docs/attendance.md): issuing is idempotent (one certificate per cohort and person, the
 * unique index settles races) and audited per certificate; numbers are OC-<year of the cohort's
 * start>-<TI|CI>-<running number>, allocated under a transaction advisory lock per prefix so
 * concurrent issuing in several cohorts never collides; the token is 256 random bits; the name is
 * frozen at issue. Verification answers only holder, programme, cohort, dates, issue date and status.
 * A revoked certificate still verifies (as revoked) but is no longer offered as a PDF. Staff see each
 * valid certificate checked against the current record: one whose holder no longer meets the rules
 * is flagged, never revoked by the system, and verifies as valid until someone revokes it.
 */
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { certificateNumber, certificatePrefix } from '../../core/courses/completion.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAccess, type AccessActor } from '../../platform/access-log.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { certificates } from '../../platform/db/schema/index.js';
import type { CertificateVerificationT, CertificateViewT, IssueCertificatesResultT, MyCertificateViewT } from '../../shared/contracts/attendance.js';
import { cohortMembers } from '../courses/public.js';
import { newCertificateToken } from './codes.js';
import { loadCertificateFont, renderCertificatePdf } from './pdf.js';
import { completionIn, loadCohortRecord, stillMeetsRules, supportOf } from './cohort-completion.js';
import {
  certificateById,
  certificateByToken,
  certificatesOfCohort,
  certificatesOfUser,
  cohortWithProgramme,
  lastCertificateSequence,
  lockCertificatePrefix,
  sessionsOfCohort,
  type CertificateRow,
  type CohortRow,
  type ProgrammeRow,
} from './repository.js';

export const verifyUrlOf = (publicUrl: string, token: string) => `${publicUrl}/verify/${encodeURIComponent(token)}`;

/** `stillMeetsRules`: for a valid certificate, whether its holder meets the rules by the current record; null for a revoked one. */
export function presentCertificate(row: CertificateRow, publicUrl: string, stillMeetsRules: boolean | null): CertificateViewT {
  return {
    id: row.id,
    cohortId: row.cohortId,
    userId: row.userId,
    number: row.number,
    holderName: row.holderName,
    issuedAt: row.issuedAt.toISOString(),
    status: row.revokedAt ? 'revoked' : 'valid',
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
    revokedReason: row.revokedReason,
    verifyUrl: verifyUrlOf(publicUrl, row.token),
    stillMeetsRules: row.revokedAt ? null : stillMeetsRules,
  };
}

function presentMine(row: CertificateRow, cohort: CohortRow, programme: ProgrammeRow, publicUrl: string): MyCertificateViewT {
  return {
    id: row.id,
    number: row.number,
    holderName: row.holderName,
    cohortId: cohort.id,
    cohortTitle: cohort.title,
    programmeTitle: programme.title,
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    issuedAt: row.issuedAt.toISOString(),
    status: row.revokedAt ? 'revoked' : 'valid',
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
    verifyUrl: verifyUrlOf(publicUrl, row.token),
    pdfUrl: `/api/v1/me/certificates/${row.id}.pdf`,
  };
}

async function requireCohort(db: DbOrTx, cohortId: string) {
  const found = await cohortWithProgramme(db, cohortId);
  if (!found) throw new DomainError('attendance.cohort_not_found');
  return found;
}

/**
 * Issues a certificate to every member of the cohort who has completed it and has none yet.
 * Running it again issues only to those who completed since; everyone else is reported with how
 * far they are.
 */
export async function issueCertificates(db: Db, actor: Actor, accessor: AccessActor, cohortId: string, publicUrl: string, now: Date): Promise<IssueCertificatesResultT> {
  const { cohort, programme } = await requireCohort(db, cohortId);
  const [members, record, existing] = await Promise.all([cohortMembers(db, cohortId), loadCohortRecord(db, cohortId, programme), certificatesOfCohort(db, cohortId)]);
  const holders = new Set(existing.map((c) => c.userId));
  const notComplete: IssueCertificatesResultT['notComplete'] = [];
  const toIssue: { userId: string; name: string }[] = [];
  let alreadyIssued = 0;
  for (const m of members) {
    if (holders.has(m.userId)) {
      alreadyIssued += 1;
      continue;
    }
    const result = completionIn(record, m.userId, now);
    if (result.complete) toIssue.push({ userId: m.userId, name: m.name });
    else notComplete.push({ userId: m.userId, name: m.name, rulesMet: result.rulesMet, rulesTotal: result.rulesTotal });
  }
  // The answer names members who have not completed: a staff read of personal data.
  if (notComplete.length > 0) {
    await recordAccess(db, { actor: accessor, action: 'view', subjectType: 'user', subjectIds: notComplete.map((n) => n.userId), detail: { cohortId, list: 'certificates_not_complete' } });
  }
  if (toIssue.length === 0) return { issued: [], alreadyIssued, notComplete };

  const year = Number(cohort.startsOn.slice(0, 4));
  const prefix = certificatePrefix(year, programme.kind);
  const issued = await db.transaction(async (tx) => {
    await lockCertificatePrefix(tx, prefix);
    let sequence = await lastCertificateSequence(tx, prefix);
    const rows: CertificateRow[] = [];
    for (const person of toIssue) {
      const [row] = await tx
        .insert(certificates)
        .values({ id: uuidv7(), cohortId, userId: person.userId, number: certificateNumber(year, programme.kind, sequence + 1), token: newCertificateToken(), holderName: person.name, issuedAt: now })
        .onConflictDoNothing({ target: [certificates.cohortId, certificates.userId] })
        .returning();
      // Nothing inserted: another request issued this one meanwhile; its number stays unused here.
      if (!row) continue;
      sequence += 1;
      rows.push(row);
      await recordAudit(tx, actor, {
        action: 'certificate.issue',
        entityType: 'certificate',
        entityId: row.id,
        after: { id: row.id, cohortId, userId: row.userId, number: row.number, holderName: row.holderName, issuedAt: row.issuedAt.toISOString() },
      });
    }
    return rows;
  });
  // Issued because complete just now.
  return { issued: issued.map((r) => presentCertificate(r, publicUrl, true)), alreadyIssued: alreadyIssued + (toIssue.length - issued.length), notComplete };
}

/**
 * The cohort's certificates for staff, each checked against the current record (a valid one whose
 * holder no longer meets the rules is flagged, not revoked). The list names people, so the read is
 * access-logged.
 */
export async function cohortCertificates(db: DbOrTx, accessor: AccessActor, cohortId: string, publicUrl: string, now: Date): Promise<CertificateViewT[]> {
  const { programme } = await requireCohort(db, cohortId);
  const rows = await certificatesOfCohort(db, cohortId);
  if (rows.length === 0) return [];
  const record = await loadCohortRecord(db, cohortId, programme);
  await recordAccess(db, { actor: accessor, action: 'view', subjectType: 'user', subjectIds: rows.map((r) => r.userId), detail: { cohortId, list: 'certificates' } });
  return rows.map((r) => presentCertificate(r, publicUrl, stillMeetsRules(supportOf(r, completionIn(record, r.userId, now)))));
}

/** Staff revoke a certificate with a reason (audited); revoking twice is refused (409). */
export async function revokeCertificate(db: Db, actor: Actor, id: string, reason: string, publicUrl: string, now: Date): Promise<CertificateViewT> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(certificates).where(eq(certificates.id, id)).for('update');
    if (!before) throw new DomainError('certificates.not_found');
    if (before.revokedAt) throw new DomainError('certificates.already_revoked');
    const [row] = await tx.update(certificates).set({ revokedAt: now, revokedReason: reason }).where(eq(certificates.id, id)).returning();
    const strip = (r: CertificateRow) => ({ id: r.id, number: r.number, userId: r.userId, cohortId: r.cohortId, revokedAt: r.revokedAt?.toISOString() ?? null, revokedReason: r.revokedReason });
    await recordAudit(tx, actor, { action: 'certificate.revoke', entityType: 'certificate', entityId: id, before: strip(before), after: strip(row!) });
    return presentCertificate(row!, publicUrl, null);
  });
}

/** The public answer for a verification token: only what the certificate itself shows, plus its status. */
export async function verifyCertificate(db: DbOrTx, token: string): Promise<CertificateVerificationT> {
  const row = await certificateByToken(db, token);
  const found = row && (await cohortWithProgramme(db, row.cohortId));
  if (!row || !found) throw new DomainError('certificates.not_found');
  return {
    status: row.revokedAt ? 'revoked' : 'valid',
    holderName: row.holderName,
    programme: found.programme.title,
    cohort: found.cohort.title,
    startsOn: found.cohort.startsOn,
    endsOn: found.cohort.endsOn,
    issuedAt: row.issuedAt.toISOString(),
  };
}

export async function myCertificates(db: DbOrTx, userId: string, publicUrl: string): Promise<MyCertificateViewT[]> {
  return (await certificatesOfUser(db, userId)).map((r) => presentMine(r.certificate, r.cohort, r.programme, publicUrl));
}

/** My certificate; someone else's is "not found", as for a missing id. */
async function mine(db: DbOrTx, userId: string, id: string) {
  const row = await certificateById(db, id);
  if (!row || row.userId !== userId) throw new DomainError('certificates.not_found');
  const found = await cohortWithProgramme(db, row.cohortId);
  if (!found) throw new DomainError('certificates.not_found');
  return { row, ...found };
}

export async function myCertificate(db: DbOrTx, userId: string, id: string, publicUrl: string): Promise<MyCertificateViewT> {
  const { row, cohort, programme } = await mine(db, userId, id);
  return presentMine(row, cohort, programme, publicUrl);
}

/** The PDF of my certificate; a revoked one is refused (409), a missing font is 503. */
export async function myCertificatePdf(db: DbOrTx, userId: string, id: string, config: { publicUrl: string; certificateFontPath: string }): Promise<{ number: string; bytes: Uint8Array }> {
  const { row, cohort, programme } = await mine(db, userId, id);
  if (row.revokedAt) throw new DomainError('certificates.state_revoked');
  const font = await loadCertificateFont(config.certificateFontPath);
  const minutes = (await sessionsOfCohort(db, cohort.id)).reduce((sum, s) => sum + s.durationMinutes, 0);
  const bytes = await renderCertificatePdf(font, {
    holderName: row.holderName,
    programme: programme.title,
    cohort: cohort.title,
    place: cohort.place,
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    hours: minutes > 0 ? minutes / 60 : null,
    number: row.number,
    issuedAt: row.issuedAt,
    verifyUrl: verifyUrlOf(config.publicUrl, row.token),
  });
  return { number: row.number, bytes };
}
