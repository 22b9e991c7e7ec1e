import { describe, expect, it } from 'vitest';
import type { MemberCompletionViewT } from '../../../../src/shared/contracts/attendance';
import { certificateCell, ruleCell, ruleHeading, ruleKey } from './completion-rules';

const percent = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)}%`);
const typeName = (type: string) => `<${type}>`;

const member = (over: Partial<MemberCompletionViewT>): MemberCompletionViewT => ({
  userId: '0190a0a0-0000-7000-8000-000000000001',
  name: '김하나',
  email: 'a@example.org',
  complete: true,
  rulesMet: 3,
  rulesTotal: 3,
  rules: [],
  certificate: null,
  ...over,
});

describe('rule columns and cells', () => {
  it('heads each rule, a required session type by its name', () => {
    expect(ruleHeading({ kind: 'attendance', status: 'met', minRate: 0.8, counted: 10, attended: 8, excused: 0, required: 8, missing: 0, remaining: 0, rate: 0.8 }, percent, typeName)).toEqual({
      key: 'staff.completion.rules.attendance',
      values: { rate: '80%' },
    });
    const field = { kind: 'session_type', sessionType: 'field_study', status: 'met', total: 1, attended: 1, missing: 0 } as const;
    expect(ruleHeading(field, percent, typeName)).toEqual({ key: 'staff.completion.rules.sessionType', values: { type: '<field_study>' } });
    expect(ruleKey(field)).toBe('type-field_study');
    expect(ruleKey({ kind: 'experiment_report', status: 'met', submitted: true })).toBe('experiment_report');
  });

  it('says how much attendance is missing, and notes excused sessions', () => {
    const cell = ruleCell({ kind: 'attendance', status: 'pending', minRate: 0.8, counted: 8, attended: 5, excused: 2, required: 7, missing: 2, remaining: 3, rate: 5 / 8 }, percent);
    expect(cell.met).toBe(false);
    expect(cell.status.key).toBe('staff.completion.rules.status.pending');
    expect(cell.detail).toEqual({ key: 'staff.completion.rules.attendancePending', values: { attended: 5, counted: 8, required: 7, missing: 2, remaining: 3, rate: '63%' } });
    expect(cell.note).toEqual({ key: 'staff.completion.rules.excused', values: { count: 2 } });
    const missed = ruleCell({ kind: 'attendance', status: 'missed', minRate: 0.8, counted: 8, attended: 1, excused: 0, required: 7, missing: 6, remaining: 1, rate: 1 / 8 }, percent);
    expect(missed.detail.key).toBe('staff.completion.rules.attendanceMissed');
    expect(missed.note).toBeNull();
    const over = ruleCell({ kind: 'attendance', status: 'missed', minRate: 0.5, counted: 3, attended: 1, excused: 0, required: 2, missing: 1, remaining: 0, rate: 1 / 3 }, percent);
    expect(over.detail.key).toBe('staff.completion.rules.attendanceMissedNoneLeft');
    expect(ruleCell({ kind: 'attendance', status: 'met', minRate: 0.5, counted: 2, attended: 2, excused: 0, required: 1, missing: 0, remaining: 0, rate: 1 }, percent).met).toBe(true);
  });

  it('words session types and the report', () => {
    expect(ruleCell({ kind: 'session_type', sessionType: 'field_study', status: 'missed', total: 1, attended: 0, missing: 1 }, percent).detail.key).toBe('staff.completion.rules.sessionTypeMissed');
    expect(ruleCell({ kind: 'session_type', sessionType: 'field_study', status: 'pending', total: 0, attended: 0, missing: 0 }, percent).detail.key).toBe('staff.completion.rules.sessionTypeUnscheduled');
    expect(ruleCell({ kind: 'session_type', sessionType: 'field_study', status: 'pending', total: 2, attended: 1, missing: 1 }, percent).detail).toEqual({
      key: 'staff.completion.rules.sessionTypePending',
      values: { attended: 1, total: 2, missing: 1 },
    });
    expect(ruleCell({ kind: 'experiment_report', status: 'pending', submitted: false }, percent).detail.key).toBe('staff.completion.rules.reportMissing');
    expect(ruleCell({ kind: 'experiment_report', status: 'met', submitted: true }, percent)).toMatchObject({ met: true, detail: { key: 'staff.completion.rules.reportMet' } });
  });
});

describe('the certificate column', () => {
  const cert = { id: '0190a0a0-0000-7000-8000-000000000009', number: 'OC-2020-TI-0001', issuedAt: '2020-11-27T09:00:00Z' };
  it('tells ready, not complete, issued and revoked apart', () => {
    expect(certificateCell(member({}))).toEqual({ line: { key: 'staff.completion.members.readyToIssue', values: {} }, unsupported: false });
    expect(certificateCell(member({ complete: false, rulesMet: 1 })).line).toEqual({ key: 'staff.completion.members.notComplete', values: { met: 1, total: 3 } });
    expect(certificateCell(member({ certificate: { ...cert, status: 'valid', stillMeetsRules: true } })).line.key).toBe('staff.completion.members.certified');
    expect(certificateCell(member({ complete: false, certificate: { ...cert, status: 'revoked', stillMeetsRules: null } }))).toEqual({
      line: { key: 'staff.completion.members.revoked', values: { number: 'OC-2020-TI-0001' } },
      unsupported: false,
    });
  });

  it('flags a valid certificate whose holder no longer meets the rules', () => {
    expect(certificateCell(member({ complete: false, certificate: { ...cert, status: 'valid', stillMeetsRules: false } }))).toEqual({
      line: { key: 'staff.completion.members.unsupported', values: { number: 'OC-2020-TI-0001' } },
      unsupported: true,
    });
  });
});
