import { describe, expect, it } from 'vitest';
import { actorOf, appendPage, formatAuditTime, formatSeoulDate, recordFields, recordName } from './audit-format';

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
  it('reads records field by field in words: no ids, times as people write them, content in the reader\'s language', () => {
    const words = { yes: 'Yes', no: 'No', none: 'None' };
    expect(recordFields(null, 'en', words)).toEqual([]);
    const record = {
      id: '0190f5a2-7c1e-7d3a-9b2c-3e4f5a6b7c8d',
      lineId: '0190f5a2-7c1e-7d3a-9b2c-3e4f5a6b7c8e',
      owner: '0190f5a2-7c1e-7d3a-9b2c-3e4f5a6b7c8f',
      title: { ko: '<b>사업</b>', en: 'Pilot' },
      amount: 3000000,
      spentOn: '2020-03-02',
      createdAt: '2020-03-01T15:30:05.000Z',
      done: false,
      note: null,
    };
    expect(recordFields(record, 'en', words)).toEqual([
      { key: 'title', value: 'Pilot' },
      { key: 'amount', value: '3,000,000' },
      { key: 'spentOn', value: 'Mon 2 Mar 2020' },
      { key: 'createdAt', value: 'Mon 2 Mar 2020, 00:30' },
      { key: 'done', value: 'No' },
      { key: 'note', value: 'None' },
    ]);
    // Markup stays characters: React renders the value as text.
    expect(recordFields(record, 'ko', words)[0]).toEqual({ key: 'title', value: '<b>사업</b>' });
    expect(recordName(record, 'en')).toBe('Pilot');
    expect(recordName({ name: 'Kim' }, 'ko')).toBe('Kim');
    expect(recordName({ amount: 1 }, 'ko')).toBe('');
  });
  it('appends pages without repeating entries', () => {
    expect(appendPage([{ id: 'c' }, { id: 'b' }], [{ id: 'b' }, { id: 'a' }]).map((e) => e.id)).toEqual(['c', 'b', 'a']);
  });
});
