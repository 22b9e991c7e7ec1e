/** Global roles an administrator can grant; 'member' is implicit for every account and never edited. */
import type { Role } from '../../../src/core/access/policy';

export const ASSIGNABLE_ROLES = ['admin', 'staff', 'reviewer', 'mentor', 'participant', 'partner'] as const satisfies readonly Role[];
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

/** The roles to show as checked: the assignable ones the account holds, in the fixed order. */
export function editableRoles(roles: readonly string[]): AssignableRole[] {
  return ASSIGNABLE_ROLES.filter((r) => roles.includes(r));
}

/** The body of PUT /admin/users/:id/roles for the checked boxes, in a stable order. */
export function rolesBody(checked: readonly string[]): { roles: AssignableRole[] } {
  return { roles: ASSIGNABLE_ROLES.filter((r) => checked.includes(r)) };
}

export function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  const x = editableRoles(a);
  const y = editableRoles(b);
  return x.length === y.length && x.every((r, i) => r === y[i]);
}
