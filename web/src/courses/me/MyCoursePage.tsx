/**
 * /me/courses/:cohortId: a member's own cohort — progress towards completion with what is still
 * missing in numbers, the experiment report, the certificate (PDF) once issued, the curriculum with
 * its materials, and the calendars. Only members get the cohort (others get "not found").
 */
import { Anchor, Button, List, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ExperimentReportViewT, MyCertificateListT, ProgressViewT } from '../../../../src/shared/contracts/attendance';
import type { MyCohortViewT } from '../../../../src/shared/contracts/courses';
import { post } from '../../lib/api';
import { FormErrorSummary, collectErrors, useFieldChecks, useSubmit } from '../../lib/forms';
import { LoadState } from '../../lib/LoadState';
import { Loc, useLocText } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { useApiGet } from '../../lib/useApiGet';
import { SignedInOnly, StatusLine } from '../../review/parts';
import { CalendarLink } from '../public/CohortPage';
import { cohortDates, seoulDate, seoulDateTime } from '../public/course-format';
import { Curriculum, Facts, MaterialList } from '../public/parts';
import { CalendarFeed } from './CalendarFeed';
import { percent, ruleLines } from './progress';
import '../public/courses.css';
import { enumLabel } from '../../lib/labels';

export function MyCoursePage() {
  const { t } = useTranslation('courses');
  const { cohortId = '' } = useParams();
  const lang = useLang();
  const locText = useLocText();
  const state = useApiGet<MyCohortViewT>(`/me/cohorts/${encodeURIComponent(cohortId)}`, [lang]);
  return (
    <SignedInOnly title={state.data ? locText(state.data.cohort.title) : t('me.list.title')}>
      <Stack gap="md">
        {state.data === undefined && <Title order={1}>{t('me.list.title')}</Title>}
        <LoadState state={state}>{(view) => <MyCohort view={view} />}</LoadState>
      </Stack>
    </SignedInOnly>
  );
}

function MyCohort({ view }: { view: MyCohortViewT }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const id = view.cohort.id;
  const progress = useApiGet<ProgressViewT>(`/me/cohorts/${encodeURIComponent(id)}/progress`, [lang]);
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/me/courses" className="course-action-link">
          {t('me.cohort.back')}
        </Anchor>
        <Title order={1} mt="xs">
          <Loc value={view.cohort.title} />
        </Title>
        <Text mt="xs">
          <Loc value={view.programme.title} />
        </Text>
      </div>
      <Facts
        facts={[
          { key: 'place', label: t('public.facts.place'), value: <Loc value={view.cohort.place} /> },
          { key: 'dates', label: t('public.facts.dates'), value: cohortDates(view.cohort.startsOn, view.cohort.endsOn, lang) },
        ]}
      />
      <Anchor component={Link} to="/me/checkin" className="course-action-link">
        {t('me.list.toCheckin')}
      </Anchor>
      <section aria-labelledby="my-progress">
        <Title order={2} id="my-progress" mb="sm">
          {t('me.progress.title')}
        </Title>
        <LoadState state={progress}>{(p) => <Progress progress={p} />}</LoadState>
      </section>
      {(view.programme.completionRule.requireExperimentReport || progress.data?.report) && (
        <section aria-labelledby="my-report">
          <Title order={2} id="my-report" mb="sm">
            {t('me.report.title')}
          </Title>
          {progress.data !== undefined && <ReportForm cohortId={id} report={progress.data.report} onSaved={() => progress.reload()} />}
        </section>
      )}
      <section aria-labelledby="my-certificate">
        <Title order={2} id="my-certificate" mb="sm">
          {t('me.certificate.title')}
        </Title>
        <Certificate cohortId={id} issued={progress.data?.certificate ?? null} />
      </section>
      <section aria-labelledby="my-curriculum">
        <Title order={2} id="my-curriculum" mb="xs">
          {t('public.curriculum.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('public.curriculum.timeZone')}
        </Text>
        {view.materials.length > 0 && (
          <Paper withBorder p="md" mb="md">
            <Title order={3} size="h4" id="cohort-materials" mb="xs">
              {t('me.material.cohortTitle')}
            </Title>
            <MaterialList materials={view.materials} headingId="cohort-materials" />
          </Paper>
        )}
        <Curriculum modules={view.modules} sessions={view.sessions} />
      </section>
      <section aria-labelledby="my-calendars">
        <Title order={2} id="my-calendars" mb="sm">
          {t('me.calendar.title')}
        </Title>
        <Stack gap="md">
          <CalendarLink cohortId={id} />
          <CalendarFeed />
        </Stack>
      </section>
    </Stack>
  );
}

function Progress({ progress }: { progress: ProgressViewT }) {
  const { t } = useTranslation('courses');
  const attendance = progress.rules.find((r) => r.kind === 'attendance');
  const rate = attendance?.kind === 'attendance' ? percent(attendance.rate) : null;
  return (
    <Stack gap="sm" data-testid="my-progress">
      <Text fw={700}>
        {progress.complete ? (
          <span className="course-badge course-badge-met">{t('me.progress.complete')}</span>
        ) : (
          t('me.progress.summary', { met: progress.rulesMet, total: progress.rulesTotal })
        )}
      </Text>
      {rate !== null && <Text>{t('me.progress.rate', { percent: rate })}</Text>}
      <List spacing="xs">
        {progress.rules.map((rule) => {
          const { title, detail } = ruleLines(rule);
          const titleValues = rule.kind === 'session_type' ? { ...title.values, type: t(`public.sessionType.${rule.sessionType}`) } : title.values;
          return (
            <List.Item key={rule.kind === 'session_type' ? `type-${rule.sessionType}` : rule.kind} data-rule={rule.kind}>
              <Text span fw={700}>
                {t(title.key, titleValues)}
              </Text>{' '}
              <span className={`course-badge course-badge-${rule.status}`}>{enumLabel(t, 'ruleStatus', rule.status)}</span>
              <Text size="sm">{t(detail.key, detail.values)}</Text>
            </List.Item>
          );
        })}
      </List>
    </Stack>
  );
}

function ReportForm({ cohortId, report, onSaved }: { cohortId: string; report: ProgressViewT['report']; onSaved: () => Promise<void> }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const checks = useFieldChecks();
  const submit = useSubmit();
  const [title, setTitle] = useState(report?.title ?? '');
  const [summary, setSummary] = useState(report?.summary ?? '');
  const [message, setMessage] = useState('');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setMessage('');
    void submit.run(collectErrors({ title: checks.required(title), summary: checks.required(summary) }), async () => {
      await post<ExperimentReportViewT>(`/me/cohorts/${encodeURIComponent(cohortId)}/experiment-report`, { title, summary });
      setMessage(t('me.report.saved'));
      await onSaved();
    });
  };
  return (
    <Stack gap="sm">
      <Text>{report ? t('me.report.submittedAt', { at: seoulDateTime(report.submittedAt, lang) }) : t('me.report.intro')}</Text>
      <FormErrorSummary
        state={submit}
        fields={[
          { name: 'title', id: 'report-title', label: t('me.report.fieldTitle') },
          { name: 'summary', id: 'report-summary', label: t('me.report.fieldSummary') },
        ]}
      />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm" align="flex-start">
          <TextInput id="report-title" label={t('me.report.fieldTitle')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={submit.fieldErrors.title} w="100%" maxLength={300} />
          <Textarea
            id="report-summary"
            label={t('me.report.fieldSummary')}
            description={t('me.report.summaryHelp')}
            required
            autosize
            minRows={5}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            error={submit.fieldErrors.summary}
            w="100%"
            maxLength={10000}
          />
          <Button type="submit" aria-busy={submit.submitting || undefined}>
            {submit.submitting ? t('me.report.working') : report ? t('me.report.replace') : t('me.report.submit')}
          </Button>
        </Stack>
      </form>
      <StatusLine message={message} testId="report-status" />
    </Stack>
  );
}

function Certificate({ cohortId, issued }: { cohortId: string; issued: ProgressViewT['certificate'] }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const list = useApiGet<MyCertificateListT>('/me/certificates', [lang, issued?.id ?? '']);
  const cert = list.data?.certificates.find((c) => c.cohortId === cohortId) ?? null;
  if (!issued && !cert) return <Text>{t('me.certificate.none')}</Text>;
  const status = cert?.status ?? issued?.status ?? 'valid';
  const pdf = cert?.pdfUrl ?? (issued ? `/api/v1/me/certificates/${encodeURIComponent(issued.id)}.pdf` : null);
  return (
    <Stack gap="xs" data-testid="my-certificate">
      <Text>
        <span className={`course-badge course-badge-${status}`}>{t(`public.verify.status_${status}`)}</span> {t('me.certificate.number', { number: cert?.number ?? issued?.number ?? '' })}
        {cert && ` · ${t('me.certificate.issuedAt', { at: seoulDate(cert.issuedAt, lang) })}`}
      </Text>
      {status === 'valid' && pdf && (
        <Anchor href={pdf.startsWith('/api/') || pdf.startsWith('http') ? pdf : `/api/v1${pdf}`} className="course-action-link" download>
          {t('me.certificate.download')}
        </Anchor>
      )}
      {cert && (
        <Text size="sm">
          {t('me.certificate.verifyNote')}{' '}
          <Anchor href={cert.verifyUrl} className="course-action-link">
            {t('me.certificate.verifyLink')}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}
