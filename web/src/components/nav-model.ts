/**
 * Which links a person's navigation holds: only what their roles and their own records let them
 * use (the server enforces the same; a link to a page that would only refuse them is noise).
 * Pure, so the role → links table is unit-tested.
 */
import type { MeT } from '../../../src/shared/contracts/accounts';
import type { MeOverviewT } from '../../../src/shared/contracts/home';

export interface NavItem {
  to: string;
  /** i18n key, with its namespace. */
  label: string;
  end?: boolean;
}
export interface NavSection {
  /** i18n key of the section's name. */
  label: string;
  items: NavItem[];
}
export interface NavModel {
  main: NavItem[];
  /** Staff and admins: the staff area in a few sections. Empty for everyone else. */
  staff: NavSection[];
}

const PUBLIC: NavItem[] = [
  { to: '/', label: 'web:nav.home', end: true },
  { to: '/plan', label: 'web:nav.plan' },
  { to: '/schedule', label: 'web:nav.schedule' },
  { to: '/budget', label: 'web:nav.budget' },
  { to: '/calls', label: 'web:nav.calls' },
  { to: '/courses', label: 'courses:public.nav', end: true },
];

export function navFor(user: MeT['user'], overview: MeOverviewT | null): NavModel {
  if (!user) return { main: PUBLIC, staff: [] };
  const roles = user.roles;
  const staff = roles.includes('staff') || roles.includes('admin');
  const main = [...PUBLIC];
  // An applicant: someone with at least one application.
  if ((overview?.applications.length ?? 0) > 0) main.push({ to: '/me/applications', label: 'review:links.myApplications' });
  // A participant: a member of a cohort (selected or enrolled) has a curriculum and checks in.
  if (roles.includes('participant') || (overview?.cohorts ?? 0) > 0) {
    main.push({ to: '/me/courses', label: 'web:nav.myCourses' }, { to: '/me/checkin', label: 'web:nav.checkin' });
  }
  // A reviewer: the global role, or an accepted seat on a call.
  if (roles.includes('reviewer') || overview?.reviews.reviewer) main.push({ to: '/me/reviews', label: 'review:links.myReviews' });
  // A lecturer (the network's 'mentor') states when they can teach.
  if (roles.includes('mentor')) main.push({ to: '/me/availability', label: 'courses:me.availability.nav' });
  if (!staff) return { main, staff: [] };
  main.push({ to: '/admin', label: 'web:nav.admin' });
  const sections: NavSection[] = [
    { label: 'admin:nav.section.overview', items: [{ to: '/admin', label: 'admin:nav.dashboard', end: true }] },
    {
      label: 'admin:nav.section.planBudget',
      items: [
        { to: '/admin/plan', label: 'admin:nav.plan' },
        { to: '/admin/budget', label: 'admin:nav.budget' },
      ],
    },
    {
      label: 'admin:nav.section.recruitment',
      items: [
        { to: '/admin/calls', label: 'admin:nav.calls' },
        { to: '/admin/review', label: 'admin:nav.review', end: true },
        { to: '/admin/review/outbox', label: 'admin:nav.outbox' },
      ],
    },
    { label: 'admin:nav.section.courses', items: [{ to: '/admin/courses', label: 'admin:nav.courses' }] },
    {
      label: 'admin:nav.section.oversight',
      items: [{ to: '/admin/audit', label: 'admin:nav.audit' }, ...(roles.includes('admin') ? [{ to: '/admin/users', label: 'admin:nav.users' }] : [])],
    },
  ];
  return { main, staff: sections };
}
