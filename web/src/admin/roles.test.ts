import { describe, expect, it } from 'vitest';
import { editableRoles, rolesBody, sameRoles } from './roles';

describe('role editing', () => {
  it('never shows or sends the implicit member role, in a fixed order', () => {
    expect(editableRoles(['member', 'staff', 'admin'])).toEqual(['admin', 'staff']);
    expect(rolesBody(['partner', 'member', 'reviewer'])).toEqual({ roles: ['reviewer', 'partner'] });
  });
  it('compares role sets ignoring order and member', () => {
    expect(sameRoles(['staff', 'admin', 'member'], ['admin', 'staff'])).toBe(true);
    expect(sameRoles(['staff'], ['admin'])).toBe(false);
  });
});
