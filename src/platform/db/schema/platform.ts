/** Cross-cutting tables: the audit trail, instance secrets and one-time tokens. */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only history of every staff change (who, when, what, before/after). A trigger in the
 * migrations refuses UPDATE and DELETE, so not even a bug in the app can rewrite it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_entity_idx').on(t.entityType, t.entityId)],
);

export type AccessAction = 'view' | 'download' | 'edit' | 'delete';

/**
 * Append-only record of every staff or reviewer access to personal data (안전조치기준 §8): who
 * (account and roles at the time), when, from where, what (action, subject type and ids) and why
 * (required for downloads). Like the audit log, a trigger refuses UPDATE, DELETE and TRUNCATE.
 * The actor has no foreign key so deleting an account never rewrites the log.
 */
export const accessLog = pgTable(
  'access_log',
  {
    id: uuid('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorRoles: jsonb('actor_roles').$type<string[]>().notNull().default([]),
    ip: text('ip'),
    action: text('action').$type<AccessAction>().notNull(),
    subjectType: text('subject_type').notNull(),
    /** Every data subject's record id; a bulk export lists them all, so each person can be told who saw them. */
    subjectIds: jsonb('subject_ids').$type<string[]>().notNull().default([]),
    subjectCount: integer('subject_count').notNull(),
    reason: text('reason'),
    /** What else identifies the access: the scope (e.g. the call), the filter, the file format. */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('access_log_at_idx').on(t.at),
    index('access_log_actor_idx').on(t.actorId, t.at),
    check('access_log_action_chk', sql`${t.action} in ('view', 'download', 'edit', 'delete')`),
    check('access_log_download_reason_chk', sql`${t.action} <> 'download' or coalesce(length(trim(${t.reason})), 0) > 0`),
  ],
);

/** Small key/value store for instance state: the generated auth secret, the setup token's hash. */
export const systemState = pgTable('system_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * E-mail outbox: messages are written in the same transaction as the change that causes them and
 * sent afterwards. `dedupeKey` is unique, so the same notice (e.g. "outcome of application X in
 * run Y") can be queued only once; a sender claims a row by moving it from 'pending' to 'sending'
 * in one UPDATE, so two senders never send the same message. A pending message replaced by a newer
 * one before it was sent (an invitation sent again with a new link) becomes 'superseded' and is
 * never sent; `status` is plain text without a CHECK, so the value needed no migration. A message
 * of a kind its recipient opted out of (mail_opt_out) is stored as 'suppressed' and never sent.
 */
export const outboxMessages = pgTable(
  'outbox_message',
  {
    id: uuid('id').primaryKey(),
    dedupeKey: text('dedupe_key').notNull().unique('outbox_message_dedupe_uq'),
    kind: text('kind').notNull(),
    toEmail: text('to_email').notNull(),
    toUserId: uuid('to_user_id'),
    lang: text('lang').$type<'ko' | 'en'>().notNull().default('ko'),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status').$type<'pending' | 'sending' | 'sent' | 'failed' | 'logged' | 'superseded' | 'suppressed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** What the message is about (e.g. { callId, applicationId }). */
    about: jsonb('about').$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbox_message_status_idx').on(t.status, t.createdAt)],
);

/**
 * Who asked not to receive which category of notices (src/platform/mail/categories.ts), by
 * address: a reviewer invitation may go to someone without an account, and the one-click link in
 * the mail carries the address, not an account. `userId` is the account the address belonged to
 * at the time, when there was one. One row per address and category; removing it opts back in.
 */
export const mailOptOut = pgTable(
  'mail_opt_out',
  {
    /** Lower-cased. */
    email: text('email').notNull(),
    category: text('category').notNull(),
    userId: uuid('user_id'),
    /** 'one_click' (the mail client's POST), 'link' (the confirmation page) or 'settings'. */
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'mail_opt_out_pk', columns: [t.email, t.category] })],
);

/**
 * Rate-limit counters shared by every instance (adr/0010): one row per limiter and key, holding
 * the current fixed window's count and its end. A hit is one INSERT … ON CONFLICT DO UPDATE, so
 * concurrent hits on any instance are counted exactly. `key` is the SHA-256 of the limiter's name
 * and key, never the key itself: keys hold e-mail and IP addresses, and a counter table keeps no
 * personal data. Rows whose window ended are deleted now and then (`reset_at` is indexed for that).
 */
export const rateLimit = pgTable(
  'rate_limit',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_reset_at_idx').on(t.resetAt)],
);
