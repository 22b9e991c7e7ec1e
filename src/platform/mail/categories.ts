/**
 * Which automatic mail a person may opt out of (RFC 8058 one-click and the link in the footer).
 *
 * The rule: a message someone needs in order to keep their account safe or to know the outcome of
 * something they asked for is NOT opt-out-able — address confirmation, "someone tried to sign up
 * with your address", selection results (a transactional obligation of the call) and a waitlist
 * promotion into a seat they asked for. Notices that invite or remind people to do optional work
 * for the campus (reviewer invitations now; review reminders, assignment notices and course
 * announcements when they exist) carry a category, and a person who opted out of that category
 * receives none of them: the outbox stores the message as 'suppressed' instead of sending it.
 *
 * A new kind of mail is not opt-out-able until it is listed here, so nothing security-relevant
 * becomes suppressible by accident.
 */
export const OPT_OUT_CATEGORIES = ['review'] as const;
export type OptOutCategory = (typeof OPT_OUT_CATEGORIES)[number];

const BY_KIND: Readonly<Record<string, OptOutCategory>> = {
  reviewer_invitation: 'review',
};

/** The category a person can opt out of for this kind of mail, or null when it always goes out. */
export function optOutCategoryOf(kind: string): OptOutCategory | null {
  return BY_KIND[kind] ?? null;
}

/** Every kind of mail in a category (to suppress the ones still waiting when someone opts out). */
export function kindsOf(category: OptOutCategory): string[] {
  return Object.entries(BY_KIND)
    .filter(([, c]) => c === category)
    .map(([k]) => k);
}

export const isOptOutCategory = (value: string): value is OptOutCategory => (OPT_OUT_CATEGORIES as readonly string[]).includes(value);
