/**
 * The call editor's steps: which fields each step holds, so a step saves only its own fields
 * (PATCH), a refusal opens the step of its field, and a step knows whether it has unsaved changes.
 */
import type { CallInputT } from '../../../src/shared/contracts/recruitment';
import type { Issues } from '../admin/form-errors';
import type { CallForm } from './call-form';

export const STEPS = ['basics', 'dates', 'questions', 'consent', 'quotas', 'cohort', 'review'] as const;
export type Step = (typeof STEPS)[number];

type Field = keyof CallInputT;

const FIELDS: Record<Step, Field[]> = {
  basics: ['title', 'description', 'eligibility', 'programme'],
  dates: ['opensAt', 'closesAt', 'capacity'],
  // Questions travel with the quotas: a renamed or removed question changes which quotas hold.
  questions: ['questions', 'quotas'],
  consent: ['consentItems'],
  quotas: ['quotas'],
  cohort: ['cohortId', 'waitlistSize'],
  review: [],
};

/** The step that shows a field path ('quotas.0.min' → quotas); basics for anything unknown. */
export function stepOf(path: string): Step {
  const field = path.split('.')[0] as Field;
  if (field === 'quotas') return 'quotas';
  return STEPS.find((s) => FIELDS[s].includes(field)) ?? 'basics';
}

/** The body a step saves. */
export function stepBody(step: Step, input: CallInputT): Partial<CallInputT> {
  const out: Partial<Record<Field, unknown>> = {};
  for (const f of FIELDS[step]) out[f] = input[f];
  return out as Partial<CallInputT>;
}

export function stepDirty(step: Step, input: CallInputT, saved: CallInputT | null): boolean {
  if (!saved) return FIELDS[step].length > 0;
  return JSON.stringify(stepBody(step, input)) !== JSON.stringify(stepBody(step, saved));
}

/** Only the problems of the given steps (a new call checks the steps it has passed). */
export function issuesOf(issues: Issues, steps: readonly Step[]): Issues {
  return Object.fromEntries(Object.entries(issues).filter(([path]) => steps.includes(stepOf(path))));
}

const FORM_FIELDS: Record<Step, (keyof CallForm)[]> = {
  basics: ['titleKo', 'titleEn', 'descriptionKo', 'descriptionEn', 'eligibilityKo', 'eligibilityEn', 'programme'],
  dates: ['opensAt', 'closesAt', 'capacity'],
  questions: ['questions', 'quotas'],
  consent: ['consentItems'],
  quotas: ['quotas'],
  cohort: ['cohortId', 'waitlistSize'],
  review: [],
};

/** The form after a step was saved: that step as the server now holds it (keys fixed), the rest as typed. */
export function mergeSaved(step: Step, form: CallForm, fromServer: CallForm): CallForm {
  const out: CallForm = { ...form };
  for (const f of FORM_FIELDS[step]) (out as unknown as Record<string, unknown>)[f] = fromServer[f];
  return out;
}
