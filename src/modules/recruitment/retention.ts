/**
 * Retention (PIPA §21; security guide row 32): once a call's selection has been
 * final for `retentionDays`, the personal data of everyone who was not selected — not selected,
 * waitlisted, declined, withdrawn, never submitted — is destroyed: answers and consents emptied,
 * uploaded files deleted (rows and bytes), reviewers' written comments cleared, and the e-mails
 * sent to them blanked. The application row stays, marked `anonymisedAt`, so counts, scores and
 * stored selection runs still add up. Selected applicants are participants and keep their data.
 *
 * Decisions: one transaction per run, with one audit entry (actor 'retention') listing the calls
 * and counts; bytes are deleted inside the transaction, before the rows, so a failure can leave
 * rows whose bytes are already gone — which the next run finishes — but never bytes nobody can find.
 * Running it again does nothing new: anonymised applications are skipped.
 */
import { and, eq, inArray, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Db } from '../../platform/db/client.js';
import { applications, calls, outboxMessages, reviewAssignments, reviews, storedFiles } from '../../platform/db/schema/index.js';
import type { FileStorage } from '../../platform/files/storage.js';

const DAY_MS = 86_400_000;
export const RETENTION_ACTOR: Actor = { userId: null, label: 'retention' };

export interface RetentionReport {
  /** Calls finalised before this instant are due. */
  cutoff: string;
  retentionDays: number;
  /** Calls where this run anonymised at least one application. */
  callIds: string[];
  applications: number;
  files: number;
  reviews: number;
  messages: number;
}

export async function purgeExpiredApplicants(db: Db, storage: FileStorage, options: { now: Date; retentionDays: number }): Promise<RetentionReport> {
  const cutoff = new Date(options.now.getTime() - options.retentionDays * DAY_MS);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: applications.id, callId: applications.callId })
      .from(applications)
      .innerJoin(calls, eq(calls.id, applications.callId))
      .where(
        and(
          isNotNull(calls.finalisedAt),
          lt(calls.finalisedAt, cutoff),
          isNull(applications.anonymisedAt),
          // A null outcome (withdrawn, draft, never decided) is "not selected" too.
          or(isNull(applications.outcome), ne(applications.outcome, 'selected')),
        ),
      )
      .for('update', { of: applications });
    const ids = due.map((a) => a.id);
    const callIds = [...new Set(due.map((a) => a.callId))].sort();
    let files = 0;
    let reviewCount = 0;
    let messages = 0;
    if (ids.length > 0) {
      const stored = await tx.select({ id: storedFiles.id, storageKey: storedFiles.storageKey }).from(storedFiles).where(inArray(storedFiles.applicationId, ids));
      for (const f of stored) await storage.delete(f.storageKey);
      files = (await tx.delete(storedFiles).where(inArray(storedFiles.applicationId, ids)).returning({ id: storedFiles.id })).length;
      const assignmentIds = tx.select({ id: reviewAssignments.id }).from(reviewAssignments).where(inArray(reviewAssignments.applicationId, ids));
      reviewCount = (
        await tx
          .update(reviews)
          .set({ comments: {}, comment: null })
          .where(inArray(reviews.assignmentId, assignmentIds))
          .returning({ id: reviews.id })
      ).length;
      // Outcome e-mails name the applicant and go to their address; a message still waiting to be
      // sent is left alone (after the retention period there should be none).
      messages = (
        await tx
          .update(outboxMessages)
          .set({ toEmail: '', subject: '', body: '' })
          .where(and(inArray(sql`${outboxMessages.about}->>'applicationId'`, ids), inArray(outboxMessages.status, ['sent', 'failed', 'logged']), ne(outboxMessages.toEmail, '')))
          .returning({ id: outboxMessages.id })
      ).length;
      await tx.update(applications).set({ answers: {}, consents: [], anonymisedAt: options.now, updatedAt: options.now }).where(inArray(applications.id, ids));
    }
    const report: RetentionReport = { cutoff: cutoff.toISOString(), retentionDays: options.retentionDays, callIds, applications: ids.length, files, reviews: reviewCount, messages };
    await recordAudit(tx, RETENTION_ACTOR, { action: 'retention.purge', entityType: 'application', entityId: null, after: report });
    return report;
  });
}
