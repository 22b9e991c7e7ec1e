/**
 * Per-installation state kept in the database, so several app instances share it: the auth secret
 * (generated on first start unless AUTH_SECRET is given) and the one-time setup token's hash.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from './db/client.js';
import { systemState } from './db/schema/index.js';

const SECRET_KEY = 'auth_secret';
const INSTALLATION_KEY = 'installation_id';
const SETUP_KEY = 'setup_token_sha256';

export async function getOrCreateAuthSecret(db: DbOrTx): Promise<string> {
  const fresh = randomBytes(48).toString('base64url');
  // ON CONFLICT DO NOTHING: two instances starting together agree on the first one written.
  await db.insert(systemState).values({ key: SECRET_KEY, value: fresh }).onConflictDoNothing();
  const [row] = await db.select().from(systemState).where(eq(systemState.key, SECRET_KEY));
  if (!row) throw new Error('auth secret could not be stored');
  return row.value;
}

const installationIds = new WeakMap<object, Promise<string>>();

/**
 * A random id for this installation, made once and kept in the database, so it survives a new
 * PUBLIC_URL, a new host name or a second instance. Identifiers that leave the system and must
 * never change (calendar UIDs) are built from it rather than from the address the site is served at.
 */
export function installationId(db: DbOrTx): Promise<string> {
  let id = installationIds.get(db);
  if (!id) {
    id = (async () => {
      await db.insert(systemState).values({ key: INSTALLATION_KEY, value: randomUUID() }).onConflictDoNothing();
      const [row] = await db.select().from(systemState).where(eq(systemState.key, INSTALLATION_KEY));
      if (!row) throw new Error('installation id could not be stored');
      return row.value;
    })();
    // A failed attempt (the database was away) is not remembered.
    id.catch(() => installationIds.delete(db));
    installationIds.set(db, id);
  }
  return id;
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
