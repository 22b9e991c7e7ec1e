import { describe, expect, it } from 'vitest';
import { actorOf, appendPage, formatAuditTime, formatSeoulDate, recordText } from './audit-format';

describe('audit entries', () => {
  it('shows times in Seoul whatever the browser zone', () => {
    // 15:30 UTC is 00:30 the next day in Seoul.
    expect(formatAuditTime('2020-03-01T15:30:05.000Z', 'ko')).toBe('2020년 3월 2일 (월) 00:30');
    expect(formatAuditTime('2020-03-01T15:30:05.000Z', 'en')).toBe('Mon 2 Mar 2020, 00:30');
    expect(formatAuditTime('not a date', 'en')).toBe('not a date');
    expect(formatSeoulDate('2020-03-01T15:30:05.000Z', 'en')).toBe('2 Mar 2020');
    expect(formatSeoulDate('2020-03-01T15:30:05.000Z', 'ko')).toBe('2020년 3월 2일');
  });
  it('names the actor when it can, else the label or the id', () => {
    const names = new Map([['u1', 'Kim']]);
    expect(actorOf({ actorId: 'u1', actorLabel: null }, names)).toEqual({ kind: 'name', text: 'Kim' });
    expect(actorOf({ actorId: 'u2', actorLabel: 'setup' }, names)).toEqual({ kind: 'label', text: 'setup' });
    expect(actorOf({ actorId: 'u2', actorLabel: null }, names)).toEqual({ kind: 'id', text: 'u2' });
    expect(actorOf({ actorId: null, actorLabel: 'cli' }, names)).toEqual({ kind: 'label', text: 'cli' });
    expect(actorOf({ actorId: null, actorLabel: null }, names)).toEqual({ kind: 'system' });
  });
  it('renders records as indented JSON text, markup left as characters', () => {
    expect(recordText(null)).toBe('');
    expect(recordText({ title: { ko: '<b>x</b>' } })).toBe('{\n  "title": {\n    "ko": "<b>x</b>"\n  }\n}');
  });
  it('appends pages without repeating entries', () => {
    expect(appendPage([{ id: 'c' }, { id: 'b' }], [{ id: 'b' }, { id: 'a' }]).map((e) => e.id)).toEqual(['c', 'b', 'a']);
  });
});
