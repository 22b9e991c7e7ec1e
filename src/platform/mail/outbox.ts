/**
 * Queuing e-mail. Callers write the message in the same transaction as the change that causes it
 * (an outcome, an invitation), so a rolled-back change sends nothing; the dedupe key makes queuing
 * idempotent, so retrying a request or re-running a step never sends the same notice twice.
 * Sending is done afterwards by the outbox sender (src/platform/mail/sender.ts).
 *
 * A message of a category its recipient opted out of (categories.ts) is still written, as
 * 'suppressed': the dispatcher never claims it, and staff see in the outbox that it was not sent
 * and why, instead of wondering whether an invitation went out.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from '../db/client.js';
import { mailOptOut, outboxMessages } from '../db/schema/index.js';
import { kindsOf, optOutCategoryOf, type OptOutCategory } from './categories.js';

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
  const category = optOutCategoryOf(mail.kind);
  const suppressed = category !== null && (await hasOptedOut(db, mail.toEmail, category));
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
      ...(suppressed ? { status: 'suppressed' as const } : {}),
    })
    .onConflictDoNothing({ target: outboxMessages.dedupeKey })
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}

/**
 * Retires the still-unsent messages of one kind about one thing (e.g. every pending invitation of a
 * reviewer before a new one is queued), in the caller's transaction: they become 'superseded', which
 * the dispatcher never claims, so neither a later pass nor a retry sends an outdated notice. A
 * message already claimed ('sending') or sent is left alone. Returns how many were retired.
 */
export async function supersedePendingMail(db: DbOrTx, kind: string, about: Record<string, string>): Promise<number> {
  const matches = Object.entries(about).map(([key, value]) => sql`${outboxMessages.about}->>${key} = ${value}`);
  // Without a subject this would retire every pending message of the kind.
  if (matches.length === 0) throw new Error('supersedePendingMail needs at least one "about" key');
  const rows = await db
    .update(outboxMessages)
    .set({ status: 'superseded' })
    .where(and(eq(outboxMessages.kind, kind), eq(outboxMessages.status, 'pending'), ...matches))
    .returning({ id: outboxMessages.id });
  return rows.length;
}

/** Whether `email` asked not to receive mail of `category`. */
export async function hasOptedOut(db: DbOrTx, email: string, category: OptOutCategory): Promise<boolean> {
  const rows = await db
    .select({ email: mailOptOut.email })
    .from(mailOptOut)
    .where(and(eq(mailOptOut.email, email.trim().toLowerCase()), eq(mailOptOut.category, category)))
    .limit(1);
  return rows.length > 0;
}

/**
 * Records an opt-out (idempotent) and suppresses the messages of that category to that address
 * still waiting in the outbox, in one transaction of the caller's. Returns how many were suppressed.
 */
export async function recordOptOut(db: DbOrTx, opt: { email: string; category: OptOutCategory; userId: string | null; source: 'one_click' | 'link' | 'settings' }): Promise<number> {
  const email = opt.email.trim().toLowerCase();
  await db.insert(mailOptOut).values({ email, category: opt.category, userId: opt.userId, source: opt.source }).onConflictDoNothing();
  const rows = await db
    .update(outboxMessages)
    .set({ status: 'suppressed' })
    .where(and(eq(outboxMessages.status, 'pending'), inArray(outboxMessages.kind, kindsOf(opt.category)), sql`lower(${outboxMessages.toEmail}) = ${email}`))
    .returning({ id: outboxMessages.id });
  return rows.length;
}
