/** Contracts of the iCalendar feeds and their secret feed tokens (docs/calendars.md). */
import { z } from 'zod';

/** Whose sessions a personal feed lists: my courses (participant) or my teaching (lecturer). */
export const FeedKind = z.enum(['participant', 'lecturer'], { message: 'oc:errors.calendar.kind' });
export type FeedKindT = z.infer<typeof FeedKind>;

export const CalendarTokenRequest = z.strictObject({ kind: FeedKind });
export type CalendarTokenRequestT = z.infer<typeof CalendarTokenRequest>;

export const CalendarTokenMinted = z.object({
  kind: FeedKind,
  /** The secret feed URL: shown this once (only its hash is kept); a new one replaces it. */
  url: z.string(),
  createdAt: z.string(),
});
export type CalendarTokenMintedT = z.infer<typeof CalendarTokenMinted>;

/** Which feeds exist and are active; never their URL again. */
export const CalendarTokenList = z.object({ tokens: z.array(z.object({ kind: FeedKind, active: z.boolean(), createdAt: z.string() })) });
export type CalendarTokenListT = z.infer<typeof CalendarTokenList>;

export const FeedKindParams = z.strictObject({ kind: FeedKind });
export const FeedTokenParams = z.strictObject({ token: z.string().max(100) });
/** The feed's language; without it, the request's (a cohort's feed) or the account's (a personal feed). */
export const FeedLangQuery = z.strictObject({ lang: z.enum(['ko', 'en']).optional() });
