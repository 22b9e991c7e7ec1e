import type { FileStorage } from '../../platform/files/storage.js';

/** Removes bytes whose rows are gone; a failure leaves an unreferenced file, which is logged, not fatal. */
export async function removeBytes(storage: FileStorage, keys: readonly string[], log?: (err: unknown) => void): Promise<void> {
  for (const key of keys) {
    try {
      await storage.delete(key);
    } catch (err) {
      log?.(err);
    }
  }
}
