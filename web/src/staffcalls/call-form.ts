/**
 * The call editor's form state and its conversion to and from the API (CallInput / CallView).
 * Inputs are kept as strings so a half-typed number stays on screen; the quick checks here use the
 * server's field paths ('questions.2.options.0.label.ko'), so a client check and a server refusal
 * land next to the same input. Coherence across fields (quota attributes, minimums against capacity,
 * closing before opening…) is left to the server, which words it in the reader's language.
 */
import { CHOICE_TYPES, LONG_TEXT_MAX, QUESTION_TYPES, type QuestionType } from '../../../src/core/recruitment/answers';
import type { LocalizedText } from '../../../src/core/shared/localized';
import type { CallInputT, CallViewT, QuestionT } from '../../../src/shared/contracts/recruitment';
import type { Issues } from '../admin/form-errors';
import { fromSeoulInput, toSeoulInput } from './seoul-time';

export { QUESTION_TYPES, type QuestionType };

/** The four sectors of the 2019 plan (기업, 공공, 대학, 시민사회), offered for sector questions and quotas. */
export const SECTORS = ['company', 'public', 'university', 'civil_society'] as const;
export type Sector = (typeof SECTORS)[number];

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const TITLE_MAX = 300;
const TEXT_MAX = 2000;
const DESCRIPTION_MAX = 10_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

let rowSeq = 0;
/** A stable React key for a row that has no id yet (keeps focus and input when rows move). */
export function newRowKey(prefix = 'row'): string {
  rowSeq += 1;
  return `${prefix}-${rowSeq}`;
}

export interface OptionRow {
  rowKey: string;
  /** Derived from the label (call-keys.ts) until saved; then fixed, because answers name it. */
  value: string;
  valueFixed: boolean;
  labelKo: string;
  labelEn: string;
}

export interface QuestionRow {
  rowKey: string;
  /** Derived from the English label (call-keys.ts) until saved; then fixed, because answers name it. */
  key: string;
  keyFixed: boolean;
  type: QuestionType;
  required: boolean;
  labelKo: string;
  labelEn: string;
  helpKo: string;
  helpEn: string;
  minLength: string;
  maxLength: string;
  min: string;
  max: string;
  integer: boolean;
  minDate: string;
  maxDate: string;
  options: OptionRow[];
  minChoices: string;
  maxChoices: string;
}

export interface QuotaRow {
  rowKey: string;
  attribute: string;
  value: string;
  min: string;
  max: string;
}

export interface ConsentRow {
  rowKey: string;
  key: string;
  required: boolean;
  purposeKo: string;
  purposeEn: string;
  itemsKo: string;
  itemsEn: string;
  retentionKo: string;
  retentionEn: string;
  refusalKo: string;
  refusalEn: string;
}

export interface CallForm {
  titleKo: string;
  titleEn: string;
  descriptionKo: string;
  descriptionEn: string;
  eligibilityKo: string;
  eligibilityEn: string;
  programme: string;
  /** 'YYYY-MM-DDTHH:mm' in Seoul time, as a datetime-local input holds it. */
  opensAt: string;
  closesAt: string;
  capacity: string;
  /** The cohort the call fills ('' = none yet). */
  cohortId: string;
  /** Waitlist size as typed ('' = everyone ranked). */
  waitlistSize: string;
  quotas: QuotaRow[];
  consentItems: ConsentRow[];
  questions: QuestionRow[];
}

/** Which limits a question type has, so the builder shows only those and sends only those. */
export type LimitKind = 'length' | 'number' | 'date' | 'options' | 'choices';

export function limitsOf(type: QuestionType): LimitKind[] {
  switch (type) {
    case 'short_text':
    case 'long_text':
    case 'organisation':
      return ['length'];
    case 'number':
      return ['number'];
    case 'date':
      return ['date'];
    case 'single_choice':
    case 'sector':
      return ['options'];
    case 'multiple_choice':
      return ['options', 'choices'];
    case 'file':
      return [];
    default: {
      const never: never = type;
      return never;
    }
  }
}

export const isChoice = (type: QuestionType): boolean => CHOICE_TYPES.includes(type);

export function emptyCallForm(): CallForm {
  return {
    titleKo: '',
    titleEn: '',
    descriptionKo: '',
    descriptionEn: '',
    eligibilityKo: '',
    eligibilityEn: '',
    programme: '',
    opensAt: '',
    closesAt: '',
    capacity: '',
    cohortId: '',
    waitlistSize: '',
    quotas: [],
    consentItems: [],
    questions: [],
  };
}

/** The first key of the form `<prefix><n>` not taken yet. */
export function nextKey(prefix: string, taken: readonly string[]): string {
  const used = new Set(taken);
  for (let n = 1; ; n += 1) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

export function emptyOption(taken: readonly string[]): OptionRow {
  return { rowKey: newRowKey('opt'), value: nextKey('option_', taken), valueFixed: false, labelKo: '', labelEn: '' };
}

/** The sector options in both languages; labels come from the caller (the locale files). */
export function sectorOptions(label: (sector: Sector) => LocalizedText): OptionRow[] {
  return SECTORS.map((s) => {
    const l = label(s);
    // The sectors keep the plan's values, which quotas and reports use.
    return { rowKey: newRowKey('opt'), value: s, valueFixed: true, labelKo: l.ko, labelEn: l.en ?? '' };
  });
}

export function emptyQuestion(taken: readonly string[], type: QuestionType = 'short_text'): QuestionRow {
  return {
    rowKey: newRowKey('q'),
    key: nextKey('q', taken),
    keyFixed: false,
    type,
    required: false,
    labelKo: '',
    labelEn: '',
    helpKo: '',
    helpEn: '',
    minLength: '',
    maxLength: '',
    min: '',
    max: '',
    integer: false,
    minDate: '',
    maxDate: '',
    options: [],
    minChoices: '',
    maxChoices: '',
  };
}

/**
 * A question changing type: a choice type with no options yet gets one empty option (or, for a
 * sector question, the four sectors) so there is something to fill in.
 */
export function withType(q: QuestionRow, type: QuestionType, sectorLabel: (sector: Sector) => LocalizedText): QuestionRow {
  let options = q.options;
  if (type === 'sector' && (options.length === 0 || q.type !== 'sector')) options = sectorOptions(sectorLabel);
  else if (isChoice(type) && options.length === 0) options = [emptyOption([])];
  return { ...q, type, options };
}

export function emptyQuota(): QuotaRow {
  return { rowKey: newRowKey('quota'), attribute: '', value: '', min: '', max: '' };
}

export function emptyConsent(taken: readonly string[]): ConsentRow {
  return {
    rowKey: newRowKey('consent'),
    key: nextKey('consent_', taken),
    required: true,
    purposeKo: '',
    purposeEn: '',
    itemsKo: '',
    itemsEn: '',
    retentionKo: '',
    retentionEn: '',
    refusalKo: '',
    refusalEn: '',
  };
}

const str = (n: number | undefined): string => (n === undefined ? '' : String(n));

export function callFormFromView(call: CallViewT): CallForm {
  return {
    titleKo: call.title.ko,
    titleEn: call.title.en ?? '',
    descriptionKo: call.description.ko,
    descriptionEn: call.description.en ?? '',
    eligibilityKo: call.eligibility?.ko ?? '',
    eligibilityEn: call.eligibility?.en ?? '',
    programme: call.programme,
    opensAt: toSeoulInput(call.opensAt),
    closesAt: toSeoulInput(call.closesAt),
    capacity: String(call.capacity),
    cohortId: call.cohortId ?? '',
    waitlistSize: call.waitlistSize === null ? '' : String(call.waitlistSize),
    quotas: call.quotas.map((q) => ({ rowKey: newRowKey('quota'), attribute: q.attribute, value: q.value, min: str(q.min), max: str(q.max) })),
    consentItems: call.consentItems.map((c) => ({
      rowKey: newRowKey('consent'),
      key: c.key,
      required: c.required,
      purposeKo: c.purpose.ko,
      purposeEn: c.purpose.en ?? '',
      itemsKo: c.items.ko,
      itemsEn: c.items.en ?? '',
      retentionKo: c.retention.ko,
      retentionEn: c.retention.en ?? '',
      refusalKo: c.refusal.ko,
      refusalEn: c.refusal.en ?? '',
    })),
    questions: call.questions.map((q) => ({
      rowKey: newRowKey('q'),
      key: q.key,
      keyFixed: true,
      type: q.type,
      required: q.required,
      labelKo: q.label.ko,
      labelEn: q.label.en ?? '',
      helpKo: q.help?.ko ?? '',
      helpEn: q.help?.en ?? '',
      minLength: str(q.minLength),
      maxLength: str(q.maxLength),
      min: str(q.min),
      max: str(q.max),
      integer: q.integer ?? false,
      minDate: q.minDate ?? '',
      maxDate: q.maxDate ?? '',
      options: (q.options ?? []).map((o) => ({ rowKey: newRowKey('opt'), value: o.value, valueFixed: true, labelKo: o.label.ko, labelEn: o.label.en ?? '' })),
      minChoices: str(q.minChoices),
      maxChoices: str(q.maxChoices),
    })),
  };
}

function text(ko: string, en: string): LocalizedText {
  const e = en.trim();
  return e === '' ? { ko: ko.trim() } : { ko: ko.trim(), en: e };
}

/** Optional bilingual text: undefined when both languages are empty. */
function optionalText(ko: string, en: string): LocalizedText | undefined {
  return ko.trim() === '' && en.trim() === '' ? undefined : text(ko, en);
}

/** A number typed with or without digit grouping; undefined when empty (or not a number: the check says so). */
export function parseNumber(s: string): number | undefined {
  const v = s.replace(/[,\s]/g, '');
  if (v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function questionToInput(q: QuestionRow): QuestionT {
  const out: QuestionT = { key: q.key.trim(), type: q.type, required: q.required, label: text(q.labelKo, q.labelEn) };
  const help = optionalText(q.helpKo, q.helpEn);
  if (help) out.help = help;
  const set = <K extends keyof QuestionT>(k: K, v: QuestionT[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  const limits = limitsOf(q.type);
  if (limits.includes('length')) {
    set('minLength', parseNumber(q.minLength));
    set('maxLength', parseNumber(q.maxLength));
  }
  if (limits.includes('number')) {
    set('min', parseNumber(q.min));
    set('max', parseNumber(q.max));
    if (q.integer) out.integer = true;
  }
  if (limits.includes('date')) {
    set('minDate', q.minDate.trim() || undefined);
    set('maxDate', q.maxDate.trim() || undefined);
  }
  if (limits.includes('options')) out.options = q.options.map((o) => ({ value: o.value.trim(), label: text(o.labelKo, o.labelEn) }));
  if (limits.includes('choices')) {
    set('minChoices', parseNumber(q.minChoices));
    set('maxChoices', parseNumber(q.maxChoices));
  }
  return out;
}

/** The body of POST /admin/calls (and, being complete, of PATCH too). */
export function callFormToInput(form: CallForm): CallInputT {
  return {
    title: text(form.titleKo, form.titleEn),
    description: text(form.descriptionKo, form.descriptionEn),
    eligibility: optionalText(form.eligibilityKo, form.eligibilityEn) ?? null,
    programme: form.programme.trim(),
    opensAt: fromSeoulInput(form.opensAt) ?? form.opensAt,
    closesAt: fromSeoulInput(form.closesAt) ?? form.closesAt,
    capacity: parseNumber(form.capacity) ?? 0,
    quotas: form.quotas.map((q) => {
      const out: CallInputT['quotas'][number] = { attribute: q.attribute.trim(), value: q.value.trim() };
      const min = parseNumber(q.min);
      const max = parseNumber(q.max);
      if (min !== undefined) out.min = min;
      if (max !== undefined) out.max = max;
      return out;
    }),
    consentItems: form.consentItems.map((c) => ({
      key: c.key.trim(),
      required: c.required,
      purpose: text(c.purposeKo, c.purposeEn),
      items: text(c.itemsKo, c.itemsEn),
      retention: text(c.retentionKo, c.retentionEn),
      refusal: text(c.refusalKo, c.refusalEn),
    })),
    questions: form.questions.map(questionToInput),
    cohortId: form.cohortId === '' ? null : form.cohortId,
    waitlistSize: form.waitlistSize.trim() === '' ? null : (parseNumber(form.waitlistSize) ?? -1),
  };
}

// ---- quick checks (messages are keys in the 'staffcalls' namespace) ----

function checkText(issues: Issues, path: string, value: string, max: number, required: boolean): void {
  const v = value.trim();
  if (required && v === '') issues[path] = { key: 'staffcalls:errors.required' };
  else if (v.length > max) issues[path] = { key: 'staffcalls:errors.tooLong', params: { max } };
}

function checkBilingual(issues: Issues, path: string, ko: string, en: string, max: number, required = true): void {
  checkText(issues, `${path}.ko`, ko, max, required);
  checkText(issues, `${path}.en`, en, max, false);
}

function checkKey(issues: Issues, path: string, key: string): void {
  const k = key.trim();
  if (k === '') issues[path] = { key: 'staffcalls:errors.required' };
  else if (!KEY.test(k)) issues[path] = { key: 'staffcalls:errors.key' };
}

function checkCount(issues: Issues, path: string, value: string, opts: { min: number; max: number; required?: boolean; integer?: boolean }): void {
  const v = value.trim();
  if (v === '') {
    if (opts.required) issues[path] = { key: 'staffcalls:errors.required' };
    return;
  }
  const n = parseNumber(v);
  if (n === undefined) issues[path] = { key: 'staffcalls:errors.number' };
  else if ((opts.integer ?? true) && !Number.isInteger(n)) issues[path] = { key: 'staffcalls:errors.integer' };
  else if (n < opts.min) issues[path] = { key: 'staffcalls:errors.atLeast', params: { min: opts.min } };
  else if (n > opts.max) issues[path] = { key: 'staffcalls:errors.atMost', params: { max: opts.max } };
}

function checkInstant(issues: Issues, path: string, value: string): void {
  if (value.trim() === '') issues[path] = { key: 'staffcalls:errors.required' };
  else if (fromSeoulInput(value) === null) issues[path] = { key: 'staffcalls:errors.dateTime' };
}

function checkDuplicates(issues: Issues, keys: readonly string[], pathOf: (i: number) => string): void {
  const seen = new Set<string>();
  keys.forEach((k, i) => {
    const v = k.trim();
    if (v === '') return;
    if (seen.has(v) && !issues[pathOf(i)]) issues[pathOf(i)] = { key: 'staffcalls:errors.duplicateKey', params: { key: v } };
    seen.add(v);
  });
}

export function validateCallForm(form: CallForm): Issues {
  const issues: Issues = {};
  checkBilingual(issues, 'title', form.titleKo, form.titleEn, TITLE_MAX);
  checkBilingual(issues, 'description', form.descriptionKo, form.descriptionEn, DESCRIPTION_MAX);
  if (form.eligibilityKo.trim() !== '' || form.eligibilityEn.trim() !== '') checkBilingual(issues, 'eligibility', form.eligibilityKo, form.eligibilityEn, TEXT_MAX);
  checkText(issues, 'programme', form.programme, 200, true);
  checkInstant(issues, 'opensAt', form.opensAt);
  checkInstant(issues, 'closesAt', form.closesAt);
  checkCount(issues, 'capacity', form.capacity, { min: 1, max: 100_000, required: true });
  checkCount(issues, 'waitlistSize', form.waitlistSize, { min: 0, max: 100_000 });
  if (form.quotas.length > 50) issues.quotas = { key: 'staffcalls:errors.tooMany', params: { max: 50 } };
  form.quotas.forEach((q, i) => {
    checkKey(issues, `quotas.${i}.attribute`, q.attribute);
    checkKey(issues, `quotas.${i}.value`, q.value);
    checkCount(issues, `quotas.${i}.min`, q.min, { min: 0, max: 100_000 });
    checkCount(issues, `quotas.${i}.max`, q.max, { min: 0, max: 100_000 });
  });
  if (form.consentItems.length > 20) issues.consentItems = { key: 'staffcalls:errors.tooMany', params: { max: 20 } };
  form.consentItems.forEach((c, i) => {
    const at = `consentItems.${i}`;
    checkKey(issues, `${at}.key`, c.key);
    checkBilingual(issues, `${at}.purpose`, c.purposeKo, c.purposeEn, TEXT_MAX);
    checkBilingual(issues, `${at}.items`, c.itemsKo, c.itemsEn, TEXT_MAX);
    checkBilingual(issues, `${at}.retention`, c.retentionKo, c.retentionEn, TEXT_MAX);
    checkBilingual(issues, `${at}.refusal`, c.refusalKo, c.refusalEn, TEXT_MAX);
  });
  checkDuplicates(issues, form.consentItems.map((c) => c.key), (i) => `consentItems.${i}.key`);
  if (form.questions.length > 100) issues.questions = { key: 'staffcalls:errors.tooMany', params: { max: 100 } };
  form.questions.forEach((q, i) => {
    const at = `questions.${i}`;
    checkKey(issues, `${at}.key`, q.key);
    checkBilingual(issues, `${at}.label`, q.labelKo, q.labelEn, TITLE_MAX);
    if (q.helpKo.trim() !== '' || q.helpEn.trim() !== '') checkBilingual(issues, `${at}.help`, q.helpKo, q.helpEn, TEXT_MAX);
    const limits = limitsOf(q.type);
    if (limits.includes('length')) {
      checkCount(issues, `${at}.minLength`, q.minLength, { min: 0, max: LONG_TEXT_MAX });
      checkCount(issues, `${at}.maxLength`, q.maxLength, { min: 1, max: LONG_TEXT_MAX });
    }
    if (limits.includes('number')) {
      for (const f of ['min', 'max'] as const) if (q[f].trim() !== '' && parseNumber(q[f]) === undefined) issues[`${at}.${f}`] = { key: 'staffcalls:errors.number' };
    }
    if (limits.includes('date')) {
      for (const f of ['minDate', 'maxDate'] as const) if (q[f].trim() !== '' && !DAY.test(q[f].trim())) issues[`${at}.${f}`] = { key: 'staffcalls:errors.date' };
    }
    if (limits.includes('options')) {
      if (q.options.length === 0) issues[`${at}.options`] = { key: 'staffcalls:errors.optionsMissing' };
      q.options.forEach((o, j) => {
        checkKey(issues, `${at}.options.${j}.value`, o.value);
        checkBilingual(issues, `${at}.options.${j}.label`, o.labelKo, o.labelEn, TITLE_MAX);
      });
      checkDuplicates(issues, q.options.map((o) => o.value), (j) => `${at}.options.${j}.value`);
    }
    if (limits.includes('choices')) {
      checkCount(issues, `${at}.minChoices`, q.minChoices, { min: 0, max: 100 });
      checkCount(issues, `${at}.maxChoices`, q.maxChoices, { min: 1, max: 100 });
    }
  });
  checkDuplicates(issues, form.questions.map((q) => q.key), (i) => `questions.${i}.key`);
  return issues;
}

/** Swaps a row with its neighbour; out of range leaves the list as it is. */
export function moveItem<T>(items: readonly T[], index: number, step: -1 | 1): T[] {
  const target = index + step;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const out = [...items];
  [out[index], out[target]] = [out[target]!, out[index]!];
  return out;
}

/** The id of the input that shows a field path's message, so the error summary can move focus there. */
export function fieldId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

/**
 * The input a server path points at. Bilingual inputs carry the id of their base path on the Korean
 * input and "<id>-en" on the English one (LocalizedInputs).
 */
export function targetOf(path: string): string {
  if (path.endsWith('.ko')) return fieldId(path.slice(0, -3));
  if (path.endsWith('.en')) return `${fieldId(path.slice(0, -3))}-en`;
  return fieldId(path);
}
