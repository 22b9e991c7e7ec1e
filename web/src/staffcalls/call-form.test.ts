import { describe, expect, it } from 'vitest';
import { CallInput, type CallViewT } from '../../../src/shared/contracts/recruitment';
import { callFormFromView, callFormToInput, emptyCallForm, emptyConsent, emptyOption, emptyQuestion, emptyQuota, fieldId, limitsOf, moveItem, nextKey, parseNumber, targetOf, validateCallForm, withType, type CallForm } from './call-form';

const sectorLabel = (s: string) => ({ ko: `ko-${s}`, en: `en-${s}` });

function filledForm(): CallForm {
  const form = emptyCallForm();
  const sector = withType({ ...emptyQuestion([]), key: 'sector', labelKo: '분야', required: true }, 'sector', sectorLabel);
  const motivation = { ...emptyQuestion(['sector']), key: 'motivation', type: 'long_text' as const, labelKo: '지원 동기', labelEn: 'Motivation', maxLength: '1,000', min: '3' };
  const topics = withType({ ...emptyQuestion(['sector', 'motivation']), key: 'topics', labelKo: '관심 주제' }, 'multiple_choice', sectorLabel);
  topics.options = [
    { ...topics.options[0]!, value: 'housing', labelKo: '주거', labelEn: 'Housing' },
    { ...emptyOption(['housing']), value: 'mobility', labelKo: '교통' },
  ];
  topics.maxChoices = '2';
  return {
    ...form,
    titleKo: ' 2026 참여자 모집 ',
    titleEn: '',
    descriptionKo: '설명',
    descriptionEn: 'About',
    programme: '리빙랩 1기',
    opensAt: '2026-03-01T09:00',
    closesAt: '2026-03-15T18:00',
    capacity: '30',
    questions: [sector, motivation, topics],
    quotas: [{ ...emptyQuota(), attribute: 'sector', value: 'public', min: '5', max: '' }],
    consentItems: [{ ...emptyConsent([]), key: 'selection', purposeKo: '선발', itemsKo: '이름', retentionKo: '1년', refusalKo: '지원 불가' }],
  };
}

describe('call form → CallInput', () => {
  it('builds a body the server contract accepts, with Seoul times and only the limits of each type', () => {
    const form = filledForm();
    expect(validateCallForm(form)).toEqual({});
    const input = callFormToInput(form);
    expect(() => CallInput.parse(input)).not.toThrow();
    expect(input.title).toEqual({ ko: '2026 참여자 모집' });
    expect(input.description).toEqual({ ko: '설명', en: 'About' });
    expect(input.eligibility).toBeNull();
    expect(input.opensAt).toBe('2026-03-01T09:00:00+09:00');
    expect(input.closesAt).toBe('2026-03-15T18:00:00+09:00');
    expect(input.capacity).toBe(30);
    expect(input.quotas).toEqual([{ attribute: 'sector', value: 'public', min: 5 }]);
    expect(input.consentItems[0]).toEqual({ key: 'selection', required: true, purpose: { ko: '선발' }, items: { ko: '이름' }, retention: { ko: '1년' }, refusal: { ko: '지원 불가' } });
    const [sector, motivation, topics] = input.questions;
    expect(sector!.options!.map((o) => o.value)).toEqual(['company', 'public', 'university', 'civil_society']);
    expect(sector!.options![1]!.label).toEqual({ ko: 'ko-public', en: 'en-public' });
    // A stray number limit on a text question is not sent; the grouped "1,000" is read as 1000.
    expect(motivation).toEqual({ key: 'motivation', type: 'long_text', required: false, label: { ko: '지원 동기', en: 'Motivation' }, maxLength: 1000 });
    expect(topics).toMatchObject({ type: 'multiple_choice', maxChoices: 2, options: [{ value: 'housing', label: { ko: '주거', en: 'Housing' } }, { value: 'mobility', label: { ko: '교통' } }] });
    expect(topics).not.toHaveProperty('minChoices');
  });

  it('round-trips through the view the server returns', () => {
    const input = callFormToInput(filledForm());
    const view: CallViewT = {
      ...input,
      eligibility: input.eligibility ?? null,
      cohortId: input.cohortId ?? null,
      waitlistSize: input.waitlistSize ?? null,
      id: '0190a000-0000-7000-8000-000000000001',
      opensAt: '2026-03-01T00:00:00.000Z',
      closesAt: '2026-03-15T09:00:00.000Z',
      timeZone: 'Asia/Seoul',
      consentVersion: 1,
      status: 'draft',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const form = callFormFromView(view);
    expect(form.opensAt).toBe('2026-03-01T09:00');
    expect(form.closesAt).toBe('2026-03-15T18:00');
    expect(callFormToInput(form)).toEqual(input);
  });
});

describe('quick checks', () => {
  it('puts messages at the server paths, so they land next to the same inputs', () => {
    const form = filledForm();
    form.titleKo = '';
    form.opensAt = '';
    form.closesAt = '2026-02-30T10:00';
    form.capacity = '0';
    form.questions[0]!.key = 'Sector';
    form.questions[1]!.key = 'topics';
    form.questions[1]!.maxLength = 'lots';
    form.questions[2]!.options[1]!.labelKo = '';
    form.quotas[0]!.min = '2.5';
    form.consentItems[0]!.refusalKo = ' ';
    expect(validateCallForm(form)).toEqual({
      'title.ko': { key: 'staffcalls:errors.required' },
      opensAt: { key: 'staffcalls:errors.required' },
      closesAt: { key: 'staffcalls:errors.dateTime' },
      capacity: { key: 'staffcalls:errors.atLeast', params: { min: 1 } },
      'questions.0.key': { key: 'staffcalls:errors.key' },
      'questions.1.maxLength': { key: 'staffcalls:errors.number' },
      'questions.2.options.1.label.ko': { key: 'staffcalls:errors.required' },
      'questions.2.key': { key: 'staffcalls:errors.duplicateKey', params: { key: 'topics' } },
      'quotas.0.min': { key: 'staffcalls:errors.integer' },
      'consentItems.0.refusal.ko': { key: 'staffcalls:errors.required' },
    });
  });

  it('asks for options on choice questions', () => {
    const form = filledForm();
    form.questions[2]!.options = [];
    expect(validateCallForm(form)).toEqual({ 'questions.2.options': { key: 'staffcalls:errors.optionsMissing' } });
  });
});

describe('builder helpers', () => {
  it('offers limits by type', () => {
    expect(limitsOf('short_text')).toEqual(['length']);
    expect(limitsOf('multiple_choice')).toEqual(['options', 'choices']);
    expect(limitsOf('sector')).toEqual(['options']);
    expect(limitsOf('file')).toEqual([]);
  });

  it('fills the four sectors when a question becomes a sector question, and one option for a choice', () => {
    const q = emptyQuestion([]);
    expect(withType(q, 'sector', sectorLabel).options.map((o) => o.value)).toEqual(['company', 'public', 'university', 'civil_society']);
    expect(withType(q, 'single_choice', sectorLabel).options).toHaveLength(1);
    const kept = withType({ ...q, type: 'single_choice', options: [emptyOption([]), emptyOption(['option_1'])] }, 'multiple_choice', sectorLabel);
    expect(kept.options).toHaveLength(2);
  });

  it('names new keys that are not taken', () => {
    expect(nextKey('q', [])).toBe('q1');
    expect(nextKey('q', ['q1', 'q3'])).toBe('q2');
    expect(emptyQuestion(['q1']).key).toBe('q2');
  });

  it('moves rows by one and ignores moves off the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('reads numbers with digit grouping', () => {
    expect(parseNumber('1,000')).toBe(1000);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('abc')).toBeUndefined();
  });

  it('finds the input of a server path (bilingual ones by language)', () => {
    expect(targetOf('capacity')).toBe(fieldId('capacity'));
    expect(targetOf('title.ko')).toBe('f-title');
    expect(targetOf('title.en')).toBe('f-title-en');
    expect(targetOf('questions.2.options.1.label.ko')).toBe('f-questions-2-options-1-label');
  });
});
