import { formatDateTime } from '../lib/format';

/** When a call takes applications, worded from its times; the server still decides at each request. */
export type WindowStatus = 'upcoming' | 'open' | 'closed';

export function windowStatus(call: { opensAt: string; closesAt: string }, now: Date): WindowStatus {
  const t = now.getTime();
  if (t < new Date(call.opensAt).getTime()) return 'upcoming';
  if (t >= new Date(call.closesAt).getTime()) return 'closed';
  return 'open';
}

/** An instant as the campus states it: in Seoul time, whatever the reader's own time zone. */
export function seoulTime(iso: string, lang: 'ko' | 'en'): string {
  return formatDateTime(iso, lang);
}

/** Answers as the server takes them: empty text and empty picks are gaps, not answers. */
export function answersToSend(answers: Record<string, string | number | string[]>): Record<string, string | number | string[]> {
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => (typeof v === 'string' ? v.trim() !== '' : Array.isArray(v) ? v.length > 0 : Number.isFinite(v))));
}
