/** Contracts of the personal-data access log: read-only for staff, newest first, paged by id. */
import { z } from 'zod';
import { Id } from './common.js';

export const ACCESS_ACTIONS = ['view', 'download', 'edit', 'delete'] as const;

export const AccessLogEntry = z.object({
  id: Id,
  at: z.string(),
  actorId: Id.nullable(),
  actorRoles: z.array(z.string()),
  ip: z.string().nullable(),
  action: z.enum(ACCESS_ACTIONS),
  subjectType: z.string(),
  subjectIds: z.array(z.string()),
  subjectCount: z.number().int(),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AccessLogEntryT = z.infer<typeof AccessLogEntry>;

export const AccessLogQuery = z.strictObject({
  action: z.enum(ACCESS_ACTIONS).optional(),
  subjectType: z.string().max(50).optional(),
  actorId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Id of the last entry of the previous page (ids are time-ordered UUIDv7). */
  before: z.uuid().optional(),
});

export const AccessLogPage = z.object({ entries: z.array(AccessLogEntry), nextBefore: z.string().nullable() });
export type AccessLogPageT = z.infer<typeof AccessLogPage>;
