/**
 * Completion of a cohort (docs/attendance.md), pure: a programme's rule (minimum attendance, session
 * types that must be attended, an experiment report) checked against one person's record, with
 * what is still missing in numbers; whether an issued certificate is still supported by the record;
 * and the printed certificate number. See docs/attendance.md.
 */
import type { AttendanceStatus } from './attendance-code.js';

export type SessionTypeName = 'lecture' | 'workshop' | 'field_study' | 'experiment_lab' | 'mentoring' | 'results_presentation';

export interface CompletionRuleInput {
  /** 0..1 */
  minAttendanceRate: number;
  requiredSessionTypes: readonly SessionTypeName[];
  requireExperimentReport: boolean;
}

export interface CompletionSession {
  id: string;
  type: SessionTypeName;
  /** Epoch ms; null when not timetabled yet. */
  endsAt: number | null;
}

export interface CompletionInput {
  rule: CompletionRuleInput;
  /** Every session of the cohort (the whole curriculum, not only those held so far). */
  sessions: readonly CompletionSession[];
  /** This person's attendance, by session id. */
  attendance: ReadonlyMap<string, AttendanceStatus>;
  reportSubmitted: boolean;
  nowMs: number;
}

/**
 * met: satisfied. pending: not yet, and still reachable with the sessions left. missed: cannot be
 * met any more without a staff correction (too many sessions over without attendance).
 */
export type RuleStatus = 'met' | 'pending' | 'missed';

export interface AttendanceRuleResult {
  kind: 'attendance';
  status: RuleStatus;
  minRate: number;
  /** Sessions of the curriculum, minus those the person was excused from. */
  counted: number;
  attended: number;
  excused: number;
  /** Sessions to attend to reach the minimum: ceil(minRate × counted). */
  required: number;
  /** max(0, required − attended). */
  missing: number;
  /** Sessions not over yet and not attended: what can still count. */
  remaining: number;
  /** attended / counted, null when nothing counts. */
  rate: number | null;
}

export interface SessionTypeRuleResult {
  kind: 'session_type';
  sessionType: SessionTypeName;
  status: RuleStatus;
  /** Sessions of this type in the curriculum. */
  total: number;
  attended: number;
  missing: number;
}

export interface ReportRuleResult {
  kind: 'experiment_report';
  status: RuleStatus;
  submitted: boolean;
}

export type RuleResult = AttendanceRuleResult | SessionTypeRuleResult | ReportRuleResult;

export interface CompletionResult {
  complete: boolean;
  rules: RuleResult[];
  rulesMet: number;
  rulesTotal: number;
}

/** ceil(x) that ignores binary noise: 0.7 × 10 is 7.000000000000001 in floating point, and needs 7. */
function ceilClean(x: number): number {
  return Math.ceil(x - 1e-9);
}

const over = (s: CompletionSession, nowMs: number) => s.endsAt !== null && s.endsAt < nowMs;

/**
 * Checks one person against the rule. Only 'present' counts as attended. An excused session leaves
 * the attendance count (so an excused absence never fails the rate) but does not satisfy a required
 * session type: the field study has to be attended. A required type with no session in the
 * curriculum stays pending (staff have to schedule it), so an unfinished curriculum never completes
 * anyone by accident.
 */
export function evaluateCompletion(input: CompletionInput): CompletionResult {
  const { rule, sessions, attendance, nowMs } = input;
  const rules: RuleResult[] = [];

  const excused = sessions.filter((s) => attendance.get(s.id) === 'excused').length;
  const attended = sessions.filter((s) => attendance.get(s.id) === 'present').length;
  const counted = sessions.length - excused;
  const required = ceilClean(rule.minAttendanceRate * counted);
  const remaining = sessions.filter((s) => !over(s, nowMs) && attendance.get(s.id) !== 'present' && attendance.get(s.id) !== 'excused').length;
  const missing = Math.max(0, required - attended);
  let attendanceStatus: RuleStatus;
  if (counted === 0) attendanceStatus = rule.minAttendanceRate <= 0 ? 'met' : 'pending';
  else if (missing === 0) attendanceStatus = 'met';
  else attendanceStatus = missing > remaining ? 'missed' : 'pending';
  rules.push({ kind: 'attendance', status: attendanceStatus, minRate: rule.minAttendanceRate, counted, attended, excused, required, missing, remaining, rate: counted > 0 ? attended / counted : null });

  for (const type of new Set(rule.requiredSessionTypes)) {
    const ofType = sessions.filter((s) => s.type === type);
    const done = ofType.filter((s) => attendance.get(s.id) === 'present').length;
    const lost = ofType.some((s) => attendance.get(s.id) !== 'present' && over(s, nowMs));
    const status: RuleStatus = ofType.length > 0 && done === ofType.length ? 'met' : lost ? 'missed' : 'pending';
    rules.push({ kind: 'session_type', sessionType: type, status, total: ofType.length, attended: done, missing: ofType.length - done });
  }

  if (rule.requireExperimentReport) {
    rules.push({ kind: 'experiment_report', status: input.reportSubmitted ? 'met' : 'pending', submitted: input.reportSubmitted });
  }

  const rulesMet = rules.filter((r) => r.status === 'met').length;
  return { complete: rulesMet === rules.length, rules, rulesMet, rulesTotal: rules.length };
}

// ---------- certificates against the current record ----------

/**
 * Where a member's certificate stands against the record as it is now. 'unsupported': issued, not
 * revoked, and the holder no longer meets the rules (typically a staff correction after issue). It
 * stays valid — a certificate is a public record and only a person with a reason revokes it — but
 * staff are told.
 */
export type CertificateSupport = 'none' | 'revoked' | 'supported' | 'unsupported';

export function certificateSupport(certificate: { revoked: boolean } | null | undefined, result: Pick<CompletionResult, 'complete'>): CertificateSupport {
  if (!certificate) return 'none';
  if (certificate.revoked) return 'revoked';
  return result.complete ? 'supported' : 'unsupported';
}

/**
 * Whether a change to the record (a correction) is what took the ground from under a valid
 * certificate: supported before, unsupported after. A certificate that was already unsupported, or
 * that the change makes supported again, is not a loss.
 */
export function supportLost(certificate: { revoked: boolean } | null | undefined, before: Pick<CompletionResult, 'complete'>, after: Pick<CompletionResult, 'complete'>): boolean {
  return certificateSupport(certificate, before) === 'supported' && certificateSupport(certificate, after) === 'unsupported';
}

export interface CompletionTotals {
  members: number;
  /** Members who meet every rule now. */
  complete: number;
  notComplete: number;
  /** Valid certificates among the members (supported or not). */
  certified: number;
  revoked: number;
  /** Complete and without any certificate: issuing now would give them one. */
  readyToIssue: number;
  /** Valid certificates whose holder no longer meets the rules. */
  unsupported: number;
}

/** Cohort totals from each member's completion and certificate standing. */
export function completionTotals(members: readonly { complete: boolean; certificate: CertificateSupport }[]): CompletionTotals {
  const count = (pred: (m: { complete: boolean; certificate: CertificateSupport }) => boolean) => members.filter(pred).length;
  const complete = count((m) => m.complete);
  return {
    members: members.length,
    complete,
    notComplete: members.length - complete,
    certified: count((m) => m.certificate === 'supported' || m.certificate === 'unsupported'),
    revoked: count((m) => m.certificate === 'revoked'),
    readyToIssue: count((m) => m.complete && m.certificate === 'none'),
    unsupported: count((m) => m.certificate === 'unsupported'),
  };
}

/**
 * The staff filters of a cohort's completion list, one per total above: a member matches the
 * filter whose total counts them (a member can match several, as the totals overlap).
 */
export const COMPLETION_FILTERS = ['complete', 'not_complete', 'ready_to_issue', 'certified', 'no_longer_supported', 'revoked'] as const;
export type CompletionFilter = (typeof COMPLETION_FILTERS)[number];

export function matchesCompletionFilter(filter: CompletionFilter, member: { complete: boolean; certificate: CertificateSupport }): boolean {
  switch (filter) {
    case 'complete':
      return member.complete;
    case 'not_complete':
      return !member.complete;
    case 'ready_to_issue':
      return member.complete && member.certificate === 'none';
    case 'certified':
      return member.certificate === 'supported' || member.certificate === 'unsupported';
    case 'no_longer_supported':
      return member.certificate === 'unsupported';
    case 'revoked':
      return member.certificate === 'revoked';
  }
}

// ---------- certificate numbers ----------

/** Short programme codes printed in certificate numbers. */
export const PROGRAMME_CODES: Record<'top_innovator' | 'citizen', string> = { top_innovator: 'TI', citizen: 'CI' };

/** 'OC-2020-TI-' — the part of a number shared by one year's certificates of one programme kind. */
export function certificatePrefix(year: number, kind: 'top_innovator' | 'citizen'): string {
  return `OC-${year}-${PROGRAMME_CODES[kind]}-`;
}

/** 'OC-2020-TI-0001': the prefix and a running number, at least four digits. */
export function certificateNumber(year: number, kind: 'top_innovator' | 'citizen', sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError('sequence must be a positive integer');
  return `${certificatePrefix(year, kind)}${String(sequence).padStart(4, '0')}`;
}
