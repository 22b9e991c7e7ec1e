/**
 * Bilingual as a build rule: every translation key exists in Korean and in English, every key the
 * code uses exists, and every domain error code has a message in both languages.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

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

  it('every domain error code and contract message has a message in both languages', () => {
    const codes = new Set<string>();
    for (const file of files(path.join(root, 'src'), /\.ts$/)) {
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/new DomainError\(\s*'([a-z_.]+)'/g)) codes.add(m[1]!);
      // Contract messages written as 'oc:errors.x.y' are translated by the error handler.
      for (const m of src.matchAll(/'oc:errors\.([a-z_.]+)'/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const lang of ['ko', 'en']) {
      const keys = keySet(lang, 'server');
      for (const code of codes) if (!keys.has(`errors.${code}`)) missing.push(`${lang}: errors.${code}`);
    }
    expect(missing).toEqual([]);
  });
});
