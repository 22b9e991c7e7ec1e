/** The log audit that runs after each test project finds what it should, and only that. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLeaks, scanLogDir } from '../support/log-audit.js';

describe('log audit', () => {
  it('names the file, line and kind of each leak', () => {
    const text = [
      '{"level":30,"msg":"ok","req":{"url":"/api/v1/admin/users/0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b/roles"},"reqId":"a1b2c3d4e5f60718"}',
      '{"level":30,"msg":"mail to kim@example.org"}',
      '{"level":30,"msg":"call 010-1234-5678"}',
      '{"level":30,"msg":"cookie oc.session_token=abc"}',
      '{"level":30,"msg":"token Zq8xWm3NcR5tLp0vKs7YbG2hJd9fAe4u"}',
      '{"level":30,"msg":"[redacted email] [redacted phone] oc.session_token=[redacted] Bearer [redacted]"}',
    ].join('\n');
    expect(findLeaks(text, 'x.ndjson').map((l) => `${l.line} ${l.what}`)).toEqual(['2 e-mail address', '3 phone number', '4 cookie value', '5 token']);
  });

  it('scans every log file of a folder', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'oc-log-audit-'));
    try {
      writeFileSync(path.join(dir, 'a.ndjson'), '{"msg":"fine"}\n{"msg":"+82 10 1234 5678"}\n');
      writeFileSync(path.join(dir, 'b.ndjson'), '{"msg":"fine"}\n');
      const result = scanLogDir(dir);
      expect(result).toMatchObject({ files: 2, lines: 3 });
      expect(result.leaks).toEqual([expect.objectContaining({ file: 'a.ndjson', line: 2, what: 'phone number' })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
