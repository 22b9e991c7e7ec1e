/**
 * Whether an error means the database could not be reached (as opposed to a query that is wrong).
 * The edge answers those with 503 and Retry-After instead of 500: the request was fine, the
 * database was down, restarting or out of connections, and trying again later is the right advice.
 * Drizzle wraps driver errors, so the whole `cause` chain is read.
 */

/** SQLSTATE classes and codes of an unreachable or refusing server (PostgreSQL appendix A). */
const SQLSTATE = /^(08|57P0[1-3]$|53300$)/;
/** Node's socket errors on the way to the server. */
const ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** What pg and PGlite say without a code when the connection or the handle is gone. */
const MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /cannot use a pool after calling end/i, /pglite is closed/i, /client has encountered a connection error/i];

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === 'object' && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (SQLSTATE.test(code) || ERRNO.has(code))) return true;
    if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
  }
  return false;
}
