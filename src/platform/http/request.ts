/**
 * Who is asking, as route handlers hand it to use cases. The onRequest hook has already applied the
 * route's policy, so on a signedIn, staffOnly or role route a principal is guaranteed; `actorOf`
 * alone also serves public routes.
 */
import type { FastifyRequest } from 'fastify';
import type { z, ZodType } from 'zod';
import type { Principal } from '../../core/access/policy.js';
import type { AccessActor } from '../access-log.js';
import type { Actor } from '../audit.js';
import { RequestValidationError } from './errors.js';

/** The actor of a request: its signed-in account (if any) and its address, for audit entries. */
export function actorOf(request: FastifyRequest): Actor {
  return { userId: request.principal?.userId ?? null, ip: request.ip };
}

/** The signed-in principal. Only a route whose policy admits anonymous requests could lack one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`no principal on ${request.method} ${request.routeOptions.url ?? request.url}: its policy admits anonymous requests`);
  return request.principal;
}

/** The signed-in account's id: people only ever reach their own records through it. */
export const me = (request: FastifyRequest): string => principalOf(request).userId;

/** The signed-in account as the actor of a change to its own records (audited with its address). */
export const personOf = (request: FastifyRequest): Actor & { userId: string } => ({ userId: me(request), ip: request.ip });

/** The reader of personal data for the access log; its roles are logged as they are at the time of access. */
export function accessorOf(request: FastifyRequest): AccessActor {
  const { userId, roles } = principalOf(request);
  return { userId, roles, ip: request.ip };
}

/**
 * Validates part of the request that a route checks only after its own lookups (a required reason is
 * asked for once the record is known to exist, so an unknown id stays 404). A failure answers as the
 * route's own validation does: 400 with field messages in the request's language.
 */
export function validated<S extends ZodType>(schema: S, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new RequestValidationError(schema, data, parsed.error.issues);
  return parsed.data;
}
