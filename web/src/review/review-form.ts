/**
 * The logic of the reviewer's and applicant's pages, apart from React so it is tested on its own:
 * the score scale, what is still missing before a review can be submitted, the body of a draft,
 * assignments grouped by call, answers as they are shown, and an application's outcome in words.
 */
import type { LocalizedText } from '../../../src/core/shared/localized';
import type { MyReviewListT, ReviewDraftT, RubricT } from '../../../src/shared/contracts/review';
import type { QuestionT } from '../../../src/shared/contracts/recruitment';
import type { MyApplicationSummaryT } from '../../../src/shared/contracts/selection';

/** Every point of the rubric's inclusive integer scale, lowest first. */
export function scaleValues(rubric: Pick<RubricT, 'scaleMin' | 'scaleMax'>): number[] {
  const out: number[] = [];
  for (let v = rubric.scaleMin; v <= rubric.scaleMax; v++) out.push(v);
  return out;
}

/** Keys of criteria without a score on the scale, in rubric order: what blocks a submission. */
export function missingCriteria(rubric: Pick<RubricT, 'scaleMin' | 'scaleMax' | 'criteria'>, scores: Readonly<Record<string, number | undefined>>): string[] {
  return rubric.criteria
    .filter((c) => {
      const s = scores[c.key];
      return s === undefined || !Number.isInteger(s) || s < rubric.scaleMin || s > rubric.scaleMax;
    })
    .map((c) => c.key);
}

export interface ReviewFormState {
  scores: Record<string, number | undefined>;
  comments: Record<string, string>;
  comment: string;
}

/** A draft as the server takes it: only the criteria scored and the comments written. */
export function draftBody(rubric: Pick<RubricT, 'criteria'>, state: ReviewFormState): ReviewDraftT {
  const scores: Record<string, number> = {};
  const comments: Record<string, string> = {};
  for (const c of rubric.criteria) {
    const s = state.scores[c.key];
    if (s !== undefined) scores[c.key] = s;
    const text = state.comments[c.key]?.trim() ?? '';
    if (text !== '') comments[c.key] = text;
  }
  const comment = state.comment.trim();
  return { scores, comments, comment: comment === '' ? null : comment };
}

/** The reviewer's form filled from what the server holds (nothing yet: an empty form). */
export function formFromReview(review: { scores: Record<string, number>; comments: Record<string, string>; comment: string | null } | null): ReviewFormState {
  return { scores: { ...(review?.scores ?? {}) }, comments: { ...(review?.comments ?? {}) }, comment: review?.comment ?? '' };
}

export type MyReview = MyReviewListT['reviews'][number];

export interface CallGroup {
  callId: string;
  callTitle: LocalizedText;
  /** Each with its 1-based number within the call, which names it when review is blind. */
  items: { review: MyReview; number: number }[];
}

/** Assignments grouped by call, calls and applications in the order the server gives. */
export function groupByCall(reviews: readonly MyReview[]): CallGroup[] {
  const groups = new Map<string, CallGroup>();
  for (const review of reviews) {
    let group = groups.get(review.callId);
    if (!group) {
      group = { callId: review.callId, callTitle: review.callTitle, items: [] };
      groups.set(review.callId, group);
    }
    group.items.push({ review, number: group.items.length + 1 });
  }
  return [...groups.values()];
}

/** How far one call's reviews are: submitted of assigned. */
export function progress(group: CallGroup): { submitted: number; total: number } {
  return { submitted: group.items.filter((i) => i.review.status === 'submitted').length, total: group.items.length };
}

export interface FileInfo {
  id: string;
  name: string;
  size: number;
}

/** One answer as the reader sees it; choice values become their option labels. */
export type AnswerDisplay =
  | { kind: 'none' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: string }
  | { kind: 'choices'; labels: (LocalizedText | string)[] }
  | { kind: 'file'; file: FileInfo | null; id: string };

export function answerDisplay(question: QuestionT, value: string | number | readonly string[] | undefined, files: readonly (FileInfo & { questionKey?: string })[]): AnswerDisplay {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return { kind: 'none' };
  const label = (v: string) => question.options?.find((o) => o.value === v)?.label ?? v;
  switch (question.type) {
    case 'short_text':
    case 'long_text':
    case 'organisation':
      return { kind: 'text', text: typeof value === 'object' ? value.join(', ') : String(value) };
    case 'number':
      return typeof value === 'number' ? { kind: 'number', value } : { kind: 'text', text: typeof value === 'object' ? value.join(', ') : value };
    case 'date':
      return { kind: 'date', value: typeof value === 'object' ? value.join(', ') : String(value) };
    case 'single_choice':
    case 'sector':
    case 'multiple_choice':
      return { kind: 'choices', labels: (typeof value === 'object' ? value : [String(value)]).map((v) => label(v)) };
    case 'file': {
      const id = typeof value === 'object' ? (value[0] ?? '') : String(value);
      const file = files.find((f) => f.id === id) ?? null;
      return { kind: 'file', file, id };
    }
  }
}

export type Outcome = MyApplicationSummaryT['outcome'];

/** The i18n key (review namespace) for where an application stands: the outcome once known, else its status. */
export function standingKey(app: Pick<MyApplicationSummaryT, 'status' | 'outcome' | 'waitlistPosition'>): string {
  switch (app.outcome) {
    case 'selected':
      return 'applications.outcome.selected';
    case 'waitlisted':
      return app.waitlistPosition !== null ? 'applications.outcome.waitlistedAt' : 'applications.outcome.waitlisted';
    case 'not_selected':
      return 'applications.outcome.notSelected';
    case 'declined':
      return 'applications.outcome.declined';
    case null:
      return `applications.status.${app.status}`;
  }
}

/** "urban policy, housing ,, data" → ['urban policy', 'housing', 'data']: tags typed as one line, commas between (also Korean 、 and ，). */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,，、]/)) {
    const tag = raw.trim();
    if (tag === '' || seen.has(tag)) continue;
    seen.add(tag);
    out.push(tag);
  }
  return out;
}
