/**
 * Machine keys of questions and options without a "key" field on the page: a new question's key
 * (and a new option's value) is made from its English label ("Main motivation" → main_motivation),
 * or a numbered one (q3, option_2) while there is none, unique within the call (or the question).
 * Once saved a key is fixed, because stored answers and quotas name it. When a derived key
 * changes as staff type, quotas that named the old key follow it, so nothing breaks silently.
 */
import type { CallForm, OptionRow, QuestionRow } from './call-form';

const MAX = 40;

/** 'Main motivation!' → 'main_motivation'; '' when the label has no Latin letters or digits to use. */
export function slugKey(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[_0-9]+|_+$/g, '');
  return words.slice(0, MAX).replace(/_+$/, '');
}

function unique(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const tail = `_${n}`;
    const key = `${base.slice(0, MAX - tail.length)}${tail}`;
    if (!taken.has(key)) return key;
  }
}

function firstFree(prefix: string, taken: Set<string>): string {
  for (let n = 1; ; n += 1) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

function deriveOptions(options: OptionRow[]): OptionRow[] {
  const taken = new Set(options.filter((o) => o.valueFixed).map((o) => o.value));
  return options.map((o) => {
    if (o.valueFixed) return o;
    const slug = slugKey(o.labelEn);
    const value = slug ? unique(slug, taken) : firstFree('option_', taken);
    taken.add(value);
    return value === o.value ? o : { ...o, value };
  });
}

/** Keys and values for every question and option not saved yet; quotas follow renamed ones. */
export function withDerivedKeys(form: CallForm): CallForm {
  const taken = new Set(form.questions.filter((q) => q.keyFixed).map((q) => q.key));
  const renamed = new Map<string, { key: string; values: Map<string, string> }>();
  const questions: QuestionRow[] = form.questions.map((q) => {
    let key = q.key;
    if (!q.keyFixed) {
      const slug = slugKey(q.labelEn);
      key = slug ? unique(slug, taken) : firstFree('q', taken);
    }
    taken.add(key);
    const options = deriveOptions(q.options);
    const values = new Map<string, string>();
    q.options.forEach((o, i) => {
      if (options[i]!.value !== o.value) values.set(o.value, options[i]!.value);
    });
    if (key !== q.key || values.size > 0) renamed.set(q.key, { key, values });
    return key === q.key && options.every((o, i) => o === q.options[i]) ? q : { ...q, key, options };
  });
  if (renamed.size === 0) return form;
  const quotas = form.quotas.map((quota) => {
    const r = renamed.get(quota.attribute);
    return r ? { ...quota, attribute: r.key, value: r.values.get(quota.value) ?? quota.value } : quota;
  });
  return { ...form, questions, quotas };
}
