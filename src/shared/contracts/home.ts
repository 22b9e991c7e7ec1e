/**
 * Contracts of the home page's two read models: what is coming up on the campus (public data only)
 * and a signed-in person's own overview (their next session, applications and reviews to do).
 */
import { z } from 'zod';
import { Id, LocalizedText } from './common.js';
import { SessionType } from './courses.js';
import { ApplicationOutcome } from './selection.js';

const Text = LocalizedText();

/** Where a session happens: a room (its name and place) or a free place text (a field study's site). */
const Place = z.object({ name: Text.nullable(), place: Text });

/** A timetabled session of a published cohort, as anyone may see it on the cohort's page. */
export const UpcomingSession = z.object({
  kind: z.literal('session'),
  id: Id,
  type: SessionType,
  title: Text,
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  place: Place.nullable(),
  cohort: z.object({ id: Id, title: Text }),
  programmeTitle: Text,
});
export type UpcomingSessionT = z.infer<typeof UpcomingSession>;

/**
 * One thing on the campus calendar. Sessions are the only kind today; events (and other kinds) join
 * this union with their own `kind`, and the home page renders each kind with its own component.
 */
export const UpcomingItem = z.discriminatedUnion('kind', [UpcomingSession]);
export type UpcomingItemT = z.infer<typeof UpcomingItem>;

export const UpcomingQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(8),
});
export type UpcomingQueryT = z.infer<typeof UpcomingQuery>;

export const UpcomingList = z.object({ items: z.array(UpcomingItem), timeZone: z.literal('Asia/Seoul') });
export type UpcomingListT = z.infer<typeof UpcomingList>;

/** My next session: as a member of its cohort, or as one of its lecturers. */
export const MyNextSession = UpcomingSession.omit({ kind: true }).extend({ as: z.enum(['participant', 'lecturer']) });
export type MyNextSessionT = z.infer<typeof MyNextSession>;

/** One of my applications, with what its standing is worded from (the web words it). */
export const MyApplicationBrief = z.object({
  id: Id,
  callId: Id,
  callTitle: Text,
  status: z.enum(['draft', 'submitted', 'withdrawn']),
  outcome: ApplicationOutcome.nullable(),
  waitlistPosition: z.number().int().nullable(),
  /** While the call is open a draft can still be finished and submitted. */
  closesAt: z.string(),
});
export type MyApplicationBriefT = z.infer<typeof MyApplicationBrief>;

/** Only the caller's own data: the same account's applications, seats, cohorts and sessions. */
export const MeOverview = z.object({
  nextSession: MyNextSession.nullable(),
  applications: z.array(MyApplicationBrief),
  reviews: z.object({
    /** Assigned applications whose review I have not submitted yet. */
    toDo: z.number().int(),
    /**
     * I hold an accepted reviewer seat on at least one call. (An unanswered invitation is reached
     * only through the secret in its e-mail, so it is not linked to any account yet.)
     */
    reviewer: z.boolean(),
  }),
  /** Published or finished cohorts I belong to (selected participant or enrolled citizen). */
  cohorts: z.number().int(),
  timeZone: z.literal('Asia/Seoul'),
});
export type MeOverviewT = z.infer<typeof MeOverview>;
