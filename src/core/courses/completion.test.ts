import { describe, expect, it } from 'vitest';
import type { AttendanceStatus } from './attendance-code.js';
import { COMPLETION_FILTERS, certificateNumber, certificatePrefix, certificateSupport, completionTotals, evaluateCompletion, matchesCompletionFilter, supportLost, type CompletionSession, type CompletionRuleInput } from './completion.js';

const DAY = 86_400_000;
const TOP: CompletionRuleInput = { minAttendanceRate: 0.8, requiredSessionTypes: ['field_study'], requireExperimentReport: true };

/** Ten sessions on days 1..10, ending that day; session 7 is the field study. */
const sessions: CompletionSession[] = Array.from({ length: 10 }, (_, i) => ({ id: `s${i + 1}`, type: i === 6 ? 'field_study' : 'lecture', endsAt: (i + 1) * DAY }));

function att(entries: Record<string, AttendanceStatus>): Map<string, AttendanceStatus> {
  return new Map(Object.entries(entries));
}
function present(...ids: number[]): Record<string, AttendanceStatus> {
  return Object.fromEntries(ids.map((i) => [`s${i}`, 'present' as const]));
}

describe('evaluateCompletion', () => {
  it('completes someone who attended 8 of 10, the field study and handed in a report', () => {
    const r = evaluateCompletion({ rule: TOP, sessions, attendance: att(present(1, 2, 3, 4, 5, 6, 7, 8)), reportSubmitted: true, nowMs: 11 * DAY });
    expect(r.complete).toBe(true);
    expect(r.rulesMet).toBe(3);
    expect(r.rulesTotal).toBe(3);
    expect(r.rules[0]).toEqual({ kind: 'attendance', status: 'met', minRate: 0.8, counted: 10, attended: 8, excused: 0, required: 8, missing: 0, remaining: 0, rate: 0.8 });
    expect(r.rules[1]).toEqual({ kind: 'session_type', sessionType: 'field_study', status: 'met', total: 1, attended: 1, missing: 0 });
    expect(r.rules[2]).toEqual({ kind: 'experiment_report', status: 'met', submitted: true });
  });

  it('says what is missing in numbers while the course runs', () => {
    const r = evaluateCompletion({ rule: TOP, sessions, attendance: att(present(1, 2, 3)), reportSubmitted: false, nowMs: 4.5 * DAY });
    expect(r.complete).toBe(false);
    expect(r.rules[0]).toMatchObject({ status: 'pending', attended: 3, required: 8, missing: 5, remaining: 6 });
    expect(r.rules[1]).toMatchObject({ status: 'pending', attended: 0, missing: 1 });
    expect(r.rules[2]).toMatchObject({ status: 'pending', submitted: false });
    expect(r.rulesMet).toBe(0);
  });

  it('marks the rate missed once too few sessions are left to reach it', () => {
    // Sessions 1–4 missed: at most 6 of 10 can still be attended, 8 are needed.
    const r = evaluateCompletion({ rule: TOP, sessions, attendance: att({}), reportSubmitted: true, nowMs: 4.5 * DAY });
    expect(r.rules[0]).toMatchObject({ status: 'missed', missing: 8, remaining: 6 });
  });

  it('marks a required session type missed once such a session is over unattended', () => {
    const r = evaluateCompletion({ rule: TOP, sessions, attendance: att(present(1, 2, 3, 4, 5, 6, 8, 9, 10)), reportSubmitted: true, nowMs: 11 * DAY });
    expect(r.rules[0]!.status).toBe('met');
    expect(r.rules[1]).toMatchObject({ status: 'missed', attended: 0, missing: 1 });
    expect(r.complete).toBe(false);
  });

  it('leaves excused sessions out of the rate but not out of a required type', () => {
    // 7 present + 2 excused: 7 of 8 counted = 87.5 %.
    const a = att({ ...present(1, 2, 3, 4, 5, 6, 8), s9: 'excused', s10: 'excused' });
    const r = evaluateCompletion({ rule: { ...TOP, requiredSessionTypes: [] }, sessions, attendance: a, reportSubmitted: true, nowMs: 11 * DAY });
    expect(r.rules[0]).toMatchObject({ status: 'met', counted: 8, excused: 2, attended: 7, required: 7, rate: 7 / 8 });
    const fieldExcused = evaluateCompletion({ rule: TOP, sessions, attendance: att({ ...present(1, 2, 3, 4, 5, 6, 8, 9), s7: 'excused' }), reportSubmitted: true, nowMs: 11 * DAY });
    expect(fieldExcused.rules[1]).toMatchObject({ status: 'missed', attended: 0 });
  });

  it('rounds the requirement up without floating-point noise', () => {
    const rule = { minAttendanceRate: 0.7, requiredSessionTypes: [], requireExperimentReport: false };
    const r = evaluateCompletion({ rule, sessions, attendance: att(present(1, 2, 3, 4, 5, 6, 7)), reportSubmitted: false, nowMs: 11 * DAY });
    expect(r.rules[0]).toMatchObject({ required: 7, status: 'met' });
    const three = sessions.slice(0, 3);
    const r3 = evaluateCompletion({ rule: { ...rule, minAttendanceRate: 0.5 }, sessions: three, attendance: att(present(1)), reportSubmitted: false, nowMs: 0 });
    expect(r3.rules[0]).toMatchObject({ required: 2, missing: 1 });
  });

  it('never completes anyone on an empty curriculum or a required type with no session', () => {
    const empty = evaluateCompletion({ rule: TOP, sessions: [], attendance: att({}), reportSubmitted: true, nowMs: 0 });
    expect(empty.complete).toBe(false);
    expect(empty.rules[0]).toMatchObject({ status: 'pending', rate: null });
    expect(empty.rules[1]).toMatchObject({ status: 'pending', total: 0 });
    const noRate = evaluateCompletion({ rule: { minAttendanceRate: 0, requiredSessionTypes: [], requireExperimentReport: false }, sessions: [], attendance: att({}), reportSubmitted: false, nowMs: 0 });
    expect(noRate.complete).toBe(true);
  });

  it('lists only the rules the programme has, each required type once', () => {
    const rule: CompletionRuleInput = { minAttendanceRate: 0.5, requiredSessionTypes: ['field_study', 'field_study'], requireExperimentReport: false };
    const r = evaluateCompletion({ rule, sessions, attendance: att(present(1, 2, 3, 4, 5, 7)), reportSubmitted: false, nowMs: 11 * DAY });
    expect(r.rules.map((x) => x.kind)).toEqual(['attendance', 'session_type']);
    expect(r.complete).toBe(true);
  });

  it('treats sessions without times as still to come', () => {
    const unscheduled: CompletionSession[] = sessions.map((s) => ({ ...s, endsAt: null }));
    const r = evaluateCompletion({ rule: TOP, sessions: unscheduled, attendance: att({}), reportSubmitted: false, nowMs: 100 * DAY });
    expect(r.rules[0]).toMatchObject({ status: 'pending', remaining: 10 });
    expect(r.rules[1]).toMatchObject({ status: 'pending' });
  });
});

describe('certificates against the current record', () => {
  const complete = evaluateCompletion({ rule: TOP, sessions, attendance: att(present(1, 2, 3, 4, 5, 6, 7, 8)), reportSubmitted: true, nowMs: 11 * DAY });
  // The same person after staff corrected the field study to absent.
  const corrected = evaluateCompletion({ rule: TOP, sessions, attendance: att({ ...present(1, 2, 3, 4, 5, 6, 8), s7: 'absent' }), reportSubmitted: true, nowMs: 11 * DAY });

  it('says whether a valid certificate is still supported, and leaves revoked ones aside', () => {
    expect(corrected.complete).toBe(false);
    expect(certificateSupport(null, complete)).toBe('none');
    expect(certificateSupport(undefined, corrected)).toBe('none');
    expect(certificateSupport({ revoked: false }, complete)).toBe('supported');
    expect(certificateSupport({ revoked: false }, corrected)).toBe('unsupported');
    expect(certificateSupport({ revoked: true }, corrected)).toBe('revoked');
    expect(certificateSupport({ revoked: true }, complete)).toBe('revoked');
  });

  it('calls it a loss only when a change takes a supported certificate below the rules', () => {
    const cert = { revoked: false };
    expect(supportLost(cert, complete, corrected)).toBe(true);
    // Already unsupported before, or supported again after: not this change's doing.
    expect(supportLost(cert, corrected, corrected)).toBe(false);
    expect(supportLost(cert, corrected, complete)).toBe(false);
    expect(supportLost(cert, complete, complete)).toBe(false);
    expect(supportLost({ revoked: true }, complete, corrected)).toBe(false);
    expect(supportLost(null, complete, corrected)).toBe(false);
  });

  it('totals a cohort: complete or not, certificates valid, revoked, ready to issue, no longer supported', () => {
    expect(
      completionTotals([
        { complete: true, certificate: 'supported' },
        { complete: false, certificate: 'unsupported' },
        { complete: true, certificate: 'none' },
        { complete: false, certificate: 'none' },
        { complete: true, certificate: 'revoked' },
      ]),
    ).toEqual({ members: 5, complete: 3, notComplete: 2, certified: 2, revoked: 1, readyToIssue: 1, unsupported: 1 });
    expect(completionTotals([])).toEqual({ members: 0, complete: 0, notComplete: 0, certified: 0, revoked: 0, readyToIssue: 0, unsupported: 0 });
  });
});

describe('certificate numbers', () => {
  it('reads OC-<year>-<programme>-<running number>', () => {
    expect(certificateNumber(2020, 'top_innovator', 1)).toBe('OC-2020-TI-0001');
    expect(certificateNumber(2021, 'citizen', 42)).toBe('OC-2021-CI-0042');
    expect(certificateNumber(2020, 'citizen', 12345)).toBe('OC-2020-CI-12345');
    expect(certificatePrefix(2020, 'top_innovator')).toBe('OC-2020-TI-');
    expect(() => certificateNumber(2020, 'citizen', 0)).toThrow(RangeError);
    expect(() => certificateNumber(2020, 'citizen', 1.5)).toThrow(RangeError);
  });
});

describe('matchesCompletionFilter', () => {
  it('matches a member by the same rule as the total it names', () => {
    const members = [
      { complete: true, certificate: 'none' as const },
      { complete: true, certificate: 'supported' as const },
      { complete: false, certificate: 'unsupported' as const },
      { complete: false, certificate: 'revoked' as const },
      { complete: false, certificate: 'none' as const },
    ];
    const totals = completionTotals(members);
    const byFilter = Object.fromEntries(COMPLETION_FILTERS.map((f) => [f, members.filter((m) => matchesCompletionFilter(f, m)).length]));
    expect(byFilter).toEqual({ complete: totals.complete, not_complete: totals.notComplete, ready_to_issue: totals.readyToIssue, certified: totals.certified, no_longer_supported: totals.unsupported, revoked: totals.revoked });
    expect(byFilter).toEqual({ complete: 2, not_complete: 3, ready_to_issue: 1, certified: 2, no_longer_supported: 1, revoked: 1 });
  });
});
