/**
 * Building blocks shared by every contract. Contracts are zod schemas used by the server (validation,
 * OpenAPI) and by the web app (types, form checks); they import nothing from the server.
 */
import { z } from 'zod';

export const TEXT_MAX = 2000;
export const TITLE_MAX = 300;

export const Id = z.uuid({ message: 'oc:errors.field.uuid' });

/** A required single-line text with our own wording (zod's Korean defaults read awkwardly). */
export const RequiredText = (max: number) =>
  z
    .string({ message: 'oc:errors.field.text' })
    .trim()
    .min(1, { message: 'oc:errors.field.required' })
    .max(max, { message: 'oc:errors.field.too_long' });

/** Bilingual content: Korean required, English optional (shown with a fallback mark when missing). */
export const LocalizedText = (max = TITLE_MAX) =>
  z.strictObject({
    ko: RequiredText(max),
    en: z.string({ message: 'oc:errors.field.text' }).trim().max(max, { message: 'oc:errors.field.too_long' }).optional(),
  });
export type LocalizedTextT = z.infer<ReturnType<typeof LocalizedText>>;

/** Optional bilingual text where Korean may be empty too (for notes). */
export const OptionalLocalizedText = (max = TEXT_MAX) =>
  z.strictObject({
    ko: z.string().trim().max(max),
    en: z.string().trim().max(max).optional(),
  });

/** A date at the precision the plan gives it: a month ('2020-02') or a day ('2020-02-15'). */
export const PlanDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, { message: 'oc:errors.field.plan_date' });

export const IdParams = z.strictObject({ id: Id });

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBodyT = z.infer<typeof ErrorBody>;

export const Ok = z.object({ ok: z.literal(true) });
