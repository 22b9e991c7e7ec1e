/**
 * Every log line the whole test run produced, checked for personal data and secrets. The harness
 * (app.ts, e2e/support.ts) appends each app's log to a file in OC_TEST_LOG_DIR; this global setup
 * makes that folder per project and, after the project's last test, scans every line and fails
 * the run naming the file and the line. The patterns are written here on their own, not imported
 * from the app's redaction, so a gap there cannot hide from the check.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const LEAKS: readonly { what: string; re: RegExp; unless?: (m: string) => boolean }[] = [
  { what: 'e-mail address', re: /[\w.+-]+(?:@|%40)[\w-]+\.[\w.-]*[A-Za-z]/ },
  { what: 'phone number', re: /(?<![\d.])(?:\+82[\s.-]?0?1\d|01[016789])[\s.-]?\d{3,4}[\s.-]?\d{4}(?!\d)/ },
  { what: 'password hash', re: /\$argon2|\$2[aby]\$/ },
  { what: 'bearer value', re: /\b(?:Bearer|Basic) (?!\[redacted)\S/i },
  { what: 'cookie value', re: /\b(?:oc\.session_token|oc_csrf|session_token)=(?!\[redacted)[^\s;"]/ },
  {
    what: 'token',
    re: /[A-Za-z0-9_-]{32,}/g,
    unless: (m) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(m) || [/[a-z]/, /[A-Z]/, /\d/].filter((c) => c.test(m)).length < 2,
  },
];

export interface Leak {
  file: string;
  line: number;
  what: string;
  text: string;
}

/** What in `text` (one log file) looks like personal data or a secret. */
export function findLeaks(text: string, file: string): Leak[] {
  const leaks: Leak[] = [];
  text.split('\n').forEach((line, i) => {
    for (const { what, re, unless } of LEAKS) {
      const matches = re.global ? [...line.matchAll(re)].map((m) => m[0]) : [re.exec(line)?.[0]].filter((m): m is string => m !== undefined);
      if (matches.some((m) => !unless?.(m))) leaks.push({ file, line: i + 1, what, text: line.slice(0, 400) });
    }
  });
  return leaks;
}

/** Appends one app's log output to the run's folder, when the run has one. */
export function logFileWriter(label: string): (chunk: string) => void {
  const dir = process.env.OC_TEST_LOG_DIR;
  if (!dir) return () => {};
  const name = `${label.replace(/[^\w.-]+/g, '_').slice(-80)}-${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.ndjson`;
  const file = path.join(dir, name);
  return (chunk) => appendFileSync(file, chunk);
}

export function scanLogDir(dir: string): { files: number; lines: number; leaks: Leak[] } {
  let lines = 0;
  const leaks: Leak[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.ndjson'));
  for (const f of files) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    lines += text.split('\n').filter((l) => l !== '').length;
    leaks.push(...findLeaks(text, f));
  }
  return { files: files.length, lines, leaks };
}

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oc-test-logs-'));
  process.env.OC_TEST_LOG_DIR = dir;
  return () => {
    const { files, lines, leaks } = scanLogDir(dir);
    if (leaks.length === 0) {
      rmSync(dir, { recursive: true, force: true });
      console.log(`log audit: ${lines} lines in ${files} app logs, no personal data or secrets`);
      return;
    }
    const shown = leaks.slice(0, 20).map((l) => `  ${l.what} in ${l.file}:${l.line}\n    ${l.text}`);
    // Vitest reports an error thrown here but still exits 0 when every test passed: the run must fail.
    process.exitCode = 1;
    throw new Error(`log audit: ${leaks.length} log line(s) hold personal data or secrets (logs kept in ${dir}):\n${shown.join('\n')}`);
  };
}
