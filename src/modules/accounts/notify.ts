/**
 * Mail the accounts module queues in the outbox: the notice to an address's owner that someone
 * tried to sign up with it. Words come from server.json (mail.accounts.*) in the owner's language.
 */
import type { Lang } from '../../core/shared/localized.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { translate } from '../../shared/i18n/server-messages.js';
import type { AccountRow } from './repository.js';

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
