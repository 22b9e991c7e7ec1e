/**
 * The secret-bearing half of attendance codes: HMAC-SHA256 over the time step with the session's
 * check-in secret (node:crypto), turned into six digits by the pure core, plus the QR code image
 * and the random tokens of certificates. The core keeps the window and rotation rules.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { acceptedSteps, codeFromDigest, isWellFormedCode, sameCode, stepCounterBytes } from '../../core/courses/attendance-code.js';

/** The six-digit code of `step` for a session: HMAC-SHA256(checkinSecret, step as 8 bytes). */
export function attendanceCode(secret: string, step: number): string {
  return codeFromDigest(createHmac('sha256', secret).update(stepCounterBytes(step)).digest());
}

/** Whether `code` is the current or the previous code of the session at `nowMs`. */
export function codeMatches(secret: string, code: string, nowMs: number, stepSeconds: number): boolean {
  if (!isWellFormedCode(code)) return false;
  let match = false;
  // Both are always compared, so the answer takes the same time whichever step matched.
  for (const step of acceptedSteps(nowMs, stepSeconds)) if (sameCode(attendanceCode(secret, step), code)) match = true;
  return match;
}

/** The page a participant opens by scanning the QR code (the web app posts the check-in from there). */
export function checkinUrl(publicUrl: string, sessionId: string, code: string): string {
  return `${publicUrl}/me/checkin?session=${encodeURIComponent(sessionId)}&code=${encodeURIComponent(code)}`;
}

/** The QR code of `text` as an SVG document (paths only: no script, no external references). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The dark modules of the QR code of `text`, for drawing it into a PDF. */
export function qrMatrix(text: string): { size: number; dark: (row: number, col: number) => boolean } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => !!modules.get(row, col) };
}

/** A certificate's verification token: 256 random bits, URL-safe (43 characters). */
export function newCertificateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A fresh check-in secret, for sessions created without one (tests, seeds). */
export function newCheckinSecret(): string {
  return `${randomUUID()}${randomBytes(16).toString('hex')}`;
}
