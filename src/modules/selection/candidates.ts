/**
 * From a call's submitted applications and calibrated reviews to the selection core's candidates.
 * Pure (no I/O), so the mapping from answers to quota attributes is tested on its own.
 *
 * Attributes: `sector` is the answer to the call's sector question (the question keyed `sector`,
 * else the first of type 'sector'); every other quota attribute is the answer to the question
 * whose key equals it. Only single answers (text, a choice, a number) can hold a quota value; a
 * multiple-choice answer holds several and is left out, so it counts towards no quota.
 */
import type { Answers, Question, Quota } from '../../core/recruitment/answers.js';
import type { Calibration } from '../../core/recruitment/calibration.js';
import type { Candidate } from '../../core/recruitment/selection.js';

export interface ScoredApplication {
  readonly id: string;
  readonly answers: Answers;
}

/** Per application: what the run saw besides the calibrated score, shown in its explanations. */
export interface Scoring {
  readonly rawMean: number;
  readonly reviews: number;
}

export interface CandidatePool {
  readonly candidates: Candidate[];
  /** Submitted applications without a submitted review: listed, not ranked. */
  readonly notScored: string[];
  readonly scoring: Record<string, Scoring>;
}

/** The question an attribute is read from (see the file comment). */
export function attributeQuestion(questions: readonly Question[], attribute: string): Question | undefined {
  const byKey = questions.find((q) => q.key === attribute);
  if (byKey) return byKey;
  return attribute === 'sector' ? questions.find((q) => q.type === 'sector') : undefined;
}

function singleValue(value: Answers[string] | undefined): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function attributesOf(questions: readonly Question[], quotas: readonly Quota[], answers: Answers): Record<string, string> {
  const names = new Set<string>(['sector', ...quotas.map((q) => q.attribute)]);
  const out: Record<string, string> = {};
  for (const attribute of [...names].sort()) {
    const question = attributeQuestion(questions, attribute);
    const value = question ? singleValue(answers[question.key]) : undefined;
    if (value !== undefined) out[attribute] = value;
  }
  return out;
}

export function buildCandidatePool(call: { questions: readonly Question[]; quotas: readonly Quota[] }, applications: readonly ScoredApplication[], calibration: Calibration): CandidatePool {
  const byId = new Map(calibration.applications.map((a) => [a.applicationId, a]));
  const candidates: Candidate[] = [];
  const notScored: string[] = [];
  const scoring: Record<string, Scoring> = {};
  for (const app of applications) {
    const cal = byId.get(app.id);
    if (!cal || cal.reviews === 0) {
      notScored.push(app.id);
      continue;
    }
    candidates.push({ id: app.id, score: cal.calibrated, attributes: attributesOf(call.questions, call.quotas, app.answers) });
    scoring[app.id] = { rawMean: cal.rawMean, reviews: cal.reviews };
  }
  return { candidates, notScored, scoring };
}

// jsonb does not keep key order, so attributes are compared key by key.
function sameAttributes(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Same candidates with the same scores (to a millionth) and the same unscored applications. */
export function samePool(a: Pick<CandidatePool, 'candidates' | 'notScored'>, b: Pick<CandidatePool, 'candidates' | 'notScored'>): boolean {
  if (a.candidates.length !== b.candidates.length) return false;
  const scores = new Map(b.candidates.map((c) => [c.id, c]));
  for (const c of a.candidates) {
    const other = scores.get(c.id);
    if (!other || Math.abs(other.score - c.score) > 1e-6 || !sameAttributes(other.attributes, c.attributes)) return false;
  }
  const unscored = new Set(b.notScored);
  return a.notScored.length === b.notScored.length && a.notScored.every((id) => unscored.has(id));
}
