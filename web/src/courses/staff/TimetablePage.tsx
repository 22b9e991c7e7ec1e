/**
 * /admin/courses/cohorts/:id/timetable: generate a timetable off the request thread and follow it
 * (sessions placed, hard conflicts left), read the sessions it could not place and why and how well it
 * keeps lecturers' slot wishes and an even spread, apply it;
 * then adjust by hand. After every change the cohort's conflicts are fetched again and announced
 * politely, listed with the sessions involved. The timetable itself is a week-by-week list of tables
 * (not a drag-only grid), so it reads the same with a screen reader and the keyboard.
 */
import { Alert, Box, Button, Group, List, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CohortDetailT, SessionViewT } from '../../../../src/shared/contracts/courses';
import type { CohortConflictsT, LecturerPreferenceViewT, TimetableApplyViewT, TimetableRunResultT, TimetableRunViewT } from '../../../../src/shared/contracts/timetable';
import { FactList, type Fact } from '../../admin/components/FactList';
import { PageHeading } from '../../admin/components/PageHeading';
import { SectionForm } from '../../admin/components/SectionForm';
import { usePageTitle } from '../../app/usePageTitle';
import { get, post } from '../../lib/api';
import { FormErrorSummary, useSubmit, type FieldErrors } from '../../lib/forms';
import { LoadError, Loading } from '../../lib/LoadState';
import { Loc, useLocText } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { useApiGet } from '../../lib/useApiGet';
import { usePolling } from '../../lib/usePolling';
import { CohortNav, useCohortDetail, useCohortPageName } from './CohortNav';
import { formatDay, formatTimeRange, groupByWeek, isRealDay, parseIntIn, seoulDay } from './format';
import { MoveDialog } from './MoveDialog';
import { SessionLecturers, SessionPlace, SessionTime } from './SessionCells';
import { conflictDelta, isFinishedRun, lecturerPreferredCell, phaseName, qualitySummary, runPercent, SESSIONS_PER_DAY_CAP, sessionsInConflict, warningsOf, type ConflictWarningT } from './timetable';
import { enumLabel } from '../../lib/labels';

function useRunStatusText() {
  const { t } = useTranslation('courses');
  return (run: TimetableRunViewT): string => {
    const p = run.progress;
    switch (run.status) {
      case 'queued':
        return t('staff.timetable.progress.queued');
      case 'running': {
        const phase = phaseName(run.phase ?? p?.phase);
        const step = phase ? t(`staff.timetable.phase.${phase}`) : t('staff.timetable.phase.working');
        return p ? t('staff.timetable.progress.running', { step, placed: p.placed, placeable: p.placeable, conflicts: p.hardConflicts }) : step;
      }
      case 'done': {
        const placed = run.result?.placements?.length ?? 0;
        const unplaced = run.result?.unplaced?.length ?? 0;
        return t('staff.timetable.progress.done', { placed, unplaced });
      }
      case 'failed':
        return t('staff.timetable.progress.failed');
    }
  };
}

function RunProgressBar({ run }: { run: TimetableRunViewT | null }) {
  const { t } = useTranslation('courses');
  const status = useRunStatusText();
  const text = run ? status(run) : '';
  return (
    <Stack gap={4} className="oc-run-progress">
      {run && (
        <>
          <Text component="label" htmlFor="timetable-progress" fw={700} size="sm">
            {t('staff.timetable.progress.label')}
          </Text>
          <progress id="timetable-progress" max={100} value={runPercent(run)} aria-valuetext={text} />
        </>
      )}
      <Text role="status" aria-live="polite" size="sm" mih={run ? '1.5em' : 0} data-testid="timetable-run-status">
        {text}
      </Text>
    </Stack>
  );
}

function GenerateForm({ cohortId, onStarted }: { cohortId: string; onStarted: (run: TimetableRunViewT) => void }) {
  const { t } = useTranslation('courses');
  const [seed, setSeed] = useState('');
  const [limit, setLimit] = useState('20');
  const [closed, setClosed] = useState('');
  const submit = useSubmit();
  const fields = [
    { name: 'seed', id: 'run-seed', label: t('staff.timetable.generate.seed') },
    { name: 'timeLimitSeconds', id: 'run-limit', label: t('staff.timetable.generate.limit') },
    { name: 'closedDates', id: 'run-closed', label: t('staff.timetable.generate.closed') },
  ];
  const start = () => {
    const errors: FieldErrors = {};
    const seedValue = seed.trim() === '' ? undefined : parseIntIn(seed, 0, 2_147_483_647);
    const limitValue = parseIntIn(limit, 1, 300);
    const closedDates = closed.split(/[,\s]+/).filter(Boolean);
    if (seedValue === null) errors.seed = t('staff.timetable.generate.seedInvalid');
    if (limitValue === null) errors.timeLimitSeconds = t('staff.timetable.generate.limitInvalid');
    if (closedDates.some((d) => !isRealDay(d))) errors.closedDates = t('staff.timetable.generate.closedInvalid');
    void submit.run(errors, async () => {
      const body = { cohortIds: [cohortId], timeLimitSeconds: limitValue, ...(seedValue !== undefined ? { seed: seedValue } : {}), ...(closedDates.length ? { closedDates } : {}) };
      onStarted(await post<TimetableRunViewT>('/admin/cohorts/timetable-runs', body));
    });
  };
  return (
    <SectionForm headingId="generate-heading" title={t('staff.timetable.generate.heading')} onSubmit={start}>
      <Text size="sm">{t('staff.timetable.generate.intro')}</Text>
      <FormErrorSummary state={submit} fields={fields} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput id="run-seed" label={t('staff.timetable.generate.seed')} description={t('staff.timetable.generate.seedHelp')} inputMode="numeric" value={seed} onChange={(e) => setSeed(e.currentTarget.value)} error={submit.fieldErrors.seed} />
        <TextInput id="run-limit" label={t('staff.timetable.generate.limit')} description={t('staff.timetable.generate.limitHelp')} inputMode="numeric" value={limit} onChange={(e) => setLimit(e.currentTarget.value)} error={submit.fieldErrors.timeLimitSeconds} />
        <TextInput id="run-closed" label={t('staff.timetable.generate.closed')} description={t('staff.timetable.generate.closedHelp')} value={closed} onChange={(e) => setClosed(e.currentTarget.value)} error={submit.fieldErrors.closedDates} />
      </SimpleGrid>
      <div>
        <Button type="submit" loading={submit.submitting} data-testid="timetable-generate">
          {t('staff.timetable.generate.submit')}
        </Button>
      </div>
    </SectionForm>
  );
}

/** One lecturer's figures: how many of their sessions the proposal put in a slot they asked for, or away from one they would rather not teach in. */
function LecturerWishesTable({ rows }: { rows: LecturerPreferenceViewT[] }) {
  const { t } = useTranslation('courses');
  const preferred = (row: LecturerPreferenceViewT) => {
    const cell = lecturerPreferredCell(row);
    if (cell.kind === 'noSessions') return t('staff.timetable.quality.table.noSessions');
    if (cell.kind === 'notStated') return t('staff.timetable.quality.table.notStated');
    return t('staff.timetable.quality.table.preferredValue', { hits: cell.hits, count: cell.total });
  };
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="quality-lecturers">
        <Table.Caption>{t('staff.timetable.quality.table.caption', { count: rows.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('staff.timetable.quality.table.lecturer')}</Table.Th>
            <Table.Th scope="col">{t('staff.timetable.quality.table.sessions')}</Table.Th>
            <Table.Th scope="col">{t('staff.timetable.quality.table.preferred')}</Table.Th>
            <Table.Th scope="col">{t('staff.timetable.quality.table.avoided')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.userId} data-user-id={row.userId}>
              <Table.Th scope="row" fw={400}>
                {row.name}
              </Table.Th>
              <Table.Td>{row.sessions}</Table.Td>
              <Table.Td>{preferred(row)}</Table.Td>
              <Table.Td>{row.avoided}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The soft side of a proposal (wishes kept, spread over weeks and days), so staff can weigh it before applying. */
function QualitySection({ result }: { result: TimetableRunResultT }) {
  const { t } = useTranslation('courses');
  const summary = qualitySummary(result);
  if (!summary) return null;
  const { wishes } = summary;
  const facts: Fact[] = [];
  if (wishes.kind === 'stated') {
    facts.push({
      label: t('staff.timetable.quality.preferred'),
      value: wishes.total > 0 ? t('staff.timetable.quality.preferredValue', { hits: wishes.hits, count: wishes.total }) : t('staff.timetable.quality.preferredNone'),
      testId: 'quality-preferred',
    });
    facts.push({ label: t('staff.timetable.quality.avoided'), value: t('staff.timetable.quality.sessionsValue', { count: wishes.avoided }), testId: 'quality-avoided' });
  }
  facts.push(
    { label: t('staff.timetable.quality.crowdedWeeks'), value: t('staff.timetable.quality.sessionsValue', { count: summary.crowdedWeeks }), testId: 'quality-weeks' },
    { label: t('staff.timetable.quality.crowdedDays', { cap: SESSIONS_PER_DAY_CAP }), value: t('staff.timetable.quality.sessionsValue', { count: summary.crowdedDays }), testId: 'quality-days' },
    { label: t('staff.timetable.quality.score'), value: summary.score, testId: 'quality-score' },
  );
  return (
    <Box component="section" aria-labelledby="quality-heading" mt="sm" data-testid="timetable-quality">
      <Title order={3} size="h4" id="quality-heading" mb={4}>
        {t('staff.timetable.quality.heading')}
      </Title>
      <Text size="sm" mb="xs">
        {t('staff.timetable.quality.intro')}
      </Text>
      <FactList facts={facts} />
      {wishes.kind === 'none' && (
        <Text size="sm" mt="xs" data-testid="quality-no-wishes">
          {t('staff.timetable.quality.noWishes')}
        </Text>
      )}
      {wishes.kind === 'stated' && (
        <Box mt="sm">
          <Text size="sm" mb={4}>
            {t('staff.timetable.quality.perSession')}
          </Text>
          <LecturerWishesTable rows={result.lecturerPreferences ?? []} />
        </Box>
      )}
    </Box>
  );
}

function RunResult({ run, onApply, applying }: { run: TimetableRunViewT; onApply: () => void; applying: boolean }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const result = run.result;
  if (run.status === 'failed')
    return (
      <Alert color="red.9" variant="outline" title={t('staff.timetable.result.failedTitle')}>
        {result?.message ? result.message[lang] : t('staff.timetable.result.failedBody')}
      </Alert>
    );
  if (run.status !== 'done' || !result) return null;
  const placements = result.placements ?? [];
  const unplaced = result.unplaced ?? [];
  const changed = placements.filter((p) => p.changed).length;
  return (
    <Box component="section" aria-labelledby="run-result-heading" data-testid="timetable-result">
      <Title order={2} size="h3" id="run-result-heading" mb="xs" tabIndex={-1}>
        {t('staff.timetable.result.heading')}
      </Title>
      <Text mb="xs">{t(result.status === 'complete' ? 'staff.timetable.result.complete' : 'staff.timetable.result.partial', { placed: placements.length, unplaced: unplaced.length, changed })}</Text>
      {unplaced.length > 0 && (
        <Box mb="sm">
          <Title order={3} size="h4" mb={4}>
            {t('staff.timetable.result.unplacedHeading')}
          </Title>
          <List spacing={4} data-testid="timetable-unplaced">
            {unplaced.map((u) => (
              <List.Item key={u.sessionId}>
                <Text component="span" fw={700}>
                  <Loc value={u.title} />
                </Text>
                {': '}
                {u.reason[lang]}
              </List.Item>
            ))}
          </List>
        </Box>
      )}
      {placements.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="timetable-proposal">
            <Table.Caption>{t('staff.timetable.result.caption', { count: placements.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('staff.session.title')}</Table.Th>
                <Table.Th scope="col">{t('staff.session.startsAt')}</Table.Th>
                <Table.Th scope="col">{t('staff.session.room')}</Table.Th>
                <Table.Th scope="col">{t('staff.session.lecturers')}</Table.Th>
                <Table.Th scope="col">{t('staff.timetable.result.changed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...placements]
                .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
                .map((p) => (
                  <Table.Tr key={p.sessionId}>
                    <Table.Th scope="row" fw={400}>
                      <Loc value={p.title} />
                    </Table.Th>
                    <Table.Td>
                      <time dateTime={p.startsAt}>{t('staff.session.timeValue', { day: formatDay(seoulDay(p.startsAt), lang), time: formatTimeRange(p.startsAt, (Date.parse(p.endsAt) - Date.parse(p.startsAt)) / 60_000 - (p.days - 1) * 1440) })}</time>
                    </Table.Td>
                    <Table.Td>{p.roomName ? <Loc value={p.roomName} /> : t('staff.session.noPlace')}</Table.Td>
                    <Table.Td>{p.lecturers.join(', ') || t('staff.session.noLecturers')}</Table.Td>
                    <Table.Td>{p.changed ? t('staff.timetable.result.yes') : t('staff.timetable.result.no')}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <QualitySection result={result} />
      <Group mt="sm">
        {run.appliedAt ? (
          <Text fw={700}>{t('staff.timetable.result.applied')}</Text>
        ) : (
          <Button onClick={onApply} loading={applying} disabled={placements.length === 0} data-testid="timetable-apply">
            {t('staff.timetable.result.apply')}
          </Button>
        )}
      </Group>
    </Box>
  );
}

function ConflictList({ conflicts, detail }: { conflicts: CohortConflictsT; detail: CohortDetailT }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const text = useLocText();
  const titleOf = (id: string) => {
    const s = detail.sessions.find((x) => x.id === id);
    return s ? text(s.title) : t('staff.timetable.conflicts.otherCohort');
  };
  if (conflicts.warnings.length === 0) return <Text data-testid="conflicts-none">{t('staff.timetable.conflicts.none', { checked: conflicts.checked })}</Text>;
  return (
    <List spacing="xs" data-testid="conflict-list" className="oc-plain-list">
      {conflicts.warnings.map((w, i) => (
        <List.Item key={i} className="oc-conflict">
          <Text fw={700}>{w.text[lang]}</Text>
          <Text size="sm">{t('staff.timetable.conflicts.sessions', { sessions: [...w.sessionIds, ...w.otherSessionIds].map(titleOf).join(', ') })}</Text>
        </List.Item>
      ))}
    </List>
  );
}

function WeekTables({ detail, conflicts, onMove }: { detail: CohortDetailT; conflicts: CohortConflictsT | undefined; onMove: (s: SessionViewT) => void }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const text = useLocText();
  const { weeks, untimed } = groupByWeek(detail.sessions, detail.cohort.startsOn);
  const flagged = sessionsInConflict(conflicts);
  const row = (s: SessionViewT) => {
    const mine: ConflictWarningT[] = warningsOf(s.id, conflicts?.warnings ?? []);
    return (
      <Table.Tr key={s.id} data-session-id={s.id}>
        <Table.Th scope="row" fw={400} className="oc-wrap">
          <Loc value={s.title} />
          <Text component="span" display="block" size="sm">
            {enumLabel(t, 'sessionType', s.type)}
          </Text>
        </Table.Th>
        <Table.Td>
          <SessionTime session={s} />
        </Table.Td>
        <Table.Td>
          <SessionPlace session={s} rooms={detail.rooms} />
        </Table.Td>
        <Table.Td>
          <SessionLecturers session={s} />
        </Table.Td>
        <Table.Td>{flagged.has(s.id) ? <span className="oc-flag">{t('staff.timetable.week.conflicts', { count: mine.length })}</span> : t('staff.timetable.week.ok')}</Table.Td>
        <Table.Td>
          <Button size="xs" variant="default" onClick={() => onMove(s)} aria-label={t('staff.timetable.week.moveLabel', { title: text(s.title) })} data-testid={`move-${s.id}`}>
            {t('staff.timetable.week.move')}
          </Button>
        </Table.Td>
      </Table.Tr>
    );
  };
  const head = (
    <Table.Thead>
      <Table.Tr>
        <Table.Th scope="col">{t('staff.session.title')}</Table.Th>
        <Table.Th scope="col">{t('staff.session.startsAt')}</Table.Th>
        <Table.Th scope="col">{t('staff.session.place')}</Table.Th>
        <Table.Th scope="col">{t('staff.session.lecturers')}</Table.Th>
        <Table.Th scope="col">{t('staff.timetable.week.check')}</Table.Th>
        <Table.Th scope="col">{t('staff.common.actions')}</Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
  return (
    <Stack gap="lg">
      {weeks.length === 0 && <Text>{t('staff.timetable.week.empty')}</Text>}
      {weeks.map((w) => (
        <Table.ScrollContainer key={w.week} minWidth={900}>
          <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid={`week-${w.week + 1}`}>
            <Table.Caption>{t('staff.timetable.week.caption', { week: w.week + 1, from: formatDay(w.from, lang), to: formatDay(w.to, lang), count: w.sessions.length })}</Table.Caption>
            {head}
            <Table.Tbody>{w.sessions.map(row)}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ))}
      {untimed.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="week-untimed">
            <Table.Caption>{t('staff.timetable.week.untimedCaption', { count: untimed.length })}</Table.Caption>
            {head}
            <Table.Tbody>{untimed.map(row)}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

export function TimetablePage() {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const text = useLocText();
  const { id = '' } = useParams();
  const detail = useCohortDetail(id);
  const conflicts = useApiGet<CohortConflictsT>(`/admin/cohorts/${id}/conflicts`);
  usePageTitle(useCohortPageName(t('staff.timetable.title'), detail.data));
  const [run, setRun] = useState<TimetableRunViewT | null>(null);
  const [applying, setApplying] = useState(false);
  const [applyError, setApplyError] = useState<unknown>(undefined);
  const [conflictNews, setConflictNews] = useState('');
  const [moving, setMoving] = useState<SessionViewT | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  // Follow the run until it is over, then move focus to its result.
  usePolling<TimetableRunViewT>(run && !isFinishedRun(run) ? `/admin/timetable-runs/${run.id}` : null, (next) => {
    setRun(next);
    if (isFinishedRun(next)) window.setTimeout(() => resultRef.current?.querySelector<HTMLElement>('h2')?.focus(), 0);
  });

  const reloadDetail = detail.reload;
  const reloadConflicts = conflicts.reload;
  /** After any change: fresh sessions and conflicts, and a polite sentence on what changed. */
  const refresh = useCallback(
    async (lead: string) => {
      const before = conflicts.data?.warnings ?? [];
      await reloadDetail();
      let after: CohortConflictsT | undefined;
      try {
        after = await get<CohortConflictsT>(`/admin/cohorts/${id}/conflicts`);
      } catch {
        after = undefined;
      }
      await reloadConflicts();
      if (!after) {
        setConflictNews(`${lead} ${t('staff.timetable.conflicts.unknown')}`);
        return;
      }
      const delta = conflictDelta(before, after.warnings);
      const summary = after.warnings.length === 0 ? t('staff.timetable.conflicts.nowNone') : t('staff.timetable.conflicts.nowSome', { count: after.warnings.length, first: after.warnings[0]!.text[lang] });
      const change = delta.added > 0 ? t('staff.timetable.conflicts.added', { count: delta.added }) : delta.removed > 0 ? t('staff.timetable.conflicts.removed', { count: delta.removed }) : '';
      setConflictNews([lead, change, summary].filter(Boolean).join(' '));
    },
    [conflicts.data, reloadDetail, reloadConflicts, id, t, lang],
  );

  const apply = async () => {
    if (!run) return;
    setApplying(true);
    setApplyError(undefined);
    try {
      const applied = await post<TimetableApplyViewT>(`/admin/timetable-runs/${run.id}/apply`);
      setRun(applied.run);
      await refresh(t('staff.timetable.result.appliedMessage', { changed: applied.changed }));
    } catch (err) {
      setApplyError(err);
    } finally {
      setApplying(false);
    }
  };

  const d = detail.data;
  return (
    <Stack>
      <CohortNav cohortId={id} />
      <PageHeading title={t('staff.timetable.title')} subject={d?.cohort.title} />
      <Text>{t('staff.timetable.intro')}</Text>
      <GenerateForm cohortId={id} onStarted={setRun} />
      <RunProgressBar run={run} />
      <div ref={resultRef}>{run && <RunResult run={run} onApply={() => void apply()} applying={applying} />}</div>
      {applyError !== undefined && <LoadError error={applyError} />}
      <Box component="section" aria-labelledby="conflicts-heading">
        <Title order={2} size="h3" id="conflicts-heading" mb="xs">
          {t('staff.timetable.conflicts.heading')}
        </Title>
        {/* Always in the page, so each change after a move is announced without moving focus. */}
        <Text role="status" aria-live="polite" size="sm" fw={500} mih="1.5em" data-testid="conflict-news">
          {conflictNews}
        </Text>
        {conflicts.error !== undefined ? <LoadError error={conflicts.error} onRetry={() => void conflicts.reload()} /> : conflicts.data && d ? <ConflictList conflicts={conflicts.data} detail={d} /> : <Loading />}
      </Box>
      <Box component="section" aria-labelledby="weeks-heading">
        <Title order={2} size="h3" id="weeks-heading" mb="xs">
          {t('staff.timetable.week.heading')}
        </Title>
        {detail.error !== undefined && <LoadError error={detail.error} onRetry={() => void detail.reload()} />}
        {d ? <WeekTables detail={d} conflicts={conflicts.data} onMove={setMoving} /> : detail.error === undefined && <Loading />}
      </Box>
      {d && (
        <MoveDialog
          session={moving}
          rooms={d.rooms}
          onClose={() => setMoving(null)}
          onMoved={async (s) => {
            const lead = s.startsAt ? t('staff.move.moved', { title: text(s.title), day: formatDay(seoulDay(s.startsAt), lang), time: formatTimeRange(s.startsAt, s.durationMinutes) }) : '';
            await refresh(lead);
          }}
        />
      )}
    </Stack>
  );
}
