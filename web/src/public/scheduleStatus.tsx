/**
 * The status of a schedule item as a person reads it: an icon and a word, with a colour as a third
 * cue only, so nothing depends on seeing colour. The icon is hidden from screen readers; the word is
 * what they read.
 */
import { useTranslation } from 'react-i18next';
import type { ScheduleStatus } from '../../../src/core/plan/schedule-status';

const ICON: Record<ScheduleStatus, string> = {
  done: '\u2714', // ✔
  running: '\u25B6', // ▶
  late: '\u0021', // !
  upcoming: '\u25CB', // ○
  ended: '\u25A0', // ■
};

export function StatusTag({ status }: { status: ScheduleStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`sched-status sched-status-${status}`} data-status={status}>
      <span className="sched-status-icon" aria-hidden="true">
        {ICON[status]}
      </span>
      {t(`schedule.status.${status}`)}
    </span>
  );
}

/** Where today's line crosses a month grid starting at `first`: a share 0..1 of its width, or null outside it. */
export function todayOffset(first: { year: number; month: number }, months: number, today: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!m || months <= 0) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const index = (y - first.year) * 12 + (mo - first.month);
  if (index < 0 || index >= months) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return (index + (d - 0.5) / days) / months;
}
