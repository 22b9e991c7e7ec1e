import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderBusy, LOCK_FILE, lockDataFolder } from './folder-lock.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function folder(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'oc-lock-'));
  dirs.push(d);
  return d;
}

describe('the data-folder lock', () => {
  it('is taken, names its holder, and is given back', () => {
    const dir = folder();
    const lock = lockDataFolder(dir, 'test command');
    const holder = JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number; command: string; since: string };
    expect(holder).toMatchObject({ pid: process.pid, command: 'test command' });
    expect(Number.isNaN(Date.parse(holder.since))).toBe(false);
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    lockDataFolder(dir, 'again').release();
  });

  it('refuses while a live process holds it, naming pid, command and since when', async () => {
    const dir = folder();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: child.pid, command: 'npm start', since: '2026-12-07T09:00:00.000Z', host: os.hostname() }));
      let caught: unknown;
      try {
        lockDataFolder(dir, 'demo:load');
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(DataFolderBusy);
      expect((caught as Error).message).toContain(`in use by process ${child.pid} (npm start) since 2026-12-07T09:00:00.000Z`);
      // Refusing leaves the holder's lock alone.
      expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: child.pid });
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
    }
  });

  it('takes over the lock of a process that is gone, and an unreadable one', async () => {
    const dir = folder();
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => child.on('exit', r));
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: child.pid, command: 'killed', since: 'then', host: os.hostname() }));
    const lock = lockDataFolder(dir, 'taker');
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, command: 'taker' });
    lock.release();
    writeFileSync(path.join(dir, LOCK_FILE), '{"pid":');
    lockDataFolder(dir, 'taker').release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});
