/**
 * The feed address in the answer to POST /me/calendar-tokens, made absolute so calendar apps can
 * subscribe to it. The answer's shape lives with its route (src/modules/courses/calendar-routes.ts),
 * not in a shared contract, so it is read defensively. Pure.
 */
export function feedUrlOf(answer: unknown, origin: string): string | null {
  if (!answer || typeof answer !== 'object') return null;
  const a = answer as Record<string, unknown>;
  const raw = [a.url, a.feedUrl, a.icsUrl].find((v): v is string => typeof v === 'string' && v !== '');
  if (!raw) return null;
  try {
    const u = new URL(raw, origin);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** When my active feed of this kind was made (GET /me/calendar-tokens), or null when there is none. */
export function activeTokenSince(answer: unknown, kind: 'participant' | 'lecturer'): string | null {
  const tokens = (answer as { tokens?: unknown } | null | undefined)?.tokens;
  if (!Array.isArray(tokens)) return null;
  const found = tokens.find((x): x is { kind: string; active: boolean; createdAt: string } => {
    const r = x as { kind?: unknown; active?: unknown; createdAt?: unknown } | null;
    return r !== null && r.kind === kind && r.active === true && typeof r.createdAt === 'string';
  });
  return found?.createdAt ?? null;
}
