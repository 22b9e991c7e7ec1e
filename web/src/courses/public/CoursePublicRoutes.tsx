/** Public course pages under /courses/*: the programmes with their cohorts, and one cohort. */
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { CohortPage } from './CohortPage';
import { CoursesPage } from './CoursesPage';
import './courses.css';

export default function CoursePublicRoutes() {
  return (
    <Routes>
      <Route index element={<CoursesPage />} />
      <Route path=":cohortId" element={<CohortPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
