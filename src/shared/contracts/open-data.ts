/**
 * Open data (docs/adr/0014-open-data-licence.md): the public datasets a city can republish on its open-data portal,
 * as JSON (these schemas) and CSV (the same records, one column per field and language), and the
 * catalogue that lists them. Every document carries its licence, publisher and the time its data
 * last changed, so a copy taken from the portal still says what may be done with it.
 *
 * The shapes are part of the public API: fields are added, never renamed or removed. Text is
 * `{ ko, en }` with `en: null` where no English was written; amounts are integer won; dates are the
 * plan's own precision ('2020-06' or '2020-06-15'); instants are ISO 8601 in UTC.
 */
import { z } from 'zod';

export const OPEN_DATASETS = ['plan', 'schedule', 'budget', 'calls', 'courses'] as const;
export const DatasetId = z.enum(OPEN_DATASETS, { message: 'oc:errors.open_data.dataset' });
export type DatasetIdT = z.infer<typeof DatasetId>;

export const DatasetParams = z.strictObject({ dataset: DatasetId });

/** Bilingual text as published: English is null when nobody wrote it (no silent fallback to Korean). */
export const OpenText = z.object({ ko: z.string(), en: z.string().nullable() });
export type OpenTextT = z.infer<typeof OpenText>;

export const OpenLicence = z.object({
  /** 'kogl-1' (공공누리 제1유형) or 'cc-by-4.0'; chosen by OPEN_DATA_LICENCE (docs/adr/0014). */
  id: z.enum(['kogl-1', 'cc-by-4.0']),
  title: OpenText,
  url: z.url(),
  /** How to credit the source, as the licence requires. */
  attribution: OpenText,
});
export type OpenLicenceT = z.infer<typeof OpenLicence>;

const Envelope = z.object({
  title: OpenText,
  description: OpenText,
  licence: OpenLicence,
  publisher: OpenText,
  /** When the data behind the dataset last changed (not when this file was made); null when empty. */
  modified: z.string().nullable(),
  /** Absolute addresses of this dataset's files and of the catalogue. */
  links: z.object({ json: z.url(), csv: z.url(), catalog: z.url(), page: z.url() }),
});

export const OpenWorkPackage = z.object({
  position: z.number().int(),
  code: z.string(),
  title: OpenText,
  start: z.string(),
  end: z.string(),
  operator: OpenText.nullable(),
  place: OpenText.nullable(),
  tasks: z.array(OpenText),
  plannedKrw: z.number().int().nullable(),
});
export const OpenPlan = Envelope.extend({
  dataset: z.literal('plan'),
  plan: z.object({ title: OpenText, purpose: OpenText, vision: OpenText, goals: z.array(OpenText), budgetTotalKrw: z.number().int() }),
  records: z.array(OpenWorkPackage),
});
export type OpenPlanT = z.infer<typeof OpenPlan>;

export const ScheduleStatusCode = z.enum(['done', 'running', 'late', 'upcoming', 'ended']);
export const OpenMilestone = z.object({
  position: z.number().int(),
  title: OpenText,
  start: z.string(),
  end: z.string(),
  /** Where it stands on the day of the request (Asia/Seoul), with its words in both languages. */
  status: ScheduleStatusCode.nullable(),
  statusLabel: OpenText.nullable(),
  workPackageCode: z.string().nullable(),
});
export const OpenSchedule = Envelope.extend({ dataset: z.literal('schedule'), asOf: z.string(), records: z.array(OpenMilestone) });
export type OpenScheduleT = z.infer<typeof OpenSchedule>;

export const OpenBudgetLine = z.object({
  /** 0 is the total row; 1 the top-level lines, and so on. */
  level: z.number().int(),
  key: z.string().nullable(),
  title: OpenText,
  kind: z.enum(['total', 'group', 'fixed', 'formula']),
  plannedKrw: z.number().int(),
  spentKrw: z.number().int(),
  /** Spent ÷ planned in percent, as GET /api/v1/budget gives it; null when nothing was planned. */
  executionRatePercent: z.number().nullable(),
  calculation: OpenText.nullable(),
});
export const OpenBudget = Envelope.extend({ dataset: z.literal('budget'), currency: z.literal('KRW'), records: z.array(OpenBudgetLine) });
export type OpenBudgetT = z.infer<typeof OpenBudget>;

export const OpenCall = z.object({
  id: z.uuid(),
  status: z.enum(['published', 'closed']),
  statusLabel: OpenText,
  title: OpenText,
  programme: z.string(),
  cohorts: z.array(z.object({ id: z.uuid(), title: OpenText })),
  opensAt: z.string(),
  closesAt: z.string(),
  /** Places offered (정원). */
  capacity: z.number().int(),
  /** The call's public page while it is open; null once closed. */
  url: z.url().nullable(),
});
export const OpenCalls = Envelope.extend({ dataset: z.literal('calls'), records: z.array(OpenCall) });
export type OpenCallsT = z.infer<typeof OpenCalls>;

export const OpenSession = z.object({
  id: z.uuid(),
  type: z.string(),
  typeLabel: OpenText,
  title: OpenText,
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  days: z.number().int(),
  durationMinutes: z.number().int(),
  place: OpenText.nullable(),
});
export const OpenCohort = z.object({
  id: z.uuid(),
  programme: OpenText,
  programmeKind: z.string(),
  title: OpenText,
  place: OpenText,
  startsOn: z.string(),
  endsOn: z.string(),
  capacity: z.number().int(),
  enrolmentMode: z.enum(['selection', 'open']),
  status: z.enum(['published', 'finished']),
  url: z.url(),
  sessions: z.array(OpenSession),
});
export const OpenCourses = Envelope.extend({ dataset: z.literal('courses'), timeZone: z.literal('Asia/Seoul'), records: z.array(OpenCohort) });
export type OpenCoursesT = z.infer<typeof OpenCourses>;

export const OpenDataset = z.discriminatedUnion('dataset', [OpenPlan, OpenSchedule, OpenBudget, OpenCalls, OpenCourses]);
export type OpenDatasetT = z.infer<typeof OpenDataset>;

/** The list behind the /data page: what the JSON-LD catalogue says, in plain JSON. */
export const OpenDataIndex = z.object({
  licence: OpenLicence,
  publisher: OpenText,
  catalog: z.url(),
  datasets: z.array(
    z.object({
      id: DatasetId,
      title: OpenText,
      description: OpenText,
      modified: z.string().nullable(),
      records: z.number().int(),
      distributions: z.array(z.object({ format: z.enum(['CSV', 'JSON']), mediaType: z.string(), url: z.url() })),
    }),
  ),
});
export type OpenDataIndexT = z.infer<typeof OpenDataIndex>;
