import { describe, expect, it } from 'vitest';
import {
  emptyFactor,
  emptyLineForm,
  formulaPreview,
  formulaTotal,
  isIsoDay,
  lineFormFromView,
  lineFormToInput,
  lineFormToPatch,
  parseWhole,
  spendingFormToInput,
  validateLineForm,
  validateSpendingForm,
  withKind,
  type LineForm,
} from './budget-form';

const fieldStudy: LineForm = {
  titleKo: '현장학습운영비',
  titleEn: 'Field-study operation',
  kind: 'formula',
  amount: '',
  unitPrice: '130,000',
  factors: [
    { rowKey: 'a', value: '3', unitKo: '일', unitEn: 'days', unitEnOne: 'day' },
    { rowKey: 'b', value: '30', unitKo: '명', unitEn: 'people', unitEnOne: 'person' },
    { rowKey: 'c', value: '1', unitKo: '회', unitEn: 'times', unitEnOne: 'time' },
  ],
};

describe('parseWhole', () => {
  it('accepts grouped digits and spaces', () => {
    expect(parseWhole('130,000', 1e15)).toEqual({ ok: true, value: 130000 });
    expect(parseWhole(' 1 000 ', 1e15)).toEqual({ ok: true, value: 1000 });
    expect(parseWhole('0', 10)).toEqual({ ok: true, value: 0 });
  });
  it('names what is wrong', () => {
    expect(parseWhole('', 10)).toEqual({ ok: false, issue: { key: 'errors.required' } });
    expect(parseWhole('abc', 10)).toEqual({ ok: false, issue: { key: 'errors.notNumber' } });
    expect(parseWhole('1e3', 10_000)).toEqual({ ok: false, issue: { key: 'errors.notNumber' } });
    expect(parseWhole('-5', 10)).toEqual({ ok: false, issue: { key: 'errors.negative' } });
    expect(parseWhole('2.5', 10)).toEqual({ ok: false, issue: { key: 'errors.notInteger' } });
    expect(parseWhole('11', 10)).toEqual({ ok: false, issue: { key: 'errors.tooLarge', params: { max: '10' } } });
  });
});

describe('the formula', () => {
  it('previews the plan row exactly as the plan writes it', () => {
    expect(formulaTotal(fieldStudy)).toBe(11_700_000);
    expect(formulaPreview(fieldStudy, 'ko')).toBe('130,000원 × 3일 × 30명 × 1회 = 11,700');
    expect(formulaPreview(fieldStudy, 'en')).toBe('130,000 KRW × 3 days × 30 people × 1 time = 11,700');
  });
  it('has no preview while a number is missing or the product is too large', () => {
    expect(formulaPreview({ ...fieldStudy, unitPrice: '' }, 'ko')).toBeNull();
    expect(formulaPreview({ ...fieldStudy, factors: [] }, 'ko')).toBeNull();
    const huge = { ...fieldStudy, unitPrice: '1000000000000', factors: [{ ...emptyFactor(), value: '1000000', unitKo: '명', unitEn: 'people' }] };
    expect(formulaTotal(huge)).toBeNull();
    expect(validateLineForm(huge).factors?.key).toBe('errors.tooLarge');
  });
});

describe('validateLineForm', () => {
  it('accepts a complete formula line', () => {
    expect(validateLineForm(fieldStudy)).toEqual({});
  });
  it('flags each bad factor under the server path', () => {
    const form: LineForm = { ...fieldStudy, unitPrice: 'x', factors: [{ rowKey: 'a', value: '-1', unitKo: '', unitEn: 'days', unitEnOne: '' }] };
    const issues = validateLineForm(form);
    expect(issues.unitPrice?.key).toBe('errors.notNumber');
    expect(issues['factors.0.value']?.key).toBe('errors.negative');
    expect(issues['factors.0.unit.ko']?.key).toBe('errors.required');
    expect(issues['factors.0.unit.en']).toBeUndefined();
  });
  it('requires a Korean title, an amount for fixed lines and a factor for formulas', () => {
    expect(validateLineForm({ ...emptyLineForm('fixed') })).toEqual({ 'title.ko': { key: 'errors.required' }, amount: { key: 'errors.required' } });
    expect(validateLineForm({ ...fieldStudy, factors: [] }).factors?.key).toBe('errors.factorsRequired');
    expect(validateLineForm({ ...emptyLineForm('group'), titleKo: '합계' })).toEqual({});
  });
  it('allows at most six factors', () => {
    const factors = Array.from({ length: 7 }, () => ({ ...emptyFactor(), value: '1', unitKo: '회', unitEn: 'times' }));
    expect(validateLineForm({ ...fieldStudy, factors }).factors).toEqual({ key: 'errors.tooManyFactors', params: { max: 6 } });
  });
});

describe('form ↔ API body', () => {
  it('sends only the numbers the kind uses', () => {
    expect(lineFormToPatch(fieldStudy)).toEqual({
      title: { ko: '현장학습운영비', en: 'Field-study operation' },
      kind: 'formula',
      unitPrice: 130000,
      factors: [
        { value: 3, unit: { ko: '일', en: 'days', enOne: 'day' } },
        { value: 30, unit: { ko: '명', en: 'people', enOne: 'person' } },
        { value: 1, unit: { ko: '회', en: 'times', enOne: 'time' } },
      ],
    });
    expect(lineFormToPatch({ ...fieldStudy, kind: 'fixed', amount: '40,000,000' })).toEqual({ title: { ko: '현장학습운영비', en: 'Field-study operation' }, kind: 'fixed', amount: 40_000_000 });
    expect(lineFormToPatch({ ...fieldStudy, kind: 'group', titleEn: '  ' })).toEqual({ title: { ko: '현장학습운영비' }, kind: 'group' });
  });
  it('omits an empty singular unit', () => {
    const body = lineFormToPatch({ ...fieldStudy, factors: [{ rowKey: 'a', value: '2', unitKo: '식', unitEn: 'lots', unitEnOne: ' ' }] });
    expect(body.factors).toEqual([{ value: 2, unit: { ko: '식', en: 'lots' } }]);
  });
  it('creates under a parent', () => {
    expect(lineFormToInput({ ...emptyLineForm('fixed'), titleKo: '새 항목', amount: '1000' }, 'p1')).toEqual({ parentId: 'p1', title: { ko: '새 항목' }, kind: 'fixed', amount: 1000 });
  });
  it('round-trips a line from the API', () => {
    const form = lineFormFromView({
      id: 'x',
      parentId: null,
      position: 0,
      depth: 0,
      key: null,
      title: { ko: '홍보비', en: 'Publicity' },
      kind: 'formula',
      planned: 2_700_000,
      unitPrice: 2_700_000,
      factors: [{ value: 1, unit: { ko: '회', en: 'times', enOne: 'time' } }],
    });
    expect(lineFormToPatch(form)).toEqual({ title: { ko: '홍보비', en: 'Publicity' }, kind: 'formula', unitPrice: 2_700_000, factors: [{ value: 1, unit: { ko: '회', en: 'times', enOne: 'time' } }] });
  });
  it('gives a new formula one empty factor row and keeps rows when switching back', () => {
    const f = withKind(emptyLineForm('fixed'), 'formula');
    expect(f.factors).toHaveLength(1);
    expect(withKind(withKind(fieldStudy, 'fixed'), 'formula').factors).toHaveLength(3);
  });
});

describe('spending', () => {
  it('checks calendar days', () => {
    expect(isIsoDay('2020-02-29')).toBe(true);
    expect(isIsoDay('2019-02-29')).toBe(false);
    expect(isIsoDay('2020-2-1')).toBe(false);
  });
  it('validates and builds the body', () => {
    expect(validateSpendingForm({ amount: '', spentOn: '2020-13-01', descriptionKo: '', descriptionEn: '' })).toEqual({
      amount: { key: 'errors.required' },
      spentOn: { key: 'errors.isoDay' },
      'description.ko': { key: 'errors.required' },
    });
    const form = { amount: '1,500,000', spentOn: '2020-03-02', descriptionKo: ' 강연비 ', descriptionEn: '' };
    expect(validateSpendingForm(form)).toEqual({});
    expect(spendingFormToInput(form)).toEqual({ amount: 1_500_000, spentOn: '2020-03-02', description: { ko: '강연비' } });
  });
});
