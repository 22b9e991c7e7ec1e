/**
 * The open datasets, built from the same reads as the public pages (the administration module's
 * plan, schedule and budget views; public call and cohort columns), so a file never says something
 * the site does not show, and never more. Spending is published per line as a sum, exactly as the
 * public budget page shows it; the entries behind the sums stay staff-only.
 */
import { formulaText } from '../../core/budget/budget.js';
import { scheduleStatus, seoulToday } from '../../core/plan/schedule-status.js';
import type { Config } from '../../platform/config.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type {
  DatasetIdT,
  OpenBudgetT,
  OpenCallsT,
  OpenCoursesT,
  OpenDatasetT,
  OpenPlanT,
  OpenScheduleT,
  OpenTextT,
} from '../../shared/contracts/open-data.js';
import { budgetView, currentPlan, planView, scheduleView } from '../administration/public.js';
import { both, licenceOf, openText, publisherOf } from './licence.js';
import { lastModified, publicCallRows, publicSessionRows, visibleCohortRows } from './repository.js';

export type OpenDataConfig = Pick<Config, 'publicUrl' | 'openDataLicence' | 'openDataPublisher'>;

export const datasetUrl = (publicUrl: string, id: DatasetIdT, format: 'json' | 'csv') => `${publicUrl}/api/v1/open-data/${id}.${format}`;
export const catalogUrl = (publicUrl: string) => `${publicUrl}/api/v1/open-data/catalog.jsonld`;

/** What every dataset says about itself: title, description, licence, publisher, modified, links. */
export async function envelope(db: DbOrTx, config: OpenDataConfig, id: DatasetIdT) {
  // Only the plan row (for the publisher its source names), not the whole plan view.
  const [plan, modified] = await Promise.all([currentPlan(db), lastModified(db, id)]);
  const publisher = publisherOf(config, plan?.source);
  return {
    title: both(`openData.datasets.${id}.title`),
    description: both(`openData.datasets.${id}.description`),
    licence: licenceOf(config, publisher),
    publisher,
    modified: modified ? modified.toISOString() : null,
    links: { json: datasetUrl(config.publicUrl, id, 'json'), csv: datasetUrl(config.publicUrl, id, 'csv'), catalog: catalogUrl(config.publicUrl), page: `${config.publicUrl}/data` },
  };
}

async function planDataset(db: DbOrTx, config: OpenDataConfig): Promise<OpenPlanT> {
  const [plan, head] = await Promise.all([planView(db), envelope(db, config, 'plan')]);
  return {
    dataset: 'plan',
    ...head,
    plan: { title: openText(plan.title), purpose: openText(plan.purpose), vision: openText(plan.vision), goals: plan.goals.map(openText), budgetTotalKrw: plan.budgetTotal },
    records: plan.workPackages.map((w) => ({
      position: w.position,
      code: w.code,
      title: openText(w.title),
      start: w.start,
      end: w.end,
      operator: w.operator ? openText(w.operator) : null,
      place: w.place ? openText(w.place) : null,
      tasks: w.tasks.map(openText),
      plannedKrw: w.budget,
    })),
  };
}

async function scheduleDataset(db: DbOrTx, config: OpenDataConfig, now: Date): Promise<OpenScheduleT> {
  const [schedule, head] = await Promise.all([scheduleView(db), envelope(db, config, 'schedule')]);
  const today = seoulToday(now);
  const codeOf = new Map(schedule.workPackages.map((w) => [w.id, w.code]));
  return {
    dataset: 'schedule',
    ...head,
    asOf: today,
    records: schedule.milestones.map((m) => {
      // No completion is recorded yet, so a past milestone is "ended", never "late" (core/plan/schedule-status.ts).
      const status = scheduleStatus({ start: m.start, end: m.end }, today);
      return {
        position: m.position,
        title: openText(m.title),
        start: m.start,
        end: m.end,
        status,
        statusLabel: status ? both(`openData.scheduleStatus.${status}`) : null,
        workPackageCode: m.workPackageId ? (codeOf.get(m.workPackageId) ?? null) : null,
      };
    }),
  };
}

async function budgetDataset(db: DbOrTx, config: OpenDataConfig): Promise<OpenBudgetT> {
  const [view, head] = await Promise.all([budgetView(db, true), envelope(db, config, 'budget')]);
  const calc = (l: (typeof view.lines)[number]): OpenTextT | null =>
    l.kind === 'formula' && l.unitPrice !== null ? { ko: formulaText(l.unitPrice, l.factors, 'ko'), en: formulaText(l.unitPrice, l.factors, 'en') } : null;
  return {
    dataset: 'budget',
    ...head,
    currency: 'KRW',
    records: [
      { level: 0, key: null, title: both('openData.budgetTotal'), kind: 'total', plannedKrw: view.planned, spentKrw: view.actual ?? 0, executionRatePercent: view.executionRate ?? null, calculation: null },
      ...view.lines.map((l) => ({
        level: l.depth + 1,
        key: l.key,
        title: openText(l.title),
        kind: l.kind,
        plannedKrw: l.planned,
        spentKrw: l.actual ?? 0,
        executionRatePercent: l.executionRate ?? null,
        calculation: calc(l),
      })),
    ],
  };
}

async function callsDataset(db: DbOrTx, config: OpenDataConfig): Promise<OpenCallsT> {
  const [rows, cohorts, head] = await Promise.all([publicCallRows(db), visibleCohortRows(db), envelope(db, config, 'calls')]);
  return {
    dataset: 'calls',
    ...head,
    records: rows.map((c) => {
      const status = c.status === 'published' ? 'published' : 'closed';
      return {
        id: c.id,
        status,
        statusLabel: both(`openData.callStatus.${status}`),
        title: openText(c.title),
        programme: c.programme,
        cohorts: cohorts.filter((k) => k.callId === c.id).map((k) => ({ id: k.id, title: openText(k.title) })),
        opensAt: c.opensAt.toISOString(),
        closesAt: c.closesAt.toISOString(),
        capacity: c.capacity,
        url: status === 'published' ? `${config.publicUrl}/calls/${c.id}` : null,
      };
    }),
  };
}

async function coursesDataset(db: DbOrTx, config: OpenDataConfig): Promise<OpenCoursesT> {
  const [cohorts, head] = await Promise.all([visibleCohortRows(db), envelope(db, config, 'courses')]);
  const sessions = await publicSessionRows(
    db,
    cohorts.map((c) => c.id),
  );
  return {
    dataset: 'courses',
    ...head,
    timeZone: 'Asia/Seoul',
    records: cohorts.map((c) => ({
      id: c.id,
      programme: openText(c.programmeTitle),
      programmeKind: c.programmeKind,
      title: openText(c.title),
      place: openText(c.place),
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      capacity: c.capacity,
      enrolmentMode: c.enrolmentMode,
      status: c.status === 'finished' ? 'finished' : 'published',
      url: `${config.publicUrl}/courses/${c.id}`,
      sessions: sessions
        .filter((s) => s.cohortId === c.id)
        .map((s) => ({
          id: s.id,
          type: s.type,
          typeLabel: both(`openData.sessionType.${s.type}`),
          title: openText(s.title),
          startsAt: s.startsAt ? s.startsAt.toISOString() : null,
          endsAt: s.endsAt ? s.endsAt.toISOString() : null,
          days: s.days,
          durationMinutes: s.durationMinutes,
          place: s.placeText ? openText(s.placeText) : s.roomName && s.roomPlace ? { ko: `${s.roomPlace.ko} ${s.roomName.ko}`, en: s.roomPlace.en && s.roomName.en ? `${s.roomName.en}, ${s.roomPlace.en}` : null } : null,
        })),
    })),
  };
}

export async function dataset(db: DbOrTx, config: OpenDataConfig, id: DatasetIdT, now: Date): Promise<OpenDatasetT> {
  switch (id) {
    case 'plan':
      return planDataset(db, config);
    case 'schedule':
      return scheduleDataset(db, config, now);
    case 'budget':
      return budgetDataset(db, config);
    case 'calls':
      return callsDataset(db, config);
    case 'courses':
      return coursesDataset(db, config);
  }
}
