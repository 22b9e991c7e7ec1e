/**
 * Staff pages for courses, under /admin/courses/*: programmes and cohorts, a cohort's curriculum,
 * its timetable (generated, then adjusted by hand with live conflict warnings), a session's
 * attendance (rotating check-in code and corrections), the cohort's completion and certificates, and
 * the lecturer pool with each lecturer's availability.
 */
import './courses-staff.css';
import { Anchor, Box, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { usePageTitle } from '../../app/usePageTitle';
import { AttendancePage } from './AttendancePage';
import { CohortPage } from './CohortPage';
import { CompletionPage } from './CompletionPage';
import { LecturerPoolPage } from './LecturerPoolPage';
import { ProgrammesPage } from './ProgrammesPage';
import { TimetablePage } from './TimetablePage';

function CoursePageNotFound() {
  const { t } = useTranslation('courses');
  usePageTitle(t('staff.notFound.title'));
  return (
    <Stack>
      <Title order={1}>{t('staff.notFound.title')}</Title>
      <Text>{t('staff.notFound.body')}</Text>
      <Anchor component={Link} to="/admin/courses">
        {t('staff.nav.allCourses')}
      </Anchor>
    </Stack>
  );
}

export function CourseStaffRoutes() {
  return (
    <Box className="oc-courses-staff">
      <Routes>
        <Route index element={<ProgrammesPage />} />
        <Route path="lecturers" element={<LecturerPoolPage />} />
        <Route path="cohorts/:id" element={<CohortPage />} />
        <Route path="cohorts/:id/timetable" element={<TimetablePage />} />
        <Route path="cohorts/:id/completion" element={<CompletionPage />} />
        <Route path="sessions/:id/attendance" element={<AttendancePage />} />
        <Route path="*" element={<CoursePageNotFound />} />
      </Routes>
    </Box>
  );
}
