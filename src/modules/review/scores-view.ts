/**
 * The staff scores view: per application the raw mean, the calibrated score, the
 * spread and a disagreement flag (docs/calibration.md), and whether its outcome — in or out of the
 * top `capacity` by calibrated score — would change without any single reviewer; per reviewer the
 * estimated offset. Names are shown, so the read is access-logged.
 */
import { compareIds, flipsWithoutReviewer } from '../../core/recruitment/calibration.js';
import { recordAccess, type AccessActor } from '../../platform/access-log.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { offsetOf } from '../../shared/contracts/paging.js';
import type { ScoresQueryT, ScoresViewT } from '../../shared/contracts/review.js';
import { applicantOrganisation, applicantSector, formKeys } from './profiles.js';
import { reviewableApplications, reviewersOfCall } from './repository.js';
import { calibrationForCall, submittedReviewDetails } from './scores.js';
import { requireCall } from './staff.js';

/** The ids among `eligible` with the `capacity` highest scores (ties by id, so the cut is reproducible). */
export function topByScore(scores: ReadonlyMap<string, number>, eligible: ReadonlySet<string>, capacity: number): string[] {
  return [...scores]
    .filter(([id]) => eligible.has(id))
    .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
    .slice(0, capacity)
    .map(([id]) => id);
}

type ApplicationScoreT = ScoresViewT['items'][number];
/** Every application's scores of a call (the export needs them all; the staff page reads a page). */
export type CallScores = Pick<ScoresViewT, 'callId' | 'capacity' | 'components' | 'converged' | 'reviewers'> & { applications: ApplicationScoreT[] };

/** The scores of a call as staff see them (no access-log row: the callers write the one that fits). */
export async function buildScores(db: DbOrTx, callId: string): Promise<CallScores> {
  const call = await requireCall(db, callId);
  const keys = formKeys(call.questions);
  const apps = await reviewableApplications(db, callId);
  const eligible = new Set(apps.map((a) => a.app.id));
  const { reviews, calibration } = await calibrationForCall(db, callId);
  const details = await submittedReviewDetails(db, callId);

  const byApp = new Map(calibration.applications.map((a) => [a.applicationId, a]));
  const offsets = new Map(calibration.reviewers.map((r) => [r.reviewerId, r.offset]));
  const calibrated = new Map(calibration.applications.map((a) => [a.applicationId, a.calibrated]));
  const ranked = topByScore(calibrated, eligible, eligible.size);
  const rankOf = new Map(ranked.map((id, i) => [id, i + 1]));
  const flips = new Map(
    reviews.length > 0 ? flipsWithoutReviewer(reviews, (scores) => new Set(topByScore(scores, eligible, call.capacity))).map((f) => [f.applicationId, f]) : [],
  );

  const applications = apps.map(({ app, name }) => {
    const c = byApp.get(app.id);
    const f = flips.get(app.id);
    const rank = rankOf.get(app.id) ?? null;
    return {
      applicationId: app.id,
      applicantName: name,
      applicantOrganisation: applicantOrganisation(keys, app.answers),
      sector: applicantSector(keys, app.answers),
      reviews: details
        .filter((d) => d.applicationId === app.id)
        .sort((a, b) => compareIds(a.reviewerId, b.reviewerId))
        .map((d) => ({ reviewerId: d.reviewerId, total: d.total!, scores: d.scores, adjusted: d.total! - (offsets.get(d.reviewerId) ?? 0) })),
      rawMean: c ? c.rawMean : null,
      calibrated: c ? c.calibrated : null,
      spread: c ? c.spread : null,
      adjustedSpread: c ? c.adjustedSpread : null,
      disagreement: c ? c.disagreement : false,
      rank,
      inTop: rank !== null && rank <= call.capacity,
      flips: f ? f.flips : false,
      flippingReviewers: f ? [...f.flippingReviewers] : [],
      component: c ? c.component : null,
    };
  });
  // Best first; applications without reviews at the end.
  applications.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || compareIds(a.applicationId, b.applicationId));

  const reviewerRows = new Map((await reviewersOfCall(db, callId)).map((r) => [r.reviewer.id, r]));
  const reviewers = calibration.reviewers.map((r) => ({
    reviewerId: r.reviewerId,
    email: reviewerRows.get(r.reviewerId)?.reviewer.email ?? '',
    name: reviewerRows.get(r.reviewerId)?.name ?? null,
    offset: r.offset,
    reviews: r.reviews,
    component: r.component,
  }));
  return { callId, capacity: call.capacity, components: calibration.components, converged: calibration.converged, applications, reviewers };
}

function matches(a: ApplicationScoreT, query: ScoresQueryT): boolean {
  if (query.status === 'top' && !a.inTop) return false;
  if (query.status === 'flips' && !a.flips) return false;
  if (query.status === 'disagreement' && !a.disagreement) return false;
  if (query.status === 'unscored' && a.rank !== null) return false;
  if (query.q) {
    const needle = query.q.toLocaleLowerCase();
    if (![a.applicantName, a.applicantOrganisation ?? ''].some((s) => s.toLocaleLowerCase().includes(needle))) return false;
  }
  return true;
}

const SORT_VALUE: Record<ScoresQueryT['sort'], (a: ApplicationScoreT) => number | null> = {
  calibrated: (a) => a.calibrated,
  rawMean: (a) => a.rawMean,
  spread: (a) => a.spread,
  reviews: (a) => a.reviews.length,
};

/** Sorted by one figure, missing figures last, ties kept in rank order (the list comes ranked). */
function sorted(rows: readonly ApplicationScoreT[], query: ScoresQueryT): ApplicationScoreT[] {
  const value = SORT_VALUE[query.sort];
  const sign = query.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      return a.v === b.v ? a.i - b.i : sign * (a.v - b.v);
    })
    .map((x) => x.row);
}

/**
 * One page of the ranked applications. Calibration fits every review of the call at once, so the
 * whole call is scored and then filtered and sliced here; ranks and flips stay those of the call.
 */
export async function scoresView(db: DbOrTx, accessor: AccessActor, callId: string, query: ScoresQueryT): Promise<ScoresViewT> {
  const { applications, ...call } = await buildScores(db, callId);
  const matching = sorted(applications.filter((a) => matches(a, query)), query);
  const offset = offsetOf(query);
  const items = matching.slice(offset, offset + query.pageSize);
  const ids = items.map((a) => a.applicationId);
  if (ids.length > 0) await recordAccess(db, { actor: accessor, action: 'view', subjectType: 'application', subjectIds: ids, detail: { callId, list: 'scores', page: query.page } });
  return { ...call, applications: applications.length, items, total: matching.length, page: query.page, pageSize: query.pageSize };
}
