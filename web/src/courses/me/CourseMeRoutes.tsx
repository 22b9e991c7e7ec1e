/** A participant's course pages under /me/courses/*: my cohorts and enrolments, and one cohort of mine. */
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { MyCoursePage } from './MyCoursePage';
import { MyCoursesPage } from './MyCoursesPage';
import '../public/courses.css';

export default function CourseMeRoutes() {
  return (
    <Routes>
      <Route index element={<MyCoursesPage />} />
      <Route path=":cohortId" element={<MyCoursePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
