import { describe, expect, it } from 'vitest';
import { formatDate, formatDateShort, formatDateTime, formatDayRange, formatNumber, formatPercent, formatRange, formatTime, formatWon, weekdayName } from './format';

describe('dates and times as people write them, in Seoul', () => {
  // 05:11 UTC is 14:11 in Seoul; 15:30 UTC on the 6th is already the 7th there.
  const at = '2026-12-07T05:11:42.123Z';
  it('writes a date and time in each language', () => {
    expect(formatDateTime(at, 'ko')).toBe('2026년 12월 7일 (월) 14:11');
    expect(formatDateTime(at, 'en')).toBe('Mon 7 Dec 2026, 14:11');
    expect(formatDateTime('2026-12-07T14:11:00+09:00', 'en')).toBe('Mon 7 Dec 2026, 14:11');
    expect(formatDateTime(new Date(at), 'ko')).toBe('2026년 12월 7일 (월) 14:11');
    expect(formatDateTime(Date.parse(at), 'en')).toBe('Mon 7 Dec 2026, 14:11');
  });
  it('moves to the Seoul day across midnight', () => {
    expect(formatDateTime('2026-12-06T15:30:00Z', 'ko')).toBe('2026년 12월 7일 (월) 00:30');
    expect(formatDate('2026-12-06T15:30:00Z', 'en')).toBe('Mon 7 Dec 2026');
    expect(formatDate('2026-12-06T14:59:00Z', 'en')).toBe('Sun 6 Dec 2026');
  });
  it('writes dates alone, from an instant or a calendar day', () => {
    expect(formatDate(at, 'ko')).toBe('2026년 12월 7일 (월)');
    expect(formatDate(at, 'en')).toBe('Mon 7 Dec 2026');
    expect(formatDate('2020-08-03', 'ko')).toBe('2020년 8월 3일 (월)');
    expect(formatDate('2020-09-30', 'en')).toBe('Wed 30 Sep 2020');
    expect(formatDateShort('2020-03-02', 'ko')).toBe('2020년 3월 2일');
    expect(formatDateShort('2020-03-02', 'en')).toBe('2 Mar 2020');
  });
  it('writes times on the 24-hour clock', () => {
    expect(formatTime(at)).toBe('14:11');
    expect(formatTime('2026-12-07T00:05:00+09:00')).toBe('00:05');
  });
  it('writes ranges on one day and over several', () => {
    expect(formatRange('2020-08-04T05:00:00Z', '2020-08-04T08:00:00Z', 'ko')).toBe('2020년 8월 4일 (화) 14:00–17:00');
    expect(formatRange('2020-08-04T05:00:00Z', '2020-08-04T08:00:00Z', 'en')).toBe('Tue 4 Aug 2020, 14:00–17:00');
    expect(formatRange('2020-09-07T00:00:00Z', '2020-09-09T08:00:00Z', 'ko')).toBe('2020년 9월 7일 (월) 09:00 – 2020년 9월 9일 (수) 17:00');
    expect(formatRange('2020-09-07T00:00:00Z', '2020-09-09T08:00:00Z', 'en')).toBe('Mon 7 Sep 2020, 09:00 – Wed 9 Sep 2020, 17:00');
    expect(formatRange('2020-09-07T00:00:00Z', null, 'en')).toBe('Mon 7 Sep 2020, 09:00');
    expect(formatDayRange('2020-08-03', '2020-08-09', 'en')).toBe('Mon 3 Aug 2020 – Sun 9 Aug 2020');
    expect(formatDayRange('2020-08-03', '2020-08-03', 'ko')).toBe('2020년 8월 3일 (월)');
  });
  it('never writes ISO or a zone name, and gives nothing for what is not a time', () => {
    for (const lang of ['ko', 'en'] as const) {
      const text = formatDateTime(at, lang);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:|GMT|UTC|\+09/);
    }
    expect(formatDateTime('not a date', 'ko')).toBe('');
    expect(formatDate('2026-02-30', 'en')).toBe('');
    expect(formatTime('')).toBe('');
  });
});

describe('numbers and money', () => {
  it('groups digits and fixes decimals', () => {
    expect(formatNumber(1234567, 'ko')).toBe('1,234,567');
    expect(formatNumber(72.44, 'en', 1)).toBe('72.4');
    expect(formatNumber(-0.04, 'en', 1)).toBe('0.0');
  });
  it('writes won in each language', () => {
    expect(formatWon(300000, 'ko')).toBe('300,000원');
    expect(formatWon(300000, 'en')).toBe('KRW 300,000');
  });
  it('writes shares as percentages', () => {
    expect(formatPercent(0.85, 'ko')).toBe('85%');
    expect(formatPercent(0.5735, 'en', 2)).toBe('57.35%');
  });
});

describe('weekday names', () => {
  it('names ISO weekdays', () => {
    expect([1, 7].map((d) => weekdayName(d, 'ko'))).toEqual(['월', '일']);
    expect([1, 7].map((d) => weekdayName(d, 'en'))).toEqual(['Mon', 'Sun']);
  });
});
