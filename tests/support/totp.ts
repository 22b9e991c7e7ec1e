/**
 * What an authenticator app does with the secret of an otpauth:// address: RFC 6238 TOTP (HMAC-SHA1,
 * 6 digits, 30 s), written here from the RFC rather than taken from the app's own library, so a
 * mistake there cannot hide from the tests.
 */
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Decode(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) throw new Error(`not Base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The code an app shows for `base32Secret` at `at` (now by default); `step` moves by 30-second steps. */
export function totpCode(base32Secret: string, at = Date.now(), step = 0): string {
  const counter = Math.floor(at / 30_000) + step;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', base32Decode(base32Secret)).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return n.toString().padStart(6, '0');
}

/** The secret inside an otpauth:// address, as an app reads it from the QR code. */
export function secretOf(totpUri: string): string {
  const secret = new URL(totpUri).searchParams.get('secret');
  if (!secret) throw new Error('otpauth address without a secret');
  return secret;
}
