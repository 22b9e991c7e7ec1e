/**
 * Words for the selection core's codes: infeasibility reasons (errors.selection.*), quota bindings
 * (selection.binding.*) and one sentence per applicant (selection.explain.*), always in Korean and
 * English, from locales/{ko,en}/server.json. Quotas are named by the call's own question and
 * option labels ("분야: 공공" / "Sector: Public sector"), not by machine keys.
 */
import type { Question } from '../../core/recruitment/answers.js';
import type { Binding, Explanation, Quota, SelectionReason } from '../../core/recruitment/selection.js';
import { LANGS, pickText, type Lang } from '../../core/shared/localized.js';
import { translate } from '../../shared/i18n/server-messages.js';
import type { BilingualTextT } from '../../shared/contracts/selection.js';
import { attributeQuestion } from './candidates.js';

type Params = Record<string, string | number>;

export interface ExplainContext {
  readonly questions: readonly Question[];
  readonly quotas: readonly Quota[];
  /** Applicant names by application id (null when anonymised). */
  readonly names: ReadonlyMap<string, string | null>;
}

export function bilingual(key: string, params: (lang: Lang) => Params = () => ({})): BilingualTextT {
  const [ko, en] = LANGS.map((lang) => translate(lang, key, params(lang)));
  return { ko: ko!, en: en! };
}

/** Two decimals: scores are on a 0..100 scale and quantised to 0.01 by the model. */
export const fmt = (n: number): string => n.toFixed(2);

export function attributeLabel(questions: readonly Question[], attribute: string, lang: Lang): string {
  const q = attributeQuestion(questions, attribute);
  return q ? pickText(q.label, lang).text : attribute;
}

export function valueLabel(questions: readonly Question[], attribute: string, value: string, lang: Lang): string {
  const option = attributeQuestion(questions, attribute)?.options?.find((o) => o.value === value);
  return option ? pickText(option.label, lang).text : value;
}

export function quotaLabel(questions: readonly Question[], attribute: string, value: string, lang: Lang): string {
  return translate(lang, 'selection.quota_label', { attribute: attributeLabel(questions, attribute, lang), value: valueLabel(questions, attribute, value, lang) });
}

/** The params of a core reason, with quota, attribute and applicant named for people. */
function reasonParams(ctx: ExplainContext, reason: SelectionReason, lang: Lang): Params {
  const p: Params = { ...reason.params };
  const { quotaIndex, attribute, value, id, quotas } = reason.params;
  if (typeof quotaIndex === 'number') {
    const q = ctx.quotas[quotaIndex];
    if (q) p.quota = quotaLabel(ctx.questions, q.attribute, q.value, lang);
  } else if (typeof attribute === 'string' && typeof value === 'string') {
    p.quota = quotaLabel(ctx.questions, attribute, value, lang);
  }
  if (typeof attribute === 'string') p.attribute = attributeLabel(ctx.questions, attribute, lang);
  if (typeof id === 'string') p.name = ctx.names.get(id) ?? translate(lang, 'selection.unknown_applicant');
  if (typeof quotas === 'string') {
    p.quotas = quotas
      .split(',')
      .filter((s) => s !== '')
      .map((i) => ctx.quotas[Number(i)])
      .flatMap((q) => (q ? [quotaLabel(ctx.questions, q.attribute, q.value, lang)] : []))
      .join(', ');
  }
  if (reason.code === 'solution_violates_constraints' && typeof reason.params.constraint === 'string') {
    p.constraint = translate(lang, `selection.constraint.${reason.params.constraint}`);
  }
  return p;
}

export function reasonText(ctx: ExplainContext, reason: SelectionReason): BilingualTextT {
  return bilingual(`errors.selection.${reason.code}`, (lang) => reasonParams(ctx, reason, lang));
}

export function bindingText(ctx: ExplainContext, binding: Binding): BilingualTextT {
  return bilingual(`selection.binding.${binding.code}`, (lang) => ({
    quota: binding.attribute !== undefined && binding.value !== undefined ? quotaLabel(ctx.questions, binding.attribute, binding.value, lang) : '',
    limit: binding.limit ?? 0,
    count: binding.count ?? 0,
  }));
}

/** One sentence about the applicant's place, then one per binding quota or lock. */
export function applicantExplanation(ctx: ExplainContext, e: Explanation, cutScore: number | null): BilingualTextT {
  // A locked-in person may sit below the cut, and someone a maximum kept out may score above it.
  let key: string;
  if (e.status === 'excluded') key = 'selection.explain.excluded';
  else if (cutScore === null || e.margin === null) key = `selection.explain.${e.status}_no_cut`;
  else if (e.status === 'selected') key = e.margin >= 0 ? 'selection.explain.selected' : 'selection.explain.selected_below_cut';
  else key = e.margin < 0 ? 'selection.explain.waitlisted' : 'selection.explain.waitlisted_above_cut';
  const head = bilingual(key, () => ({
    rank: e.rank,
    score: fmt(e.score),
    cut: cutScore === null ? '' : fmt(cutScore),
    margin: fmt(Math.abs(e.margin ?? 0)),
    position: e.waitlistPosition ?? 0,
  }));
  const parts = e.bindings.map((b) => bindingText(ctx, b));
  return { ko: [head.ko, ...parts.map((p) => p.ko)].join(' '), en: [head.en, ...parts.map((p) => p.en)].join(' ') };
}
