/** Staff pages for calls, under /admin/calls/*: list, editor with form builder, applications, reviewers. */
import { Route, Routes } from 'react-router';

export function StaffCallRoutes() {
  return <Routes>{/* filled by the staff call pages */}<Route path="*" element={null} /></Routes>;
}
