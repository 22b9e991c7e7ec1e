/**
 * Where uploaded bytes live. Files are addressed by a generated key (a UUID), never by the
 * uploader's name, and kept outside the web root (security guide row 22). One interface so an
 * object store (S3 and the like) can replace the local folder later without touching the modules.
 */
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';

export interface FileStorage {
  /** Stores `data` under `key`; the key must be new. Nothing is visible under the key until the whole file is written. */
  put(key: string, data: Uint8Array): Promise<void>;
  /** The bytes as a stream, or null when there is no such file. */
  get(key: string): Promise<Readable | null>;
  /** Removes the file; removing a missing file is not an error (deletion is retried safely). */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/** Keys are our own UUIDs; anything else (a path, "..") is refused before it reaches the disk. */
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function checkedKey(key: string): string {
  if (!KEY.test(key)) throw new Error('file storage: invalid key');
  return key;
}

/** Files in one local folder (DATA_DIR/files), readable by this process's user only. */
export function localFileStorage(dir: string): FileStorage {
  const pathOf = (key: string) => path.join(dir, checkedKey(key));
  let ready: Promise<unknown> | null = null;
  const ensureDir = () => (ready ??= mkdir(dir, { recursive: true, mode: 0o700 }));
  return {
    async put(key, data) {
      const target = pathOf(key);
      await ensureDir();
      // Written beside the target, then renamed: a crash never leaves half a file under the key.
      const temp = path.join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
      try {
        await writeFile(temp, data, { mode: 0o600, flag: 'wx' });
        await rename(temp, target);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
    },
    async get(key) {
      const file = pathOf(key);
      try {
        await stat(file);
      } catch {
        return null;
      }
      return createReadStream(file);
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch {
        return false;
      }
    },
  };
}
