/**
 * The budget line editor's form: text inputs in, the API body out. Checks here mirror the server's
 * (src/core/budget) so most mistakes are caught before a round trip, under the same field paths.
 */
import { MAX_FACTOR_VALUE, MAX_FACTORS, formulaWithResult, type BudgetLineKind } from '../../../src/core/budget/budget';
import { MAX_KRW, groupDigits } from '../../../src/core/budget/money';
import type { Lang } from '../../../src/core/shared/localized';
import type { BudgetLineInputT, BudgetLinePatchT, BudgetLineViewT, SpendingInputT } from '../../../src/shared/contracts/plan';
import type { Issue, Issues } from './form-errors';

export type Parsed = { ok: true; value: number } | { ok: false; issue: Issue };

/**
 * Reads a whole, non-negative number as people type it: "130,000" and "130 000" are 130000.
 * Anything else comes back as the reason it is not acceptable.
 */
export function parseWhole(text: string, max: number): Parsed {
  const cleaned = text.replace(/[,\s]/g, '');
  if (cleaned === '') return { ok: false, issue: { key: 'errors.required' } };
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return { ok: false, issue: { key: 'errors.notNumber' } };
  const n = Number(cleaned);
  if (n < 0) return { ok: false, issue: { key: 'errors.negative' } };
  if (!Number.isInteger(n)) return { ok: false, issue: { key: 'errors.notInteger' } };
  if (n > max) return { ok: false, issue: { key: 'errors.tooLarge', params: { max: groupDigits(max) } } };
  return { ok: true, value: n };
}

export interface FactorRow {
  /** Stable React key for the row; never sent. */
  rowKey: string;
  value: string;
  unitKo: string;
  unitEn: string;
  unitEnOne: string;
}

export interface LineForm {
  titleKo: string;
  titleEn: string;
  kind: BudgetLineKind;
  /** Won, as typed. */
  amount: string;
  /** Won, as typed. */
  unitPrice: string;
  factors: FactorRow[];
}

let rowSeq = 0;
export function newRowKey(): string {
  rowSeq += 1;
  return `row-${rowSeq}`;
}

export function emptyFactor(): FactorRow {
  return { rowKey: newRowKey(), value: '', unitKo: '', unitEn: '', unitEnOne: '' };
}

export function emptyLineForm(kind: BudgetLineKind = 'fixed'): LineForm {
  return { titleKo: '', titleEn: '', kind, amount: '', unitPrice: '', factors: kind === 'formula' ? [emptyFactor()] : [] };
}

export function lineFormFromView(line: BudgetLineViewT): LineForm {
  return {
    titleKo: line.title.ko,
    titleEn: line.title.en ?? '',
    kind: line.kind,
    amount: line.kind === 'fixed' ? groupDigits(line.planned) : '',
    unitPrice: line.unitPrice !== null ? groupDigits(line.unitPrice) : '',
    factors: line.factors.map((f) => ({ rowKey: newRowKey(), value: groupDigits(f.value), unitKo: f.unit.ko, unitEn: f.unit.en, unitEnOne: f.unit.enOne ?? '' })),
  };
}

/** Switching kind keeps what was typed, and gives a new formula one empty factor row to start from. */
export function withKind(form: LineForm, kind: BudgetLineKind): LineForm {
  return { ...form, kind, factors: kind === 'formula' && form.factors.length === 0 ? [emptyFactor()] : form.factors };
}

function requireText(issues: Issues, path: string, value: string, max: number): void {
  const v = value.trim();
  if (v === '') issues[path] = { key: 'errors.required' };
  else if (v.length > max) issues[path] = { key: 'errors.tooLong', params: { max } };
}

function optionalText(issues: Issues, path: string, value: string, max: number): void {
  if (value.trim().length > max) issues[path] = { key: 'errors.tooLong', params: { max } };
}

/** Problems with the form, keyed by the paths the server uses. Empty when it can be sent. */
export function validateLineForm(form: LineForm): Issues {
  const issues: Issues = {};
  requireText(issues, 'title.ko', form.titleKo, 300);
  optionalText(issues, 'title.en', form.titleEn, 300);
  if (form.kind === 'fixed') {
    const amount = parseWhole(form.amount, MAX_KRW);
    if (!amount.ok) issues.amount = amount.issue;
  }
  if (form.kind === 'formula') {
    const price = parseWhole(form.unitPrice, MAX_KRW);
    if (!price.ok) issues.unitPrice = price.issue;
    if (form.factors.length === 0) issues.factors = { key: 'errors.factorsRequired' };
    if (form.factors.length > MAX_FACTORS) issues.factors = { key: 'errors.tooManyFactors', params: { max: MAX_FACTORS } };
    form.factors.forEach((f, i) => {
      const value = parseWhole(f.value, MAX_FACTOR_VALUE);
      if (!value.ok) issues[`factors.${i}.value`] = value.issue;
      requireText(issues, `factors.${i}.unit.ko`, f.unitKo, 20);
      requireText(issues, `factors.${i}.unit.en`, f.unitEn, 30);
      optionalText(issues, `factors.${i}.unit.enOne`, f.unitEnOne, 30);
    });
    if (!issues.unitPrice && !issues.factors && !form.factors.some((_, i) => issues[`factors.${i}.value`]) && formulaTotal(form) === null) {
      issues.factors = { key: 'errors.tooLarge', params: { max: groupDigits(MAX_KRW) } };
    }
  }
  return issues;
}

function title(ko: string, en: string): { ko: string; en?: string } {
  const e = en.trim();
  return e === '' ? { ko: ko.trim() } : { ko: ko.trim(), en: e };
}

function factorsOf(form: LineForm): NonNullable<BudgetLinePatchT['factors']> {
  return form.factors.map((f) => {
    const one = f.unitEnOne.trim();
    const unit = one === '' ? { ko: f.unitKo.trim(), en: f.unitEn.trim() } : { ko: f.unitKo.trim(), en: f.unitEn.trim(), enOne: one };
    return { value: Number(f.value.replace(/[,\s]/g, '')), unit };
  });
}

const won = (text: string) => Number(text.replace(/[,\s]/g, ''));

/** The PATCH body: the title, the kind, and only the numbers that kind uses. Call after validateLineForm. */
export function lineFormToPatch(form: LineForm): BudgetLinePatchT {
  const base = { title: title(form.titleKo, form.titleEn), kind: form.kind };
  switch (form.kind) {
    case 'group':
      return base;
    case 'fixed':
      return { ...base, amount: won(form.amount) };
    case 'formula':
      return { ...base, unitPrice: won(form.unitPrice), factors: factorsOf(form) };
  }
}

/** The POST body for a new line under `parentId` (null: a top-level line), appended after its siblings. */
export function lineFormToInput(form: LineForm, parentId: string | null): BudgetLineInputT {
  return { parentId, ...lineFormToPatch(form), title: title(form.titleKo, form.titleEn), kind: form.kind };
}

/** The formula's total in won, or null while a number is missing or the product is out of range. */
export function formulaTotal(form: Pick<LineForm, 'unitPrice' | 'factors'>): number | null {
  const price = parseWhole(form.unitPrice, MAX_KRW);
  if (!price.ok || form.factors.length === 0) return null;
  let product = BigInt(price.value);
  for (const f of form.factors) {
    const v = parseWhole(f.value, MAX_FACTOR_VALUE);
    if (!v.ok) return null;
    product *= BigInt(v.value);
  }
  return product > BigInt(MAX_KRW) ? null : Number(product);
}

/**
 * The live preview under the formula editor, as the plan writes it:
 * "130,000원 × 3일 × 30명 × 1회 = 11,700". Null while the numbers are incomplete.
 */
export function formulaPreview(form: Pick<LineForm, 'unitPrice' | 'factors'>, lang: Lang): string | null {
  if (formulaTotal(form) === null) return null;
  const factors = form.factors.map((f) => ({
    value: Number(f.value.replace(/[,\s]/g, '')),
    unit: { ko: f.unitKo.trim(), en: f.unitEn.trim(), enOne: f.unitEnOne.trim() || undefined },
  }));
  return formulaWithResult(Number(form.unitPrice.replace(/[,\s]/g, '')), factors, lang);
}

// ---- spending ----

export interface SpendingForm {
  amount: string;
  spentOn: string;
  descriptionKo: string;
  descriptionEn: string;
}

export function emptySpendingForm(today: string): SpendingForm {
  return { amount: '', spentOn: today, descriptionKo: '', descriptionEn: '' };
}

/** True for a real calendar day written YYYY-MM-DD (2020-02-30 is not). */
export function isIsoDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function validateSpendingForm(form: SpendingForm): Issues {
  const issues: Issues = {};
  const amount = parseWhole(form.amount, MAX_KRW);
  if (!amount.ok) issues.amount = amount.issue;
  if (form.spentOn.trim() === '') issues.spentOn = { key: 'errors.required' };
  else if (!isIsoDay(form.spentOn.trim())) issues.spentOn = { key: 'errors.isoDay' };
  requireText(issues, 'description.ko', form.descriptionKo, 500);
  optionalText(issues, 'description.en', form.descriptionEn, 500);
  return issues;
}

export function spendingFormToInput(form: SpendingForm): SpendingInputT {
  return { amount: won(form.amount), spentOn: form.spentOn.trim(), description: title(form.descriptionKo, form.descriptionEn) };
}
