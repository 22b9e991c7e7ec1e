/**
 * Recruitment: calls for applications (with their form, quotas and consent items) and the one
 * application each person may have per call. The form, quotas and consent items live on the call
 * as JSON because they are edited and versioned as one document and read whole.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Answers, ConsentGrant, ConsentItem, Question, Quota } from '../../../core/recruitment/answers.js';
import type { LocalizedText } from '../../../core/shared/localized.js';
import { users } from './auth.js';

export const calls = pgTable(
  'call',
  {
    id: uuid('id').primaryKey(),
    status: text('status').$type<'draft' | 'published' | 'closed'>().notNull().default('draft'),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull(),
    eligibility: jsonb('eligibility').$type<LocalizedText>(),
    /** Free text until the courses module gives programmes and cohorts their own rows. */
    programme: text('programme').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    quotas: jsonb('quotas').$type<Quota[]>().notNull().default([]),
    consentItems: jsonb('consent_items').$type<ConsentItem[]>().notNull().default([]),
    /** Bumped whenever the consent items change, so each stored consent names the text it agreed to. */
    consentVersion: integer('consent_version').notNull().default(1),
    questions: jsonb('questions').$type<Question[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('call_status_idx').on(t.status, t.opensAt)],
);

export const applications = pgTable(
  'application',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').$type<'draft' | 'submitted' | 'withdrawn'>().notNull().default('draft'),
    answers: jsonb('answers').$type<Answers>().notNull().default({}),
    consents: jsonb('consents').$type<ConsentGrant[]>().notNull().default([]),
    consentVersion: integer('consent_version'),
    consentedAt: timestamp('consented_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // One application per person per call, held by the database so parallel saves cannot duplicate it.
  (t) => [uniqueIndex('application_call_user_uq').on(t.callId, t.userId), index('application_user_idx').on(t.userId)],
);
