/**
 * The staff completion table in words: a column per rule of the programme, and in each cell
 * whether the member meets it with what is missing in numbers ("5 of 8 attended (63%); 6 needed:
 * 1 more, 2 sessions left"); the certificate column, flagging a valid certificate whose holder no
 * longer meets the rules. Pure: returns translation keys with their values, so it is tested without
 * the catalogs. The server judges the rules (src/core/courses/completion.ts); this only words them.
 */
import type { MemberCompletionViewT, RuleViewT } from '../../../../src/shared/contracts/attendance';

export interface Line {
  key: string;
  values: Record<string, string | number>;
}

/** A stable key per rule: each required session type is a rule of its own. */
export function ruleKey(rule: RuleViewT): string {
  return rule.kind === 'session_type' ? `type-${rule.sessionType}` : rule.kind;
}

/** The column heading of a rule; `percent` formats the minimum rate, `typeName` names a session type. */
export function ruleHeading(rule: RuleViewT, percent: (rate: number | null) => string, typeName: (type: string) => string): Line {
  switch (rule.kind) {
    case 'attendance':
      return { key: 'staff.completion.rules.attendance', values: { rate: percent(rule.minRate) } };
    case 'session_type':
      return { key: 'staff.completion.rules.sessionType', values: { type: typeName(rule.sessionType) } };
    case 'experiment_report':
      return { key: 'staff.completion.rules.report', values: {} };
  }
}

export interface RuleCell {
  met: boolean;
  /** Met, not yet, or cannot be met any more. */
  status: Line;
  /** What is done and what is missing. */
  detail: Line;
  /** Excused sessions, which leave the count (attendance only, when there are any). */
  note: Line | null;
}

export function ruleCell(rule: RuleViewT, percent: (rate: number | null) => string): RuleCell {
  const status: Line = { key: `staff.completion.rules.status.${rule.status}`, values: {} };
  const met = rule.status === 'met';
  switch (rule.kind) {
    case 'attendance': {
      const values = { attended: rule.attended, counted: rule.counted, required: rule.required, missing: rule.missing, remaining: rule.remaining, rate: percent(rule.rate) };
      // Missed with nothing left to attend reads better without "only 0 sessions left".
      const key = met ? 'attendanceMet' : rule.status === 'missed' ? (rule.remaining === 0 ? 'attendanceMissedNoneLeft' : 'attendanceMissed') : 'attendancePending';
      return { met, status, detail: { key: `staff.completion.rules.${key}`, values }, note: rule.excused > 0 ? { key: 'staff.completion.rules.excused', values: { count: rule.excused } } : null };
    }
    case 'session_type': {
      const key = rule.total === 0 ? 'sessionTypeUnscheduled' : met ? 'sessionTypeMet' : rule.status === 'missed' ? 'sessionTypeMissed' : 'sessionTypePending';
      return { met, status, detail: { key: `staff.completion.rules.${key}`, values: { attended: rule.attended, total: rule.total, missing: rule.missing } }, note: null };
    }
    case 'experiment_report':
      return { met, status, detail: { key: rule.submitted ? 'staff.completion.rules.reportMet' : 'staff.completion.rules.reportMissing', values: {} }, note: null };
  }
}

export interface CertificateCell {
  line: Line;
  /** A valid certificate whose holder no longer meets the rules: staff should look at it. */
  unsupported: boolean;
}

/** The certificate column: none yet (complete or how far), issued, revoked, or issued but no longer supported. */
export function certificateCell(member: MemberCompletionViewT): CertificateCell {
  const c = member.certificate;
  if (!c) {
    return member.complete
      ? { line: { key: 'staff.completion.members.readyToIssue', values: {} }, unsupported: false }
      : { line: { key: 'staff.completion.members.notComplete', values: { met: member.rulesMet, total: member.rulesTotal } }, unsupported: false };
  }
  if (c.status === 'revoked') return { line: { key: 'staff.completion.members.revoked', values: { number: c.number } }, unsupported: false };
  if (c.stillMeetsRules === false) return { line: { key: 'staff.completion.members.unsupported', values: { number: c.number } }, unsupported: true };
  return { line: { key: 'staff.completion.members.certified', values: { number: c.number } }, unsupported: false };
}
