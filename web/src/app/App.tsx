/**
 * The app shell: skip link, header with navigation and the language switch, main landmark, footer.
 * Routes are listed here; each area keeps its pages in its own folder (public/, auth/, admin/).
 */
import { Suspense, lazy, useEffect, useRef } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { HomePage } from '../public/HomePage';
import { PlanPage } from '../public/PlanPage';
import { SchedulePage } from '../public/SchedulePage';
import { BudgetPage } from '../public/BudgetPage';
import { OpenDataPage } from '../public/OpenDataPage';
import { SignInPage } from '../auth/SignInPage';
import { SignUpPage } from '../auth/SignUpPage';
import { VerifyEmailPage } from '../auth/VerifyEmailPage';
import { SetupPage } from '../auth/SetupPage';
import { AccountPage } from '../auth/AccountPage';
import { CallsPage } from '../recruitment/CallsPage';
import { CallPage } from '../recruitment/CallPage';
import { Loading } from '../lib/LoadState';

const AdminRoutes = lazy(() => import('../admin/AdminRoutes'));
const ReviewRoutes = lazy(() => import('../review/ReviewRoutes'));
const CoursePublicRoutes = lazy(() => import('../courses/public/CoursePublicRoutes'));
const VerifyPage = lazy(() => import('../courses/public/VerifyPage'));
const CourseMeRoutes = lazy(() => import('../courses/me/CourseMeRoutes'));
const CheckinPage = lazy(() => import('../courses/me/CheckinPage'));
const AvailabilityPage = lazy(() => import('../courses/me/AvailabilityPage'));

/**
 * Moves focus to the main heading after navigation, so screen readers announce the new page. A link
 * to a place in a page (#fragment) is left to that page, which focuses the target once it has loaded.
 */
function useFocusOnNavigate() {
  const location = useLocation();
  const previous = useRef(location.pathname);
  useEffect(() => {
    if (previous.current === location.pathname) return;
    previous.current = location.pathname;
    if (location.hash) return;
    const h1 = document.querySelector<HTMLElement>('main h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus();
    }
  }, [location.pathname, location.hash]);
}

export function App() {
  useFocusOnNavigate();
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/plan" element={<PlanPage />} />
          <Route path="/schedule" element={<SchedulePage />} />
          <Route path="/budget" element={<BudgetPage />} />
          <Route path="/data" element={<OpenDataPage />} />
          <Route path="/calls" element={<CallsPage />} />
          <Route path="/calls/:id" element={<CallPage />} />
          <Route path="/courses/*" element={<CoursePublicRoutes />} />
          <Route path="/verify/:token" element={<VerifyPage />} />
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/sign-up" element={<SignUpPage />} />
          <Route path="/verify-email" element={<VerifyEmailPage />} />
          <Route path="/setup" element={<SetupPage />} />
          <Route path="/admin/*" element={<AdminRoutes />} />
          {/* A participant's cohorts, enrolments, progress and certificate; checking in with a code. */}
          <Route path="/me/courses/*" element={<CourseMeRoutes />} />
          <Route path="/me/checkin" element={<CheckinPage />} />
          {/* The person's account: two-factor sign-in. */}
          <Route path="/me/account" element={<AccountPage />} />
          {/* A lecturer (mentor) states when they can teach. */}
          <Route path="/me/availability" element={<AvailabilityPage />} />
          {/* A reviewer's invitations, assigned applications and scoring; an applicant's outcome. */}
          <Route path="/me/*" element={<ReviewRoutes />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
