import { describe, expect, it } from 'vitest';
import { emptyCallForm, emptyOption, emptyQuestion, emptyQuota, withType, type CallForm } from './call-form';
import { slugKey, withDerivedKeys } from './call-keys';

const sectorLabel = (s: string) => ({ ko: `ko-${s}`, en: `en-${s}` });

describe('keys from labels', () => {
  it('makes a key of the English label, or none from Korean only', () => {
    expect(slugKey('Main motivation!')).toBe('main_motivation');
    expect(slugKey('  2nd Café idea ')).toBe('nd_cafe_idea');
    expect(slugKey('지원 동기')).toBe('');
    expect(slugKey('x'.repeat(60))).toHaveLength(40);
  });

  it('derives unique keys for new questions and options, keeps saved ones, and quotas follow a renamed key', () => {
    const saved = { ...emptyQuestion([]), key: 'motivation', keyFixed: true, labelKo: '동기', labelEn: 'Motivation' };
    const dup = { ...emptyQuestion(['motivation']), labelKo: '동기 2', labelEn: 'Motivation' };
    const korean = { ...emptyQuestion([]), labelKo: '지역' };
    const topics = withType({ ...emptyQuestion([]), labelKo: '주제', labelEn: 'Topics' }, 'multiple_choice', sectorLabel);
    topics.options = [{ ...topics.options[0]!, labelKo: '주거', labelEn: 'Housing' }, { ...emptyOption([]), labelKo: '교통' }];
    let form: CallForm = { ...emptyCallForm(), questions: [saved, dup, korean, topics] };
    form = withDerivedKeys(form);
    expect(form.questions.map((q) => q.key)).toEqual(['motivation', 'motivation_2', 'q1', 'topics']);
    expect(form.questions[3]!.options.map((o) => o.value)).toEqual(['housing', 'option_1']);

    // A quota names the question and an option; the labels change before saving, the quota follows.
    form = { ...form, quotas: [{ ...emptyQuota(), attribute: 'topics', value: 'housing', min: '1' }] };
    const renamed = form.questions.map((q, i) => (i === 3 ? { ...q, labelEn: 'Themes', options: q.options.map((o, j) => (j === 0 ? { ...o, labelEn: 'Homes' } : o)) } : q));
    form = withDerivedKeys({ ...form, questions: renamed });
    expect(form.questions[3]!.key).toBe('themes');
    expect(form.quotas[0]).toMatchObject({ attribute: 'themes', value: 'homes' });
    // Sector options keep the plan's values whatever their labels.
    const sector = withType({ ...emptyQuestion([]), labelEn: 'Sector' }, 'sector', sectorLabel);
    expect(withDerivedKeys({ ...emptyCallForm(), questions: [sector] }).questions[0]!.options.map((o) => o.value)).toEqual(['company', 'public', 'university', 'civil_society']);
  });
});
