/**
 * The home page's read models: what is coming up on the campus (public data of published cohorts),
 * and a signed-in person's overview, built only from rows that belong to that same account.
 */
import type { DbOrTx } from '../../platform/db/client.js';
import type { MeOverviewT, UpcomingListT } from '../../shared/contracts/home.js';
import { presentApplication, presentMyNextSession, presentSession } from './present.js';
import { applicationsOf, cohortIdsOfMember, nextSessionInCohorts, nextSessionTaught, hasReviewerSeat, reviewsToDo, upcomingPublicSessions } from './repository.js';

export async function upcoming(db: DbOrTx, now: Date, limit: number): Promise<UpcomingListT> {
  const sessions = await upcomingPublicSessions(db, now, limit);
  return { items: sessions.map(presentSession), timeZone: 'Asia/Seoul' };
}

export async function myOverview(db: DbOrTx, userId: string, now: Date): Promise<MeOverviewT> {
  const cohortIds = await cohortIdsOfMember(db, userId);
  const attending = await nextSessionInCohorts(db, now, cohortIds);
  const teaching = await nextSessionTaught(db, now, userId);
  // The sooner of the two; attending wins a tie (a lecturer who is also a member is there either way).
  const next = attending && (!teaching || attending.startsAt! <= teaching.startsAt!) ? { row: attending, as: 'participant' as const } : teaching ? { row: teaching, as: 'lecturer' as const } : null;
  return {
    nextSession: next ? presentMyNextSession(next.row, next.as) : null,
    applications: (await applicationsOf(db, userId)).map(presentApplication),
    reviews: { toDo: await reviewsToDo(db, userId), reviewer: await hasReviewerSeat(db, userId) },
    cohorts: cohortIds.length,
    timeZone: 'Asia/Seoul',
  };
}
