/** Writes the append-only audit trail. Call it inside the same transaction as the change it records. */
import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from './db/client.js';
import { auditLog } from './db/schema/index.js';

export interface Actor {
  userId: string | null;
  /** A label that survives account deletion, e.g. 'cli' or 'setup'. Never an e-mail address. */
  label?: string;
  ip?: string | null;
}

export interface AuditEntryInput {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(db: DbOrTx, actor: Actor, entry: AuditEntryInput): Promise<void> {
  await db.insert(auditLog).values({
    id: uuidv7(),
    actorId: actor.userId,
    actorLabel: actor.label ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: actor.ip ?? null,
  });
}
