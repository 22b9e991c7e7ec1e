/**
 * The scores a call's selection starts from: every submitted review's total, calibrated for each
 * reviewer's harshness or leniency (docs/calibration.md). Shared by the staff scores view and the
 * selection runs, so both read the same numbers.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { calibrate, type Calibration, type CalibrationOptions, type Review } from '../../core/recruitment/calibration.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { reviewAssignments, reviews } from '../../platform/db/schema/index.js';

/** Submitted reviews of the call's applications, as (application, reviewer, 0..100 total). */
export async function submittedReviews(db: DbOrTx, callId: string): Promise<Review[]> {
  const rows = await db
    .select({ applicationId: reviewAssignments.applicationId, reviewerId: reviewAssignments.reviewerId, score: reviews.total })
    .from(reviews)
    .innerJoin(reviewAssignments, eq(reviews.assignmentId, reviewAssignments.id))
    .where(and(eq(reviewAssignments.callId, callId), eq(reviews.status, 'submitted'), isNotNull(reviews.total)));
  return rows.map((r) => ({ applicationId: r.applicationId, reviewerId: r.reviewerId, score: r.score! }));
}

export async function calibrationForCall(db: DbOrTx, callId: string, options: CalibrationOptions = {}): Promise<{ reviews: Review[]; calibration: Calibration }> {
  const list = await submittedReviews(db, callId);
  return { reviews: list, calibration: calibrate(list, options) };
}

/** Submitted reviews with their criterion scores, for the staff scores view. */
export async function submittedReviewDetails(db: DbOrTx, callId: string) {
  return db
    .select({ applicationId: reviewAssignments.applicationId, reviewerId: reviewAssignments.reviewerId, total: reviews.total, scores: reviews.scores })
    .from(reviews)
    .innerJoin(reviewAssignments, eq(reviews.assignmentId, reviewAssignments.id))
    .where(and(eq(reviewAssignments.callId, callId), eq(reviews.status, 'submitted'), isNotNull(reviews.total)));
}
