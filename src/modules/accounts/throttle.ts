/** The account routes' throttle: per client address and, when given, per account (ASVS 6.3.1; KISA 20). */
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../core/shared/domain-error.js';
import type { ModuleDeps } from '../../platform/module.js';

export function createThrottle({ limiters, now }: Pick<ModuleDeps, 'limiters' | 'now'>) {
  return async (request: FastifyRequest, action: string, account?: string) => {
    const t = now().getTime();
    // Both counters go up even when one refuses, as a guesser's every try must count.
    const checks = await Promise.all([
      limiters.authByIp.hit(`${action}:ip:${request.ip}`, t),
      ...(account ? [limiters.authByAccount.hit(`${action}:acct:${account}`, t)] : []),
    ]);
    const refused = checks.find((c) => !c.allowed);
    if (refused) {
      // 429 with Retry-After: the edge turns `seconds` into the header.
      throw new DomainError('rate_limited', { seconds: refused.retryAfterSeconds });
    }
  };
}
