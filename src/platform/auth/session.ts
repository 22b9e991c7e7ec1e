/**
 * Turns a request's session cookie into a Principal: the session is looked up in the database on
 * every request (so sign-out and revocation take effect at once) and roles are read fresh (so a
 * demoted admin loses access on the next request). Staff sessions end after an idle period.
 */
import { eq } from 'drizzle-orm';
import { fromNodeHeaders } from 'better-auth/node';
import type { FastifyRequest } from 'fastify';
import { isStaff, type Principal } from '../../core/access/policy.js';
import type { Db } from '../db/client.js';
import { sessions } from '../db/schema/index.js';
import type { Auth } from './auth.js';
import { globalRoles } from './roles.js';

const TOUCH_EVERY_MS = 60_000;

export function createPrincipalResolver(deps: { db: Db; auth: Auth; now: () => Date; staffIdleMinutes: number }) {
  return async (request: FastifyRequest): Promise<{ principal: Principal; token: string } | null> => {
    const found = await deps.auth.api.getSession({ headers: fromNodeHeaders(request.headers), query: { disableCookieCache: true } });
    if (!found) return null;
    const roles = await globalRoles(deps.db, found.user.id);
    const secondFactorAt = (found.session as { secondFactorAt?: Date | string | null }).secondFactorAt;
    const principal: Principal = {
      userId: found.user.id,
      roles,
      emailVerified: found.user.emailVerified,
      twoFactorEnabled: (found.user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled === true,
      secondFactorAt: secondFactorAt ? new Date(secondFactorAt).getTime() : null,
    };
    const now = deps.now().getTime();
    const lastSeen = new Date(found.session.updatedAt).getTime();
    if (isStaff(principal) && now - lastSeen > deps.staffIdleMinutes * 60_000) {
      await deps.db.delete(sessions).where(eq(sessions.id, found.session.id));
      return null;
    }
    if (now - lastSeen > TOUCH_EVERY_MS) {
      await deps.db.update(sessions).set({ updatedAt: new Date(now) }).where(eq(sessions.id, found.session.id));
    }
    return { principal, token: found.session.token };
  };
}
