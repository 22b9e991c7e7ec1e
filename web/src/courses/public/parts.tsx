/** Pieces the public and participant course pages share: facts of a cohort, a session card, materials. */
import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { MaterialViewT, PublicCohortSummaryT, PublicSessionViewT } from '../../../../src/shared/contracts/courses';
import { FileName } from '../../lib/FileName';
import { Loc } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { byTime, cohortDates, durationText, enrolmentWindow, groupByModule, seatsLeftOf, seoulDateTime, sessionWhen } from './course-format';
import type { ModuleViewT } from '../../../../src/shared/contracts/courses';

export interface Fact {
  key: string;
  label: string;
  value: ReactNode;
}

export function Facts({ facts, testId }: { facts: readonly Fact[]; testId?: string }) {
  return (
    <dl className="course-facts" data-testid={testId}>
      {facts.map((f) => (
        <div key={f.key}>
          <dt>{f.label}</dt>
          <dd data-fact={f.key}>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Place, days, capacity, seats and how people get in: the same facts on the list and the cohort page. */
export function useCohortFacts(): (cohort: PublicCohortSummaryT, now: Date) => Fact[] {
  const { t } = useTranslation('courses');
  const lang = useLang();
  return (cohort, now) => {
    const facts: Fact[] = [
      { key: 'place', label: t('public.facts.place'), value: <Loc value={cohort.place} /> },
      { key: 'dates', label: t('public.facts.dates'), value: cohortDates(cohort.startsOn, cohort.endsOn, lang) },
      { key: 'capacity', label: t('public.facts.capacity'), value: t('public.facts.people', { count: cohort.capacity }) },
    ];
    if (cohort.enrolmentMode === 'selection') {
      facts.push({ key: 'enrolment', label: t('public.facts.enrolment'), value: t('public.enrolment.bySelection') });
      return facts;
    }
    const phase = enrolmentWindow(cohort, now);
    const left = seatsLeftOf(cohort);
    if (phase === 'open' && left !== null) {
      facts.push({
        key: 'seats',
        label: t('public.facts.seats'),
        value: left > 0 ? t('public.facts.seatsLeft', { count: left }) : <span className="course-badge course-badge-waitlisted">{t('public.facts.full')}</span>,
      });
    }
    facts.push({
      key: 'enrolment',
      label: t('public.facts.enrolment'),
      value: (
        <>
          <span className={`course-badge course-badge-${phase}`}>{t(`public.window.${phase}`)}</span>
          {cohort.enrolmentOpensAt || cohort.enrolmentClosesAt ? ' ' : ''}
          {cohort.enrolmentOpensAt && cohort.enrolmentClosesAt
            ? t('public.window.between', { from: seoulDateTime(cohort.enrolmentOpensAt, lang), to: seoulDateTime(cohort.enrolmentClosesAt, lang) })
            : cohort.enrolmentOpensAt
              ? t('public.window.from', { from: seoulDateTime(cohort.enrolmentOpensAt, lang) })
              : cohort.enrolmentClosesAt
                ? t('public.window.until', { to: seoulDateTime(cohort.enrolmentClosesAt, lang) })
                : ''}
        </>
      ),
    });
    return facts;
  };
}

/** Where a session meets: its room and the room's place, or the place written for it. */
function SessionPlace({ session }: { session: PublicSessionViewT }) {
  const { t } = useTranslation('courses');
  if (session.room) {
    return (
      <>
        <Loc value={session.room.name} />, <Loc value={session.room.place} />
      </>
    );
  }
  if (session.placeText) return <Loc value={session.placeText} />;
  return <>{t('public.session.placeLater')}</>;
}

export function MaterialList({ materials, headingId }: { materials: readonly MaterialViewT[]; headingId?: string }) {
  const { t } = useTranslation('courses');
  return (
    <ul className="material-list" aria-labelledby={headingId}>
      {materials.map((m) => (
        <li key={m.id}>
          <Anchor href={m.url} className="course-action-link" {...(m.kind === 'link' ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
            <Loc value={m.title} />
          </Anchor>{' '}
          <Text span size="sm">
            {m.kind === 'file' && m.file ? <Trans t={t} i18nKey="me.material.file" values={{ size: fileSize(m.file.size) }} components={{ file: <FileName name={m.file.name} /> }} /> : t('me.material.link')}
          </Text>
        </li>
      ))}
    </ul>
  );
}

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One session of the curriculum: type, when (Seoul), how long, where, who teaches, goals; materials for members. */
export function SessionCard({ session, materials, headingLevel = 3 }: { session: PublicSessionViewT; materials?: readonly MaterialViewT[]; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const headingId = `session-${session.id}`;
  const when = sessionWhen(session.startsAt, session.endsAt, lang);
  const facts: Fact[] = [
    { key: 'when', label: t('public.session.when'), value: when ?? t('public.session.notTimetabled') },
    {
      key: 'duration',
      label: t('public.session.duration'),
      value: session.days > 1 ? t('public.session.days', { count: session.days, each: durationText(session.durationMinutes, lang) }) : durationText(session.durationMinutes, lang),
    },
    { key: 'place', label: t('public.session.place'), value: <SessionPlace session={session} /> },
  ];
  if (session.lecturers.length > 0) {
    facts.push({ key: 'lecturers', label: t('public.session.lecturers'), value: session.lecturers.map((l) => l.displayName).join(', ') });
  }
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId} data-testid={`session-${session.id}`}>
      <Stack gap="xs">
        <Title order={headingLevel} size="h4" id={headingId}>
          <Loc value={session.title} />
        </Title>
        <Text className="session-type">
          <span className="course-badge">{t(`public.sessionType.${session.type}`)}</span>
        </Text>
        <Facts facts={facts} />
        {session.goals && (
          <Text className="course-text">
            <Text span fw={700}>
              {t('public.session.goals')}
            </Text>{' '}
            <Loc value={session.goals} />
          </Text>
        )}
        {materials && materials.length > 0 && (
          <div>
            <Text fw={700} id={`${headingId}-materials`}>
              {t('me.material.title')}
            </Text>
            <MaterialList materials={materials} headingId={`${headingId}-materials`} />
          </div>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The curriculum: modules in order (h3) with their sessions by time (h4); with no modules, the
 * sessions straight under the section heading (h3). Members also see each session's materials.
 */
export function Curriculum<S extends PublicSessionViewT & { materials?: MaterialViewT[] }>({ modules, sessions }: { modules: readonly ModuleViewT[]; sessions: readonly S[] }) {
  const { t } = useTranslation('courses');
  const groups = groupByModule(modules, byTime(sessions));
  if (sessions.length === 0) return <Text>{t('public.curriculum.empty')}</Text>;
  if (groups.length === 1 && groups[0]!.module === null) {
    return (
      <ul className="course-list">
        {groups[0]!.sessions.map((s) => (
          <li key={s.id}>
            <SessionCard session={s} materials={s.materials} headingLevel={3} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Stack gap="lg">
      {groups.map((g) => {
        const id = `module-${g.module?.id ?? 'other'}`;
        return (
          <section key={id} aria-labelledby={id}>
            <Title order={3} id={id} mb="xs">
              {g.module ? <Loc value={g.module.title} /> : t('public.curriculum.otherSessions')}
            </Title>
            {g.module?.goals && (
              <Text className="course-text" mb="sm">
                <Loc value={g.module.goals} />
              </Text>
            )}
            <ul className="course-list">
              {g.sessions.map((s) => (
                <li key={s.id}>
                  <SessionCard session={s} materials={s.materials} headingLevel={4} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Stack>
  );
}
