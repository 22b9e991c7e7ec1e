/** Reading the answers of /me/calendar-tokens for the calendar feed panel. Pure. */
import type { CalendarTokenListT, CalendarTokenMintedT, FeedKindT } from '../../../../src/shared/contracts/calendars';

/** The new feed's address, made absolute so calendar apps can subscribe to it; null unless it is http(s). */
export function feedUrlOf(minted: Pick<CalendarTokenMintedT, 'url'>, origin: string): string | null {
  if (!minted.url) return null;
  try {
    const u = new URL(minted.url, origin);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** When my active feed of this kind was made, or null when there is none (or the list has not loaded). */
export function activeTokenSince(list: CalendarTokenListT | undefined, kind: FeedKindT): string | null {
  return list?.tokens.find((token) => token.kind === kind && token.active)?.createdAt ?? null;
}
