/**
 * The frame of one cohort's pages: a way back to all courses and a navigation between the cohort's
 * curriculum, timetable and completion. The current page is marked by NavLink's aria-current and
 * shown by weight and underline, not by colour alone.
 */
import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import type { CohortDetailT } from '../../../../src/shared/contracts/courses';
import { useLocText } from '../../lib/Localized';
import { useApiGet, type ApiGetState } from '../../lib/useApiGet';
import { enumLabel } from '../../lib/labels';

/** Everything about a cohort staff need (cohort, programme, modules, sessions, materials, rooms). */
export function useCohortDetail(cohortId: string): ApiGetState<CohortDetailT> {
  return useApiGet<CohortDetailT>(`/admin/cohorts/${cohortId}`);
}

/** "<page> · <cohort title>" for the document title, once the cohort has loaded. */
export function useCohortPageName(page: string, detail: CohortDetailT | undefined): string {
  const text = useLocText();
  return detail ? `${page} · ${text(detail.cohort.title)}` : page;
}

export function CohortNav({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation('courses');
  const links = [
    { to: `/admin/courses/cohorts/${cohortId}`, label: t('staff.nav.curriculum') },
    { to: `/admin/courses/cohorts/${cohortId}/timetable`, label: t('staff.nav.timetable') },
    { to: `/admin/courses/cohorts/${cohortId}/completion`, label: t('staff.nav.completion') },
  ];
  return (
    <nav aria-label={t('staff.nav.label')} className="oc-course-nav">
      <Group gap="xs" wrap="wrap">
        <Anchor component={Link} to="/admin/courses" p="xs" className="oc-course-nav-link">
          {t('staff.nav.allCourses')}
        </Anchor>
        <Text component="span" aria-hidden="true">
          {'|'}
        </Text>
        <Group component="ul" gap="xs" wrap="wrap" className="oc-plain-list">
          {links.map((l) => (
            <li key={l.to}>
              <Anchor component={NavLink} to={l.to} end p="xs" className="oc-course-nav-link">
                {l.label}
              </Anchor>
            </li>
          ))}
        </Group>
      </Group>
    </nav>
  );
}

/** A cohort's status as a word in a bordered badge (the word, not the colour, carries it). */
export function CohortStatusBadge({ status }: { status: 'draft' | 'published' | 'finished' }) {
  const { t } = useTranslation('courses');
  return (
    <span className="oc-cohort-status" data-status={status}>
      {enumLabel(t, 'cohortStatus', status)}
    </span>
  );
}
