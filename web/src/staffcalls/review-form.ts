/**
 * The review settings form (rubric with weighted bilingual criteria, scale, reviews per application,
 * blind review) and the reviewer profile form (organisation, sectors, topics, expertise, load), as
 * strings in and API bodies out, checked under the server's field paths.
 */
import type { ReviewerInviteT, ReviewerPatchT, ReviewerViewT, ReviewSettingsT, ReviewSettingsViewT } from '../../../src/shared/contracts/review';
import type { Issues } from '../admin/form-errors';
import { nextKey, newRowKey, parseNumber } from './call-form';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CriterionRow {
  rowKey: string;
  key: string;
  labelKo: string;
  labelEn: string;
  descriptionKo: string;
  descriptionEn: string;
  weight: string;
}

export interface SettingsForm {
  scaleMin: string;
  scaleMax: string;
  reviewsPerApplication: string;
  blindReview: boolean;
  criteria: CriterionRow[];
}

export function emptyCriterion(taken: readonly string[]): CriterionRow {
  return { rowKey: newRowKey('criterion'), key: nextKey('criterion_', taken), labelKo: '', labelEn: '', descriptionKo: '', descriptionEn: '', weight: '1' };
}

export function settingsFormFromView(view: ReviewSettingsViewT): SettingsForm {
  return {
    scaleMin: String(view.rubric?.scaleMin ?? 1),
    scaleMax: String(view.rubric?.scaleMax ?? 5),
    reviewsPerApplication: String(view.reviewsPerApplication),
    blindReview: view.blindReview,
    criteria: (view.rubric?.criteria ?? []).map((c) => ({
      rowKey: newRowKey('criterion'),
      key: c.key,
      labelKo: c.label.ko,
      labelEn: c.label.en ?? '',
      descriptionKo: c.description?.ko ?? '',
      descriptionEn: c.description?.en ?? '',
      weight: String(c.weight),
    })),
  };
}

function text(ko: string, en: string): { ko: string; en?: string } {
  const e = en.trim();
  return e === '' ? { ko: ko.trim() } : { ko: ko.trim(), en: e };
}

/** The PUT body. No criteria means no rubric yet (the server needs at least one criterion in a rubric). */
export function settingsFormToInput(form: SettingsForm): ReviewSettingsT {
  return {
    rubric:
      form.criteria.length === 0
        ? null
        : {
            scaleMin: parseNumber(form.scaleMin) ?? Number.NaN,
            scaleMax: parseNumber(form.scaleMax) ?? Number.NaN,
            criteria: form.criteria.map((c) => ({
              key: c.key.trim(),
              label: text(c.labelKo, c.labelEn),
              ...(c.descriptionKo.trim() || c.descriptionEn.trim() ? { description: text(c.descriptionKo, c.descriptionEn) } : {}),
              weight: parseNumber(c.weight) ?? Number.NaN,
            })),
          },
    reviewsPerApplication: parseNumber(form.reviewsPerApplication) ?? Number.NaN,
    blindReview: form.blindReview,
  };
}

function checkInt(issues: Issues, path: string, value: string, min: number, max: number): void {
  const n = parseNumber(value);
  if (value.trim() === '') issues[path] = { key: 'staffcalls:errors.required' };
  else if (n === undefined) issues[path] = { key: 'staffcalls:errors.number' };
  else if (!Number.isInteger(n)) issues[path] = { key: 'staffcalls:errors.integer' };
  else if (n < min) issues[path] = { key: 'staffcalls:errors.atLeast', params: { min } };
  else if (n > max) issues[path] = { key: 'staffcalls:errors.atMost', params: { max } };
}

export function validateSettingsForm(form: SettingsForm): Issues {
  const issues: Issues = {};
  checkInt(issues, 'reviewsPerApplication', form.reviewsPerApplication, 1, 20);
  if (form.criteria.length === 0) return issues;
  checkInt(issues, 'rubric.scaleMin', form.scaleMin, 0, 100);
  checkInt(issues, 'rubric.scaleMax', form.scaleMax, 0, 100);
  const lo = parseNumber(form.scaleMin);
  const hi = parseNumber(form.scaleMax);
  if (!issues['rubric.scaleMin'] && !issues['rubric.scaleMax'] && lo !== undefined && hi !== undefined && lo >= hi) issues['rubric.scaleMax'] = { key: 'staffcalls:errors.scaleOrder' };
  if (form.criteria.length > 30) issues['rubric.criteria'] = { key: 'staffcalls:errors.tooMany', params: { max: 30 } };
  const seen = new Set<string>();
  form.criteria.forEach((c, i) => {
    const at = `rubric.criteria.${i}`;
    const key = c.key.trim();
    if (key === '') issues[`${at}.key`] = { key: 'staffcalls:errors.required' };
    else if (!KEY.test(key)) issues[`${at}.key`] = { key: 'staffcalls:errors.key' };
    else if (seen.has(key)) issues[`${at}.key`] = { key: 'staffcalls:errors.duplicateKey', params: { key } };
    seen.add(key);
    if (c.labelKo.trim() === '') issues[`${at}.label.ko`] = { key: 'staffcalls:errors.required' };
    else if (c.labelKo.trim().length > 300) issues[`${at}.label.ko`] = { key: 'staffcalls:errors.tooLong', params: { max: 300 } };
    if (c.labelEn.trim().length > 300) issues[`${at}.label.en`] = { key: 'staffcalls:errors.tooLong', params: { max: 300 } };
    if (c.descriptionEn.trim() !== '' && c.descriptionKo.trim() === '') issues[`${at}.description.ko`] = { key: 'staffcalls:errors.required' };
    const w = parseNumber(c.weight);
    if (c.weight.trim() === '') issues[`${at}.weight`] = { key: 'staffcalls:errors.required' };
    else if (w === undefined) issues[`${at}.weight`] = { key: 'staffcalls:errors.number' };
    else if (w <= 0 || w > 100) issues[`${at}.weight`] = { key: 'staffcalls:errors.weight' };
  });
  return issues;
}

/** Each criterion's share of the total, in percent, for the preview next to the weights. */
export function weightShares(criteria: readonly CriterionRow[]): (number | null)[] {
  const weights = criteria.map((c) => parseNumber(c.weight));
  const valid = weights.every((w) => w !== undefined && w > 0);
  const sum = weights.reduce<number>((s, w) => s + (w ?? 0), 0);
  return weights.map((w) => (valid && sum > 0 && w !== undefined ? Math.round((w / sum) * 1000) / 10 : null));
}

// ---- reviewers ----

export interface ReviewerForm {
  email: string;
  organisation: string;
  sectors: string[];
  /** Comma- or line-separated. */
  topics: string;
  expertise: string;
  load: string;
}

export function emptyReviewerForm(): ReviewerForm {
  return { email: '', organisation: '', sectors: [], topics: '', expertise: '', load: '10' };
}

export function reviewerFormFromView(r: ReviewerViewT): ReviewerForm {
  return { email: r.email, organisation: r.organisation ?? '', sectors: [...r.sectors], topics: r.topics.join(', '), expertise: r.expertise.join(', '), load: String(r.load) };
}

/** "housing, energy\ncare" → ['housing', 'energy', 'care']: trimmed, without blanks or repeats. */
export function parseTags(value: string): string[] {
  const out: string[] = [];
  for (const raw of value.split(/[,\n;，、]/)) {
    const tag = raw.trim();
    if (tag !== '' && !out.includes(tag)) out.push(tag);
  }
  return out;
}

export function reviewerFormToInvite(form: ReviewerForm): ReviewerInviteT {
  const organisation = form.organisation.trim();
  return {
    email: form.email.trim(),
    organisation: organisation === '' ? null : organisation,
    sectors: form.sectors,
    topics: parseTags(form.topics),
    expertise: parseTags(form.expertise),
    load: parseNumber(form.load) ?? Number.NaN,
  };
}

export function reviewerFormToPatch(form: ReviewerForm): ReviewerPatchT {
  const { email: _email, ...rest } = reviewerFormToInvite(form);
  void _email;
  return rest;
}

export function validateReviewerForm(form: ReviewerForm, withEmail: boolean): Issues {
  const issues: Issues = {};
  if (withEmail) {
    if (form.email.trim() === '') issues.email = { key: 'staffcalls:errors.required' };
    else if (!EMAIL.test(form.email.trim())) issues.email = { key: 'staffcalls:errors.email' };
  }
  if (form.organisation.trim().length > 200) issues.organisation = { key: 'staffcalls:errors.tooLong', params: { max: 200 } };
  for (const field of ['topics', 'expertise'] as const) {
    const tags = parseTags(form[field]);
    if (tags.length > 50) issues[field] = { key: 'staffcalls:errors.tooMany', params: { max: 50 } };
    else if (tags.some((t) => t.length > 100)) issues[field] = { key: 'staffcalls:errors.tagTooLong', params: { max: 100 } };
  }
  checkInt(issues, 'load', form.load, 0, 1000);
  return issues;
}
