/**
 * A participant's completion progress in words: each rule of the programme with what is done and what
 * is still missing, in numbers ("7 of 13 sessions attended; 4 more needed, 6 sessions left"). Pure:
 * returns translation keys with their values, so it is tested without the catalogs.
 */
import type { RuleViewT } from '../../../../src/shared/contracts/attendance';

export interface Line {
  key: string;
  values: Record<string, string | number>;
}

/** The heading line of a rule and the line saying what is missing (none when met). */
export function ruleLines(rule: RuleViewT): { title: Line; detail: Line } {
  switch (rule.kind) {
    case 'attendance':
      return {
        title: { key: 'me.progress.attendance', values: { percent: Math.round(rule.minRate * 100) } },
        detail:
          rule.status === 'met'
            ? { key: 'me.progress.attendanceMet', values: { attended: rule.attended, counted: rule.counted, required: rule.required } }
            : {
                key: rule.status === 'missed' ? 'me.progress.attendanceMissed' : 'me.progress.attendanceMissing',
                values: { attended: rule.attended, counted: rule.counted, required: rule.required, missing: rule.missing, remaining: rule.remaining },
              },
      };
    case 'session_type':
      return {
        title: { key: 'me.progress.sessionType', values: { type: rule.sessionType } },
        detail:
          rule.total === 0
            ? { key: 'me.progress.sessionTypeUnscheduled', values: {} }
            : {
                key: rule.status === 'met' ? 'me.progress.sessionTypeMet' : rule.status === 'missed' ? 'me.progress.sessionTypeMissed' : 'me.progress.sessionTypeMissing',
                values: { attended: rule.attended, total: rule.total, missing: rule.missing },
              },
      };
    case 'experiment_report':
      return {
        title: { key: 'me.progress.report', values: {} },
        detail: { key: rule.submitted ? 'me.progress.reportMet' : 'me.progress.reportMissing', values: {} },
      };
  }
}

/** Attendance so far as a whole percentage, or null while nothing counts. */
export function percent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 100);
}
