/**
 * Coming back to the page one signed in from: the sign-in link carries the page as `?next=`, and the
 * sign-in page follows it only when it is a path on this site, so a crafted link cannot send people
 * elsewhere after they sign in (open redirect, ASVS v5.0.0-3.7.2). Pure.
 */

/** "/sign-in?next=%2Fcalls%2F…" for the page at `path` (pathname plus any search and hash). */
export function signInPath(path: string): string {
  const next = safeReturnPath(path);
  return next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}

/** The path to return to, or null when `raw` is missing or is not a plain path on this site. */
export function safeReturnPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2000) return null;
  // One leading slash and nothing a browser would read as another host: "//x", "/\x", control characters.
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return null;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return null;
  }
  // Back to the sign-in or sign-up form would be a loop.
  if (/^\/(sign-in|sign-up)(?:[/?#]|$)/.test(raw)) return null;
  return raw;
}
