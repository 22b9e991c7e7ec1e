/** Staff pages under /admin/review/*: assignment runs, scores and calibration, selection runs, the outbox. */
import { Route, Routes } from 'react-router';

export function SelectionRoutes() {
  return <Routes><Route path="*" element={null} /></Routes>;
}
