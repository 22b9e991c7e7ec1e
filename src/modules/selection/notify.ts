/**
 * Outcome e-mails (selected, waitlisted, not selected, declined), written to the outbox in the
 * same transaction as the outcome. Words come from server.json (mail.outcome.*) in the applicant's
 * language — the one they signed up in (`user.locale`, taken from the oc_lang / Accept-Language of
 * that request). When no usable language is stored, both go in one message, Korean first.
 * The dedupe key `outcome:<applicationId>:<outcome>` makes each notice go out once, however often
 * a step is retried.
 */
import type { ApplicationOutcome } from '../../platform/db/schema/recruitment.js';
import { pickText, type Lang, type LocalizedText } from '../../core/shared/localized.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { joinLanguages } from '../../platform/mail/layout.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { translate } from '../../shared/i18n/server-messages.js';

export interface OutcomeRecipient {
  applicationId: string;
  userId: string;
  name: string;
  email: string;
  locale: string | null;
}

export interface OutcomeNotice {
  callId: string;
  callTitle: LocalizedText;
  outcome: ApplicationOutcome;
  waitlistPosition: number | null;
  /** Where the applicant reads their outcome and may decline. */
  link: string;
}

function words(lang: Lang, r: OutcomeRecipient, n: OutcomeNotice): { subject: string; body: string } {
  const params = { name: r.name, call: pickText(n.callTitle, lang).text, position: n.waitlistPosition ?? 0, link: n.link };
  return { subject: translate(lang, `mail.outcome.${n.outcome}.subject`, params), body: translate(lang, `mail.outcome.${n.outcome}.body`, params) };
}

/** The message in the recipient's language, or both languages (Korean first) when none is known. */
export function composeOutcome(r: OutcomeRecipient, n: OutcomeNotice): { lang: Lang; subject: string; body: string } {
  if (r.locale === 'ko' || r.locale === 'en') return { lang: r.locale, ...words(r.locale, r, n) };
  const ko = words('ko', r, n);
  const en = words('en', r, n);
  return { lang: 'ko', subject: `${ko.subject} / ${en.subject}`, body: joinLanguages(ko.body, en.body) };
}

/** Queues the notice; false when the same notice was already queued. */
export async function queueOutcome(tx: DbOrTx, r: OutcomeRecipient, n: OutcomeNotice): Promise<boolean> {
  const mail = composeOutcome(r, n);
  return enqueueMail(tx, {
    dedupeKey: `outcome:${r.applicationId}:${n.outcome}`,
    kind: `outcome.${n.outcome}`,
    toEmail: r.email,
    toUserId: r.userId,
    ...mail,
    about: { callId: n.callId, applicationId: r.applicationId },
  });
}
