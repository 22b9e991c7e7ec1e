/**
 * Bilingual as a build rule: every translation key exists in Korean and in English, every key the
 * code uses exists, every error code in src/core/shared/error-codes.ts has a message in both
 * languages, and no error message is left that nothing raises.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/core/shared/error-codes.js';

const root = path.resolve(import.meta.dirname, '../..');
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(obj: unknown, prefix = ''): string[] {
  if (obj === null || typeof obj !== 'object') return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}
const load = (lang: string, ns: string) => JSON.parse(readFileSync(path.join(root, 'locales', lang, `${ns}.json`), 'utf8')) as unknown;
const namespaces = readdirSync(path.join(root, 'locales', 'ko')).map((f) => f.replace(/\.json$/, ''));

function files(dir: string, re: RegExp): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p, re) : re.test(f) ? [p] : [];
  });
}

// Read each catalog once: the check looks up thousands of keys, and re-reading per key made it slow.
const keySets = new Map<string, Set<string>>();
function keySet(lang: string, ns: string): Set<string> {
  const id = `${lang}/${ns}`;
  let keys = keySets.get(id);
  if (!keys) keySets.set(id, (keys = new Set(flatten(load(lang, ns)))));
  return keys;
}
function hasKey(keys: Set<string>, key: string): boolean {
  if (keys.has(key)) return true;
  for (const k of keys) if (k.startsWith(`${key}_`)) return true;
  return false;
}

describe('translations', () => {
  it('has the same namespaces in both languages', () => {
    expect(readdirSync(path.join(root, 'locales', 'en')).sort()).toEqual(readdirSync(path.join(root, 'locales', 'ko')).sort());
  });

  it.each(namespaces)('namespace %s has the same keys in Korean and English (up to plural forms)', (ns) => {
    const norm = (lang: string) => [...new Set(flatten(load(lang, ns)).map((k) => k.replace(PLURAL, '')))].sort();
    const ko = norm('ko');
    const en = norm('en');
    expect(ko.filter((k) => !en.includes(k)), 'missing in English').toEqual([]);
    expect(en.filter((k) => !ko.includes(k)), 'missing in Korean').toEqual([]);
  });

  it.each(namespaces)('namespace %s has no empty messages', (ns) => {
    for (const lang of ['ko', 'en']) {
      const empty: string[] = [];
      const walk = (o: unknown, p: string) => {
        if (typeof o === 'string') {
          if (o.trim() === '') empty.push(p);
        } else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, p ? `${p}.${k}` : k);
      };
      walk(load(lang, ns), '');
      expect(empty, `${lang}/${ns}`).toEqual([]);
    }
  });

  it('every literal key used by the web app exists in both languages', () => {
    const missing: string[] = [];
    let used = 0;
    for (const file of files(path.join(root, 'web', 'src'), /\.(ts|tsx)$/)) {
      if (file.endsWith('.test.ts') || file.endsWith('.test.tsx')) continue;
      const src = readFileSync(file, 'utf8');
      const defaultNs = /useTranslation\(\s*'(\w+)'/.exec(src)?.[1] ?? 'web';
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z0-9_.:-]+)'/g)) {
        const raw = m[1]!;
        const [ns, key] = raw.includes(':') ? (raw.split(':') as [string, string]) : [defaultNs, raw];
        if (!namespaces.includes(ns)) {
          missing.push(`${path.relative(root, file)}: unknown namespace in ${raw}`);
          continue;
        }
        used += 1;
        for (const lang of ['ko', 'en']) if (!hasKey(keySet(lang, ns), key)) missing.push(`${path.relative(root, file)}: ${lang}/${ns} lacks ${key}`);
      }
    }
    expect(used).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('every listed error code has a message in both languages', () => {
    expect(ERROR_CODES.length).toBeGreaterThan(100);
    const missing: string[] = [];
    for (const lang of ['ko', 'en']) {
      const keys = keySet(lang, 'server');
      for (const code of ERROR_CODES) if (!keys.has(`errors.${code}`)) missing.push(`${lang}: errors.${code}`);
    }
    expect(missing).toEqual([]);
  });

  it('every contract message has words in both languages', () => {
    const messages = contractMessages();
    expect(messages.size).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const lang of ['ko', 'en']) {
      const keys = keySet(lang, 'server');
      for (const m of messages) if (!keys.has(`errors.${m}`)) missing.push(`${lang}: errors.${m}`);
    }
    expect(missing).toEqual([]);
  });

  it('every error message in the catalog belongs to a listed code or a message the code uses', () => {
    const used = new Set<string>([...ERROR_CODES, ...contractMessages(), ...literalErrorKeys(), ...infeasibilityMessages()]);
    // A plural form (…_one, …_other) belongs to its stem; 'too_many' in a name is not a plural form.
    const orphans = flatten((load('en', 'server') as { errors: unknown }).errors).filter((k) => !used.has(k) && !used.has(k.replace(PLURAL, '')));
    expect(orphans, 'errors.* keys nothing raises or shows: add the code to src/core/shared/error-codes.ts or drop the words').toEqual([]);
  });
});

/** Field messages of the contracts, written 'oc:errors.x.y'; the error handler translates them. */
function contractMessages(): Set<string> {
  const found = new Set<string>();
  for (const file of files(path.join(root, 'src'), /\.ts$/)) for (const m of readFileSync(file, 'utf8').matchAll(/'oc:errors\.([a-z_.]+)'/g)) found.add(m[1]!);
  return found;
}

/** Error words the code names directly: a failed run's stored message ('errors.review.run_failed'), the web's 'server:errors.x'. */
function literalErrorKeys(): Set<string> {
  const found = new Set<string>();
  const sources = [...files(path.join(root, 'src'), /\.ts$/), ...files(path.join(root, 'web', 'src'), /\.(ts|tsx)$/)];
  for (const file of sources) for (const m of readFileSync(file, 'utf8').matchAll(/'(?:server:)?errors\.([a-z_.]+)'/g)) found.add(m[1]!);
  return found;
}

/** The selection core's infeasibility reasons, worded as errors.selection.<reason> (src/modules/selection/explain.ts). */
function infeasibilityMessages(): string[] {
  const src = readFileSync(path.join(root, 'src/core/recruitment/selection.ts'), 'utf8');
  const union = /export type InfeasibilityCode =([^;]+);/.exec(src)?.[1] ?? '';
  const reasons = [...union.matchAll(/'([a-z_]+)'/g)].map((m) => `selection.${m[1]}`);
  expect(reasons.length).toBeGreaterThan(5);
  return reasons;
}
