/**
 * No raw codes or ids on a page: what a person reads (visible text, aria-label, title, alt) must be
 * words and dates as people write them. Flags UUIDs, long hex or base64 tokens, ISO dates and
 * times, "GMT+9"/"UTC+9", snake_case and dotted.code identifiers, and enum values of the API
 * contracts shown raw as the whole text of an element (on a Korean page in any case, "Optimal"; on
 * an English page as the contract spells it, "waitlisted").
 *
 * Allowed, because people read or type them as they are: e-mail addresses, web addresses and
 * domain names, anything inside an element marked data-verbatim (a certificate number to type
 * into the verification page, a calendar feed address to paste into a calendar app), and a file's
 * name as its owner gave it ("Hong portfolio.pdf") when it is the whole text of an element marked
 * data-file-name (web/src/lib/FileName.tsx): there "name.ext" is user content, not a dotted code,
 * while anything else in such an element is still read.
 */
import type { Page } from 'playwright-core';
import { ZodEnum } from 'zod';
import * as accessLog from '../../src/shared/contracts/access-log.js';
import * as accounts from '../../src/shared/contracts/accounts.js';
import * as attendance from '../../src/shared/contracts/attendance.js';
import * as calendars from '../../src/shared/contracts/calendars.js';
import * as courses from '../../src/shared/contracts/courses.js';
import * as enrolment from '../../src/shared/contracts/enrolment.js';
import * as plan from '../../src/shared/contracts/plan.js';
import * as recruitment from '../../src/shared/contracts/recruitment.js';
import * as review from '../../src/shared/contracts/review.js';
import * as selection from '../../src/shared/contracts/selection.js';
import * as timetable from '../../src/shared/contracts/timetable.js';

/** Every value of every exported enum of the contracts (inline enums of object shapes included). */
function contractEnumValues(): Set<string> {
  const values = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (schema: unknown, depth: number) => {
    if (!schema || typeof schema !== 'object' || seen.has(schema) || depth > 6) return;
    seen.add(schema);
    if (schema instanceof ZodEnum) {
      for (const v of schema.options) if (typeof v === 'string') values.add(v);
      return;
    }
    const def = (schema as { def?: Record<string, unknown> }).def;
    if (!def) return;
    for (const part of Object.values(def)) {
      if (Array.isArray(part)) for (const p of part) walk(p, depth + 1);
      else if (part && typeof part === 'object') {
        walk(part, depth + 1);
        if (!(part as { def?: unknown }).def) for (const inner of Object.values(part)) walk(inner, depth + 1);
      }
    }
  };
  for (const mod of [accessLog, accounts, attendance, calendars, courses, enrolment, plan, recruitment, review, selection, timetable]) for (const exported of Object.values(mod)) walk(exported, 0);
  // Languages are named in their own words on the switcher; numbers as weekday keys are not words.
  for (const v of ['ko', 'en', '1', '2', '3', '4', '5', '6', '7']) values.delete(v);
  return values;
}

const ENUM_VALUES = contractEnumValues();

const PATTERNS: [string, RegExp][] = [
  ['id', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i],
  ['hex token', /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}\b/i],
  ['base64 token', /(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Z])(?=[\w-]*[a-z])[\w-]{24,}(?![\w-])/],
  ['ISO date', /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?/],
  ['ISO time', /T\d{2}:\d{2}:\d{2}/],
  ['time zone offset', /\b(?:GMT|UTC)\s?[+\u2212-]\s?\d/],
  ['snake_case code', /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/],
  ['dotted code', /\b[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+\b/],
];

// E-mail addresses, web addresses and domain names are read and typed as they are; Latin
// abbreviations ("e.g.", "i.e.") are words.
const ALLOWED = [/\b(?:e\.g|i\.e|etc|cf|vs)\./gi, /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, /\bhttps?:\/\/\S+/g, /\b[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|kr|io|edu|go\.kr|or\.kr|ac\.kr)\b/g];

/** A file name: no slashes, an extension of letters and digits. */
const FILE_NAME = /^[^\\/\s](?:[^\\/]*[^\\/\s])?\.[A-Za-z0-9]{1,8}$/;

interface Shown {
  text: string;
  /** Inside an element marked data-file-name. */
  fileName: boolean;
  /** The language of the element it sits in (<html lang> unless a part says otherwise). */
  lang: string;
  /** The whole text of one text node or attribute, trimmed. */
  whole: boolean;
  where: string;
}

/** What a person reads on the page: visible text nodes, and the names given in aria-label, title and alt. */
async function shownText(page: Page): Promise<Shown[]> {
  return page.evaluate(() => {
    const out: { text: string; fileName: boolean; lang: string; whole: boolean; where: string }[] = [];
    const langOf = (el: Element) => el.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
    const describe = (el: Element) => {
      const tag = el.tagName.toLowerCase();
      const id = el.id ? `#${el.id}` : '';
      const testId = el.getAttribute('data-testid');
      return `${tag}${id}${testId ? `[data-testid=${testId}]` : ''}`;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const svgLabels = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      // A chart label wrapped over lines is one <text> in several <tspan>s: read it whole, as a
      // person does ("Open Campus network operation"), not line by line ("network").
      const svgText = el?.closest('text');
      if (svgText && svgText.namespaceURI === 'http://www.w3.org/2000/svg') {
        if (svgLabels.has(svgText)) continue;
        svgLabels.add(svgText);
        const spans = svgText.querySelectorAll('tspan');
        const whole = (spans.length > 0 ? [...spans].map((s) => s.textContent?.trim() ?? '') : [svgText.textContent?.trim() ?? '']).filter(Boolean).join(' ');
        if (whole && !svgText.closest('[data-verbatim]')) out.push({ text: whole, fileName: false, lang: langOf(svgText), whole: true, where: 'svg text' });
        continue;
      }
      const text = node.textContent?.trim() ?? '';
      if (!el || text === '' || el.closest('script, style, noscript, [data-verbatim]')) continue;
      if (!el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true })) continue;
      out.push({ text, fileName: el.closest('[data-file-name]') !== null, lang: langOf(el), whole: true, where: describe(el) });
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], img[alt], [aria-description]')) {
      if (el.closest('[data-verbatim]')) continue;
      for (const attr of ['aria-label', 'title', 'alt', 'aria-description']) {
        const text = el.getAttribute(attr)?.trim();
        if (text) out.push({ text, fileName: false, lang: langOf(el), whole: true, where: `${describe(el)}@${attr}` });
      }
    }
    return out;
  });
}

/** What on the page looks like a code or an id, one line each: kind, the string, and where it is. */
export async function codeFindings(page: Page): Promise<string[]> {
  const findings = new Set<string>();
  for (const shown of await shownText(page)) {
    if (shown.fileName && FILE_NAME.test(shown.text)) continue;
    let text = shown.text;
    for (const allowed of ALLOWED) text = text.replace(allowed, ' ');
    for (const [kind, re] of PATTERNS) {
      const m = re.exec(text);
      if (m) findings.add(`${kind} "${m[0]}" in ${shown.where}: ${shown.text.slice(0, 120)}`);
    }
    // Only a text that is nothing but a value (a cell, a badge): people write English words inside their
    // own free text on Korean pages ("Put back after checking"), and those are theirs, not codes.
    const english = shown.lang.startsWith('en');
    if (!english && ENUM_VALUES.has(text.trim().toLowerCase())) {
      findings.add(`code "${text.trim()}" in ${shown.where}`);
    } else if (english && ENUM_VALUES.has(text.trim())) {
      findings.add(`code "${text.trim()}" in ${shown.where}`);
    }
  }
  return [...findings];
}

/** Fails with every string on the page that looks like a code or an id. */
export async function expectNoCodes(page: Page): Promise<void> {
  const found = await codeFindings(page);
  if (found.length > 0) throw new Error(`The page shows codes or ids (${page.url()}):\n${found.join('\n')}`);
}
