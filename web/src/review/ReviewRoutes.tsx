/** Pages for a signed-in person under /me/*: reviewer invitations, assigned applications and scoring; application outcomes. */
import { Route, Routes } from 'react-router';

export default function ReviewRoutes() {
  return <Routes><Route path="*" element={null} /></Routes>;
}
