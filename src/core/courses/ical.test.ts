import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, seoulDateTime, utcDateTime, type IcalEvent } from './ical.js';

const octets = (s: string) => new TextEncoder().encode(s).length;
/** 2020-08-03 09:00 in Seoul is 00:00 UTC. */
const AUG3_0900 = Date.UTC(2020, 7, 3, 0, 0);
const HOUR = 3_600_000;

const event = (more: Partial<IcalEvent> = {}): IcalEvent => ({
  uid: 'a5c1-session@campus.example.org',
  sequence: 2,
  start: AUG3_0900,
  end: AUG3_0900 + 3 * HOUR,
  modified: Date.UTC(2020, 6, 1, 12, 30, 15),
  summary: '혁신 실험 워크숍',
  ...more,
});

describe('date-times', () => {
  it('writes Asia/Seoul wall-clock time (UTC+9, no daylight saving) and UTC stamps', () => {
    expect(seoulDateTime(AUG3_0900)).toBe('20200803T090000');
    // 15:30 UTC is already the next day in Seoul.
    expect(seoulDateTime(Date.UTC(2020, 11, 31, 15, 30))).toBe('20210101T003000');
    // July (summer elsewhere) and January give the same offset.
    expect(seoulDateTime(Date.UTC(2020, 0, 15, 0, 0))).toBe('20200115T090000');
    expect(utcDateTime(Date.UTC(2020, 1, 29, 23, 59, 59, 999))).toBe('20200229T235959Z');
  });
});

describe('escaping and folding', () => {
  it('escapes backslash, semicolon, comma and every kind of line break, and drops other control characters', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(escapeText('one\r\ntwo\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour');
    expect(escapeText('x\u0000y\u001bz\tw')).toBe('xyz\tw');
  });

  it('folds at 75 octets, continuation lines start with a space, and never splits a Hangul character', () => {
    const ascii = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldLine(ascii).split('\r\n');
    expect(folded[0]).toHaveLength(75);
    for (const line of folded.slice(1)) expect(line.startsWith(' ')).toBe(true);
    for (const line of folded) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(ascii);

    const korean = `SUMMARY:${'서울혁신파크 미래청'.repeat(8)}`;
    const lines = foldLine(korean).split('\r\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      // Each physical line is whole UTF-8 on its own (no replacement characters when decoded alone).
      expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(line))).toBe(line);
    }
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(korean);
    expect(foldLine('SHORT:ok')).toBe('SHORT:ok');
  });
});

describe('buildCalendar', () => {
  const text = buildCalendar({
    prodId: '-//Open Campus//Courses//KO',
    name: '2020 탑 이노베이터, 1기',
    events: [
      event({ location: '미래청 2층; 대회의실, 서울혁신파크', description: '강사: 김하나, 이두리\n준비물: 노트북', url: 'https://campus.example.org/cohorts/1', categories: ['workshop'], created: Date.UTC(2020, 5, 1) }),
      event({ uid: 'b-field@campus.example.org', sequence: 0, summary: '현장 탐방', days: 3, start: AUG3_0900 + 2 * 24 * HOUR, end: AUG3_0900 + 2 * 24 * HOUR + 8 * HOUR }),
    ],
  });

  it('uses CRLF line ends only, no line over 75 octets, and the Asia/Seoul time zone without daylight saving', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Seoul\r\n');
    expect(unfolded).toContain('TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\n');
    expect(unfolded).toContain('DTSTART;TZID=Asia/Seoul:20200803T090000\r\nDTEND;TZID=Asia/Seoul:20200803T120000\r\n');
    expect(unfolded).toContain('LOCATION:미래청 2층\\; 대회의실\\, 서울혁신파크\r\n');
    expect(unfolded).toContain('DESCRIPTION:강사: 김하나\\, 이두리\\n준비물: 노트북\r\n');
    expect(unfolded).toContain('DTSTAMP:20200701T123015Z\r\n');
    expect(unfolded).toContain('LAST-MODIFIED:20200701T123015Z\r\n');
  });

  it('reads back through an independent parser (ical.js) with the same events, times and texts', () => {
    const comp = new ICAL.Component(ICAL.parse(text));
    expect(comp.getFirstPropertyValue('version')).toBe('2.0');
    const zone = comp.getFirstSubcomponent('vtimezone')!;
    ICAL.TimezoneService.register(zone);
    const events = comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual(['a5c1-session@campus.example.org', 'b-field@campus.example.org']);
    const [first, field] = events as [ICAL.Event, ICAL.Event];
    expect(first.sequence).toBe(2);
    expect(first.summary).toBe('혁신 실험 워크숍');
    expect(first.location).toBe('미래청 2층; 대회의실, 서울혁신파크');
    expect(first.description).toBe('강사: 김하나, 이두리\n준비물: 노트북');
    expect(first.startDate.zone?.tzid).toBe('Asia/Seoul');
    expect([first.startDate.hour, first.startDate.minute]).toEqual([9, 0]);
    expect(first.startDate.toJSDate().getTime()).toBe(AUG3_0900);
    expect(first.endDate.toJSDate().getTime()).toBe(AUG3_0900 + 3 * HOUR);
    // The field study: one event, three days at the same hours.
    expect(field.isRecurring()).toBe(true);
    const it = field.iterator();
    const days: number[] = [];
    for (let next = it.next(); next && days.length < 10; next = it.next()) days.push(next.toJSDate().getTime());
    expect(days).toEqual([0, 1, 2].map((k) => AUG3_0900 + (2 + k) * 24 * HOUR));
    expect(field.duration.toSeconds()).toBe(8 * 3600);
  });

  it('gives the same bytes for the same input (nothing depends on the clock)', () => {
    const again = buildCalendar({ prodId: '-//Open Campus//Courses//KO', name: 'x', events: [event()] });
    expect(again).toBe(buildCalendar({ prodId: '-//Open Campus//Courses//KO', name: 'x', events: [event()] }));
    expect(again).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:/);
  });
});
