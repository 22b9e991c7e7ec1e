import { describe, expect, it } from 'vitest';
import { conflictReasons, detectConflicts, institutionalDomain, listConflicts, normaliseOrganisation } from './conflicts.js';

const reviewer = (id: string, email: string, organisation: string | null = null, declaredConflicts: string[] = []) => ({ id, email, organisation, declaredConflicts });

describe('conflicts of interest', () => {
  it('normalises organisation names across legal forms, spacing, case and width', () => {
    expect(normaliseOrganisation('사단법인 서울 혁신센터')).toBe(normaliseOrganisation('(사)서울혁신센터'));
    expect(normaliseOrganisation('㈜ 소셜벤처')).toBe(normaliseOrganisation('소셜벤처'));
    expect(normaliseOrganisation('Open Lab, Inc.')).toBe(normaliseOrganisation('ＯＰＥＮ ｌａｂ'));
    expect(normaliseOrganisation('Open Lab')).not.toBe(normaliseOrganisation('Open Labs'));
  });

  it('ignores public webmail domains and keeps institutional ones', () => {
    for (const d of ['gmail.com', 'naver.com', 'daum.net', 'hanmail.net', 'kakao.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com']) {
      expect(institutionalDomain(`someone@${d.toUpperCase()}`)).toBeNull();
    }
    expect(institutionalDomain('Kim@SNU.ac.kr')).toBe('snu.ac.kr');
    expect(institutionalDomain('not-an-address')).toBeNull();
  });

  it('carries every reason of a conflict', () => {
    const app = { id: 'A1', organisation: '(재)희망재단', email: 'lee@hope.or.kr' };
    expect(conflictReasons(app, reviewer('R1', 'park@hope.or.kr', '재단법인 희망재단', ['A1']))).toEqual([
      { kind: 'declared' },
      { kind: 'same_organisation', organisation: '재단법인 희망재단' },
      { kind: 'same_email_domain', domain: 'hope.or.kr' },
    ]);
    expect(conflictReasons({ id: 'A2', email: 'a@gmail.com' }, reviewer('R2', 'b@gmail.com'))).toEqual([]);
  });

  it('detects through indexes the same conflicts as checking every pair', () => {
    const apps = [
      { id: 'A1', organisation: 'Hope Foundation', email: 'a@hope.org' },
      { id: 'A2', organisation: null, email: 'b@naver.com' },
      { id: 'A3', organisation: '서울시', email: 'c@seoul.go.kr' },
    ];
    const reviewers = [reviewer('R1', 'x@hope.org'), reviewer('R2', 'y@naver.com', null, ['A2']), reviewer('R3', 'z@gmail.com', '서울 시'), reviewer('R4', 'w@other.kr', 'Other')];
    const index = detectConflicts(apps, reviewers);
    const brute = apps.flatMap((a) => reviewers.map((r) => ({ applicationId: a.id, reviewerId: r.id, reasons: conflictReasons(a, r) }))).filter((c) => c.reasons.length > 0);
    expect(listConflicts(index)).toEqual(brute);
    expect(brute.map((c) => `${c.applicationId}-${c.reviewerId}`)).toEqual(['A1-R1', 'A2-R2', 'A3-R3']);
  });
});
