/**
 * E-mail as a mail client receives it (issue 9, point 8): messages go through a real SMTP
 * listener and are parsed with mailparser. Every mail is multipart/alternative (text + HTML with
 * lang and Korean text, user content escaped) and says it was sent automatically; a notice one
 * may opt out of (a reviewer invitation) carries RFC 8058 List-Unsubscribe headers, a
 * verification mail does not. The one-click POST works without cookies and records the opt-out;
 * opening the link changes nothing; a tampered link gets a bilingual 400 page; and the next
 * invitation to that address is stored as 'suppressed' and never reaches SMTP.
 */
import { and, eq } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOptOut, outboxMessages } from '../../src/platform/db/schema/index.js';
import { createOutboxDispatcher } from '../../src/platform/mail/dispatcher.js';
import { smtpTransport } from '../../src/platform/mail/sender.js';
import { createJobs } from '../../src/platform/jobs.js';
import type { ReviewerViewT } from '../../src/shared/contracts/review.js';
import type { OutboxListT } from '../../src/shared/contracts/selection.js';
import { startTestApp, type TestApp, type TestClient } from '../support/app.js';
import { startSmtp } from '../support/smtp.js';
import { movableClock } from '../support/factories.js';
import { reviewCallBody, uniqueEmail } from '../factories/review.js';

const HANGUL = /[\uAC00-\uD7A3]/;
/** User content with markup and an ampersand: it must arrive as text, never as HTML. */
const NASTY = '<script>alert(1)</script> & 김';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let t: TestApp;
let staff: TestClient;
const clock = movableClock();

beforeAll(async () => {
  smtp = await startSmtp();
  // No SMTP_URL: the app's own dispatcher stays idle; the test sends with one built like the app's.
  t = await startTestApp({ now: clock.now });
  staff = await t.signedIn(['staff']);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** Sends what is pending, as the app's dispatcher would (same secret, same public address), and parses what arrived. */
async function sendAndParse(): Promise<ParsedMail[]> {
  const before = smtp.received.length;
  const dispatcher = createOutboxDispatcher({
    db: t.campus.database.db,
    transport: smtpTransport(`smtp://127.0.0.1:${smtp.port}`),
    from: 'Open Campus <campus@example.org>',
    now: clock.now,
    jobs: createJobs(),
    unsubscribe: { publicUrl: t.campus.deps.config.publicUrl, secret: t.campus.deps.mailSecret },
  });
  await dispatcher.sendNow();
  dispatcher.stop();
  return Promise.all(smtp.received.slice(before).map((r) => simpleParser(r.data)));
}

async function invite(email: string, title = `${NASTY} 모집`): Promise<ReviewerViewT> {
  const call = (await staff.post('/api/v1/admin/calls', reviewCallBody({ title: { ko: title, en: `${NASTY} call` } }, clock.now()))).json<{ id: string }>();
  const res = await staff.post(`/api/v1/admin/calls/${call.id}/reviewers`, { email });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ReviewerViewT>();
}

/** The mails addressed to `email` (other tests' sign-ups may have queued mail too). */
const addressedTo = (mails: ParsedMail[], email: string) => mails.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.toLowerCase().includes(email.toLowerCase())));
const header = (m: ParsedMail, name: string) => m.headers.get(name);
/** The header line as the message carries it (mailparser folds List-* headers into its own `list` object). */
const rawHeader = (m: ParsedMail, name: string) => m.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, '');
const unsubscribeLink = (m: ParsedMail) => /<([^>]+)>/.exec(rawHeader(m, 'list-unsubscribe') ?? '')?.[1];
/** The path and query of a link on the app's own address, for app.inject. */
const pathOf = (link: string) => {
  const u = new URL(link);
  return `${u.pathname}${u.search}`;
};
/** As a mail provider sends the one-click request (RFC 8058 §3.2): no cookies, no CSRF token, a form body. */
const oneClick = (url: string) => t.campus.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });

describe('the mail a client receives', () => {
  const reviewerEmail = uniqueEmail('optout');
  let invitation: ParsedMail;

  it('is multipart/alternative with a text part and an accessible Korean HTML part, user content escaped', async () => {
    await invite(reviewerEmail);
    const mails = addressedTo(await sendAndParse(), reviewerEmail);
    expect(mails).toHaveLength(1);
    invitation = mails[0]!;
    expect(String(header(invitation, 'content-type') && (header(invitation, 'content-type') as { value: string }).value)).toBe('multipart/alternative');
    expect(invitation.text).toMatch(HANGUL);
    expect(invitation.text).toContain(NASTY);
    const html = String(invitation.html);
    expect(html).toMatch(/<html lang="ko">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<title>[^<]*심사위원/);
    expect(html).toContain('role="article"');
    expect(html).toMatch(/Apple SD Gothic Neo.*Malgun Gothic.*Nanum Gothic/);
    expect(html).toMatch(HANGUL);
    // Both languages, each marked as such.
    expect(html).toContain('<section lang="ko"');
    expect(html).toContain('<section lang="en"');
    // The link is named for what it opens, in each language.
    expect(html).toMatch(/<a href="http[^"]+\/me\/reviews\?invitation=[^"]+"[^>]*>심사위원 초대 열기<\/a>/);
    expect(html).toContain('>Open the reviewer invitation</a>');
    // The title with markup arrives as text.
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; 김');
  });

  it('says it was sent automatically, has a Message-ID on the sending domain, and offers one-click unsubscribe', () => {
    expect(header(invitation, 'auto-submitted')).toBe('auto-generated');
    expect(header(invitation, 'x-auto-response-suppress')).toBe('All');
    expect(invitation.messageId).toMatch(/^<[0-9a-f-]{36}@example\.org>$/);
    const link = unsubscribeLink(invitation);
    expect(link).toMatch(/^http:\/\/localhost:\d+\/api\/v1\/mail\/unsubscribe\?token=[A-Za-z0-9_.-]+$/);
    expect(rawHeader(invitation, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    // The same link in the footer of both parts.
    expect(invitation.text).toContain(link);
    expect(String(invitation.html)).toContain(`href="${link}"`);
    expect(String(invitation.html)).toContain('심사위원 초대·심사 안내 메일 받지 않기');
  });

  it('carries no List-Unsubscribe on an address confirmation, and escapes the name in it', async () => {
    const email = uniqueEmail('verify');
    const res = await t.client().post('/api/v1/auth/sign-up', { name: NASTY, email, password: 'a long passphrase for mail 2030' });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const mails = addressedTo(await sendAndParse(), email);
    expect(mails).toHaveLength(1);
    const verification = mails[0]!;
    expect(header(verification, 'auto-submitted')).toBe('auto-generated');
    expect(rawHeader(verification, 'list-unsubscribe')).toBeUndefined();
    expect(rawHeader(verification, 'list-unsubscribe-post')).toBeUndefined();
    expect(verification.text).not.toContain('/mail/unsubscribe');
    const html = String(verification.html);
    expect(html).toContain('<html lang="ko">');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; 김');
    expect(html).toMatch(/>이메일 주소 확인하기<\/a>/);
    expect(verification.text).toContain(NASTY);
  });

  it('shows a bilingual page with a button on GET, and GET alone does not unsubscribe', async () => {
    const path = pathOf(unsubscribeLink(invitation)!);
    const page = await t.campus.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<html lang="ko">');
    expect(page.body).toContain('<form method="post"');
    expect(page.body).toContain('수신 거부하기');
    expect(page.body).toContain('>Unsubscribe</button>');
    // The address is recognisable but not spelled out.
    expect(page.body).toContain(`${reviewerEmail.slice(0, 2)}***@`);
    expect(page.body).not.toContain(reviewerEmail);
    const stored = await t.campus.database.db.select().from(mailOptOut).where(eq(mailOptOut.email, reviewerEmail.toLowerCase()));
    expect(stored).toEqual([]);
  });

  it('refuses a tampered link with a 400 page in both languages, and stores nothing', async () => {
    const token = new URL(unsubscribeLink(invitation)!).searchParams.get('token')!;
    // Another address in the payload, the signature of the original.
    const [, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ e: 'someone-else@example.org', c: 'review' })).toString('base64url')}.${mac}`;
    for (const method of ['GET', 'POST'] as const) {
      const res = await t.campus.app.inject({ method, url: `/api/v1/mail/unsubscribe?token=${forged}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
      expect(res.statusCode, method).toBe(400);
      expect(res.body).toContain('이 수신 거부 링크는 쓸 수 없습니다');
      expect(res.body).toContain('This unsubscribe link cannot be used');
    }
    expect(await t.campus.database.db.select().from(mailOptOut).where(eq(mailOptOut.email, 'someone-else@example.org'))).toEqual([]);
  });

  it('records the opt-out on the one-click POST without cookies, and the next invitation is suppressed, not sent', async () => {
    const res = await oneClick(pathOf(unsubscribeLink(invitation)!));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('수신 거부되었습니다');
    expect(res.body).toContain('You have been unsubscribed');
    const db = t.campus.database.db;
    const stored = await db.select().from(mailOptOut).where(and(eq(mailOptOut.email, reviewerEmail.toLowerCase()), eq(mailOptOut.category, 'review')));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.source).toBe('one_click');
    // Clicking again is harmless.
    expect((await oneClick(pathOf(unsubscribeLink(invitation)!))).statusCode).toBe(200);

    const second = await invite(reviewerEmail.toUpperCase(), '두 번째 모집');
    expect(addressedTo(await sendAndParse(), reviewerEmail)).toEqual([]);
    const rows = await db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'reviewer_invitation'));
    const suppressed = rows.filter((r) => r.about.reviewerId === second.id);
    expect(suppressed.map((r) => r.status)).toEqual(['suppressed']);
    // Staff see it, and why.
    const outbox = (await staff.get('/api/v1/admin/outbox?status=suppressed')).json<OutboxListT>();
    expect(outbox.items.map((m) => m.id)).toContain(suppressed[0]!.id);
    expect(outbox.counts.suppressed).toBeGreaterThanOrEqual(1);
    // Opening the link again now says it is done, without a button.
    const page = await t.campus.app.inject({ method: 'GET', url: pathOf(unsubscribeLink(invitation)!) });
    expect(page.body).toContain('수신 거부되었습니다');
    expect(page.body).not.toContain('<form');
  });

  it('accepts the confirmation form of a signed-in browser without a CSRF token (RFC 8058 exemption)', async () => {
    const email = uniqueEmail('form');
    await invite(email);
    const [mail] = addressedTo(await sendAndParse(), email);
    const origin = new URL(t.campus.deps.config.publicUrl).origin;
    // A signed-in staff member's cookies, but no x-csrf-token header: what a plain HTML form sends.
    const res = await t.campus.app.inject({
      method: 'POST',
      url: pathOf(unsubscribeLink(mail!)!),
      headers: { cookie: staff.cookieHeader()!, origin, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [stored] = await t.campus.database.db.select().from(mailOptOut).where(eq(mailOptOut.email, email.toLowerCase()));
    expect(stored?.source).toBe('link');
  });

  it('counts unsubscribe requests per address and answers 429 with a page when there are too many', async () => {
    const path = pathOf(unsubscribeLink(invitation)!);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await t.campus.app.inject({ method: 'GET', url: path, remoteAddress: '203.0.113.9' })).statusCode);
    expect(statuses.filter((s) => s === 200).length).toBe(30);
    const last = await t.campus.app.inject({ method: 'GET', url: path, remoteAddress: '203.0.113.9' });
    expect(last.statusCode).toBe(429);
    expect(last.body).toContain('요청이 너무 많습니다');
    expect(last.body).toContain('Too many requests');
  });
});
