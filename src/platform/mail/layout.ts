/**
 * The one layout of every e-mail: a plain-text part (the stored body, as staff read it in the
 * outbox, plus a footer) and an HTML part made from the same text at sending time. Messages stay
 * plain text in the outbox, so nothing a module writes needs HTML; the layout turns blank-line
 * paragraphs into <p>, a line holding only an address into a link named for what it opens (by the
 * mail's kind), and a message in two languages (joinLanguages) into two sections, each with its
 * own lang attribute. Every piece of text is HTML-escaped: names and titles come from users.
 *
 * The HTML is written for reading, not for decoration: no images, one column of at most 36rem,
 * dark text on white (contrast over 15:1, links over 6:1), a font stack that has Hangul on every
 * common system, `word-break: keep-all` so Korean lines break between words, headings for the
 * subject and each language, and an article landmark.
 */
import type { Lang } from '../../core/shared/localized.js';
import { translate } from '../../shared/i18n/server-messages.js';
import type { OptOutCategory } from './categories.js';

/** Between the two languages of one message, in the text part and as stored in the outbox. */
export const LANGUAGE_SEPARATOR = '\n\n----------\n\n';
/** Also accepts the shorter line of messages queued before the separator was shared. */
const SEPARATOR_PATTERN = /\n[ \t]*\n-{3,}[ \t]*\n[ \t]*\n/;

/** One message in two languages, the first one first (see LANGUAGE_SEPARATOR). */
export const joinLanguages = (first: string, second: string): string => `${first}${LANGUAGE_SEPARATOR}${second}`;

export interface LayoutInput {
  kind: string;
  lang: Lang;
  subject: string;
  body: string;
  /** Present when the person may opt out of this kind of mail. */
  unsubscribe?: { url: string; category: OptOutCategory } | null;
}

export interface RenderedMail {
  text: string;
  html: string;
}

const other = (lang: Lang): Lang => (lang === 'ko' ? 'en' : 'ko');
const URL_LINE = /^https?:\/\/\S+$/;
const URL_INLINE = /https?:\/\/[^\s<>"]+/g;

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** What the main link of a kind of mail opens, in words (server.json mail.layout.link.*). */
function linkLabel(kind: string, lang: Lang): string {
  const key = kind.startsWith('outcome.') ? 'outcome' : kind.replace(/[^a-z_]/g, '_');
  const label = translate(lang, `mail.layout.link.${key}`);
  return label.startsWith('mail.layout.') ? translate(lang, 'mail.layout.link.default') : label;
}

/** The languages of a stored body: one part in the mail's language, or two (joinLanguages). */
function partsOf(body: string, lang: Lang): { lang: Lang; text: string }[] {
  const pieces = body.split(SEPARATOR_PATTERN);
  if (pieces.length === 2) return [{ lang, text: pieces[0]! }, { lang: other(lang), text: pieces[1]! }];
  return [{ lang, text: body }];
}

function linkify(line: string): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(URL_INLINE)) {
    out += escapeHtml(line.slice(last, m.index));
    out += `<a href="${escapeHtml(m[0])}" style="color:#0b57d0;">${escapeHtml(m[0])}</a>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(line.slice(last));
}

const BUTTON = 'display:inline-block;padding:10px 18px;background:#0b57d0;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:bold;';

function paragraphs(text: string, kind: string, lang: Lang): string {
  const out: string[] = [];
  for (const block of text.trim().split(/\n[ \t]*\n/)) {
    let lines: string[] = [];
    const flush = () => {
      if (lines.length) out.push(`<p style="margin:0 0 16px;">${lines.map(linkify).join('<br>\n')}</p>`);
      lines = [];
    };
    for (const line of block.split('\n')) {
      if (URL_LINE.test(line.trim())) {
        flush();
        out.push(`<p style="margin:0 0 16px;"><a href="${escapeHtml(line.trim())}" style="${BUTTON}">${escapeHtml(linkLabel(kind, lang))}</a></p>`);
      } else lines.push(line);
    }
    flush();
  }
  return out.join('\n');
}

function textFooter(input: LayoutInput, langs: Lang[]): string {
  const lines = langs.map((l) => translate(l, 'mail.layout.automatic'));
  if (input.unsubscribe) {
    for (const l of langs) lines.push(`${translate(l, 'mail.layout.unsubscribe_text', { category: translate(l, `mail.layout.category.${input.unsubscribe.category}`) })}`);
    lines.push(input.unsubscribe.url);
  }
  return `\n\n-- \n${lines.join('\n')}\n`;
}

function htmlFooter(input: LayoutInput, langs: Lang[]): string {
  const items = langs.map((l) => {
    const automatic = `<span>${escapeHtml(translate(l, 'mail.layout.automatic'))}</span>`;
    if (!input.unsubscribe) return `<p lang="${l}" style="margin:0 0 8px;">${automatic}</p>`;
    const category = translate(l, `mail.layout.category.${input.unsubscribe.category}`);
    const link = `<a href="${escapeHtml(input.unsubscribe.url)}" style="color:#0b57d0;">${escapeHtml(translate(l, 'mail.layout.unsubscribe_link', { category }))}</a>`;
    return `<p lang="${l}" style="margin:0 0 8px;">${automatic}<br>\n${link}</p>`;
  });
  return `<footer style="margin-top:32px;padding:16px;background:#f3f4f6;color:#374151;font-size:14px;border-radius:6px;">\n${items.join('\n')}\n</footer>`;
}

export function renderMail(input: LayoutInput): RenderedMail {
  const parts = partsOf(input.body, input.lang);
  const langs = parts.length === 2 ? parts.map((p) => p.lang) : [input.lang];
  const text = `${input.body.trimEnd()}${textFooter(input, langs)}`;
  const twoLanguages = parts.length === 2;
  const sections = parts
    .map((p, i) => {
      const heading = twoLanguages ? `<h2 id="part-${i}" style="font-size:16px;margin:24px 0 12px;color:#374151;">${escapeHtml(translate(p.lang, 'mail.layout.language'))}</h2>\n` : '';
      const labelled = twoLanguages ? ` aria-labelledby="part-${i}"` : '';
      const rule = i > 0 ? ' style="border-top:1px solid #d1d5db;margin-top:24px;"' : '';
      return `<section lang="${p.lang}"${labelled}${rule}>\n${heading}${paragraphs(p.text, input.kind, p.lang)}\n</section>`;
    })
    .join('\n');
  const font = `-apple-system,BlinkMacSystemFont,'Apple SD Gothic Neo','Malgun Gothic','맑은 고딕','Nanum Gothic','Noto Sans KR','Segoe UI',sans-serif`;
  const html = `<!DOCTYPE html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(input.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff;color:#111827;">
<main>
<div role="article" aria-label="${escapeHtml(input.subject)}" style="max-width:36rem;margin:0 auto;padding:24px 16px;font-family:${font};font-size:16px;line-height:1.7;word-break:keep-all;overflow-wrap:anywhere;color:#111827;background:#ffffff;">
<h1 style="font-size:20px;line-height:1.4;margin:0 0 20px;">${escapeHtml(input.subject)}</h1>
${sections}
${htmlFooter(input, langs)}
</div>
</main>
</body>
</html>
`;
  return { text, html };
}
