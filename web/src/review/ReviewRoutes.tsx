/** Pages for a signed-in person under /me/*: reviewer invitations, assigned applications and scoring; application outcomes. */
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../app/NotFoundPage';
import { MyApplicationsPage } from './MyApplicationsPage';
import { MyReviewsPage } from './MyReviewsPage';
import { ReviewPage } from './ReviewPage';
import './review.css';

export default function ReviewRoutes() {
  return (
    <Routes>
      <Route path="reviews" element={<MyReviewsPage />} />
      <Route path="reviews/:assignmentId" element={<ReviewPage />} />
      <Route path="applications" element={<MyApplicationsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
