/**
 * Every enum value a page shows, in words: one registry from each kind of value (sector, role,
 * solver status, mail state…) to its message in the catalogs, and one lookup, `enumLabel(t, kind,
 * value)`. The values come from the zod contracts themselves, so a value added to a contract without
 * a Korean and an English label fails tests/checks/enum-labels.test.ts before any page shows it raw.
 *
 * Waitlisted and queued are different words on purpose: a person is on the waitlist (대기자 /
 * Waitlisted), a message or a run waits in a queue (발송 대기, 실행 대기 / Queued).
 */
import type { TFunction } from 'i18next';
import { Role } from '../../../src/shared/contracts/accounts';
import { AttendanceStanding, AttendanceStatus, CertificateStatus, CompletionFilter, RuleStatus } from '../../../src/shared/contracts/attendance';
import { CohortMemberVia, CohortStatus, CourseSlotId, EnrolmentMode, ProgrammeKind, SessionType } from '../../../src/shared/contracts/courses';
import { EnrolmentStatus } from '../../../src/shared/contracts/enrolment';
import { ApplicationStatus, CallStatus } from '../../../src/shared/contracts/recruitment';
import { AssignmentRunPhase, AssignmentRunStatus, ReviewerStatus, ReviewProgress, ScoreFilter } from '../../../src/shared/contracts/review';
import { ApplicationOutcome, OutboxStatus, SelectionApplicantStatus, SelectionRunStatus } from '../../../src/shared/contracts/selection';
import { TimetableRunPhase, TimetableRunStatus } from '../../../src/shared/contracts/timetable';
import { AUDIT_ENTITY_TYPES } from '../admin/audit-format';
import { SECTORS } from '../staffcalls/call-form';

export interface EnumLabels {
  /** Every value of the kind (from its contract where there is one). */
  values: readonly string[];
  /** The message key of a value, with its namespace ("staffcalls:sectors.public"). */
  key: (value: string) => string;
}

const nested = (prefix: string) => (value: string) => `${prefix}.${value}`;
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export const ENUM_LABELS = {
  role: { values: Role.options, key: nested('admin:users.role') },
  sector: { values: SECTORS, key: nested('staffcalls:sectors') },
  callStatus: { values: CallStatus.options, key: nested('staffcalls:status') },
  applicationStatus: { values: ApplicationStatus.options, key: nested('staffcalls:applications.status') },
  reviewerStatus: { values: ReviewerStatus.options, key: nested('staffcalls:reviewers.status') },
  reviewProgress: { values: ReviewProgress.options, key: nested('review:status') },
  assignmentRunStatus: { values: AssignmentRunStatus.options, key: nested('selection:assignment.runStatus') },
  assignmentRunPhase: { values: AssignmentRunPhase.options, key: nested('selection:assignment.phase') },
  selectionRunStatus: { values: SelectionRunStatus.options, key: nested('selection:selection.runStatus') },
  applicationOutcome: { values: ApplicationOutcome.options, key: (v) => `review:applications.outcome.${camel(v)}` },
  outboxStatus: { values: OutboxStatus.options, key: nested('selection:outbox.status') },
  scoreFilter: { values: ScoreFilter.options, key: nested('selection:scores.filter.value') },
  selectionApplicantStatus: { values: SelectionApplicantStatus.options, key: nested('selection:selection.applicants.status') },
  attendanceStatus: { values: AttendanceStatus.options, key: nested('courses:staff.attendanceStatus') },
  certificateStatus: { values: CertificateStatus.options, key: nested('courses:staff.completion.certificates.statuses') },
  attendanceStanding: { values: AttendanceStanding.options, key: nested('courses:staff.attendance.standings') },
  completionFilter: { values: CompletionFilter.options, key: nested('courses:staff.completion.filters') },
  ruleStatus: { values: RuleStatus.options, key: (v) => `courses:me.progress.status_${v}` },
  enrolmentStatus: { values: EnrolmentStatus.options, key: (v) => `courses:me.list.status_${v}` },
  programmeKind: { values: ProgrammeKind.options, key: nested('courses:staff.programmeKind') },
  sessionType: { values: SessionType.options, key: nested('courses:staff.sessionType') },
  cohortStatus: { values: CohortStatus.options, key: nested('courses:staff.cohortStatus') },
  enrolmentMode: { values: EnrolmentMode.options, key: nested('courses:staff.enrolmentMode') },
  memberVia: { values: CohortMemberVia.options, key: nested('courses:staff.members.vias') },
  courseSlot: { values: CourseSlotId.options, key: nested('courses:availability.slot') },
  timetableRunStatus: { values: TimetableRunStatus.options, key: nested('courses:staff.timetable.runStatus') },
  timetableRunPhase: { values: TimetableRunPhase.options, key: nested('courses:staff.timetable.phase') },
  auditEntity: { values: AUDIT_ENTITY_TYPES, key: nested('admin:audit.entity') },
  // Audit actions are strings the server writes ('budget_line.update'); the check reads them from
  // every recordAudit call in src and requires a label for each.
  auditAction: { values: [], key: nested('admin:audit.action') },
} satisfies Record<string, EnumLabels>;

export type EnumKind = keyof typeof ENUM_LABELS;

/**
 * The words for one value of a kind, in the page's language. A value the catalogs do not know (an
 * older server, a new audit action) reads as "other" rather than as the code itself.
 */
export function enumLabel(t: TFunction, kind: EnumKind, value: string): string {
  const key = ENUM_LABELS[kind].key(value);
  return t(key, { defaultValue: '' }) || t('web:common.otherValue');
}
