/**
 * The one paging contract of staff lists: `?page` (from 1) and `?pageSize` (capped, so no request
 * can ask the server for every row at once), answered with `{ items, total, page, pageSize }`.
 */
import { z } from 'zod';

export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 50;

/** Query fields every paged list accepts; a list extends it with its own filters. */
export const PageQueryFields = {
  page: z.coerce.number({ message: 'oc:errors.field.page' }).int({ message: 'oc:errors.field.page' }).min(1, { message: 'oc:errors.field.page' }).max(100_000, { message: 'oc:errors.field.page' }).default(1),
  pageSize: z.coerce
    .number({ message: 'oc:errors.field.page_size' })
    .int({ message: 'oc:errors.field.page_size' })
    .min(1, { message: 'oc:errors.field.page_size' })
    .max(PAGE_SIZE_MAX, { message: 'oc:errors.field.page_size' })
    .default(PAGE_SIZE_DEFAULT),
};
export const PageQuery = z.strictObject(PageQueryFields);
export type PageQueryT = z.infer<typeof PageQuery>;

/** An optional free-text filter (`?q`), trimmed; empty means no filter. */
export const TextFilter = z.string().trim().max(200, { message: 'oc:errors.field.too_long' }).optional();

/** The answer of a paged list: one page of items and the total the filters match. */
export const Paged = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
export type PagedT<T> = { items: T[]; total: number; page: number; pageSize: number };

/** Offset of a page for SQL. */
export const offsetOf = (q: { page: number; pageSize: number }): number => (q.page - 1) * q.pageSize;
