/**
 * Per-installation state kept in the database, so several app instances share it: the auth secret
 * (generated on first start unless AUTH_SECRET is given) and the one-time setup token's hash.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from './db/client.js';
import { systemState } from './db/schema/index.js';

const SECRET_KEY = 'auth_secret';
const SETUP_KEY = 'setup_token_sha256';

export async function getOrCreateAuthSecret(db: DbOrTx): Promise<string> {
  const fresh = randomBytes(48).toString('base64url');
  // ON CONFLICT DO NOTHING: two instances starting together agree on the first one written.
  await db.insert(systemState).values({ key: SECRET_KEY, value: fresh }).onConflictDoNothing();
  const [row] = await db.select().from(systemState).where(eq(systemState.key, SECRET_KEY));
  if (!row) throw new Error('auth secret could not be stored');
  return row.value;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Issues a new setup token (replacing any earlier one) and returns it; only its hash is stored. */
export async function issueSetupToken(db: DbOrTx): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await db
    .insert(systemState)
    .values({ key: SETUP_KEY, value: sha256(token) })
    .onConflictDoUpdate({ target: systemState.key, set: { value: sha256(token), updatedAt: new Date() } });
  return token;
}

export async function checkSetupToken(db: DbOrTx, token: string): Promise<boolean> {
  const [row] = await db.select().from(systemState).where(eq(systemState.key, SETUP_KEY));
  if (!row) return false;
  const a = Buffer.from(row.value, 'hex');
  const b = Buffer.from(sha256(token), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Uses the token up: true for exactly one caller, however many present it at once (the row is
 * deleted under a lock, so a simultaneous second attempt finds it gone).
 */
export async function consumeSetupToken(db: DbOrTx, token: string): Promise<boolean> {
  const deleted = await db
    .delete(systemState)
    .where(and(eq(systemState.key, SETUP_KEY), eq(systemState.value, sha256(token))))
    .returning({ key: systemState.key });
  return deleted.length === 1;
}

export async function clearSetupToken(db: DbOrTx): Promise<void> {
  await db.delete(systemState).where(eq(systemState.key, SETUP_KEY));
}
