/**
 * The check-in form's logic: what the staff QR code brings in the address (?session=…&code=…),
 * the code as people type it (spaces, dashes and full-width digits from a Korean keyboard are
 * tidied up), and the quick check before sending. Pure; the server still decides.
 */

export interface CheckinPrefill {
  sessionId: string;
  code: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Session and code from the address; anything that is not a session id or a code is left out. */
export function prefillFromSearch(search: string): CheckinPrefill {
  const params = new URLSearchParams(search);
  const session = params.get('session')?.trim() ?? '';
  const code = normaliseCode(params.get('code') ?? '');
  return { sessionId: UUID.test(session) ? session.toLowerCase() : '', code: /^[0-9]{6}$/.test(code) ? code : '' };
}

/** "１２３ ４５６" or "123-456" → "123456": digits only, full-width ones made plain, at most 6. */
export function normaliseCode(raw: string): string {
  return raw
    .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[^0-9]/g, '')
    .slice(0, 6);
}

export type CodeProblem = 'required' | 'format';

/** Null when the code is six digits; otherwise what is wrong with it. */
export function codeProblem(code: string): CodeProblem | null {
  if (code === '') return 'required';
  return /^[0-9]{6}$/.test(code) ? null : 'format';
}

/**
 * The sessions worth offering in the form: those whose check-in window (15 minutes before the start
 * until the end) is open at `now`, soonest first; the server knows the exact window.
 */
export function sessionsOpenForCheckin<S extends { startsAt: string | null; endsAt: string | null }>(sessions: readonly S[], now: Date, earlyMinutes = 15): S[] {
  const t = now.getTime();
  return sessions
    .filter((s) => s.startsAt !== null && s.endsAt !== null && Date.parse(s.startsAt) - earlyMinutes * 60_000 <= t && t < Date.parse(s.endsAt))
    .sort((a, b) => Date.parse(a.startsAt!) - Date.parse(b.startsAt!));
}
