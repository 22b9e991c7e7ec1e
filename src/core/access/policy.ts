/**
 * Who may do what. Every HTTP route declares one Policy; the server refuses a route without one at
 * registration and refuses every request the policy does not allow (deny by default).
 */
export const ROLES = ['admin', 'staff', 'reviewer', 'mentor', 'participant', 'member', 'partner'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that count as city staff: they see plan vs actual and edit the plan. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'staff'];

export type Policy =
  /** Anyone, signed in or not (public pages, the plan, the budget). */
  | { kind: 'public' }
  /** Any signed-in account. */
  | { kind: 'signedIn' }
  /** A signed-in account holding one of these global roles. */
  | { kind: 'roles'; roles: readonly Role[] };

export const publicAccess: Policy = { kind: 'public' };
export const signedIn: Policy = { kind: 'signedIn' };
export const anyRole = (...roles: Role[]): Policy => ({ kind: 'roles', roles });
export const staffOnly: Policy = anyRole('admin', 'staff');
export const adminOnly: Policy = anyRole('admin');

export interface Principal {
  userId: string;
  roles: readonly Role[];
  /** Whether the account's e-mail address has been confirmed through a link sent to it. */
  emailVerified: boolean;
  /** Whether a confirmed authenticator app guards the account (TOTP, adr/0013). */
  twoFactorEnabled: boolean;
  /** When this session last proved a second factor (ms since the epoch), or null. */
  secondFactorAt: number | null;
}

export type Decision = 'allow' | 'unauthenticated' | 'forbidden';

/** The one place where a policy meets a principal. `null` principal = not signed in. */
export function decide(policy: Policy, principal: Principal | null): Decision {
  switch (policy.kind) {
    case 'public':
      return 'allow';
    case 'signedIn':
      return principal ? 'allow' : 'unauthenticated';
    case 'roles':
      if (!principal) return 'unauthenticated';
      return policy.roles.some((r) => principal.roles.includes(r)) ? 'allow' : 'forbidden';
    default: {
      const never: never = policy;
      void never;
      return 'forbidden';
    }
  }
}

export function isStaff(principal: Principal | null): boolean {
  return !!principal && principal.roles.some((r) => STAFF_ROLES.includes(r));
}

export type FactorDecision = 'allow' | 'two_factor_required' | 'fresh_factor_required';

/**
 * The second-factor rules, applied after `decide` allowed a request. An administrator without an
 * authenticator may sign in and set one up, but uses no staff route until then: the admin role is
 * the one that hands out every other. A route marked `freshFactor` (exports of personal data)
 * needs a code proved by this session within the last `freshMs`.
 */
export function decideSecondFactor(route: { policy: Policy; freshFactor?: boolean | undefined }, principal: Principal | null, nowMs: number, freshMs: number): FactorDecision {
  if (!principal) return 'allow';
  if (route.policy.kind === 'roles' && principal.roles.includes('admin') && !principal.twoFactorEnabled) return 'two_factor_required';
  if (!route.freshFactor) return 'allow';
  if (!principal.twoFactorEnabled) return 'two_factor_required';
  const at = principal.secondFactorAt;
  return at !== null && nowMs - at <= freshMs ? 'allow' : 'fresh_factor_required';
}
