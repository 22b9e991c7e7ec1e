/**
 * The e-mail to a person who moved from the waitlist into a seat, queued in the same transaction as
 * the promotion (a rolled-back promotion sends nothing). Words come from server.json
 * (mail.enrolment.promoted.*) in the person's language; without a usable one, both languages go in
 * one message, Korean first. The dedupe key `enrolment-promoted:<enrolmentId>:<n>` — n counts this
 * enrolment's promotions — sends each promotion once, and a later one (after cancelling, enrolling
 * again and moving up again) once more.
 */
import { pickText, type Lang, type LocalizedText } from '../../core/shared/localized.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { joinLanguages } from '../../platform/mail/layout.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { translate } from '../../shared/i18n/server-messages.js';
import { promotionMailCount } from './repository.js';

export interface PromotedRecipient {
  enrolmentId: string;
  userId: string;
  name: string;
  email: string;
  locale: string | null;
}

export interface PromotedCohort {
  id: string;
  title: LocalizedText;
  place: LocalizedText;
  startsOn: string;
  endsOn: string;
  /** Where the person reads their enrolment (and may cancel it). */
  link: string;
}

function words(lang: Lang, r: PromotedRecipient, c: PromotedCohort): { subject: string; body: string } {
  const params = { name: r.name, cohort: pickText(c.title, lang).text, place: pickText(c.place, lang).text, startsOn: c.startsOn, endsOn: c.endsOn, link: c.link };
  return { subject: translate(lang, 'mail.enrolment.promoted.subject', params), body: translate(lang, 'mail.enrolment.promoted.body', params) };
}

export function composePromoted(r: PromotedRecipient, c: PromotedCohort): { lang: Lang; subject: string; body: string } {
  if (r.locale === 'ko' || r.locale === 'en') return { lang: r.locale, ...words(r.locale, r, c) };
  const ko = words('ko', r, c);
  const en = words('en', r, c);
  return { lang: 'ko', subject: `${ko.subject} / ${en.subject}`, body: joinLanguages(ko.body, en.body) };
}

/** Queues the notice for this promotion; false when it was already queued. */
export async function queuePromoted(tx: DbOrTx, r: PromotedRecipient, c: PromotedCohort): Promise<boolean> {
  const n = (await promotionMailCount(tx, r.enrolmentId)) + 1;
  return enqueueMail(tx, {
    dedupeKey: `enrolment-promoted:${r.enrolmentId}:${n}`,
    kind: 'enrolment.promoted',
    toEmail: r.email,
    toUserId: r.userId,
    ...composePromoted(r, c),
    about: { cohortId: c.id, enrolmentId: r.enrolmentId },
  });
}
