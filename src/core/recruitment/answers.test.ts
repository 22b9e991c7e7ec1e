import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.js';
import { assertWindowOpen, checkAnswers, checkCallDefinition, checkConsents, fileAnswers, QUESTION_TYPES, windowState, type CallDefinition, type ConsentItem, type Question } from './answers.js';

const L = (ko: string) => ({ ko, en: ko });
const questions: Question[] = [
  { key: 'motivation', type: 'long_text', required: true, label: L('지원 동기'), maxLength: 20, minLength: 2 },
  { key: 'name_en', type: 'short_text', required: false, label: L('영문 이름') },
  { key: 'track', type: 'single_choice', required: true, label: L('트랙'), options: [{ value: 'a', label: L('A') }, { value: 'b', label: L('B') }] },
  { key: 'topics', type: 'multiple_choice', required: false, label: L('관심 주제'), options: [{ value: 'x', label: L('X') }, { value: 'y', label: L('Y') }, { value: 'z', label: L('Z') }], maxChoices: 2 },
  { key: 'years', type: 'number', required: false, label: L('경력'), min: 0, max: 60, integer: true },
  { key: 'start', type: 'date', required: false, label: L('시작일'), minDate: '2020-01-01', maxDate: '2020-12-31' },
  { key: 'org', type: 'organisation', required: false, label: L('소속') },
  { key: 'sector', type: 'sector', required: true, label: L('분야'), options: [{ value: 'public', label: L('공공') }, { value: 'civil', label: L('시민사회') }] },
  { key: 'cv', type: 'file', required: false, label: L('이력서') },
];
const codes = (errors: DomainError[]) => errors.map((e) => `${e.field}:${e.code}`);

describe('checkAnswers', () => {
  it('accepts a complete, valid answer set', () => {
    const answers = { motivation: '도시 문제', track: 'a', topics: ['x', 'z'], years: 3, start: '2020-02-29', org: '서울시', sector: 'civil' };
    expect(checkAnswers(questions, answers, true)).toEqual([]);
  });

  it('lets a draft leave required answers out, but not a submission', () => {
    expect(checkAnswers(questions, { name_en: 'Kim' }, false)).toEqual([]);
    expect(codes(checkAnswers(questions, { name_en: 'Kim', motivation: '  ' }, true))).toEqual([
      'answers.motivation:recruitment.answer_required',
      'answers.track:recruitment.answer_required',
      'answers.sector:recruitment.answer_required',
    ]);
  });

  it('checks types, limits, choices, numbers and dates field by field, even in drafts', () => {
    const answers = { motivation: '가'.repeat(21), track: 'c', topics: ['x', 'y', 'z'], years: 2.5, start: '2020-02-30', org: 7, sector: ['public'] };
    expect(codes(checkAnswers(questions, answers as never, false))).toEqual([
      'answers.motivation:recruitment.answer_too_long',
      'answers.track:recruitment.answer_choice',
      'answers.topics:recruitment.answer_too_many',
      'answers.years:recruitment.answer_integer',
      'answers.start:recruitment.answer_date',
      'answers.org:recruitment.answer_type',
      'answers.sector:recruitment.answer_type',
    ]);
    expect(codes(checkAnswers(questions, { years: 61, start: '2021-01-01', topics: ['x', 'x'], motivation: '가' }, false))).toEqual([
      'answers.motivation:recruitment.answer_too_short',
      'answers.topics:recruitment.answer_choice',
      'answers.years:recruitment.answer_too_large',
      'answers.start:recruitment.answer_date_range',
    ]);
  });

  it('counts characters, not UTF-16 units, against text limits', () => {
    expect(checkAnswers(questions, { motivation: '😀'.repeat(20) }, false)).toEqual([]);
  });

  it('refuses answers to questions the form does not have', () => {
    expect(codes(checkAnswers(questions, { resident_number: '900101-1234567' }, false))).toEqual(['answers.resident_number:recruitment.answer_unknown']);
  });

  it('takes a file id as the answer to a file question, and nothing else', () => {
    expect(checkAnswers(questions, { cv: '01890a5d-ac96-774b-bcce-b302099a8057' }, false)).toEqual([]);
    expect(codes(checkAnswers(questions, { cv: 'x.pdf' }, false))).toEqual(['answers.cv:recruitment.answer_file']);
    expect(codes(checkAnswers(questions, { cv: ['01890a5d-ac96-774b-bcce-b302099a8057'] }, false))).toEqual(['answers.cv:recruitment.answer_file']);
    expect(codes(checkAnswers(questions, { cv: 42 }, false))).toEqual(['answers.cv:recruitment.answer_file']);
    expect(fileAnswers(questions, { cv: '01890a5d-ac96-774b-bcce-b302099a8057', motivation: 'x' })).toEqual([{ key: 'cv', fileId: '01890a5d-ac96-774b-bcce-b302099a8057' }]);
    expect(fileAnswers(questions, { cv: '' })).toEqual([]);
  });

  it('has no question type for resident registration numbers', () => {
    expect(QUESTION_TYPES.some((t) => /resident|rrn|registration/i.test(t))).toBe(false);
  });
});

describe('checkConsents', () => {
  const items: ConsentItem[] = [
    { key: 'required', required: true, purpose: L('선발'), items: L('이름'), retention: L('1년'), refusal: L('거부 시 지원 불가') },
    { key: 'optional', required: false, purpose: L('홍보'), items: L('사진'), retention: L('1년'), refusal: L('거부해도 불이익 없음') },
  ];

  it('needs every required item granted on submission; optional ones may be refused or left out', () => {
    expect(checkConsents(items, [{ key: 'required', granted: true }, { key: 'optional', granted: false }], true)).toEqual([]);
    expect(checkConsents(items, [{ key: 'required', granted: true }], true)).toEqual([]);
    expect(codes(checkConsents(items, [{ key: 'required', granted: false }, { key: 'optional', granted: true }], true))).toEqual(['consents.required:recruitment.consent_required']);
    expect(checkConsents(items, [], false)).toEqual([]);
  });

  it('refuses unknown and repeated keys', () => {
    expect(codes(checkConsents(items, [{ key: 'marketing', granted: true }, { key: 'optional', granted: true }, { key: 'optional', granted: false }], false))).toEqual([
      'consents.marketing:recruitment.consent_unknown',
      'consents.optional:recruitment.duplicate_key',
    ]);
  });
});

describe('checkCallDefinition', () => {
  const base: CallDefinition = { opensAt: new Date('2020-03-01T00:00:00+09:00'), closesAt: new Date('2020-03-31T18:00:00+09:00'), capacity: 30, quotas: [], consentItems: [], questions };

  it('accepts a coherent call', () => {
    expect(checkCallDefinition(base)).toEqual([]);
  });

  it('names every incoherence with its field', () => {
    const broken: CallDefinition = {
      ...base,
      closesAt: base.opensAt,
      quotas: [
        { attribute: 'c', value: 'v', min: 40 },
        { attribute: 'c', value: 'v' },
        { attribute: 'c', value: 'v', min: 5, max: 2 },
        { attribute: 'a', value: 'v', max: 1 },
        { attribute: 'nope', value: 'v', max: 1 },
        { attribute: 'c', value: 'w', max: 1 },
      ],
      questions: [
        { key: 'a', type: 'single_choice', required: true, label: L('a') },
        { key: 'a', type: 'short_text', required: true, label: L('b'), options: [{ value: 'v', label: L('v') }], minLength: 5, maxLength: 2 },
        { key: 'c', type: 'sector', required: true, label: L('c'), options: [{ value: 'v', label: L('v') }, { value: 'v', label: L('w') }] },
      ],
      consentItems: [
        { key: 'k', required: true, purpose: L('p'), items: L('i'), retention: L('r'), refusal: L('f') },
        { key: 'k', required: false, purpose: L('p'), items: L('i'), retention: L('r'), refusal: L('f') },
      ],
    };
    expect(codes(checkCallDefinition(broken))).toEqual([
      'closesAt:recruitment.closes_before_opens',
      'questions.0.options:recruitment.options_missing',
      'questions.1.key:recruitment.duplicate_key',
      'questions.1.maxLength:recruitment.limits_inverted',
      'questions.1.options:recruitment.options_not_allowed',
      'questions.2.options:recruitment.duplicate_option',
      'consentItems.1.key:recruitment.duplicate_key',
      'quotas.0.min:recruitment.quota_over_capacity',
      'quotas.1:recruitment.quota_empty',
      'quotas.2.max:recruitment.limits_inverted',
      'quotas.2.min:recruitment.quota_over_capacity',
      'quotas.3.value:recruitment.quota_value',
      'quotas.4.attribute:recruitment.quota_attribute',
      'quotas.5.value:recruitment.quota_value',
    ]);
  });

  it('lets the minimums of one attribute share the seats, and no more', () => {
    const sector = (min: number) => ({ attribute: 'sector', value: min % 2 ? 'public' : 'civil', min });
    expect(checkCallDefinition({ ...base, quotas: [sector(15), sector(14)] })).toEqual([]);
    expect(codes(checkCallDefinition({ ...base, quotas: [sector(15), sector(16)] }))).toEqual(['quotas.1.min:recruitment.quota_over_capacity']);
    expect(codes(checkCallDefinition({ ...base, quotas: [{ attribute: 'motivation', value: 'x', max: 1 }] }))).toEqual(['quotas.0.attribute:recruitment.quota_attribute']);
  });
});

describe('the application window', () => {
  const call = { status: 'published', opensAt: new Date('2020-03-01T00:00:00+09:00'), closesAt: new Date('2020-03-31T18:00:00+09:00') };

  it('opens at opensAt and closes at closesAt exactly', () => {
    expect(windowState(call, new Date('2020-02-29T23:59:59.999+09:00'))).toBe('before');
    expect(windowState(call, call.opensAt)).toBe('open');
    expect(windowState(call, new Date('2020-03-31T17:59:59.999+09:00'))).toBe('open');
    expect(windowState(call, call.closesAt)).toBe('after');
  });

  it('throws a coded error outside the window or when the call is not published', () => {
    const codeOf = (fn: () => void) => {
      try {
        fn();
        return 'ok';
      } catch (e) {
        return (e as DomainError).code;
      }
    };
    expect(codeOf(() => assertWindowOpen(call, new Date('2020-03-10T00:00:00Z')))).toBe('ok');
    expect(codeOf(() => assertWindowOpen(call, new Date('2020-02-01T00:00:00Z')))).toBe('recruitment.window_not_open');
    expect(codeOf(() => assertWindowOpen(call, new Date('2020-04-01T00:00:00Z')))).toBe('recruitment.window_closed');
    expect(codeOf(() => assertWindowOpen({ ...call, status: 'closed' }, new Date('2020-03-10T00:00:00Z')))).toBe('recruitment.call_closed');
  });
});
