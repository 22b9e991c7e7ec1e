import { describe, expect, it } from 'vitest';
import { redactLogLine, redactText } from './log-redaction.js';

const line = (obj: unknown) => JSON.parse(redactLogLine(`${JSON.stringify(obj)}\n`)) as Record<string, unknown>;

describe('log redaction by pattern', () => {
  it('removes e-mail addresses wherever they are, also URL-encoded', () => {
    const out = line({ level: 30, msg: 'mail to Kim.Minji+oc@example.co.kr failed', req: { url: '/api/v1/admin/users?q=kim%40example.org' }, nested: [{ who: 'a.b@c.io' }] });
    const text = JSON.stringify(out);
    expect(text).not.toMatch(/example|c\.io/);
    expect(out.msg).toBe('mail to [redacted email] failed');
  });

  it('removes Korean phone numbers in the usual spellings', () => {
    for (const phone of ['010-1234-5678', '01012345678', '010 1234 5678', '+82 10-1234-5678', '+821012345678', '+82-10-1234-5678', '011-123-4567', '02-123-4567', '031-1234-5678', '(02) 123-4567']) {
      expect(redactText(`call ${phone} now`), phone).toBe('call [redacted phone] now');
    }
  });

  it('leaves numbers, times, dates, UUIDs and request ids alone', () => {
    const obj = { level: 30, time: 1765094400000, responseTime: 12.01012345678, reqId: 'a1b2c3d4e5f60718', msg: 'plan 2026-12-07 line 0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b', statusCode: 401, err: { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE_AND_MORE' } };
    expect(line(obj)).toEqual(obj);
  });

  it('removes tokens, cookies, bearer values and secrets in keys, query strings and messages', () => {
    const session = 'Zq8xWm3NcR5tLp0vKs7YbG2hJd9fAe4u';
    const invitation = 'Qk3-vX9_pL2mN8rT5wY1zA7cB4dE6fG0hJ2kL4nP6sU';
    const out = line({
      msg: `accepted /me/reviews?invitation=${invitation} with Bearer abc.def.ghi and cookie oc.session_token=${session}.sig%2Bx%3D`,
      req: { url: `/api/v1/certificates/verify/0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b9f8e7d6c5b4a39281706f5e4d3c2b1a0` },
      setupToken: 'short',
      headers: { cookie: 'x', 'x-csrf-token': 'y', authorization: 'z' },
      stack: `Error: bad\nparams: $argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g`,
    });
    const text = JSON.stringify(out);
    for (const secret of [session, invitation, 'abc.def', '9f8e7d6c5b4a', 'short', '$argon2', 'aGFzaGhh']) expect(text, secret).not.toContain(secret);
    expect(out.setupToken).toBe('[redacted]');
    expect(out.headers).toEqual({ cookie: '[redacted]', 'x-csrf-token': '[redacted]', authorization: '[redacted]' });
    expect(String(out.msg)).toContain('/me/reviews?invitation=[redacted]');
  });

  it('keeps a line one JSON object, and redacts a line that is not JSON as text', () => {
    expect(redactLogLine('{"msg":"x@y.org"}\n')).toBe('{"msg":"[redacted email]"}\n');
    expect(redactLogLine('plain x@y.org 010-1111-2222')).toBe('plain [redacted email] [redacted phone]\n');
  });
});
