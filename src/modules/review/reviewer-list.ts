/**
 * The staff list of a call's reviewers, a page at a time: filtered by name, address or
 * organisation and by the state of the invitation in the database, with counts over the call.
 */
import type { DbOrTx } from '../../platform/db/client.js';
import { offsetOf } from '../../shared/contracts/paging.js';
import type { ReviewerListT, ReviewerQueryT } from '../../shared/contracts/review.js';
import { reviewerCounts, reviewersPage } from './repository.js';
import { requireCall, reviewerViews } from './staff.js';

export async function listReviewers(db: DbOrTx, callId: string, query: ReviewerQueryT): Promise<ReviewerListT> {
  const call = await requireCall(db, callId);
  const { rows, total } = await reviewersPage(db, callId, { status: query.status, q: query.q || undefined }, offsetOf(query), query.pageSize);
  const byStatus = await reviewerCounts(db, callId);
  return {
    items: await reviewerViews(db, call, rows),
    total,
    page: query.page,
    pageSize: query.pageSize,
    counts: { invited: byStatus.get('invited') ?? 0, accepted: byStatus.get('accepted') ?? 0, declined: byStatus.get('declined') ?? 0 },
  };
}
