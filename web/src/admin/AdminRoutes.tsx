/**
 * The staff area, mounted at /admin/*: a sub-navigation and the pages for the plan, the budget,
 * the audit log and (for admins) accounts. Every page checks the session for the reader's sake;
 * the server enforces the same policies on every request.
 */
import './admin.css';
import { Anchor, Box, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Route, Routes } from 'react-router';
import { usePageTitle } from '../app/usePageTitle';
import { useSession } from '../lib/session';
import { AuditPage } from './AuditPage';
import { BudgetEditorPage } from './BudgetEditorPage';
import { DashboardPage } from './DashboardPage';
import { PlanEditorPage } from './PlanEditorPage';
import { StaffGate } from './components/StaffGate';
import { UsersPage } from './UsersPage';
import { StaffCallRoutes } from '../staffcalls/StaffCallRoutes';
import { SelectionRoutes } from '../selection/SelectionRoutes';
import { CourseStaffRoutes } from '../courses/staff/CourseStaffRoutes';

function AdminNav() {
  const { t } = useTranslation('admin');
  const { isAdmin } = useSession();
  const links = [
    { to: '/admin', label: t('nav.dashboard'), end: true },
    { to: '/admin/plan', label: t('nav.plan') },
    { to: '/admin/budget', label: t('nav.budget') },
    { to: '/admin/calls', label: t('nav.calls') },
    { to: '/admin/review', label: t('nav.review') },
    { to: '/admin/courses', label: t('nav.courses') },
    { to: '/admin/audit', label: t('nav.audit') },
    ...(isAdmin ? [{ to: '/admin/users', label: t('nav.users') }] : []),
  ];
  return (
    <nav aria-label={t('nav.label')} className="oc-admin-nav">
      <Group component="ul" gap="xs" wrap="wrap" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {links.map((l) => (
          <li key={l.to}>
            <Anchor component={NavLink} to={l.to} end={l.end} p="xs" style={{ display: 'inline-block', minHeight: 24 }}>
              {l.label}
            </Anchor>
          </li>
        ))}
      </Group>
    </nav>
  );
}

function AdminNotFound() {
  const { t } = useTranslation('admin');
  usePageTitle(t('notFound.title'));
  return (
    <Stack>
      <Title order={1}>{t('notFound.title')}</Title>
      <Text>{t('notFound.body')}</Text>
      <Anchor component={Link} to="/admin">
        {t('notFound.back')}
      </Anchor>
    </Stack>
  );
}

export default function AdminRoutes() {
  return (
    <Box className="oc-admin">
      <StaffGate>
        <Stack gap="md">
          <AdminNav />
          <Routes>
            <Route index element={<DashboardPage />} />
            <Route path="plan" element={<PlanEditorPage />} />
            <Route path="budget" element={<BudgetEditorPage />} />
            <Route path="audit" element={<AuditPage />} />
            {/* Calls: editor, form builder, applications, reviewers (staffcalls/). */}
            <Route path="calls/*" element={<StaffCallRoutes />} />
            {/* Assignment, calibration, selection runs and the outbox (selection/). */}
            <Route path="review/*" element={<SelectionRoutes />} />
            <Route path="courses/*" element={<CourseStaffRoutes />} />
            <Route
              path="users"
              element={
                <StaffGate adminOnly>
                  <UsersPage />
                </StaffGate>
              }
            />
            <Route path="*" element={<AdminNotFound />} />
          </Routes>
        </Stack>
      </StaffGate>
    </Box>
  );
}
