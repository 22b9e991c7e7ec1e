/**
 * The schedule twice: a month grid with a bar per work package and milestone (a picture, hidden from
 * screen readers) and the same facts as an ordered list in time order, which is what assistive
 * technology reads. Bars differ by shape and the grid is labelled, so nothing relies on colour alone.
 */
import { Stack, Text, Title } from '@mantine/core';
import { Fragment, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleViewT } from '../../../src/shared/contracts/plan';
import type { LocalizedText } from '../../../src/core/shared/localized';
import { usePageTitle } from '../app/usePageTitle';
import { LoadState } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { comparePeriods, formatPeriod, gridPlacement, monthLabel, monthSpan, type YearMonth } from '../lib/period';
import { useLang } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';
import { formatDate } from '../lib/format';
import { planDateBound, scheduleStatus, seoulToday, todayPosition, type DayKey } from '../../../src/core/plan/schedule-status';
import { StatusTag, todayOffset } from './scheduleStatus';

interface Item {
  id: string;
  kind: 'wp' | 'ms';
  code: string | null;
  title: LocalizedText;
  start: string;
  end: string;
  /** For milestones: the code of the work package it belongs to. */
  partOf: string | null;
  /** Staff's record: done, not done, or nothing recorded (undefined). */
  done: boolean | undefined;
}

function toItems(data: ScheduleViewT): Item[] {
  const codeOf = new Map(data.workPackages.map((w) => [w.id, w.code] as const));
  return [
    ...data.workPackages.map((w): Item => ({ id: w.id, kind: 'wp', code: w.code, title: w.title, start: w.start, end: w.end, partOf: null, done: w.done ?? undefined })),
    ...data.milestones.map((m): Item => ({ id: m.id, kind: 'ms', code: null, title: m.title, start: m.start, end: m.end, partOf: m.workPackageId ? (codeOf.get(m.workPackageId) ?? null) : null, done: m.done ?? undefined })),
  ];
}

function MonthLabel({ ym, showYear }: { ym: YearMonth; showYear: boolean }) {
  const lang = useLang();
  const long = monthLabel(ym.month, lang, 'long');
  const short = monthLabel(ym.month, lang, 'narrow');
  return (
    <span>
      {showYear && (
        <>
          {ym.year}
          <br />
        </>
      )}
      <span className="month-long">{long}</span>
      <span className="month-short">{short}</span>
    </span>
  );
}

function Row({ item, months, today, line }: { item: Item; months: YearMonth[]; today: DayKey; line: number | null }) {
  const lang = useLang();
  const place = gridPlacement(months[0]!, item.start, item.end);
  const status = scheduleStatus(item, today);
  return (
    <div className="timeline-row">
      <div className="timeline-label">
        {item.code && <strong>{item.code} </strong>}
        <Loc value={item.title} />
        <span className="period">
          {formatPeriod(item.start, item.end, lang)}
          {status && (
            <>
              {' · '}
              <StatusTag status={status} />
            </>
          )}
        </span>
      </div>
      <div className="timeline-track">
        {line !== null && <span className="today-line" style={{ left: `${(line * 100).toFixed(3)}%` }} />}
        {place && (
<span className={`bar ${item.kind === 'wp' ? 'bar-wp' : 'bar-ms'}`} style={{ gridColumn: `${place.column} / span ${place.span}` }} />
        )}
      </div>
    </div>
  );
}

function Timeline({ items, today }: { items: Item[]; today: DayKey }) {
  const { t } = useTranslation();
  const lang = useLang();
  const months = monthSpan(items);
  if (months.length === 0) return null;
  const first = months[0]!;
  const last = months[months.length - 1]!;
  const multiYear = first.year !== last.year;
  const range = formatPeriod(`${first.year}-${String(first.month).padStart(2, '0')}`, `${last.year}-${String(last.month).padStart(2, '0')}`, lang);
  const style = { '--months': months.length } as CSSProperties;
  const line = todayOffset(first, months.length, today);
  const wps = items.filter((i) => i.kind === 'wp');
  const mss = items.filter((i) => i.kind === 'ms');
  return (
    <section aria-labelledby="schedule-chart">
      <Title order={2} id="schedule-chart" mb="xs">
        {t('schedule.chart', { range })}
      </Title>
      <Text mb="sm">{t('schedule.chartNote')}</Text>
      <ul className="legend">
        <li>
          <span className="bar bar-wp" aria-hidden="true" />
          {t('schedule.legend.workPackage')}
        </li>
        <li>
          <span className="bar bar-ms" aria-hidden="true" />
          {t('schedule.legend.milestone')}
        </li>
        {line !== null && (
          <li>
            <span className="today-swatch" aria-hidden="true" />
            {t('schedule.today.marker', { date: formatDate(today, lang) })}
          </li>
        )}
      </ul>
      <div className="timeline" style={style} aria-hidden="true">
        <div className="timeline-row">
          <div className="timeline-spacer" />
          <div className="timeline-months">
            {months.map((ym, i) => (
              <MonthLabel key={`${ym.year}-${ym.month}`} ym={ym} showYear={multiYear && (i === 0 || ym.month === 1)} />
            ))}
          </div>
        </div>
        {wps.length > 0 && <div className="timeline-group">{t('schedule.legend.workPackage')}</div>}
        {wps.map((item) => (
          <Row key={item.id} item={item} months={months} today={today} line={line} />
        ))}
        {mss.length > 0 && <div className="timeline-group">{t('schedule.legend.milestone')}</div>}
        {mss.map((item) => (
          <Row key={item.id} item={item} months={months} today={today} line={line} />
        ))}
      </div>
    </section>
  );
}

/** Index in the time-ordered list before which today's marker goes: before the first item that starts after today. */
function todayIndex(sorted: Item[], today: DayKey): number {
  const i = sorted.findIndex((item) => (planDateBound(item.start, 'first') ?? '') > today);
  return i === -1 ? sorted.length : i;
}

function TodayMarker({ today }: { today: DayKey }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <li className="schedule-today" data-testid="schedule-today-marker">
      <strong>{t('schedule.today.marker', { date: formatDate(today, lang) })}</strong>
    </li>
  );
}

function ScheduleList({ items, today }: { items: Item[]; today: DayKey }) {
  const { t } = useTranslation();
  const lang = useLang();
  const sorted = [...items].sort(comparePeriods);
  const at = todayIndex(sorted, today);
  return (
    <section aria-labelledby="schedule-list">
      <Title order={2} id="schedule-list" mb="xs">
        {t('schedule.list')}
      </Title>
      <ol className="schedule-list">
        {sorted.map((item, i) => {
          const status = scheduleStatus(item, today);
          return (
            <Fragment key={item.id}>
              {i === at && <TodayMarker today={today} />}
              <li data-testid="schedule-item">
                {status && (
                  <>
                    <StatusTag status={status} />{' '}
                  </>
                )}
                <strong>{formatPeriod(item.start, item.end, lang)}</strong> — {item.kind === 'wp' ? t('schedule.item.workPackage', { code: item.code }) : t('schedule.item.milestone')}
            {': '}
            <Loc value={item.title} />
                {item.partOf && <> ({t('schedule.item.partOf', { code: item.partOf })})</>}
              </li>
            </Fragment>
          );
        })}
        {at === sorted.length && <TodayMarker today={today} />}
      </ol>
      <Text size="sm" mt="sm">
        {t('schedule.statusNote')}
      </Text>
    </section>
  );
}

function TodayNote({ items, today }: { items: Item[]; today: DayKey }) {
  const { t } = useTranslation();
  const lang = useLang();
  const where = todayPosition(items, today);
  if (!where) return null;
  return (
    <Text data-testid="schedule-today" fw={600}>
      {t(`schedule.today.${where}`, { date: formatDate(today, lang) })}
    </Text>
  );
}

export function SchedulePage() {
  const { t } = useTranslation();
  // Read once per render: the page is not left open across midnight often enough to need a timer.
  const today = seoulToday(Date.now());
  usePageTitle(t('schedule.heading'));
  const state = useApiGet<ScheduleViewT>('/plan/schedule');
  return (
    <Stack gap="lg">
      <Title order={1}>{t('schedule.heading')}</Title>
      <LoadState state={state}>
        {(data) => {
          const items = toItems(data);
          if (items.length === 0) return <Text>{t('schedule.empty')}</Text>;
          return (
            <Stack gap="xl">
              <TodayNote items={items} today={today} />
              <Timeline items={items} today={today} />
              <ScheduleList items={items} today={today} />
            </Stack>
          );
        }}
      </LoadState>
    </Stack>
  );
}
