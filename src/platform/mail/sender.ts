/**
 * The one thing that actually sends e-mail: SMTP through nodemailer, configured by SMTP_URL. The
 * outbox dispatcher (dispatcher.ts) talks to the `MailTransport` interface, so tests can count
 * what reaches a real SMTP listener and nothing else in the app knows about nodemailer.
 */
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  /** The two parts of one multipart/alternative message (layout.ts). */
  text: string;
  html: string;
  /** Extra header fields (Auto-Submitted, List-Unsubscribe, …), ASCII only. */
  headers: Record<string, string>;
  /** Carried as Message-ID so a receiving system can tell a resend from a new message. */
  messageId: string;
}

export interface MailTransport {
  /** Resolves once the SMTP server accepted the message; rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Host part of MAIL_FROM (for Message-IDs), or 'localhost'. */
function fromDomain(from: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  return m?.[1] ?? 'localhost';
}

/** An SMTP transport for `smtp://user:pass@host:port` or `smtps://…` (nodemailer's URL form). */
export function smtpTransport(url: string): MailTransport {
  // One connection per message keeps failures isolated; the outbox sends in small batches anyway.
  const transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      const info = await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        messageId: `<${mail.messageId}@${fromDomain(mail.from)}>`,
      });
      if (info.rejected.length > 0) throw new Error(`recipient rejected by the SMTP server`);
    },
    close() {
      transporter.close();
    },
  };
}
