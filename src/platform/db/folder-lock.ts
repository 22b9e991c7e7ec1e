/**
 * One process per embedded-database folder. PGlite has no locking of its own: two processes on one
 * DATA_DIR each believe they own the files, and writes of one are lost or corrupt the other's (a
 * demo load beside a running server once "succeeded" and left an account that could not sign in).
 * So the server and every command take a lock file in the folder before opening it, and give it
 * back on exit. The file names its holder (pid, command, start time, host) so the refusal can say
 * who to stop. A lock whose process is gone (killed, crashed) is taken over.
 */
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'open-campus.lock';

export interface LockHolder {
  pid: number;
  command: string;
  since: string;
  host: string;
}

export class DataFolderBusy extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${holder.pid} (${holder.command}) since ${holder.since}` +
        (holder.host !== os.hostname() ? ` on host ${holder.host}` : '') +
        '. The embedded database allows one process at a time: stop that process first, or use PostgreSQL (DATABASE_URL).',
    );
    this.name = 'DataFolderBusy';
  }
}

export interface FolderLock {
  readonly path: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else — still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid)) return null;
    return { pid: parsed.pid, command: String(parsed.command ?? 'unknown'), since: String(parsed.since ?? 'unknown'), host: String(parsed.host ?? '') };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Half-written or unreadable: treat as no valid holder (its writer died mid-write).
    return null;
  }
}

/**
 * Takes the folder's lock for this process or throws DataFolderBusy. Released by release() and,
 * failing that, when the process exits (even by process.exit); a SIGKILL leaves the file behind,
 * and the next taker finds its pid dead and takes over.
 */
export function lockDataFolder(dataDir: string, command: string): FolderLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, command, since: new Date().toISOString(), host: os.hostname() };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      // 'wx': create only if absent — the atomic step two starters cannot both win.
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        // Only our own lock: a taker that found us dead may own the file by now.
        if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
      };
      process.on('exit', release);
      return { path: file, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(file);
    if (holder && holder.pid !== process.pid && holder.host === me.host && alive(holder.pid)) throw new DataFolderBusy(dataDir, holder);
    if (holder && holder.host !== me.host) throw new DataFolderBusy(dataDir, holder);
    if (holder && holder.pid === process.pid) throw new Error(`this process already holds the lock on ${dataDir}`);
    // Stale (dead pid) or unreadable: move it aside (atomic, so only one taker moves a given file)
    // and try again. If what was moved turns out to be a live taker's fresh lock, put it back.
    const aside = `${file}.stale-${process.pid}`;
    try {
      renameSync(file, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    const moved = readHolder(aside);
    if (moved && moved.pid !== holder?.pid && alive(moved.pid)) {
      try {
        linkSync(aside, file);
      } catch {
        // Someone else holds it now; the next round reports them.
      }
    }
    rmSync(aside, { force: true });
  }
  throw new Error(`could not take the lock on ${dataDir}`);
}
