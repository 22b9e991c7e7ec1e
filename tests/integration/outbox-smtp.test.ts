/**
 * The e-mail outbox against a real SMTP listener (tests/support/smtp.ts, a tiny SMTP server on a free
 * port): two dispatchers sending at once deliver each queued message exactly once; failures are
 * retried after a delay and end as 'failed'; an invitation superseded by a re-send is never sent,
 * not even as a retry; and in the app, finalising a selection sends every outcome e-mail through
 * SMTP_URL without anyone pressing a button.
 */
import { eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../src/platform/db/schema/index.js';
import { createOutboxDispatcher, type OutboxDispatcher } from '../../src/platform/mail/dispatcher.js';
import { enqueueMail } from '../../src/platform/mail/outbox.js';
import { smtpTransport } from '../../src/platform/mail/sender.js';
import { createJobs } from '../../src/platform/jobs.js';
import type { ReviewerViewT } from '../../src/shared/contracts/review.js';
import type { OutboxListT, OutboxSendResultT, SelectionRunViewT } from '../../src/shared/contracts/selection.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startSmtp, type Received } from '../support/smtp.js';
import { movableClock, waitFor } from '../support/factories.js';
import { reviewCallBody, uniqueEmail } from '../factories/review.js';
import { seedSelectionCall } from '../factories/selection.js';

const messageIdOf = (r: Received) => /^Message-ID:\s*(.+)$/im.exec(r.data)?.[1]?.trim();

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
});

describe('dispatchers against a real SMTP listener', () => {
  let t: TestApp;
  const clock = movableClock();
  beforeAll(async () => {
    // No SMTP_URL here: the app's own dispatcher stays idle and the test drives its own two.
    t = await startTestApp({ now: clock.now });
  });
  afterAll(async () => {
    await t.close();
  });

  const dispatcher = (options: { maxAttempts?: number; retryDelayMs?: number } = {}): OutboxDispatcher =>
    createOutboxDispatcher({
      db: t.campus.database.db,
      transport: smtpTransport(`smtp://127.0.0.1:${smtp.port}`),
      from: 'Open Campus <campus@example.org>',
      now: clock.now,
      jobs: createJobs(),
      batchSize: 4,
      ...options,
    });

  it('two dispatchers sending at once deliver each queued message exactly once', async () => {
    const db = t.campus.database.db;
    const queued = 25;
    for (let i = 0; i < queued; i++) {
      await enqueueMail(db, { dedupeKey: `test:once:${i}`, kind: 'test', toEmail: `person${i}@example.org`, lang: 'ko', subject: `안내 ${i}`, body: `본문 ${i}` });
    }
    const before = smtp.received.length;
    const [r1, r2] = await Promise.all([dispatcher().sendNow(), dispatcher().sendNow()]);
    expect(r1.sent + r2.sent).toBe(queued);
    expect(r1.claimed + r2.claimed).toBe(queued);

    const delivered = smtp.received.slice(before);
    expect(delivered).toHaveLength(queued);
    expect(new Set(delivered.map((d) => d.to[0])).size).toBe(queued);
    expect(new Set(delivered.map(messageIdOf)).size).toBe(queued);
    expect(delivered.every((d) => d.from === 'campus@example.org')).toBe(true);

    const rows = await db.select().from(outboxMessages).where(like(outboxMessages.dedupeKey, 'test:once:%'));
    expect(rows).toHaveLength(queued);
    expect(rows.every((r) => r.status === 'sent' && r.sentAt instanceof Date && r.attempts === 1 && r.lastError === null)).toBe(true);
    for (const r of rows) expect(delivered.filter((d) => messageIdOf(d)?.startsWith(`<${r.id}@`))).toHaveLength(1);

    // Nothing left: another pass claims nothing and sends nothing.
    expect(await dispatcher().sendNow()).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 });
    expect(smtp.received.length - before).toBe(queued);
  });

  it('retries a refused message after the delay, then leaves it failed', async () => {
    const db = t.campus.database.db;
    await enqueueMail(db, { dedupeKey: 'test:bounce', kind: 'test', toEmail: 'nobody@bounce.example', lang: 'en', subject: 'x', body: 'y' });
    const d = dispatcher({ maxAttempts: 2, retryDelayMs: 60_000 });
    const row = async () => (await db.select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, 'test:bounce')))[0]!;

    expect(await d.sendNow()).toMatchObject({ claimed: 1, retrying: 1, sent: 0 });
    expect(await row()).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row()).lastError).toBeTruthy();
    // Not again before the delay has passed.
    expect((await d.sendNow()).claimed).toBe(0);
    clock.advance(61_000);
    expect(await d.sendNow()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await row()).toMatchObject({ status: 'failed', attempts: 2 });
    clock.advance(61_000);
    expect((await d.sendNow()).claimed).toBe(0);
  });

  it('never sends an invitation mail that a re-send superseded, not even as a retry', async () => {
    const db = t.campus.database.db;
    const staff = await t.signedIn(['staff']);
    const call = (await staff.post('/api/v1/admin/calls', reviewCallBody({}, clock.now()))).json<{ id: string }>();
    const email = uniqueEmail('retry');
    const reviewer = (await staff.post(`/api/v1/admin/calls/${call.id}/reviewers`, { email })).json<ReviewerViewT>();
    const mails = () => db.select().from(outboxMessages).where(sql`${outboxMessages.about}->>'reviewerId' = ${reviewer.id}`).orderBy(outboxMessages.createdAt, outboxMessages.id);
    // The first mail failed once and waits for its retry, as the dispatcher leaves it after an SMTP error.
    const [first] = await mails();
    await db.update(outboxMessages).set({ attempts: 1, claimedAt: clock.now(), lastError: '421 try again later' }).where(eq(outboxMessages.id, first!.id));

    expect((await staff.post(`/api/v1/admin/calls/${call.id}/reviewers/${reviewer.id}/resend`)).statusCode).toBe(200);
    const [, second] = await mails();
    expect((await mails()).map((m) => m.status)).toEqual(['superseded', 'pending']);

    clock.advance(61_000);
    const before = smtp.received.length;
    expect(await dispatcher({ retryDelayMs: 60_000 }).sendNow()).toMatchObject({ claimed: 1, sent: 1 });
    const delivered = smtp.received.slice(before);
    expect(delivered).toHaveLength(1);
    expect(messageIdOf(delivered[0]!)?.startsWith(`<${second!.id}@`)).toBe(true);
    expect(delivered[0]!.to).toEqual([email.toLowerCase()]);
    expect((await mails()).map((m) => [m.status, m.attempts])).toEqual([
      ['superseded', 1],
      ['sent', 1],
    ]);
    expect((await dispatcher().sendNow()).claimed).toBe(0);
  });
});

describe('the app with SMTP_URL', () => {
  it('sends every outcome e-mail of a finalised selection, once, without being asked', async () => {
    const t = await startTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Open Campus <campus@example.org>' } });
    try {
      const db = t.campus.database.db;
      const staff = await t.signedIn(['staff']);
      const { callId, applicants } = await seedSelectionCall(db, {
        capacity: 2,
        applicants: [
          { sector: 'civil', scores: [90] },
          { sector: 'public', scores: [80], locale: 'en' },
          { sector: 'company', scores: [70] },
          { sector: 'civil', scores: [] },
        ],
      });
      const before = smtp.received.length;
      const run = (await staff.post(`/api/v1/admin/calls/${callId}/selection-runs`, {})).json<SelectionRunViewT>();
      expect((await staff.post(`/api/v1/admin/selection-runs/${run.id}/finalise`)).statusCode).toBe(200);

      await waitFor(async () => (smtp.received.length - before >= 4 ? true : undefined), 15_000, () => `received ${smtp.received.length - before} of 4`);
      await t.campus.deps.jobs.drain();
      const delivered = smtp.received.slice(before);
      expect(delivered.map((d) => d.to[0]).sort()).toEqual(applicants.map((a) => a.email).sort());
      const rows = (await db.select().from(outboxMessages)).filter((m) => m.about.callId === callId);
      expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);

      const page = (await staff.get('/api/v1/admin/outbox')).json<OutboxListT>();
      expect(page.smtpConfigured).toBe(true);
      const send = await staff.post('/api/v1/admin/outbox/send');
      expect(send.statusCode).toBe(200);
      expect(send.json<OutboxSendResultT>().sent).toBe(0);
      expect(smtp.received.length - before).toBe(4);
    } finally {
      await t.close();
    }
  });
});
