/**
 * Sends the outbox (outbox.ts queues, this sends). Each pass claims a batch of pending messages in
 * ONE statement — `UPDATE … SET status = 'sending' WHERE status = 'pending' AND id IN (SELECT …
 * FOR UPDATE SKIP LOCKED) RETURNING *` — so two dispatchers (two instances on one PostgreSQL, or a
 * timer and a kick in one process) never both get a row: a row another claimer locked is skipped,
 * and one it already moved to 'sending' no longer matches. Then each message is handed to SMTP
 * and marked 'sent'; a failure puts it back to 'pending' with the error and a delay, and after
 * `maxAttempts` leaves it 'failed' for staff to see.
 *
 * A crash between the SMTP server's acceptance and the 'sent' mark leaves the row in 'sending'.
 * It is deliberately not re-sent automatically (that could send it twice); the staff outbox page
 * shows it. Without SMTP_URL nothing is sent and messages stay 'pending' for the staff page.
 *
 * What goes out is built here from the stored row (mailFor): the text and HTML parts of the one
 * layout (layout.ts), `Auto-Submitted: auto-generated` and `X-Auto-Response-Suppress: All` on every
 * message (RFC 3834: no vacation replies to a robot), and for a kind one may opt out of
 * (categories.ts) `List-Unsubscribe` with a signed one-click link and `List-Unsubscribe-Post`
 * (RFC 8058). Rendering at sending time keeps the outbox a plain-text record staff can read.
 */
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { outboxMessages } from '../db/schema/index.js';
import type { Jobs } from '../jobs.js';
import { optOutCategoryOf } from './categories.js';
import { renderMail } from './layout.js';
import { smtpTransport, type MailTransport, type OutgoingMail } from './sender.js';
import { signUnsubscribeToken, unsubscribeUrl } from './unsubscribe-token.js';

export interface DispatchResult {
  claimed: number;
  sent: number;
  /** Failed this time, will be tried again later. */
  retrying: number;
  /** Failed for the last allowed time: left as 'failed'. */
  failed: number;
}

export interface OutboxDispatcherOptions {
  db: Db;
  /** Null when SMTP is not configured: the dispatcher then does nothing. */
  transport: MailTransport | null;
  from: string;
  now: () => Date;
  jobs: Jobs;
  /** Where the one-click unsubscribe links point and the secret that signs them; without it no List-Unsubscribe is written. */
  unsubscribe?: UnsubscribeSigning;
  batchSize?: number;
  maxAttempts?: number;
  /** Wait before a failed message is tried again. */
  retryDelayMs?: number;
  /** Period of the background pass started by start(). */
  intervalMs?: number;
  /** Called with errors of a whole pass (e.g. the database went away); per-message errors are stored on the row. */
  onError?: (err: unknown) => void;
}

export interface OutboxDispatcher {
  readonly enabled: boolean;
  /** True after stop(): kicks are ignored and no new batch is claimed. */
  readonly stopped: boolean;
  /** Sends every claimable message now, batch after batch, and says what happened. */
  sendNow(): Promise<DispatchResult>;
  /** Starts a background pass (through `jobs`, so closing the app waits for it); coalesces repeated kicks. */
  kick(): void;
  /** Kicks every `intervalMs` until stop(); the timer never keeps the process alive on its own. */
  start(): void;
  stop(): void;
}

const DEFAULTS = { batchSize: 20, maxAttempts: 5, retryDelayMs: 60_000, intervalMs: 30_000 };
/** A pass stops after this many batches, so one kick never runs unbounded; the timer picks up the rest. */
const MAX_BATCHES_PER_PASS = 50;

export interface UnsubscribeSigning {
  publicUrl: string;
  secret: string;
}

type OutboxRow = typeof outboxMessages.$inferSelect;

/** The message as it goes out: both parts of the layout and the headers of an automatic mail. */
export function mailFor(row: Pick<OutboxRow, 'id' | 'kind' | 'toEmail' | 'lang' | 'subject' | 'body'>, from: string, signing?: UnsubscribeSigning): OutgoingMail {
  const category = optOutCategoryOf(row.kind);
  const unsubscribe = category && signing ? { category, url: unsubscribeUrl(signing.publicUrl, signUnsubscribeToken(signing.secret, { email: row.toEmail, category })) } : null;
  const { text, html } = renderMail({ kind: row.kind, lang: row.lang, subject: row.subject, body: row.body, unsubscribe });
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };
  if (unsubscribe) {
    headers['List-Unsubscribe'] = `<${unsubscribe.url}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return { from, to: row.toEmail, subject: row.subject, text, html, headers, messageId: row.id };
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 1000);

export function createOutboxDispatcher(options: OutboxDispatcherOptions): OutboxDispatcher {
  const { db, transport, from, now, jobs } = options;
  const batchSize = options.batchSize ?? DEFAULTS.batchSize;
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
  const retryDelayMs = options.retryDelayMs ?? DEFAULTS.retryDelayMs;
  const intervalMs = options.intervalMs ?? DEFAULTS.intervalMs;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running = false;
  let again = false;

  /** Claims up to batchSize messages in one statement (see the file comment). */
  async function claim() {
    const at = now();
    const retryBefore = new Date(at.getTime() - retryDelayMs);
    const claimable = and(eq(outboxMessages.status, 'pending'), or(isNull(outboxMessages.claimedAt), lte(outboxMessages.claimedAt, retryBefore)));
    const ids = db.select({ id: outboxMessages.id }).from(outboxMessages).where(claimable).orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id)).limit(batchSize).for('update', { skipLocked: true });
    return db
      .update(outboxMessages)
      .set({ status: 'sending', claimedAt: at, attempts: sql`${outboxMessages.attempts} + 1` })
      .where(and(claimable, inArray(outboxMessages.id, ids)))
      .returning();
  }

  async function sendNow(): Promise<DispatchResult> {
    const result: DispatchResult = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
    if (!transport) return result;
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
      // Once stopping, claim nothing new: a claimed batch is always finished, never left 'sending'.
      if (stopped) break;
      const rows = await claim();
      if (rows.length === 0) break;
      result.claimed += rows.length;
      for (const row of rows) {
        try {
          await transport.send(mailFor(row, from, options.unsubscribe));
        } catch (err) {
          const last = row.attempts >= maxAttempts;
          await db
            .update(outboxMessages)
            .set({ status: last ? 'failed' : 'pending', lastError: errorText(err) })
            .where(and(eq(outboxMessages.id, row.id), eq(outboxMessages.status, 'sending')));
          if (last) result.failed++;
          else result.retrying++;
          continue;
        }
        await db
          .update(outboxMessages)
          .set({ status: 'sent', sentAt: now(), lastError: null })
          .where(and(eq(outboxMessages.id, row.id), eq(outboxMessages.status, 'sending')));
        result.sent++;
      }
      if (rows.length < batchSize) break;
    }
    return result;
  }

  function kick(): void {
    if (!transport || stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    jobs.start(
      'outbox',
      async () => {
        try {
          do {
            again = false;
            await sendNow();
          } while (again && !stopped);
        } finally {
          running = false;
          if (stopped) transport.close();
        }
      },
      (err) => options.onError?.(err),
    );
  }

  return {
    enabled: transport !== null,
    get stopped() {
      return stopped;
    },
    sendNow,
    kick,
    start() {
      if (!transport || timer || stopped) return;
      timer = setInterval(kick, intervalMs);
      timer.unref();
      kick();
    },
    stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      if (!running) transport?.close();
    },
  };
}

const perDatabase = new WeakMap<Db, OutboxDispatcher>();

/**
 * The app's dispatcher, one per database handle: modules kick it after queuing mail, the app starts
 * its timer and stops it on close. Built from SMTP_URL and MAIL_FROM.
 */
export function outboxDispatcherFor(deps: { db: Db; config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl'>; now: () => Date; jobs: Jobs; mailSecret: string }, onError?: (err: unknown) => void): OutboxDispatcher {
  let dispatcher = perDatabase.get(deps.db);
  // A database handle reused by a new app (after the old one closed) gets a fresh dispatcher.
  if (!dispatcher || dispatcher.stopped) {
    dispatcher = createOutboxDispatcher({
      db: deps.db,
      transport: deps.config.smtpUrl ? smtpTransport(deps.config.smtpUrl) : null,
      from: deps.config.mailFrom,
      now: deps.now,
      jobs: deps.jobs,
      unsubscribe: { publicUrl: deps.config.publicUrl, secret: deps.mailSecret },
      ...(onError ? { onError } : {}),
    });
    perDatabase.set(deps.db, dispatcher);
  }
  return dispatcher;
}
