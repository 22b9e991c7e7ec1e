/**
 * Writes the append-only access log: every staff or reviewer read, download, edit or deletion of
 * personal data (security guide rows 26–27). Record the access before the data leaves the server,
 * so a failure to log refuses the access instead of letting it pass unlogged.
 */
import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from './db/client.js';
import { accessLog, type AccessAction } from './db/schema/index.js';

export type { AccessAction };

export interface AccessActor {
  userId: string;
  /** The roles the actor held at the time; a later role change does not rewrite why access was allowed. */
  roles: readonly string[];
  ip?: string | null;
}

export interface AccessEntryInput {
  actor: AccessActor;
  action: AccessAction;
  /** What kind of record the data subjects' ids name, e.g. 'application'. */
  subjectType: string;
  subjectIds: readonly string[];
  /** Why: required for downloads (the database refuses a download without one). */
  reason?: string | null;
  detail?: Record<string, unknown>;
}

export async function recordAccess(db: DbOrTx, entry: AccessEntryInput): Promise<string> {
  if (entry.action === 'download' && !entry.reason?.trim()) throw new Error('access log: a download needs a reason');
  const id = uuidv7();
  await db.insert(accessLog).values({
    id,
    actorId: entry.actor.userId,
    actorRoles: [...entry.actor.roles],
    ip: entry.actor.ip ?? null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectIds: [...entry.subjectIds],
    subjectCount: entry.subjectIds.length,
    reason: entry.reason?.trim() || null,
    detail: entry.detail ?? {},
  });
  return id;
}
