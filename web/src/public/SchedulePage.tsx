/**
 * The schedule twice: a month grid with a bar per work package and milestone (a picture, hidden from
 * screen readers) and the same facts as an ordered list in time order, which is what assistive
 * technology reads. Bars differ by shape and the grid is labelled, so nothing relies on colour alone.
 */
import { Stack, Text, Title } from '@mantine/core';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleViewT } from '../../../src/shared/contracts/plan';
import type { LocalizedText } from '../../../src/core/shared/localized';
import { usePageTitle } from '../app/usePageTitle';
import { LoadState } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { comparePeriods, formatPeriod, gridPlacement, monthLabel, monthSpan, type YearMonth } from '../lib/period';
import { useLang } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';

interface Item {
  id: string;
  kind: 'wp' | 'ms';
  code: string | null;
  title: LocalizedText;
  start: string;
  end: string;
  /** For milestones: the code of the work package it belongs to. */
  partOf: string | null;
}

function toItems(data: ScheduleViewT): Item[] {
  const codeOf = new Map(data.workPackages.map((w) => [w.id, w.code] as const));
  return [
    ...data.workPackages.map((w): Item => ({ id: w.id, kind: 'wp', code: w.code, title: w.title, start: w.start, end: w.end, partOf: null })),
    ...data.milestones.map((m): Item => ({ id: m.id, kind: 'ms', code: null, title: m.title, start: m.start, end: m.end, partOf: m.workPackageId ? (codeOf.get(m.workPackageId) ?? null) : null })),
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

function Row({ item, months }: { item: Item; months: YearMonth[] }) {
  const lang = useLang();
  const place = gridPlacement(months[0]!, item.start, item.end);
  return (
    <div className="timeline-row">
      <div className="timeline-label">
        {item.code && <strong>{item.code} </strong>}
        <Loc value={item.title} />
        <span className="period">{formatPeriod(item.start, item.end, lang)}</span>
      </div>
      <div className="timeline-track">
        {place && (
<span className={`bar ${item.kind === 'wp' ? 'bar-wp' : 'bar-ms'}`} style={{ gridColumn: `${place.column} / span ${place.span}` }} />
        )}
      </div>
    </div>
  );
}

function Timeline({ items }: { items: Item[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const months = monthSpan(items);
  if (months.length === 0) return null;
  const first = months[0]!;
  const last = months[months.length - 1]!;
  const multiYear = first.year !== last.year;
  const range = formatPeriod(`${first.year}-${String(first.month).padStart(2, '0')}`, `${last.year}-${String(last.month).padStart(2, '0')}`, lang);
  const style = { '--months': months.length } as CSSProperties;
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
          <Row key={item.id} item={item} months={months} />
        ))}
        {mss.length > 0 && <div className="timeline-group">{t('schedule.legend.milestone')}</div>}
        {mss.map((item) => (
          <Row key={item.id} item={item} months={months} />
        ))}
      </div>
    </section>
  );
}

function ScheduleList({ items }: { items: Item[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const sorted = [...items].sort(comparePeriods);
  return (
    <section aria-labelledby="schedule-list">
      <Title order={2} id="schedule-list" mb="xs">
        {t('schedule.list')}
      </Title>
      <ol className="schedule-list">
        {sorted.map((item) => (
          <li key={item.id}>
            <strong>{formatPeriod(item.start, item.end, lang)}</strong> — {item.kind === 'wp' ? t('schedule.item.workPackage', { code: item.code }) : t('schedule.item.milestone')}
            {': '}
            <Loc value={item.title} />
            {item.partOf && <> ({t('schedule.item.partOf', { code: item.partOf })})</>}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function SchedulePage() {
  const { t } = useTranslation();
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
              <Timeline items={items} />
              <ScheduleList items={items} />
            </Stack>
          );
        }}
      </LoadState>
    </Stack>
  );
}
