/**
 * Removes personal data and secrets from a log line by what they look like, wherever they are: in
 * the message, a URL, an error's stack or a nested field (PIPA; ASVS 16.2.5; 안전조치기준 §8).
 * Redaction by field name alone misses an address inside an error message or a token in a path.
 *
 * Pino hands every finished line to `redactLogLine` (its `streamWrite` hook). The line is parsed
 * and only string values and keys are rewritten, so numbers stay numbers and the line stays one
 * JSON object; a line that is not JSON is redacted as plain text.
 */

export const REDACTED = '[redacted]';

/** Field names whose value is a secret whatever it looks like. */
const SECRET_KEY = /pass(?:word|wd)?$|^pwd$|token|secret|cookie|authorization|csrf|session(?:_?id)?$|api[_-]?key|^otp$|totp|recovery/i;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** In the order applied; each replacement leaves text the later ones do not match. */
const PATTERNS: readonly { name: string; re: RegExp; replace: (match: string, ...groups: string[]) => string }[] = [
  // "Bearer abc…", "Basic dXNl…" (Authorization values quoted in a message).
  { name: 'bearer', re: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, replace: (_m, scheme) => `${scheme} ${REDACTED}` },
  // key=value in a query string, a cookie header or a message: token=…, oc.session_token=…, secret: …
  {
    name: 'key-value',
    re: /\b([\w.-]*(?:token|secret|password|passwd|session|csrf|sid|api[_-]?key|otp|invitation|signature)[\w.-]*)(\s*[=:]\s*)([^\s&;,"'<>]+)/gi,
    replace: (_m, key, sep) => `${key}${sep}${REDACTED}`,
  },
  // argon2 and other modular-crypt hashes.
  { name: 'hash', re: /\$(?:argon2(?:id|i|d)|2[aby]|scrypt|pbkdf2[\w-]*)\$[^\s"']*/g, replace: () => REDACTED },
  // E-mail addresses (also as a URL-encoded %40).
  { name: 'email', re: /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, replace: () => '[redacted email]' },
  // Korean mobile numbers: 010-1234-5678, 01012345678, 010 1234 5678, +82 10-1234-5678, +821012345678.
  { name: 'phone', re: /(?<![\d.])(?:\+82[-.\s]?(?:0?1[016789])|01[016789])[-.\s]?\d{3,4}[-.\s]?\d{4}(?!\d)/g, replace: () => '[redacted phone]' },
  // Korean landlines written with separators: 02-123-4567, 031-1234-5678, (02) 123-4567, +82 2-123-4567.
  { name: 'phone', re: /(?<![\d.])(?:\+82[-.\s]?|\(?0)(?:2|[3-6][1-5]|70)\)?[-.\s]\d{3,4}[-.\s]\d{4}(?!\d)/g, replace: () => '[redacted phone]' },
  // Long opaque strings of two or more of lower case, upper case and digits: session tokens,
  // invitation, setup and feed secrets, hashes. A bare UUID is an entity id, which operators need.
  {
    name: 'token',
    re: /[A-Za-z0-9_-]{32,}/g,
    replace: (m) => (UUID.test(m) || [/[a-z]/, /[A-Z]/, /\d/].filter((c) => c.test(m)).length < 2 ? m : REDACTED),
  },
];

/** `text` with every e-mail address, phone number, token and secret replaced. */
export function redactText(text: string): string {
  let out = text;
  for (const p of PATTERNS) out = out.replace(p.re, p.replace as (substring: string, ...args: unknown[]) => string);
  return out;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = redactText(k);
    out[key] = SECRET_KEY.test(k) && v !== null && (typeof v === 'string' || typeof v === 'number') ? REDACTED : redactValue(v, depth + 1);
  }
  return out;
}

/** One pino line (JSON, ending in a newline) with personal data and secrets removed. */
export function redactLogLine(line: string): string {
  const body = line.endsWith('\n') ? line.slice(0, -1) : line;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `${redactText(body)}\n`;
  }
  return `${JSON.stringify(redactValue(parsed, 0))}\n`;
}
