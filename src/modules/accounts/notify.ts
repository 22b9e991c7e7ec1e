/**
 * Mail the accounts module queues in the outbox: the link that confirms an address, and the notice
 * to an address's owner that someone tried to sign up with it. Words come from server.json (mail.accounts.*) in the owner's language.
 */
import type { Lang } from '../../core/shared/localized.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { enqueueMail, supersedePendingMail } from '../../platform/mail/outbox.js';
import { translate } from '../../shared/i18n/server-messages.js';
import { verificationMailCount, type AccountRow } from './repository.js';

const HOUR_MS = 3_600_000;

const langOf = (locale: string | null): Lang => (locale === 'en' ? 'en' : 'ko');

/**
 * "Someone tried to sign up with your address." At most one such notice per account an hour (the
 * dedupe key carries the hour), so repeated attempts cannot flood the owner's mailbox.
 */
export async function queueSignUpAttempt(tx: DbOrTx, owner: AccountRow, at: Date, publicUrl: string): Promise<boolean> {
  const lang = langOf(owner.locale);
  const params = { name: owner.name, signIn: `${publicUrl}/sign-in` };
  return enqueueMail(tx, {
    dedupeKey: `sign-up-attempt:${owner.id}:${Math.floor(at.getTime() / HOUR_MS)}`,
    kind: 'account_sign_up_attempt',
    toEmail: owner.email,
    toUserId: owner.id,
    lang,
    subject: translate(lang, 'mail.accounts.sign_up_attempt.subject', params),
    body: translate(lang, 'mail.accounts.sign_up_attempt.body', params),
    about: { userId: owner.id },
  });
}

/**
 * The confirmation link, its secret in the fragment (#token=…) so it never reaches a server log or
 * a Referer header. A new sending retires the ones still waiting in the outbox, so only the latest
 * goes out; links already delivered keep working until they expire.
 */
export async function queueVerificationMail(tx: DbOrTx, user: { id: string; email: string; name: string; locale?: string | null }, token: string, publicUrl: string): Promise<void> {
  const lang = langOf(user.locale ?? null);
  const params = { name: user.name, link: `${publicUrl}/verify-email#token=${token}` };
  const sending = (await verificationMailCount(tx, user.id)) + 1;
  await supersedePendingMail(tx, 'account_email_verification', { userId: user.id });
  await enqueueMail(tx, {
    dedupeKey: `email-verification:${user.id}:${sending}`,
    kind: 'account_email_verification',
    toEmail: user.email,
    toUserId: user.id,
    lang,
    subject: translate(lang, 'mail.accounts.email_verification.subject', params),
    body: translate(lang, 'mail.accounts.email_verification.body', params),
    about: { userId: user.id, sending: String(sending) },
  });
}
