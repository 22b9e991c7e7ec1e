/** How a session reads in the staff tables: its time in Seoul, its length, its room or place, its lecturers. */
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RoomViewT, SessionViewT } from '../../../../src/shared/contracts/courses';
import { Loc } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { formatDay, formatTimeRange, formatWeekList, formatWon, seoulDay } from './format';

export function SessionTime({ session }: { session: Pick<SessionViewT, 'startsAt' | 'durationMinutes' | 'days'> }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  if (!session.startsAt) return <>{t('staff.session.untimed')}</>;
  const day = formatDay(seoulDay(session.startsAt), lang);
  return (
    <time dateTime={session.startsAt}>
      {session.days > 1
        ? t('staff.session.timeValueDays', { day, time: formatTimeRange(session.startsAt, session.durationMinutes), days: session.days })
        : t('staff.session.timeValue', { day, time: formatTimeRange(session.startsAt, session.durationMinutes) })}
    </time>
  );
}

export function SessionLength({ session }: { session: Pick<SessionViewT, 'durationMinutes' | 'days'> }) {
  const { t } = useTranslation('courses');
  return <>{session.days > 1 ? t('staff.session.lengthDaysValue', { minutes: session.durationMinutes, days: session.days }) : t('staff.session.lengthValue', { minutes: session.durationMinutes })}</>;
}

export function SessionPlace({ session, rooms }: { session: Pick<SessionViewT, 'roomId' | 'placeText'>; rooms: RoomViewT[] }) {
  const { t } = useTranslation('courses');
  const room = rooms.find((r) => r.id === session.roomId);
  if (room)
    return (
      <>
        <Loc value={room.name} />
        <Text component="span" display="block" size="sm">
          <Loc value={room.place} />
        </Text>
      </>
    );
  if (session.placeText) return <Loc value={session.placeText} />;
  return <>{t('staff.session.noPlace')}</>;
}

export function SessionLecturers({ session }: { session: Pick<SessionViewT, 'lecturers'> }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  if (session.lecturers.length === 0) return <>{t('staff.session.noLecturers')}</>;
  return (
    <ul className="oc-plain-list">
      {session.lecturers.map((l) => (
        <li key={l.id}>{t('staff.session.lecturerFee', { name: l.displayName, fee: formatWon(l.feeRate, lang) })}</li>
      ))}
    </ul>
  );
}

export function SessionConstraintsText({ session, titleOf }: { session: Pick<SessionViewT, 'constraints'>; titleOf: (id: string) => SessionViewT['title'] | undefined }) {
  const { t } = useTranslation('courses');
  const c = session.constraints;
  const prereqs = c.prerequisites ?? [];
  const weeks = c.allowedWeeks ?? [];
  if (prereqs.length === 0 && weeks.length === 0 && !c.cadenceGroup) return <>{t('staff.session.noConstraints')}</>;
  return (
    <ul className="oc-plain-list">
      {prereqs.length > 0 && (
        <li>
          {t('staff.session.after')}{' '}
          {prereqs.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <Loc value={titleOf(id)} />
            </span>
          ))}
        </li>
      )}
      {weeks.length > 0 && <li>{t('staff.session.inWeeks', { weeks: formatWeekList(weeks) })}</li>}
      {c.cadenceGroup && <li>{t('staff.session.cadence', { group: c.cadenceGroup })}</li>}
    </ul>
  );
}
