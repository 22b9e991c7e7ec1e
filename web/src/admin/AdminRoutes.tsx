/**
 * The staff area, mounted at /admin/*: a sub-navigation and the pages for the plan, the budget,
 * the audit log and (for admins) accounts. Every page checks the session for the reader's sake;
 * the server enforces the same policies on every request.
 */
import './admin.css';
import { Anchor, Box, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { navFor } from '../components/nav-model';
import { StaffNav } from '../components/StaffNav';
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
  const { me, overview } = useSession();
  return <StaffNav sections={navFor(me?.user ?? null, overview).staff} />;
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
