/**
 * Words, not codes, as a build rule: every enum of the contracts a page can show has a label in
 * Korean and in English, found through the one registry (web/src/lib/labels.ts), and so has every
 * audit action the server writes. Waitlisted (a person) and queued (a message, a run) never share a word.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
import { ENUM_LABELS, type EnumKind } from '../../web/src/lib/labels.js';

const root = path.resolve(import.meta.dirname, '../..');
const catalog = (lang: string, ns: string) => JSON.parse(readFileSync(path.join(root, 'locales', lang, `${ns}.json`), 'utf8')) as unknown;

/** The message at "ns:a.b.c" in one language, or undefined. */
function message(lang: 'ko' | 'en', key: string): string | undefined {
  const [ns, rest] = key.split(':') as [string, string];
  let node: unknown = catalog(lang, ns);
  for (const part of rest.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' && node.trim() !== '' ? node : undefined;
}

/**
 * Exported enums of the contracts that no page shows as a value, and why. Anything else exported
 * as a z.enum must have a registry kind, so a new enum cannot reach a page without words.
 */
const NOT_SHOWN: Record<string, string> = {
  'calendars.FeedKind': 'picks which feed a token is for; pages name the feed in a sentence',
};

const MODULES = { accessLog, accounts, attendance, calendars, courses, enrolment, plan, recruitment, review, selection, timetable };

function exportedEnums(): { name: string; values: string[] }[] {
  const out: { name: string; values: string[] }[] = [];
  for (const [mod, exports] of Object.entries(MODULES)) {
    for (const [name, value] of Object.entries(exports)) {
      if (value instanceof ZodEnum) out.push({ name: `${mod}.${name}`, values: value.options.map(String) });
    }
  }
  return out;
}

/**
 * What the server writes into audit entries: actions (`action: 'budget_line.update'`) or entity
 * types (`entityType: 'call'`), read from every file that records an audit entry.
 */
function audited(what: 'action' | 'entityType'): string[] {
  const found = new Set<string>();
  const re = what === 'action' ? /\baction:\s*'([a-z_]+\.[a-z_.]+)'/g : /\bentityType:\s*'([a-z_]+)'/g;
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) {
        const src = readFileSync(p, 'utf8');
        if (!src.includes('recordAudit')) continue;
        for (const m of src.matchAll(re)) found.add(m[1]!);
      }
    }
  };
  walk(path.join(root, 'src'));
  return [...found].sort();
}
const auditActions = () => audited('action');

describe('enum labels', () => {
  it('every value of every registry kind has a label in Korean and English', () => {
    const missing: string[] = [];
    for (const [kind, entry] of Object.entries(ENUM_LABELS) as [EnumKind, (typeof ENUM_LABELS)[EnumKind]][]) {
      const values = kind === 'auditAction' ? auditActions() : kind === 'auditEntity' ? [...new Set([...entry.values, ...audited('entityType')])] : entry.values;
      expect(values.length, kind).toBeGreaterThan(0);
      for (const value of values) for (const lang of ['ko', 'en'] as const) if (!message(lang, entry.key(value))) missing.push(`${lang} ${kind}.${value} (${entry.key(value)})`);
    }
    expect(missing).toEqual([]);
  });

  it('every exported enum of the contracts has a registry kind, or is named here as not shown', () => {
    const registered = Object.values(ENUM_LABELS).map((e) => new Set<string>(e.values));
    const unlabelled = exportedEnums()
      .filter((e) => !NOT_SHOWN[e.name])
      .filter((e) => !registered.some((r) => e.values.every((v) => r.has(v))))
      .map((e) => e.name);
    expect(unlabelled).toEqual([]);
    // The list above stays honest: each entry still names an exported enum.
    const names = new Set(exportedEnums().map((e) => e.name));
    expect(Object.keys(NOT_SHOWN).filter((n) => !names.has(n))).toEqual([]);
  });

  it('finds the audit actions the server writes', () => {
    expect(auditActions()).toEqual(expect.arrayContaining(['budget_line.update', 'certificate.issue', 'attendance.correct']));
  });

  it('waitlisted (a person) and queued (a message, a run) are different words in both languages', () => {
    for (const lang of ['ko', 'en'] as const) {
      const waitlisted = [ENUM_LABELS.applicationOutcome.key('waitlisted'), ENUM_LABELS.enrolmentStatus.key('waitlisted'), 'selection:selection.applicants.status.waitlisted'].map((k) => message(lang, k));
      const queued = [ENUM_LABELS.outboxStatus.key('pending'), ENUM_LABELS.assignmentRunStatus.key('queued'), ENUM_LABELS.timetableRunStatus.key('queued')].map((k) => message(lang, k));
      expect(new Set(waitlisted), lang).toEqual(new Set([lang === 'ko' ? '대기자' : 'Waitlisted']));
      for (const q of queued) expect(waitlisted, `${lang}: "${q}"`).not.toContain(q);
      expect(message(lang, ENUM_LABELS.outboxStatus.key('pending'))).toBe(lang === 'ko' ? '발송 대기' : 'Queued');
    }
  });
});
