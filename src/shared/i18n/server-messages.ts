/** Server-side messages (errors, notices) in both languages, from locales/{ko,en}/server.json. */
import en from '../../../locales/en/server.json' with { type: 'json' };
import ko from '../../../locales/ko/server.json' with { type: 'json' };
import type { Lang } from '../../core/shared/localized.js';
// A message names a moment as the page around it does, "2026년 12월 7일 (월) 14:11" / "Mon 7 Dec
// 2026, 14:11", never as an ISO string.
import { formatDateTime } from './format.js';

const catalogs: Record<Lang, unknown> = { ko, en };

function lookup(catalog: unknown, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** A message parameter: a word, a number, or a moment (written in the reader's language, Seoul time). */
export type MessageParam = string | number | Date;

/** Translates `key` (e.g. 'errors.budget.negative'); an unknown key comes back as itself. */
export function translate(lang: Lang, key: string, params: Record<string, MessageParam> = {}): string {
  const template = lookup(catalogs[lang], key) ?? lookup(catalogs.ko, key) ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) return `{{${name}}}`;
    if (v instanceof Date) return formatDateTime(v, lang);
    return typeof v === 'number' ? v.toLocaleString('en-US') : v;
  });
}

export function hasMessage(key: string): boolean {
  return lookup(catalogs.ko, key) !== undefined && lookup(catalogs.en, key) !== undefined;
}
