/**
 * What the assignment knows about each side, read from the call's form and the reviewer rows:
 * an applicant's organisation is the answer to the call's 'organisation' question, their sector
 * the answer to its 'sector' question, their topics the options picked in a multiple-choice
 * question keyed 'topics' (when the call has one). The first question of each type counts.
 */
import type { ApplicationProfile, ReviewerProfile } from '../../core/assignment/affinity.js';
import type { Answers, Question } from '../../core/recruitment/answers.js';
import type { ReviewerRow } from './repository.js';

export const TOPICS_KEY = 'topics';

export interface FormKeys {
  organisation: string | null;
  sector: string | null;
  topics: string | null;
}

export function formKeys(questions: readonly Question[]): FormKeys {
  const first = (type: Question['type']) => questions.find((q) => q.type === type)?.key ?? null;
  const topics = questions.find((q) => q.key === TOPICS_KEY && q.type === 'multiple_choice');
  return { organisation: first('organisation'), sector: first('sector'), topics: topics ? topics.key : null };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export function applicantOrganisation(keys: FormKeys, answers: Answers): string | null {
  return keys.organisation ? text(answers[keys.organisation]) : null;
}

export function applicantSector(keys: FormKeys, answers: Answers): string | null {
  return keys.sector ? text(answers[keys.sector]) : null;
}

export function applicationProfile(keys: FormKeys, app: { id: string; answers: Answers }, email: string): ApplicationProfile {
  const topics = keys.topics ? app.answers[keys.topics] : undefined;
  return {
    id: app.id,
    email,
    organisation: applicantOrganisation(keys, app.answers),
    sector: applicantSector(keys, app.answers),
    topics: Array.isArray(topics) ? topics : [],
  };
}

/** A reviewer as the assignment sees them; `load` may be reduced by reviews kept from before. */
export function reviewerProfile(r: ReviewerRow, load = r.load): ReviewerProfile {
  return {
    id: r.id,
    email: r.email,
    organisation: r.organisation,
    declaredConflicts: r.declaredConflicts,
    sectors: r.sectors,
    topics: r.topics,
    expertise: r.expertise,
    load,
  };
}
