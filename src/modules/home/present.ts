/** Rows of the home read models → contract views. */
import type { MyApplicationBriefT, MyNextSessionT, UpcomingSessionT } from '../../shared/contracts/home.js';
import type { applicationsOf, SessionRow } from './repository.js';

export function presentSession(row: SessionRow): UpcomingSessionT {
  // A room's name and place; otherwise the session's own place text (a field study's site).
  const place = row.roomPlace ? { name: row.roomName, place: row.roomPlace } : row.placeText ? { name: null, place: row.placeText } : null;
  return {
    kind: 'session',
    id: row.id,
    type: row.type,
    title: row.title,
    startsAt: row.startsAt!.toISOString(),
    endsAt: row.endsAt ? row.endsAt.toISOString() : null,
    place,
    cohort: { id: row.cohortId, title: row.cohortTitle },
    programmeTitle: row.programmeTitle,
  };
}

export function presentApplication(row: Awaited<ReturnType<typeof applicationsOf>>[number]): MyApplicationBriefT {
  return { ...row, closesAt: row.closesAt.toISOString() };
}

export function presentMyNextSession(row: SessionRow, as: MyNextSessionT['as']): MyNextSessionT {
  const { id, type, title, startsAt, endsAt, place, cohort, programmeTitle } = presentSession(row);
  return { id, type, title, startsAt, endsAt, place, cohort, programmeTitle, as };
}
