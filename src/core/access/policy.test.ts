import { describe, expect, it } from 'vitest';
import { adminOnly, anyRole, decide, isStaff, publicAccess, ROLES, signedIn, staffOnly, STAFF_ROLES, type Decision, type Policy, type Principal, type Role } from './policy.js';

const as = (...roles: Role[]): Principal => ({ userId: `u-${roles.join('-') || 'none'}`, roles, emailVerified: true });

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
    expect(decide(staffOnly, { userId: 'x', roles: ['Admin' as Role, 'superuser' as Role], emailVerified: true })).toBe('forbidden');
  });
});

describe('isStaff', () => {
  it('is true for admin and staff only', () => {
    expect(STAFF_ROLES).toEqual(['admin', 'staff']);
    for (const [who, principal] of principals) expect(isStaff(principal), who).toBe(['admin', 'staff', 'member+staff'].includes(who));
  });
});
