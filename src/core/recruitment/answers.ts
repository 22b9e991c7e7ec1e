/**
 * The application form as pure rules: a call's questions, quotas and consent
 * items are checked for coherence, answers are checked against the questions, consents against the
 * consent items (PIPA §15, §16, §22), and the application window against a given instant.
 * There is deliberately no question type for resident registration numbers (PIPA §24-2).
 */
import { DomainError } from '../shared/domain-error.js';
import type { LocalizedText } from '../shared/localized.js';

export const QUESTION_TYPES = ['short_text', 'long_text', 'single_choice', 'multiple_choice', 'number', 'date', 'file', 'organisation', 'sector'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Types whose answer is picked from the question's options. Sectors are options too, so quotas can count them. */
export const CHOICE_TYPES: readonly QuestionType[] = ['single_choice', 'multiple_choice', 'sector'];

export const SHORT_TEXT_MAX = 500;
export const LONG_TEXT_MAX = 20_000;
export const ORGANISATION_MAX = 200;

export interface ChoiceOption {
  value: string;
  label: LocalizedText;
}

export interface Question {
  key: string;
  type: QuestionType;
  required: boolean;
  label: LocalizedText;
  help?: LocalizedText | undefined;
  /** Text: characters. */
  minLength?: number | undefined;
  maxLength?: number | undefined;
  /** Number: inclusive bounds. */
  min?: number | undefined;
  max?: number | undefined;
  integer?: boolean | undefined;
  /** Date: inclusive 'YYYY-MM-DD' bounds. */
  minDate?: string | undefined;
  maxDate?: string | undefined;
  options?: ChoiceOption[] | undefined;
  /** Multiple choice: how many may be picked. */
  minChoices?: number | undefined;
  maxChoices?: number | undefined;
}

export interface Quota {
  attribute: string;
  value: string;
  min?: number | undefined;
  max?: number | undefined;
}

export interface ConsentItem {
  key: string;
  required: boolean;
  purpose: LocalizedText;
  items: LocalizedText;
  retention: LocalizedText;
  /** The right to refuse and what refusing means. */
  refusal: LocalizedText;
}

export interface ConsentGrant {
  key: string;
  granted: boolean;
}

export type AnswerValue = string | number | string[];
export type Answers = Record<string, AnswerValue>;

export interface CallDefinition {
  opensAt: Date;
  closesAt: Date;
  capacity: number;
  quotas: readonly Quota[];
  consentItems: readonly ConsentItem[];
  questions: readonly Question[];
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A stored file's id (a UUID, lower case as the database returns it). */
const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The answers to 'file' questions that are set: question key → file id. */
export function fileAnswers(questions: readonly Question[], answers: Answers): { key: string; fileId: string }[] {
  const out: { key: string; fileId: string }[] = [];
  for (const q of questions) {
    const v = answers[q.key];
    if (q.type === 'file' && typeof v === 'string' && v.trim() !== '') out.push({ key: q.key, fileId: v });
  }
  return out;
}

function isCalendarDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const textMax = (q: Question): number => q.maxLength ?? (q.type === 'long_text' ? LONG_TEXT_MAX : q.type === 'organisation' ? ORGANISATION_MAX : SHORT_TEXT_MAX);

/** Every incoherence in a call's form, quotas, consent items and window; empty when it can be saved. */
export function checkCallDefinition(call: CallDefinition): DomainError[] {
  const errors: DomainError[] = [];
  if (!(call.closesAt.getTime() > call.opensAt.getTime())) errors.push(new DomainError('recruitment.closes_before_opens', {}, 'closesAt'));

  const keys = new Set<string>();
  call.questions.forEach((q, i) => {
    const at = `questions.${i}`;
    if (keys.has(q.key)) errors.push(new DomainError('recruitment.duplicate_key', { key: q.key }, `${at}.key`));
    keys.add(q.key);
    if (q.minLength !== undefined && q.maxLength !== undefined && q.minLength > q.maxLength) errors.push(new DomainError('recruitment.limits_inverted', {}, `${at}.maxLength`));
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) errors.push(new DomainError('recruitment.limits_inverted', {}, `${at}.max`));
    if (q.minDate !== undefined && q.maxDate !== undefined && q.minDate > q.maxDate) errors.push(new DomainError('recruitment.limits_inverted', {}, `${at}.maxDate`));
    if (q.minChoices !== undefined && q.maxChoices !== undefined && q.minChoices > q.maxChoices) errors.push(new DomainError('recruitment.limits_inverted', {}, `${at}.maxChoices`));
    for (const d of [q.minDate, q.maxDate]) if (d !== undefined && !isCalendarDay(d)) errors.push(new DomainError('recruitment.answer_date', {}, `${at}.minDate`));
    if (CHOICE_TYPES.includes(q.type)) {
      const values = (q.options ?? []).map((o) => o.value);
      if (values.length === 0) errors.push(new DomainError('recruitment.options_missing', {}, `${at}.options`));
      if (new Set(values).size !== values.length) errors.push(new DomainError('recruitment.duplicate_option', {}, `${at}.options`));
    } else if (q.options !== undefined && q.options.length > 0) {
      errors.push(new DomainError('recruitment.options_not_allowed', {}, `${at}.options`));
    }
  });

  const consentKeys = new Set<string>();
  call.consentItems.forEach((c, i) => {
    if (consentKeys.has(c.key)) errors.push(new DomainError('recruitment.duplicate_key', { key: c.key }, `consentItems.${i}.key`));
    consentKeys.add(c.key);
  });

  // Quotas count answers to a choice question, so selection can later tell who fills which quota.
  const minsByAttribute = new Map<string, number>();
  call.quotas.forEach((q, i) => {
    const question = call.questions.find((x) => x.key === q.attribute);
    if (!question || !CHOICE_TYPES.includes(question.type)) errors.push(new DomainError('recruitment.quota_attribute', { key: q.attribute }, `quotas.${i}.attribute`));
    else if (!(question.options ?? []).some((o) => o.value === q.value)) errors.push(new DomainError('recruitment.quota_value', { key: q.value }, `quotas.${i}.value`));
    if (q.min === undefined && q.max === undefined) errors.push(new DomainError('recruitment.quota_empty', {}, `quotas.${i}`));
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) errors.push(new DomainError('recruitment.limits_inverted', {}, `quotas.${i}.max`));
    const mins = (minsByAttribute.get(q.attribute) ?? 0) + (q.min ?? 0);
    minsByAttribute.set(q.attribute, mins);
    // Minimums of one attribute's values are disjoint groups: together they must fit the seats.
    if ((q.min ?? 0) > 0 && mins > call.capacity) errors.push(new DomainError('recruitment.quota_over_capacity', {}, `quotas.${i}.min`));
  });
  return errors;
}

function checkAnswer(q: Question, value: AnswerValue, at: string): DomainError | null {
  switch (q.type) {
    case 'short_text':
    case 'long_text':
    case 'organisation': {
      if (typeof value !== 'string') return new DomainError('recruitment.answer_type', {}, at);
      const length = [...value].length;
      if (length > textMax(q)) return new DomainError('recruitment.answer_too_long', { max: textMax(q) }, at);
      if (q.minLength !== undefined && length < q.minLength) return new DomainError('recruitment.answer_too_short', { min: q.minLength }, at);
      return null;
    }
    case 'single_choice':
    case 'sector':
      if (typeof value !== 'string') return new DomainError('recruitment.answer_type', {}, at);
      if (!(q.options ?? []).some((o) => o.value === value)) return new DomainError('recruitment.answer_choice', {}, at);
      return null;
    case 'multiple_choice': {
      if (!Array.isArray(value)) return new DomainError('recruitment.answer_type', {}, at);
      const allowed = new Set((q.options ?? []).map((o) => o.value));
      if (value.some((v) => !allowed.has(v)) || new Set(value).size !== value.length) return new DomainError('recruitment.answer_choice', {}, at);
      if (q.maxChoices !== undefined && value.length > q.maxChoices) return new DomainError('recruitment.answer_too_many', { max: q.maxChoices }, at);
      if (q.minChoices !== undefined && value.length < q.minChoices) return new DomainError('recruitment.answer_too_few', { min: q.minChoices }, at);
      return null;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return new DomainError('recruitment.answer_type', {}, at);
      if (q.integer && !Number.isInteger(value)) return new DomainError('recruitment.answer_integer', {}, at);
      if (q.min !== undefined && value < q.min) return new DomainError('recruitment.answer_too_small', { min: q.min }, at);
      if (q.max !== undefined && value > q.max) return new DomainError('recruitment.answer_too_large', { max: q.max }, at);
      return null;
    case 'date':
      if (typeof value !== 'string' || !isCalendarDay(value)) return new DomainError('recruitment.answer_date', {}, at);
      if (q.minDate !== undefined && value < q.minDate) return new DomainError('recruitment.answer_date_range', {}, at);
      if (q.maxDate !== undefined && value > q.maxDate) return new DomainError('recruitment.answer_date_range', {}, at);
      return null;
    case 'file':
      // The id of an uploaded file; whether it is this applicant's file for this question is the
      // use case's check (it needs the database).
      if (typeof value !== 'string' || !FILE_ID.test(value)) return new DomainError('recruitment.answer_file', {}, at);
      return null;
    default: {
      const never: never = q.type;
      void never;
      return new DomainError('recruitment.answer_type', {}, at);
    }
  }
}

const isBlank = (v: AnswerValue | undefined): boolean => v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/**
 * Field-level problems with `answers` (paths 'answers.<key>'). `complete` adds the required check:
 * drafts are saved with gaps, a submission is not.
 */
export function checkAnswers(questions: readonly Question[], answers: Answers, complete: boolean): DomainError[] {
  const errors: DomainError[] = [];
  const byKey = new Map(questions.map((q) => [q.key, q]));
  for (const key of Object.keys(answers)) if (!byKey.has(key)) errors.push(new DomainError('recruitment.answer_unknown', { key }, `answers.${key}`));
  for (const q of questions) {
    const value = answers[q.key];
    const at = `answers.${q.key}`;
    if (isBlank(value)) {
      if (complete && q.required) errors.push(new DomainError('recruitment.answer_required', {}, at));
      continue;
    }
    const problem = checkAnswer(q, value!, at);
    if (problem) errors.push(problem);
  }
  return errors;
}

/**
 * Problems with consents (paths 'consents.<key>'). Unknown keys are refused; with `complete`, every
 * required item must be granted. Optional items may be refused or left out: that never blocks.
 */
export function checkConsents(items: readonly ConsentItem[], consents: readonly ConsentGrant[], complete: boolean): DomainError[] {
  const errors: DomainError[] = [];
  const byKey = new Map(items.map((c) => [c.key, c]));
  const seen = new Set<string>();
  for (const c of consents) {
    if (!byKey.has(c.key)) errors.push(new DomainError('recruitment.consent_unknown', { key: c.key }, `consents.${c.key}`));
    if (seen.has(c.key)) errors.push(new DomainError('recruitment.duplicate_key', { key: c.key }, `consents.${c.key}`));
    seen.add(c.key);
  }
  if (complete) {
    for (const item of items) {
      if (item.required && !consents.some((c) => c.key === item.key && c.granted)) errors.push(new DomainError('recruitment.consent_required', {}, `consents.${item.key}`));
    }
  }
  return errors;
}

export type WindowState = 'before' | 'open' | 'after';

/** Open from `opensAt` (inclusive) until `closesAt` (exclusive): a deadline of 18:00 refuses 18:00:00. */
export function windowState(call: { opensAt: Date; closesAt: Date }, now: Date): WindowState {
  if (now.getTime() < call.opensAt.getTime()) return 'before';
  if (now.getTime() >= call.closesAt.getTime()) return 'after';
  return 'open';
}

/** Throws unless the call takes applications at `now`. */
export function assertWindowOpen(call: { status: string; opensAt: Date; closesAt: Date }, now: Date): void {
  if (call.status !== 'published') throw new DomainError('recruitment.call_closed');
  const state = windowState(call, now);
  if (state === 'before') throw new DomainError('recruitment.window_not_open');
  if (state === 'after') throw new DomainError('recruitment.window_closed');
}
