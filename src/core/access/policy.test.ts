import { describe, expect, it } from 'vitest';
import { adminOnly, anyRole, decide, decideSecondFactor, isStaff, publicAccess, ROLES, signedIn, staffOnly, STAFF_ROLES, type Decision, type Policy, type Principal, type Role } from './policy.js';

const as = (...roles: Role[]): Principal => ({ userId: `u-${roles.join('-') || 'none'}`, roles, emailVerified: true, twoFactorEnabled: false, secondFactorAt: null });

/** Every principal worth telling apart: nobody, an account with no roles, each single role, a mix. */
const principals: [string, Principal | null][] = [
  ['anonymous', null],
  ['no roles', as()],
  ...ROLES.map((r): [string, Principal] => [r, as(r)]),
  ['member+staff', as('member', 'staff')],
  ['mentor+participant', as('mentor', 'participant')],
];

/** What each policy must answer, written out by hand rather than derived from the code under test. */
function expected(policyName: string, who: string): Decision {
  if (policyName === 'public') return 'allow';
  if (who === 'anonymous') return 'unauthenticated';
  if (policyName === 'signedIn') return 'allow';
  const allowed: Record<string, string[]> = {
    staffOnly: ['admin', 'staff', 'member+staff'],
    adminOnly: ['admin'],
    'anyRole(mentor, reviewer)': ['mentor', 'reviewer', 'mentor+participant'],
    'anyRole()': [],
  };
  return allowed[policyName]!.includes(who) ? 'allow' : 'forbidden';
}

const policies: [string, Policy][] = [
  ['public', publicAccess],
  ['signedIn', signedIn],
  ['staffOnly', staffOnly],
  ['adminOnly', adminOnly],
  ['anyRole(mentor, reviewer)', anyRole('mentor', 'reviewer')],
  // A roles policy with no roles admits nobody (deny by default), not everybody.
  ['anyRole()', anyRole()],
];

describe('decide', () => {
  for (const [policyName, policy] of policies) {
    it.each(principals)(`${policyName} × %s`, (who, principal) => {
      expect(decide(policy, principal)).toBe(expected(policyName, who));
    });
  }

  it('refuses a policy of an unknown kind', () => {
    expect(decide({ kind: 'everyone' } as unknown as Policy, as('admin'))).toBe('forbidden');
    expect(decide({ kind: 'everyone' } as unknown as Policy, null)).toBe('forbidden');
  });

  it('grants nothing for role names that are not roles', () => {
    expect(decide(staffOnly, { userId: 'x', roles: ['Admin' as Role, 'superuser' as Role], emailVerified: true, twoFactorEnabled: false, secondFactorAt: null })).toBe('forbidden');
  });
});

describe('isStaff', () => {
  it('is true for admin and staff only', () => {
    expect(STAFF_ROLES).toEqual(['admin', 'staff']);
    for (const [who, principal] of principals) expect(isStaff(principal), who).toBe(['admin', 'staff', 'member+staff'].includes(who));
  });
});

describe('decideSecondFactor', () => {
  const MIN = 60_000;
  const now = 1_000 * MIN;
  const withFactor = (p: Principal, at: number | null): Principal => ({ ...p, twoFactorEnabled: true, secondFactorAt: at });

  it('keeps an administrator without an authenticator out of every role route, not out of their own account', () => {
    expect(decideSecondFactor({ policy: adminOnly }, as('admin'), now, 10 * MIN)).toBe('two_factor_required');
    expect(decideSecondFactor({ policy: staffOnly }, as('admin', 'staff'), now, 10 * MIN)).toBe('two_factor_required');
    expect(decideSecondFactor({ policy: signedIn }, as('admin'), now, 10 * MIN)).toBe('allow');
    expect(decideSecondFactor({ policy: publicAccess }, as('admin'), now, 10 * MIN)).toBe('allow');
    expect(decideSecondFactor({ policy: adminOnly }, withFactor(as('admin'), null), now, 10 * MIN)).toBe('allow');
    // Staff are offered two-factor sign-in, not made to use it for ordinary staff routes.
    expect(decideSecondFactor({ policy: staffOnly }, as('staff'), now, 10 * MIN)).toBe('allow');
  });

  it('asks for a code from the last window before a personal-data export', () => {
    const route = { policy: staffOnly, freshFactor: true };
    expect(decideSecondFactor(route, as('staff'), now, 10 * MIN)).toBe('two_factor_required');
    expect(decideSecondFactor(route, withFactor(as('staff'), null), now, 10 * MIN)).toBe('fresh_factor_required');
    expect(decideSecondFactor(route, withFactor(as('staff'), now - 10 * MIN), now, 10 * MIN)).toBe('allow');
    expect(decideSecondFactor(route, withFactor(as('staff'), now - 10 * MIN - 1), now, 10 * MIN)).toBe('fresh_factor_required');
    expect(decideSecondFactor(route, null, now, 10 * MIN)).toBe('allow');
  });
});
