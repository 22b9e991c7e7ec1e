import { describe, expect, it } from 'vitest';
import type { MeOverviewT } from '../../../src/shared/contracts/home';
import { navFor } from './nav-model';

const user = (roles: string[]) => ({ id: '0190f000-0000-7000-8000-000000000001', name: 'x', email: 'x@example.org', emailVerified: true, twoFactorEnabled: false, twoFactorRequired: false, locale: 'ko' as const, roles: ['member', ...roles] as never });
const overview = (over: Partial<MeOverviewT> = {}): MeOverviewT => ({ nextSession: null, applications: [], reviews: { toDo: 0, reviewer: false }, cohorts: 0, timeZone: 'Asia/Seoul', ...over });
const app = { id: '0190f000-0000-7000-8000-000000000002', callId: '0190f000-0000-7000-8000-000000000003', callTitle: { ko: '공모' }, status: 'submitted' as const, outcome: null, waitlistPosition: null, closesAt: '2020-01-01T00:00:00Z' };
const PUBLIC = ['/', '/plan', '/schedule', '/budget', '/calls', '/courses'];
const STAFF = ['/admin', '/admin/plan', '/admin/budget', '/admin/calls', '/admin/review', '/admin/review/outbox', '/admin/courses', '/admin/audit'];

describe('navFor: role → links', () => {
  const table: [string, ReturnType<typeof user> | null, MeOverviewT | null, string[], string[]][] = [
    ['anonymous', null, null, PUBLIC, []],
    ['citizen', user([]), overview(), PUBLIC, []],
    ['applicant', user([]), overview({ applications: [app] }), [...PUBLIC, '/me/applications'], []],
    ['participant', user([]), overview({ applications: [app], cohorts: 1 }), [...PUBLIC, '/me/applications', '/me/courses', '/me/checkin'], []],
    ['reviewer (seat)', user([]), overview({ reviews: { toDo: 2, reviewer: true } }), [...PUBLIC, '/me/reviews'], []],
    ['reviewer (role)', user(['reviewer']), overview(), [...PUBLIC, '/me/reviews'], []],
    ['lecturer', user(['mentor']), overview(), [...PUBLIC, '/me/availability'], []],
    ['staff', user(['staff']), overview(), [...PUBLIC, '/admin'], STAFF],
    ['admin', user(['admin']), overview(), [...PUBLIC, '/admin'], [...STAFF, '/admin/users']],
  ];
  it.each(table)('%s', (_who, u, o, main, staff) => {
    const model = navFor(u, o);
    expect(model.main.map((n) => n.to)).toEqual(main);
    expect(model.staff.flatMap((s) => s.items.map((n) => n.to))).toEqual(staff);
  });
  it('groups the staff area into at most six sections', () => {
    expect(navFor(user(['admin']), overview()).staff.length).toBeLessThanOrEqual(6);
  });
});
