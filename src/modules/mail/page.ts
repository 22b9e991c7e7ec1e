/**
 * The pages of the unsubscribe link, as plain server-rendered HTML in both languages (the one who
 * opens it may never have signed in, and a mail client's one-click POST gets the same page). The
 * reader's language comes first. The confirmation page's button is a form that POSTs back to the
 * same address: opening the link (GET) never unsubscribes by itself, because mail scanners
 * prefetch links. No script; styles inline; the form posts only to this site (CSP form-action).
 */
import type { Lang } from '../../core/shared/localized.js';
import { escapeHtml } from '../../platform/mail/layout.js';
import { translate } from '../../shared/i18n/server-messages.js';

export type UnsubscribePageState =
  | { kind: 'confirm'; email: string; category: string; action: string }
  | { kind: 'done'; email: string; category: string }
  | { kind: 'invalid' }
  | { kind: 'too_many' };

const bothLanguages = (first: Lang): Lang[] => (first === 'en' ? ['en', 'ko'] : ['ko', 'en']);

/** "ki***@example.org": enough for the owner to recognise, less for a shoulder or a screenshot. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, Math.min(2, at))}***${email.slice(at)}`;
}

function section(lang: Lang, state: UnsubscribePageState, index: number): string {
  const t = (key: string, params: Record<string, string> = {}) => escapeHtml(translate(lang, `mail.unsubscribe.${key}`, params));
  const category = 'category' in state ? translate(lang, `mail.layout.category.${state.category}`) : '';
  const email = 'email' in state ? maskEmail(state.email) : '';
  const id = `h-${lang}`;
  const heading = (key: string) => `<h${index === 0 ? 1 : 2} id="${id}">${t(key)}</h${index === 0 ? 1 : 2}>`;
  let content: string;
  switch (state.kind) {
    case 'confirm':
      content = `${heading('title')}
<p>${t('confirm', { email, category })}</p>
<p>${t('other_mail')}</p>
<form method="post" action="${escapeHtml(state.action)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${t('button')}</button>
</form>`;
      break;
    case 'done':
      content = `${heading('done_title')}\n<p>${t('done', { email, category })}</p>\n<p>${t('other_mail')}</p>`;
      break;
    case 'invalid':
      content = `${heading('invalid_title')}\n<p>${t('invalid')}</p>`;
      break;
    case 'too_many':
      content = `${heading('too_many_title')}\n<p>${t('too_many')}</p>`;
  }
  return `<section lang="${lang}" aria-labelledby="${id}">\n${content}\n</section>`;
}

const STYLE = `body{margin:0;background:#fff;color:#111827;font-family:-apple-system,BlinkMacSystemFont,'Apple SD Gothic Neo','Malgun Gothic','맑은 고딕','Nanum Gothic','Noto Sans KR','Segoe UI',sans-serif;font-size:16px;line-height:1.7;word-break:keep-all;overflow-wrap:anywhere}
main{max-width:36rem;margin:0 auto;padding:32px 16px}
h1{font-size:22px;line-height:1.4;margin:0 0 16px}h2{font-size:19px;line-height:1.4;margin:0 0 12px}
section+section{border-top:1px solid #d1d5db;margin-top:32px;padding-top:24px}
button{font:inherit;font-weight:700;padding:10px 20px;border:0;border-radius:6px;background:#0b57d0;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #111827;outline-offset:2px}`;

export function unsubscribePage(lang: Lang, state: UnsubscribePageState): string {
  const langs = bothLanguages(lang);
  const titleKey = state.kind === 'confirm' ? 'title' : state.kind === 'done' ? 'done_title' : state.kind === 'invalid' ? 'invalid_title' : 'too_many_title';
  // Each language has its own button: both post the same request, each reader finds one in their words.
  const sections = langs.map((l, i) => section(l, state, i));
  const title = langs.map((l) => translate(l, `mail.unsubscribe.${titleKey}`)).join(' / ');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
