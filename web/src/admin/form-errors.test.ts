import { describe, expect, it } from 'vitest';
import { failureOf, indexedPath, summaryItems, translateIssues } from './form-errors';

class FakeApiError extends Error {
  constructor(
    message: string,
    readonly fields: { path: string; message: string }[],
  ) {
    super(message);
  }
  fieldMap() {
    return Object.fromEntries(this.fields.map((f) => [f.path, f.message]));
  }
}

describe('form errors', () => {
  it('translates client issues with their parameters', () => {
    const t = (key: string, params?: Record<string, string | number>) => `${key}:${JSON.stringify(params ?? {})}`;
    expect(translateIssues({ amount: { key: 'errors.tooLarge', params: { max: '10' } } }, t)).toEqual({ amount: 'errors.tooLarge:{"max":"10"}' });
  });
  it('takes field messages from a server error and falls back for anything else', () => {
    const err = new FakeApiError('입력값을 확인해 주세요.', [{ path: 'factors.0.value', message: '음수는 입력할 수 없습니다.' }]);
    expect(failureOf(err, 'fallback')).toEqual({ fields: { 'factors.0.value': '음수는 입력할 수 없습니다.' }, summary: '입력값을 확인해 주세요.' });
    expect(failureOf(new TypeError('Failed to fetch'), 'fallback')).toEqual({ fields: {}, summary: 'fallback' });
  });
});

describe('summary items', () => {
  it('names the field of each message', () => {
    const labels: Record<string, string> = { end: 'End' };
    expect(summaryItems({ end: 'The end is before the start.', other: 'Something else.' }, (p) => labels[p], (l, m) => `${l}: ${m}`)).toEqual([
      'End: The end is before the start.',
      'Something else.',
    ]);
  });
  it('splits indexed paths', () => {
    expect(indexedPath('factors.2.unit.en')).toEqual({ list: 'factors', index: 2, rest: 'unit.en' });
    expect(indexedPath('tasks.0')).toEqual({ list: 'tasks', index: 0, rest: '' });
    expect(indexedPath('title.ko')).toBeNull();
  });
});
