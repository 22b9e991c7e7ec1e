/**
 * Contracts of recruitment: calls for applications (staff editing, public reading) and a person's
 * own application. Inputs are strict: status, userId, consentVersion and timestamps are the
 * server's to set, so a client sending them gets 400 (mass assignment, ASVS 8.2.3).
 */
import { z } from 'zod';
import { LONG_TEXT_MAX, QUESTION_TYPES } from '../../core/recruitment/answers.js';
import { Id, LocalizedText, RequiredText, TEXT_MAX } from './common.js';
import { Paged, PageQueryFields, TextFilter } from './paging.js';

const Text = LocalizedText();
const LongText = LocalizedText(TEXT_MAX);
const DESCRIPTION_MAX = 10_000;

/** A machine key for a question, option, consent item or quota attribute. */
export const Key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'oc:errors.recruitment.key_format' });
const Instant = z.iso.datetime({ offset: true, message: 'oc:errors.recruitment.instant' });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'oc:errors.recruitment.answer_date' });
const Count = z.number().int().min(0).max(100_000);

export const ChoiceOption = z.strictObject({ value: Key, label: Text });

export const Question = z.strictObject({
  key: Key,
  type: z.enum(QUESTION_TYPES),
  required: z.boolean(),
  label: Text,
  help: LongText.optional(),
  minLength: z.number().int().min(0).max(LONG_TEXT_MAX).optional(),
  maxLength: z.number().int().min(1).max(LONG_TEXT_MAX).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional(),
  minDate: Day.optional(),
  maxDate: Day.optional(),
  options: z.array(ChoiceOption).max(100).optional(),
  minChoices: z.number().int().min(0).max(100).optional(),
  maxChoices: z.number().int().min(1).max(100).optional(),
});
export type QuestionT = z.infer<typeof Question>;

export const Quota = z.strictObject({ attribute: Key, value: Key, min: Count.optional(), max: Count.optional() });

/** One consent item as PIPA §15② asks: purpose, items collected, retention, and the right to refuse. */
export const ConsentItem = z.strictObject({ key: Key, required: z.boolean(), purpose: LongText, items: LongText, retention: LongText, refusal: LongText });

const WaitlistSize = z.number().int().min(0).max(100_000);

export const CallInput = z.strictObject({
  title: Text,
  description: LocalizedText(DESCRIPTION_MAX),
  eligibility: LongText.nullable().optional(),
  programme: RequiredText(200),
  /** ISO 8601 with an offset; the campus states times in Asia/Seoul (+09:00). */
  opensAt: Instant,
  closesAt: Instant,
  capacity: z.number().int().min(1).max(100_000),
  quotas: z.array(Quota).max(50).default([]),
  consentItems: z.array(ConsentItem).max(20).default([]),
  questions: z.array(Question).max(100).default([]),
  /** The cohort whose participants this call selects (a 'selection' cohort no other call fills); null = none yet. */
  cohortId: Id.nullable().optional(),
  /** How many ranked applicants beyond the selected are kept on the waitlist; null = everyone ranked. */
  waitlistSize: WaitlistSize.nullable().optional(),
});
export type CallInputT = z.infer<typeof CallInput>;

export const CallPatch = z.strictObject({
  title: Text.optional(),
  description: LocalizedText(DESCRIPTION_MAX).optional(),
  eligibility: LongText.nullable().optional(),
  programme: RequiredText(200).optional(),
  opensAt: Instant.optional(),
  closesAt: Instant.optional(),
  capacity: z.number().int().min(1).max(100_000).optional(),
  quotas: z.array(Quota).max(50).optional(),
  consentItems: z.array(ConsentItem).max(20).optional(),
  questions: z.array(Question).max(100).optional(),
  cohortId: Id.nullable().optional(),
  waitlistSize: WaitlistSize.nullable().optional(),
});
export type CallPatchT = z.infer<typeof CallPatch>;

export const CallStatus = z.enum(['draft', 'published', 'closed']);

/** What anyone may read about a published call: no quotas, no counts, nothing about applicants. */
export const PublicCallView = z.object({
  id: Id,
  title: Text,
  description: LocalizedText(DESCRIPTION_MAX),
  eligibility: LongText.nullable(),
  programme: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  timeZone: z.literal('Asia/Seoul'),
  capacity: z.number().int(),
  consentItems: z.array(ConsentItem),
  consentVersion: z.number().int(),
  questions: z.array(Question),
});
export type PublicCallViewT = z.infer<typeof PublicCallView>;

export const CallView = PublicCallView.extend({
  status: CallStatus,
  quotas: z.array(Quota),
  cohortId: Id.nullable(),
  waitlistSize: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CallViewT = z.infer<typeof CallView>;

export const AnswerValue = z.union([z.string().max(LONG_TEXT_MAX), z.number(), z.array(z.string().max(200)).max(100)]);
export const Answers = z.record(Key, AnswerValue);

export const ConsentGrant = z.strictObject({ key: Key, granted: z.boolean() });

/** Saving a draft (or editing a submitted application before the deadline): the whole form each time. */
export const ApplicationSave = z.strictObject({
  answers: Answers.default({}),
  consents: z.array(ConsentGrant).max(20).optional(),
});
export type ApplicationSaveT = z.infer<typeof ApplicationSave>;

export const ApplicationStatus = z.enum(['draft', 'submitted', 'withdrawn']);

export const MyApplicationView = z.object({
  id: Id,
  callId: Id,
  status: ApplicationStatus,
  answers: Answers,
  consents: z.array(ConsentGrant),
  consentVersion: z.number().int().nullable(),
  consentedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type MyApplicationViewT = z.infer<typeof MyApplicationView>;

export const ApplicationListItem = z.object({
  id: Id,
  userId: Id,
  name: z.string(),
  status: ApplicationStatus,
  consentVersion: z.number().int().nullable(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
/** `?q` matches the applicant's name or e-mail address; `?status` one state of the application. */
export const ApplicationQuery = z.strictObject({ ...PageQueryFields, q: TextFilter, status: ApplicationStatus.optional() });
export type ApplicationQueryT = z.infer<typeof ApplicationQuery>;
export const ApplicationList = Paged(ApplicationListItem).extend({
  /** Applications by state, over the whole call whatever the filters. */
  counts: z.record(ApplicationStatus, z.number().int()),
});
export type ApplicationListT = z.infer<typeof ApplicationList>;

/**
 * Why staff download applicants' personal data; kept in the access log with the ids exported
 * (security guide row 26). The export routes accept it as optional so an unknown call stays a 404,
 * then require it with `ApplicationExportRequest` before anything is read.
 */
export const ExportReason = z
  .string({ error: (issue) => (issue.input === undefined ? 'oc:errors.access_log.reason_required' : 'oc:errors.field.text') })
  .trim()
  .min(5, { message: 'oc:errors.access_log.reason_short' })
  .max(500, { message: 'oc:errors.access_log.reason_long' });
// Marked so the OpenAPI document shows it as required, which it is for every call that exists.
export const ApplicationExportQuery = z.strictObject({ reason: ExportReason.optional().meta({ 'x-required-after-lookup': true }) });
export const ApplicationExportRequest = z.strictObject({ reason: ExportReason });
export type ApplicationExportRequestT = z.infer<typeof ApplicationExportRequest>;
