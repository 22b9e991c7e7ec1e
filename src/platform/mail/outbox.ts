/**
 * Queuing e-mail. Callers write the message in the same transaction as the change that causes it
 * (an outcome, an invitation), so a rolled-back change sends nothing; the dedupe key makes queuing
 * idempotent, so retrying a request or re-running a step never sends the same notice twice.
 * Sending is done afterwards by the outbox sender (src/platform/mail/sender.ts).
 */
import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from '../db/client.js';
import { outboxMessages } from '../db/schema/index.js';

export interface MailInput {
  /** Stable for "the same notice", e.g. `outcome:<applicationId>:<runId>`. */
  dedupeKey: string;
  kind: string;
  toEmail: string;
  toUserId?: string | null;
  lang: 'ko' | 'en';
  subject: string;
  body: string;
  about?: Record<string, string>;
}

/** Queues a message; returns false when one with the same dedupe key was already queued. */
export async function enqueueMail(db: DbOrTx, mail: MailInput): Promise<boolean> {
  const rows = await db
    .insert(outboxMessages)
    .values({
      id: uuidv7(),
      dedupeKey: mail.dedupeKey,
      kind: mail.kind,
      toEmail: mail.toEmail,
      toUserId: mail.toUserId ?? null,
      lang: mail.lang,
      subject: mail.subject,
      body: mail.body,
      about: mail.about ?? {},
    })
    .onConflictDoNothing({ target: outboxMessages.dedupeKey })
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}
