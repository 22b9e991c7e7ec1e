/**
 * The reviewer invitation mail. The invitee may have no account yet, so their language is unknown:
 * the message is written in the account's language when one exists (otherwise the inviting staff
 * member's), followed by the same text in the other language. The link carries the invitation's
 * secret (invitation-token.ts); a re-sent mail says that it replaces the earlier link.
 */
import type { Lang, LocalizedText } from '../../core/shared/localized.js';
import { joinLanguages } from '../../platform/mail/layout.js';
import { translate } from '../../shared/i18n/server-messages.js';

const other = (lang: Lang): Lang => (lang === 'ko' ? 'en' : 'ko');
const titleIn = (title: LocalizedText, lang: Lang): string => (lang === 'en' && title.en ? title.en : title.ko);

export function invitationMail(lang: Lang, callTitle: LocalizedText, link: string, resent = false): { subject: string; body: string } {
  const part = (l: Lang) => {
    const body = translate(l, 'mail.reviewer_invitation.body', { title: titleIn(callTitle, l), link });
    return resent ? `${translate(l, 'mail.reviewer_invitation.resent')}\n\n${body}` : body;
  };
  return {
    subject: translate(lang, 'mail.reviewer_invitation.subject', { title: titleIn(callTitle, lang) }),
    body: joinLanguages(part(lang), part(other(lang))),
  };
}
