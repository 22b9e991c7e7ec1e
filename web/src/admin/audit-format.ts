/** How the audit log reads: times in Seoul, who did it, and the before/after record as plain text. */
import type { Lang } from '../../../src/core/shared/localized';
import type { AuditEntryT } from '../../../src/shared/contracts/accounts';
import { formatDate, formatDateShort, formatDateTime, formatNumber } from '../lib/format';

/** Entity types the server records, in the order the filter lists them. */
export const AUDIT_ENTITY_TYPES = ['work_package', 'milestone', 'budget_line', 'budget_spending', 'user'] as const;

/** When an entry was made, in Seoul whatever the browser's zone: "2026년 12월 7일 (월) 14:11". */
export function formatAuditTime(iso: string, lang: Lang): string {
  return formatDateTime(iso, lang) || iso;
}

/** The calendar day in Seoul, e.g. for when an account was created: "2020년 3월 2일" / "2 Mar 2020". */
export function formatSeoulDate(iso: string, lang: Lang): string {
  return formatDateShort(iso, lang) || iso;
}

export type Actor = { kind: 'name'; text: string } | { kind: 'label'; text: string } | { kind: 'id'; text: string } | { kind: 'system' };

/**
 * Who made the change: the account's name when the viewer may list accounts, otherwise the label
 * kept with the entry (e.g. 'cli') or the account id. Entries without either were made by the system.
 */
export function actorOf(entry: Pick<AuditEntryT, 'actorId' | 'actorLabel'>, names: ReadonlyMap<string, string>): Actor {
  if (entry.actorId) {
    const name = names.get(entry.actorId);
    if (name) return { kind: 'name', text: name };
  }
  if (entry.actorLabel) return { kind: 'label', text: entry.actorLabel };
  if (entry.actorId) return { kind: 'id', text: entry.actorId };
  return { kind: 'system' };
}

const ID_KEY = /^(?:id|.*Id|.*Ids)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One field of a stored record as a person reads it: its key (labelled by the page) and its value in words. */
export interface RecordField {
  key: string;
  value: string;
}

/** Words for yes, no and "nothing" in the reader's language. */
export interface RecordWords {
  yes: string;
  no: string;
  none: string;
}

function valueText(value: unknown, lang: Lang, words: RecordWords): string {
  if (value === null || value === undefined || value === '') return words.none;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return formatNumber(value, lang, Number.isInteger(value) ? 0 : 2);
  if (typeof value === 'string') {
    if (INSTANT.test(value)) return formatDateTime(value, lang) || value;
    if (DAY.test(value)) return formatDate(value, lang) || value;
    return value;
  }
  if (Array.isArray(value)) return value.length === 0 ? words.none : value.map((v) => valueText(v, lang, words)).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // Bilingual content ({ ko, en }): the reader's language, else the other.
    if (typeof o.ko === 'string' || typeof o.en === 'string') {
      const [first, other] = lang === 'en' ? [o.en, o.ko] : [o.ko, o.en];
      const text = typeof first === 'string' && first ? first : typeof other === 'string' ? other : '';
      return text || words.none;
    }
    return recordFields(o, lang, words)
      .map((f) => `${f.key} ${f.value}`)
      .join('; ');
  }
  return typeof value === 'bigint' ? value.toString() : words.none;
}

/**
 * A stored record as fields in words: ids (which say nothing to a person, and name records shown
 * elsewhere by name) are left out, times and days are written as people write them, bilingual
 * content in the reader's language. Empty when there is no record.
 */
export function recordFields(value: unknown, lang: Lang, words: RecordWords): RecordField[] {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return [];
  const out: RecordField[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (ID_KEY.test(key) || (typeof v === 'string' && UUID.test(v))) continue;
    out.push({ key, value: valueText(v, lang, words) });
  }
  return out;
}

/** What a record is called: its name or title in the reader's language, when it has one. */
export function recordName(record: unknown, lang: Lang): string {
  if (!record || typeof record !== 'object') return '';
  const o = record as Record<string, unknown>;
  for (const key of ['title', 'name', 'label']) {
    const v = o[key];
    if (typeof v === 'string' && v.trim()) return v;
    if (v && typeof v === 'object') {
      const t = v as Record<string, unknown>;
      const text = lang === 'en' ? t.en || t.ko : t.ko || t.en;
      if (typeof text === 'string' && text.trim()) return text;
    }
  }
  return '';
}

/** Adds a page to the entries already shown, skipping any entry seen before. */
export function appendPage<T extends { id: string }>(shown: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(shown.map((e) => e.id));
  return [...shown, ...page.filter((e) => !seen.has(e.id))];
}
