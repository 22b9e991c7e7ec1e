/**
 * The open datasets as CSV: the JSON records flattened, one column per field and language
 * (`title_ko`, `title_en`), UTF-8 with a BOM so Excel reads Korean, CRLF line ends (RFC 4180), and
 * every text cell through the downloads' injection guard (src/platform/export/csv.ts). Several
 * values in one cell (a work package's tasks, a call's cohorts) are joined with " | ". The licence
 * travels in the Link header and the catalogue, since CSV has no place for it that a portal would
 * read.
 */
import type { OpenBudgetT, OpenCallsT, OpenCoursesT, OpenDatasetT, OpenPlanT, OpenScheduleT, OpenTextT } from '../../shared/contracts/open-data.js';
import { csvText } from '../../platform/export/csv.js';

type Cell = string | number | null;
const JOIN = ' | ';

const toCsv = (header: string[], rows: Cell[][]): string => csvText([header, ...rows]);

const ko = (t: OpenTextT | null | undefined): Cell => t?.ko ?? null;
const en = (t: OpenTextT | null | undefined): Cell => t?.en ?? null;
const joined = (ts: OpenTextT[], lang: 'ko' | 'en'): string => ts.map((t) => (lang === 'ko' ? t.ko : (t.en ?? ''))).join(JOIN);

function planCsv(d: OpenPlanT): string {
  const header = ['record_type', 'position', 'code', 'title_ko', 'title_en', 'start', 'end', 'operator_ko', 'operator_en', 'place_ko', 'place_en', 'tasks_ko', 'tasks_en', 'planned_krw'];
  const goals: Cell[][] = d.plan.goals.map((g, i) => ['goal', i, null, ko(g), en(g), null, null, null, null, null, null, null, null, null]);
  const wps: Cell[][] = d.records.map((w) => ['work_package', w.position, w.code, ko(w.title), en(w.title), w.start, w.end, ko(w.operator), en(w.operator), ko(w.place), en(w.place), joined(w.tasks, 'ko'), joined(w.tasks, 'en'), w.plannedKrw]);
  return toCsv(header, [...goals, ...wps]);
}

function scheduleCsv(d: OpenScheduleT): string {
  const header = ['position', 'title_ko', 'title_en', 'start', 'end', 'status', 'status_ko', 'status_en', 'work_package_code', 'as_of'];
  return toCsv(
    header,
    d.records.map((m) => [m.position, ko(m.title), en(m.title), m.start, m.end, m.status, ko(m.statusLabel), en(m.statusLabel), m.workPackageCode, d.asOf]),
  );
}

function budgetCsv(d: OpenBudgetT): string {
  const header = ['level', 'key', 'line_ko', 'line_en', 'kind', 'planned_krw', 'spent_krw', 'execution_rate_percent', 'calculation_ko', 'calculation_en'];
  return toCsv(
    header,
    d.records.map((l) => [l.level, l.key, ko(l.title), en(l.title), l.kind, l.plannedKrw, l.spentKrw, l.executionRatePercent, ko(l.calculation), en(l.calculation)]),
  );
}

function callsCsv(d: OpenCallsT): string {
  const header = ['id', 'status', 'status_ko', 'status_en', 'title_ko', 'title_en', 'programme', 'cohorts_ko', 'cohorts_en', 'opens_at', 'closes_at', 'capacity', 'url'];
  return toCsv(
    header,
    d.records.map((c) => {
      const titles = c.cohorts.map((k) => k.title);
      return [c.id, c.status, ko(c.statusLabel), en(c.statusLabel), ko(c.title), en(c.title), c.programme, joined(titles, 'ko'), joined(titles, 'en'), c.opensAt, c.closesAt, c.capacity, c.url];
    }),
  );
}

function coursesCsv(d: OpenCoursesT): string {
  const header = [
    'cohort_id', 'programme_ko', 'programme_en', 'cohort_ko', 'cohort_en', 'cohort_place_ko', 'cohort_place_en', 'starts_on', 'ends_on', 'capacity', 'enrolment_mode', 'status', 'url',
    'session_id', 'session_type', 'session_type_ko', 'session_type_en', 'session_ko', 'session_en', 'session_starts_at', 'session_ends_at', 'session_days', 'session_duration_minutes', 'session_place_ko', 'session_place_en',
  ];
  const rows: Cell[][] = [];
  for (const c of d.records) {
    const cohort: Cell[] = [c.id, ko(c.programme), en(c.programme), ko(c.title), en(c.title), ko(c.place), en(c.place), c.startsOn, c.endsOn, c.capacity, c.enrolmentMode, c.status, c.url];
    // A cohort without sessions still gets its row, with the session columns empty.
    if (c.sessions.length === 0) rows.push([...cohort, ...Array<Cell>(12).fill(null)]);
    for (const s of c.sessions) rows.push([...cohort, s.id, s.type, ko(s.typeLabel), en(s.typeLabel), ko(s.title), en(s.title), s.startsAt, s.endsAt, s.days, s.durationMinutes, ko(s.place), en(s.place)]);
  }
  return toCsv(header, rows);
}

export function datasetCsv(d: OpenDatasetT): string {
  switch (d.dataset) {
    case 'plan':
      return planCsv(d);
    case 'schedule':
      return scheduleCsv(d);
    case 'budget':
      return budgetCsv(d);
    case 'calls':
      return callsCsv(d);
    case 'courses':
      return coursesCsv(d);
  }
}
